package io.provwatch.scoring.scorers;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Author;
import io.provwatch.avro.FirstSeen;
import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.SignalResult;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ScorersTest {
  static final Instant T = Instant.parse("2026-11-20T10:00:00Z");

  static Post.Builder post(String id, String author) {
    return Post.newBuilder().setId(id).setPlatform("x").setAuthor(Author.newBuilder().setId(author).build())
        .setCreatedAt(T).setObservedAt(T).setText("some text")
        .setSource(SourcePosition.newBuilder().setConnector("t").setPosition("1").build());
  }

  static FirstSeen first(String id, String author) {
    return FirstSeen.newBuilder().setPostId(id).setAuthorId(author).setCreatedAt(T.minusSeconds(600)).build();
  }

  @Nested
  class UnattributedCopy {
    private final UnattributedCopyScorer scorer = new UnattributedCopyScorer();

    @Test
    void aCopyOfAnotherAuthorsEarlierPostScoresOneWithTheOriginalAsEvidence() {
      SignalResult r = scorer.score(new PostContext(post("x:2", "bob").build(), Optional.empty(), Optional.of(first("x:1", "alice"))));
      assertThat(r.score()).isEqualTo(1.0);
      assertThat(r.reasons()).singleElement().asString().contains("x:1").contains("alice");
      assertThat(r.evidence()).containsEntry("originalPostId", "x:1");
    }

    @Test
    void ownTextsAndLinkedPostsAreNoCopies() {
      assertThat(scorer.score(new PostContext(post("x:2", "alice").build(), Optional.empty(), Optional.of(first("x:1", "alice")))).score()).isZero();
      assertThat(scorer.score(new PostContext(post("x:2", "bob").setQuoteOf("x:1").build(), Optional.empty(), Optional.of(first("x:1", "alice")))).score()).isZero();
      assertThat(scorer.score(new PostContext(post("x:2", "bob").setReplyTo("x:1").build(), Optional.empty(), Optional.of(first("x:1", "alice")))).score()).isZero();
      assertThat(scorer.score(PostContext.alone(post("x:2", "bob").build())).score()).isZero();
    }
  }

  @Nested
  class UnseenOriginal {
    private final UnseenOriginalScorer scorer = new UnseenOriginalScorer();

    @Test
    void onlyAnUnseenReferenceScores() {
      Post repost = post("x:2", "bob").setRepostOf("x:1").build();
      assertThat(scorer.score(new PostContext(repost, Optional.of(false), Optional.empty())).evidence())
          .containsEntry("referencedPostId", "x:1").containsEntry("referenceKind", "repost");
      assertThat(scorer.score(new PostContext(repost, Optional.of(true), Optional.empty())).score()).isZero();
      assertThat(scorer.score(PostContext.alone(post("x:3", "bob").build())).score()).isZero();
    }
  }

  @Nested
  class MissingMediaDigest {
    private final MissingMediaDigestScorer scorer = new MissingMediaDigestScorer();

    private SignalResult score(List<Media> media) {
      return scorer.score(PostContext.alone(post("x:5", "carol").setMedia(media).build()));
    }

    private Media media(String url, String sha) {
      return Media.newBuilder().setUrl(url).setSha256(sha).build();
    }

    @Test
    void growsWithTheShareOfMediaWithoutDigest() {
      String sha = "a".repeat(64);
      assertThat(score(List.of()).score()).isZero();
      assertThat(score(List.of(media("u1", sha))).score()).isZero();
      assertThat(score(List.of(media("u1", sha), media("u2", null))).score()).isEqualTo(0.75);
      SignalResult all = score(List.of(media("u1", null), media("u2", null)));
      assertThat(all.score()).isEqualTo(1.0);
      assertThat(all.evidence()).containsEntry("mediaWithoutDigest", "u1 u2");
    }
  }
}
