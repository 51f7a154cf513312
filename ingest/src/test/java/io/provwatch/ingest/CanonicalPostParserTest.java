package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.formats.CreatedAtBounds;
import io.provwatch.platform.config.ProvwatchConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalPostParserTest {
  static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
  private final CanonicalPostParser parser = new CanonicalPostParser(Clock.fixed(NOW, ZoneOffset.UTC));
  private final SourcePosition source = SourcePosition.newBuilder().setConnector("test").setPosition("t:1").build();

  static final String FULL = """
      {"id":"mastodon:113456789012345678","platform":"mastodon",
       "author":{"id":"109001","handle":"alice@mastodon.social","displayName":"Alice","createdAt":"2019-04-02T10:00:00Z"},
       "createdAt":"2026-11-20T09:15:00Z","text":"Cafe\\u0301 opens at 8 #Coffee","language":"en",
       "urls":["https://example.org/a"],"hashtags":["#Coffee","Morning"],"mentions":["bob@fosstodon.org"],
       "media":[{"url":"https://files.example/x.jpg","mimeType":"image/jpeg","sha256":"AB8F6E0C1D2E3F405162738495A6B7C8D9E0F1A2B3C4D5E6F708192A3B4C5D6E"}],
       "replyTo":null,"quoteOf":"mastodon:113456789000000001"}
      """;

  private Post parsed(String json) {
    ParseResult result = parser.parse(json, source);
    assertThat(result).isInstanceOf(ParseResult.Parsed.class);
    return ((ParseResult.Parsed) result).post();
  }

  private PostRejection rejected(String json) {
    ParseResult result = parser.parse(json, source);
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    return ((ParseResult.Rejected) result).rejection();
  }

  @Test
  void aCreatedAtOutsideTheConfiguredWindowIsRejectedNamingTheBound() {
    ProvwatchConfig config = new ProvwatchConfig(Map.of(ProvwatchConfig.INGEST_MAX_AGE_MS, Duration.ofDays(2).toMillis(),
        ProvwatchConfig.INGEST_MAX_SKEW_MS, Duration.ofMinutes(5).toMillis()));
    CanonicalPostParser bounded = new CanonicalPostParser(Clock.fixed(NOW, ZoneOffset.UTC), CreatedAtBounds.fromConfig(config));
    String backdated = FULL.replace("2026-11-20T09:15:00Z", "1970-01-01T00:00:00Z");
    ParseResult old = bounded.parse(backdated, source);
    assertThat(old).isInstanceOf(ParseResult.Rejected.class);
    assertThat(((ParseResult.Rejected) old).rejection().code()).isEqualTo(Code.CREATED_AT_OUT_OF_RANGE);
    assertThat(((ParseResult.Rejected) old).rejection().message()).contains("older than ingest.max.age.ms=172800000");
    ParseResult future = bounded.parse(FULL.replace("2026-11-20T09:15:00Z", "2026-11-20T12:06:00Z"), source);
    assertThat(((ParseResult.Rejected) future).rejection().message()).contains("ahead of this server's clock");
    assertThat(bounded.parse(FULL.replace("2026-11-20T09:15:00Z", "2026-11-20T12:04:00Z"), source)).isInstanceOf(ParseResult.Parsed.class);
    assertThat(bounded.parse(FULL, source)).isInstanceOf(ParseResult.Parsed.class);
    // a back-fill widens the age bound explicitly; the unbounded parser (file imports) takes any age
    assertThat(new CanonicalPostParser(Clock.fixed(NOW, ZoneOffset.UTC), CreatedAtBounds.fromConfig(config).withoutMaxAge())
        .parse(backdated, source)).isInstanceOf(ParseResult.Parsed.class);
    assertThat(parsed(backdated).getCreatedAt()).isEqualTo(Instant.EPOCH);
  }

  @Test
  void aFullPostMapsEveryField() {
    Post post = parsed(FULL);
    assertThat(post.getId()).isEqualTo("mastodon:113456789012345678");
    assertThat(post.getAuthor().getHandle()).isEqualTo("alice@mastodon.social");
    assertThat(post.getAuthor().getCreatedAt()).isEqualTo(Instant.parse("2019-04-02T10:00:00Z"));
    assertThat(post.getCreatedAt()).isEqualTo(Instant.parse("2026-11-20T09:15:00Z"));
    assertThat(post.getObservedAt()).as("filled in at ingest").isEqualTo(NOW);
    assertThat(post.getText()).as("NFC").isEqualTo("Caf\u00e9 opens at 8 #Coffee");
    assertThat(post.getHashtags()).containsExactly("coffee", "morning");
    assertThat(post.getMedia().get(0).getSha256()).as("lower-case hex").startsWith("ab8f6e0c");
    assertThat(post.getQuoteOf()).isEqualTo("mastodon:113456789000000001");
    assertThat(post.getReplyTo()).isNull();
    assertThat(post.getSource()).isEqualTo(source);
  }

  @Test
  void epochMillisAndNumericIdsAreAccepted() {
    Post post = parsed("{\"id\":\"x:1790000000000000001\",\"platform\":\"x\",\"author\":{\"id\":12345},\"createdAt\":1763630100000,\"text\":\"hi\"}");
    assertThat(post.getAuthor().getId()).isEqualTo("12345");
    assertThat(post.getCreatedAt()).isEqualTo(Instant.ofEpochMilli(1763630100000L));
  }

  @Test
  void textAndLinksAreNormalisedLikeThePlatformAdaptersDo() {
    Post post = parsed("{\"id\":\"x:7\",\"platform\":\"x\",\"author\":{\"id\":\"1\"},\"createdAt\":1,"
        + "\"text\":\"Cafe\\u0301 vote\\u200B rigged\\u202E\","
        + "\"urls\":[\"https://News.Example/a?utm_source=x&id=3\",\"https://news.example/a?id=3\"]}");
    assertThat(post.getText()).isEqualTo("Caf\u00e9 vote rigged");
    assertThat(post.getTextAnomalies()).containsEntry("zeroWidth", 1).containsEntry("bidiControl", 1);
    assertThat(post.getUrls()).as("tracking dropped, host lower-cased, duplicates merged").containsExactly("https://news.example/a?id=3");
    assertThat(post.getOriginalUrls()).containsExactly("https://News.Example/a?utm_source=x&id=3");
  }

  @Test
  void malformedJsonSaysWhere() {
    PostRejection r = rejected("{\"id\": \"x:1\", ");
    assertThat(r.code()).isEqualTo(Code.MALFORMED_JSON);
    assertThat(r.message()).contains("line 1");
  }

  @Test
  void eachRequiredFieldIsNamedWhenMissing() {
    assertThat(rejected("{\"platform\":\"x\",\"author\":{\"id\":\"1\"},\"createdAt\":1}")).satisfies(r -> {
      assertThat(r.code()).isEqualTo(Code.MISSING_FIELD);
      assertThat(r.message()).contains("'id'");
    });
    assertThat(rejected("{\"id\":\"x:1\",\"platform\":\"x\",\"author\":{},\"createdAt\":1}").message()).contains("'author.id'");
    assertThat(rejected("{\"id\":\"x:1\",\"platform\":\"x\",\"author\":{\"id\":\"1\"}}").message()).contains("'createdAt'");
  }

  @Test
  void badValuesAreNamedWithTheValue() {
    assertThat(rejected("[1,2]").code()).isEqualTo(Code.NOT_AN_OBJECT);
    PostRejection mismatch = rejected("{\"id\":\"reddit:t3_1\",\"platform\":\"x\",\"author\":{\"id\":\"1\"},\"createdAt\":1}");
    assertThat(mismatch.code()).isEqualTo(Code.ID_PLATFORM_MISMATCH);
    assertThat(mismatch.message()).contains("reddit:t3_1");
    PostRejection time = rejected("{\"id\":\"x:1\",\"platform\":\"x\",\"author\":{\"id\":\"1\"},\"createdAt\":\"yesterday\"}");
    assertThat(time.code()).isEqualTo(Code.INVALID_FIELD);
    assertThat(time.message()).contains("'createdAt'").contains("yesterday");
    PostRejection sha = rejected("{\"id\":\"x:1\",\"platform\":\"x\",\"author\":{\"id\":\"1\"},\"createdAt\":1,\"media\":[{\"url\":\"u\",\"sha256\":\"zz\"}]}");
    assertThat(sha.message()).contains("media[0].sha256");
    assertThat(rejected("{\"id\":\"x:1\",\"platform\":\"x\",\"author\":{\"id\":\"1\"},\"createdAt\":1,\"urls\":[3]}").message()).contains("urls[0]");
  }
}
