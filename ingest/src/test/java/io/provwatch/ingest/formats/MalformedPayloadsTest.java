package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static io.provwatch.ingest.formats.FormatFixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and broken payloads against every adapter: none may throw, and none may fail as an
 * {@code ADAPTER_FAILURE} (which would mean an unchecked exception caught by the guard, i.e. a bug).
 */
class MalformedPayloadsTest {
  static Stream<PostFormat> formats() {
    return Stream.of(new MastodonStatusFormat("social.example", NORMALISER), new BlueskyJetstreamFormat(NORMALISER),
        new RedditPushshiftFormat(NORMALISER), new XApiV2Format(NORMALISER), new FeedFormat(NORMALISER), new JsonFeedFormat(NORMALISER),
        new CsvFormat(CsvColumns.parse("platform=x,id=id,author.id=a,createdAt=t,text=text"), NORMALISER));
  }

  private static List<byte[]> payloads() {
    List<String> texts = new ArrayList<>(List.of(
        "", " ", "null", "true", "0", "\"text\"", "[]", "{}", "[null]", "[[[]]]", "{\"data\":null}",
        "{\"id\":null,\"account\":null,\"content\":null,\"created_at\":null}",
        "{\"id\":{},\"account\":{\"id\":{}},\"content\":[],\"created_at\":1}",
        "{\"id\":\"1\",\"account\":{\"id\":\"2\"},\"content\":\"x\",\"created_at\":\"+999999999-12-31T23:59:59Z\"}",
        "{\"kind\":\"commit\",\"did\":\"did:plc:x\",\"time_us\":9223372036854775807,\"commit\":{\"operation\":\"update\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"r\",\"record\":{\"createdAt\":\"2026-01-01T00:00:00Z\"}}}",
        "{\"kind\":\"commit\",\"did\":\"did:plc:x\",\"time_us\":253402300799999999,\"commit\":{\"operation\":\"update\",\"collection\":\"app.bsky.feed.post\",\"rkey\":\"r\",\"record\":{\"createdAt\":\"2026-01-01T00:00:00Z\"}}}",
        "{\"kind\":\"commit\",\"did\":\"did:plc:x\",\"time_us\":\"soon\",\"commit\":[]}",
        "{\"title\":\"t\",\"author\":\"a\",\"id\":\"abc\",\"created_utc\":1e308}",
        "{\"body\":\"b\",\"author\":\"a\",\"id\":\"abc\",\"created_utc\":\"NaN\",\"parent_id\":\"t1_x\"}",
        "{\"data\":[{\"id\":\"1\",\"text\":\"t\",\"author_id\":\"2\",\"created_at\":\"2026-01-01T00:00:00Z\",\"entities\":{\"urls\":[null,{\"url\":5}]},\"attachments\":{\"media_keys\":[{}]}}],\"includes\":{\"users\":[1],\"media\":\"m\"}}",
        "{\"version\":\"https://jsonfeed.org/version/1\",\"home_page_url\":\"h\",\"items\":[{\"id\":\"1\",\"date_published\":\"2026-01-01T00:00:00Z\",\"attachments\":[null],\"tags\":[1,{}]}]}",
        "{\"event\":\"update\",\"payload\":\"[]\"}", "{\"event\":\"delete\",\"payload\":{}}", "{\"event\":7}",
        "event: update\ndata: {\"id\":\"1\"\n\n", "<rss><channel><item><title>x", "<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><entry/></feed>",
        "id,a,t,text\n\"1,2\n", "id,a,t,text\n1,2,3,4,5,6\n", "a\u0000b", "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}",
        "[" + "{\"a\":".repeat(300) + "1" + "}".repeat(300) + "]"));
    List<byte[]> payloads = new ArrayList<>();
    texts.forEach(t -> payloads.add(t.getBytes(StandardCharsets.UTF_8)));
    payloads.add(new byte[] {(byte) 0xff, (byte) 0xfe, 0x00, (byte) 0xc3, 0x28});
    payloads.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'});
    return payloads;
  }

  @ParameterizedTest
  @MethodSource("formats")
  void nothingEscapesAndNothingIsAnAdapterFailure(PostFormat format) {
    for (byte[] payload : payloads()) {
      String shown = new String(payload, StandardCharsets.UTF_8);
      List<ParseResult> results = format.parse(payload, at("hostile"));
      assertThat(results).as("%s on %s", format.name(), shown.length() > 60 ? shown.substring(0, 60) : shown).allSatisfy(result -> {
        if (result instanceof ParseResult.Rejected rejected) {
          assertThat(rejected.rejection().code()).as(rejected.rejection().message()).isNotEqualTo(Code.ADAPTER_FAILURE);
          assertThat(rejected.rejection().message()).isNotBlank();
        }
      });
    }
  }
}
