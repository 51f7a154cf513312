package io.provwatch.benchmarks;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.formats.LanguageDetector;
import io.provwatch.ingest.formats.PostFormat;
import io.provwatch.ingest.formats.PostFormats;
import io.provwatch.ingest.formats.PostNormaliser;
import io.provwatch.platform.config.ProvwatchConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse and normalise ({@code PostFormat.parse}: bytes to normalised {@code Post}s) for each format
 * adapter, over hand-written, realistic payloads in {@code /payloads/}. Every invocation parses
 * {@value #POSTS} posts (5 lines of a line format, or one page or document of 5 items), so that
 * scores are posts/s; the setup checks that each invocation gives exactly that many posts.
 *
 * <p>Some posts in each payload declare their language and some do not, as in real streams
 * (Pushshift declares none); {@code detector} says how the others get a guess: {@code none},
 * {@code trigrams} (ingest's default: script rules and trigram scoring over the default candidates),
 * {@code lingua-all} (Lingua with all 75 languages, ingest's detector before the trigram engine) or
 * {@code lingua-candidates} (Lingua over the default candidates).
 */
@State(Scope.Thread)
public class IngestAdapterBenchmark extends PerPostBenchmark {
  static final int POSTS = 5;

  /** Each format's payload file and options. */
  private static final Map<String, Payload> PAYLOADS = Map.of(
      "mastodon", new Payload("mastodon-timeline.json", Map.of("instance", "social.example")),
      "bluesky-jetstream", new Payload("bluesky-jetstream.jsonl", Map.of()),
      "reddit-pushshift", new Payload("reddit-pushshift.jsonl", Map.of()),
      "x-api-v2", new Payload("x-api-v2.jsonl", Map.of()),
      "feed", new Payload("rss.xml", Map.of()),
      "json-feed", new Payload("feed.json", Map.of()),
      "csv", new Payload("posts.csv", Map.of("columns", "platform=x,id=post_id,author.id=account,author.handle=handle,"
          + "createdAt=created,text=body,hashtags=tags,urls=links,replyTo=reply_to,language=lang")));

  private record Payload(String resource, Map<String, String> options) {}

  private static LanguageDetector languageDetector(String name) {
    List<String> candidates = List.of(ProvwatchConfig.DEFAULT_LANGUAGE_CANDIDATES.split(","));
    return switch (name) {
      case "none" -> LanguageDetector.none();
      case "trigrams" -> LanguageDetector.of(LanguageDetector.Engine.TRIGRAMS, candidates);
      case "lingua-all" -> LanguageDetector.of(LanguageDetector.Engine.LINGUA, List.of());
      case "lingua-candidates" -> LanguageDetector.of(LanguageDetector.Engine.LINGUA, candidates);
      default -> throw new IllegalArgumentException("unknown detector " + name);
    };
  }

  @Param({"mastodon", "bluesky-jetstream", "reddit-pushshift", "x-api-v2", "feed", "json-feed", "csv"})
  public String format;

  @Param({"none", "trigrams", "lingua-all", "lingua-candidates"})
  public String detector;

  private PostFormat adapter;
  private SourcePosition position;
  /** What one invocation parses: payloads holding {@value #POSTS} posts together. */
  private List<List<byte[]>> invocations;
  private int next;

  @Setup
  public void setUp() throws IOException {
    Payload payload = PAYLOADS.get(format);
    adapter = PostFormats.create(format, payload.options(), new PostNormaliser(Clock.systemUTC(), languageDetector(detector).preload()));
    position = SourcePosition.newBuilder().setConnector("jmh").setPosition(payload.resource()).build();
    byte[] all;
    try (InputStream in = IngestAdapterBenchmark.class.getResourceAsStream("/payloads/" + payload.resource())) {
      if (in == null) {
        throw new IllegalStateException("the payload /payloads/" + payload.resource() + " is not on the classpath");
      }
      all = in.readAllBytes();
    }
    List<byte[]> payloads = adapter.framing() == PostFormat.Framing.JSON_LINES
        ? new String(all, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).map(l -> l.getBytes(StandardCharsets.UTF_8)).toList()
        : List.of(all);
    invocations = new ArrayList<>();
    List<byte[]> group = new ArrayList<>();
    int posts = 0;
    for (byte[] p : payloads) {
      List<ParseResult> results = adapter.parse(p, position);
      if (!results.stream().allMatch(ParseResult.Parsed.class::isInstance)) {
        throw new IllegalStateException(payload.resource() + ": every item must be a post, got " + results);
      }
      group.add(p);
      posts += results.size();
      if (posts == POSTS) {
        invocations.add(group);
        group = new ArrayList<>();
        posts = 0;
      } else if (posts > POSTS) {
        throw new IllegalStateException(payload.resource() + ": payloads must add up to groups of " + POSTS + " posts");
      }
    }
    if (posts != 0 || invocations.isEmpty()) {
      throw new IllegalStateException(payload.resource() + ": payloads must add up to groups of " + POSTS + " posts");
    }
  }

  @Benchmark
  @OperationsPerInvocation(POSTS)
  public void parse(Blackhole blackhole) {
    next = next + 1 == invocations.size() ? 0 : next + 1;
    for (byte[] payload : invocations.get(next)) {
      blackhole.consume(adapter.parse(payload, position));
    }
  }
}
