package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.CanonicalPostParser;
import io.provwatch.ingest.ParseResult;
import io.provwatch.scoring.similarity.TextFingerprint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bundled sample stream (the demo's input) parses with the ingest parser and contains the cases
 * its README promises, counted with the scoring stage's own text fingerprint.
 */
class SamplePostsTest {
  private static final Instant DAY_START = Instant.parse("2026-11-20T00:00:00Z");
  private static final Instant DAY_END = Instant.parse("2026-11-21T00:00:00Z");
  private static List<Post> posts;

  @BeforeAll
  static void parseSample() throws IOException {
    CanonicalPostParser parser = new CanonicalPostParser(Clock.fixed(DAY_END, ZoneOffset.UTC));
    posts = new ArrayList<>();
    try (InputStream in = SamplePostsTest.class.getResourceAsStream(DemoCommand.SAMPLE)) {
      assertThat(in).as("sample resource %s", DemoCommand.SAMPLE).isNotNull();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int number = 0;
      while ((line = reader.readLine()) != null) {
        number++;
        ParseResult result = parser.parse(line, new SourcePosition("sample", "line " + number));
        assertThat(result).as("line %d", number).isInstanceOf(ParseResult.Parsed.class);
        posts.add(((ParseResult.Parsed) result).post());
      }
    }
  }

  @Test
  void twoHundredPostsWithUniqueIdsInTimeOrderOnOneDay() {
    assertThat(posts).hasSize(203);
    assertThat(posts.stream().map(Post::getId).distinct()).hasSize(posts.size());
    assertThat(posts).extracting(Post::getCreatedAt).isSorted()
        .allSatisfy(t -> assertThat(t).isBetween(DAY_START, DAY_END));
    assertThat(posts).extracting(Post::getPlatform).containsOnly("mastodon", "bluesky", "reddit", "x", "rss");
  }

  @Test
  void repliesPointBackWhileSixRepostsAndQuotesPointAtOriginalsOutsideTheStream() {
    Map<String, Integer> index = new HashMap<>();
    Set<String> unseen = new HashSet<>();
    for (int i = 0; i < posts.size(); i++) {
      Post post = posts.get(i);
      assertThat(references(post)).allSatisfy(ref -> assertThat(ref).startsWith(post.getPlatform() + ":"));
      if (post.getReplyTo() != null) {
        assertThat(index).as("reply %s", post.getId()).containsKey(post.getReplyTo());
      }
      Stream.of(post.getRepostOf(), post.getQuoteOf()).filter(Objects::nonNull)
          .filter(ref -> !index.containsKey(ref)).forEach(unseen::add);
      index.put(post.getId(), i);
    }
    assertThat(unseen).hasSize(6).noneMatch(index::containsKey);
    assertThat(posts.stream().filter(p -> p.getRepostOf() != null && index.containsKey(p.getRepostOf()))).hasSize(15);
    assertThat(posts.stream().filter(p -> p.getQuoteOf() != null && index.containsKey(p.getQuoteOf()))).hasSize(8);
  }

  @Test
  void twelveUnattributedCopiesIncludingABurstOfFiveNewAccounts() {
    Map<String, Post> firstByFingerprint = new HashMap<>();
    List<Post[]> copies = new ArrayList<>();
    for (Post post : posts) {
      var fingerprint = TextFingerprint.of(post.getText());
      if (fingerprint.isEmpty()) {
        continue;
      }
      Post original = firstByFingerprint.putIfAbsent(fingerprint.get(), post);
      if (original != null && !original.getAuthor().getId().equals(post.getAuthor().getId())
          && !references(post).contains(original.getId())) {
        copies.add(new Post[] {post, original});
      }
    }
    assertThat(copies).hasSize(12);

    List<Post[]> fromNewAccounts = copies.stream().filter(c -> isNewAccount(c[0])).toList();
    assertThat(fromNewAccounts).hasSize(5);
    assertThat(fromNewAccounts.stream().map(c -> c[1].getId()).distinct()).hasSize(1);
    assertThat(fromNewAccounts.stream().map(c -> c[0].getAuthor().getId()).distinct()).hasSize(5);
    Instant first = fromNewAccounts.get(0)[0].getCreatedAt();
    Instant last = fromNewAccounts.get(fromNewAccounts.size() - 1)[0].getCreatedAt();
    assertThat(Duration.between(first, last)).isLessThan(Duration.ofMinutes(15));
  }

  @Test
  void mediaWithAndWithoutDigests() {
    List<Post> withMedia = posts.stream().filter(p -> !p.getMedia().isEmpty()).toList();
    assertThat(withMedia).hasSize(21);
    assertThat(withMedia.stream().filter(p -> p.getMedia().stream().map(Media::getSha256).anyMatch(Objects::isNull)))
        .hasSize(11);
  }

  private static List<String> references(Post post) {
    return Stream.of(post.getReplyTo(), post.getRepostOf(), post.getQuoteOf()).filter(Objects::nonNull).toList();
  }

  private static boolean isNewAccount(Post post) {
    Instant created = post.getAuthor().getCreatedAt();
    return created != null && Duration.between(created, post.getCreatedAt()).compareTo(Duration.ofDays(7)) < 0;
  }
}
