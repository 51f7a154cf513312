package io.provwatch.c2pa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JumbfTest {
  private static final byte[] STORE = TestAssets.store(
      TestAssets.superbox("c2ma", "urn:c2pa:one",
          TestAssets.superbox("c2as", "c2pa.assertions",
              TestAssets.cborAssertion("c2pa.actions.v2", java.util.Map.of("actions", List.of()))),
          TestAssets.superbox("c2cl", "c2pa.claim.v2", TestAssets.box("cbor", Cbor.encode(java.util.Map.of("alg", "sha256"))))));

  @Test
  void aStoreParsesIntoLabelledSuperboxesWithTheirContentBoxes() throws Exception {
    Jumbf.Box store = Jumbf.parseStore(STORE);
    Jumbf.Box manifest = store.child("urn:c2pa:one").orElseThrow();

    assertThat(store.typeName()).isEqualTo("c2pa");
    assertThat(manifest.typeName()).isEqualTo("c2ma");
    assertThat(manifest.children()).extracting(Jumbf.Box::label).containsExactly("c2pa.assertions", "c2pa.claim.v2");
    Jumbf.Box claim = manifest.child("c2pa.claim.v2").orElseThrow();
    assertThat(Cbor.read(claim.content("cbor").orElseThrow().payload()).get("alg").asText()).isEqualTo("sha256");
  }

  @Test
  void relativeAndAbsoluteUrisResolveToTheSameBox() throws Exception {
    Jumbf.Box store = Jumbf.parseStore(STORE);
    Jumbf.Box manifest = store.child("urn:c2pa:one").orElseThrow();

    Jumbf.Box relative = Jumbf.resolve(store, manifest, "self#jumbf=c2pa.assertions/c2pa.actions.v2").orElseThrow();
    Jumbf.Box absolute = Jumbf.resolve(store, manifest, "self#jumbf=/c2pa/urn:c2pa:one/c2pa.assertions/c2pa.actions.v2").orElseThrow();

    assertThat(relative).isSameAs(absolute);
    assertThat(relative.label()).isEqualTo("c2pa.actions.v2");
    assertThat(Jumbf.resolve(store, manifest, "self#jumbf=/c2pa/urn:c2pa:one")).contains(manifest);
    assertThat(Jumbf.resolve(store, manifest, "self#jumbf=c2pa.assertions/missing")).isEmpty();
    assertThat(Jumbf.resolve(store, manifest, "self#jumbf=/other/urn:c2pa:one")).isEmpty();
    assertThat(Jumbf.resolve(store, manifest, "https://example.com/x")).isEmpty();
  }

  @Test
  void anExtendedLengthBoxParses() throws Exception {
    byte[] payload = "hello".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream box = new ByteArrayOutputStream();
    box.writeBytes(TestAssets.u32(1));
    box.writeBytes("json".getBytes(StandardCharsets.US_ASCII));
    box.writeBytes(TestAssets.u32(0));
    box.writeBytes(TestAssets.u32(16 + payload.length));
    box.writeBytes(payload);
    byte[] bytes = box.toByteArray();

    List<Jumbf.Box> boxes = Jumbf.parse(bytes, 0, bytes.length);

    assertThat(boxes).hasSize(1);
    assertThat(boxes.get(0).headerLength()).isEqualTo(16);
    assertThat(new String(boxes.get(0).payload(), StandardCharsets.US_ASCII)).isEqualTo("hello");
  }

  @Test
  void malformedBoxesAreRefusedWithWhereAndWhy() {
    byte[] tooLong = TestAssets.box("cbor", new byte[4]);
    tooLong[3] = 40; // claims 40 bytes, has 12

    assertThatThrownBy(() -> Jumbf.parse(tooLong, 0, tooLong.length)).isInstanceOf(Jumbf.MalformedException.class)
        .hasMessageContaining("box 'cbor' at offset 0 has length 40");
    byte[] noDescription = TestAssets.box("jumb", TestAssets.box("cbor", new byte[2]));
    assertThatThrownBy(() -> Jumbf.parse(noDescription, 0, noDescription.length)).isInstanceOf(Jumbf.MalformedException.class)
        .hasMessageContaining("does not open with a jumd description box");
    byte[] deep = TestAssets.superbox("cbor", "leaf");
    for (int i = 0; i < 40; i++) {
      deep = TestAssets.superbox("cbor", "level" + i, deep);
    }
    byte[] nested = deep;
    assertThatThrownBy(() -> Jumbf.parse(nested, 0, nested.length)).hasMessageContaining("nested deeper than 32 levels");
    assertThatThrownBy(() -> Jumbf.parseStore(TestAssets.superbox("c2ma", "not a store")))
        .hasMessageContaining("type c2ma, not c2pa");
  }
}
