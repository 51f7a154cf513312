package io.provwatch.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TextNormaliserTest {
  @Test
  void composesToNfc() {
    assertThat(TextNormaliser.normalise("Cafe\u0301").text()).isEqualTo("Caf\u00e9");
  }

  @Test
  void invisibleCharactersAreRemovedAndCountedByKind() {
    TextNormaliser.Result result = TextNormaliser.normalise("\u202Ehe\u200Bllo\u200B w\u2060orld\u200E\u00AD\uFEFF\u202C");
    assertThat(result.text()).isEqualTo("hello world");
    assertThat(result.anomalies()).isEqualTo(Map.of("zeroWidth", 4, "bidiControl", 3, "otherInvisible", 1));
  }

  @Test
  void hiddenTagTextIsCountedButASubdivisionFlagStays() {
    String hidden = "hi" + "\uDB40\uDC41\uDB40\uDC42"; // U+E0041 U+E0042: ASCII smuggled as tag characters
    assertThat(TextNormaliser.normalise(hidden).anomalies()).isEqualTo(Map.of("tag", 2));
    assertThat(TextNormaliser.normalise(hidden).text()).isEqualTo("hi");
    String scotland = "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F";
    assertThat(TextNormaliser.normalise("go " + scotland).text()).isEqualTo("go " + scotland);
    assertThat(TextNormaliser.normalise("go " + scotland).anomalies()).isEmpty();
  }

  @Test
  void joinersThatDoVisibleWorkStay() {
    String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB"; // woman + ZWJ + laptop
    assertThat(TextNormaliser.normalise(technologist).text()).isEqualTo(technologist);
    String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645"; // mi-khaham with ZWNJ
    assertThat(TextNormaliser.normalise(persian).anomalies()).isEmpty();
    assertThat(TextNormaliser.normalise("a\u200Db").anomalies()).as("between Latin letters a joiner only hides").isEqualTo(Map.of("zeroWidth", 1));
  }

  @Test
  void controlCharactersGoButLineBreaksAndTabsStay() {
    TextNormaliser.Result result = TextNormaliser.normalise("a\r\nb\tc\u0007\u0085");
    assertThat(result.text()).isEqualTo("a\nb\tc");
    assertThat(result.anomalies()).isEqualTo(Map.of("control", 2));
  }

  @Test
  void emptyAndNullAreEmpty() {
    assertThat(TextNormaliser.normalise(null).text()).isEmpty();
    assertThat(TextNormaliser.normalise("  ").anomalies()).isEmpty();
  }
}
