package io.provwatch.benchmarks;

import io.provwatch.app.bench.SyntheticPosts;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.FirstSeen;
import io.provwatch.avro.InputRef;
import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import io.provwatch.scoring.PostAssessor;
import io.provwatch.scoring.similarity.TextFingerprint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-post work of the scoring topology outside Kafka: the copy fingerprint and the assessment
 * (all scorers, the AI-text detector included, plus the risk combination), over a mix of synthetic posts like the end-to-end bench's.
 */
@State(Scope.Thread)
public class ScoringBenchmark extends PerPostBenchmark {
  private static final int MIX = 1024;

  private final List<PostInContext> inputs = new ArrayList<>();
  private PostAssessor assessor;
  private int next;

  @Setup
  public void setUp() {
    assessor = PostAssessor.defaults("jmh");
    SyntheticPosts generator = new SyntheticPosts(42, "jmh");
    Instant t = Instant.parse("2026-11-25T10:00:00Z");
    for (int i = 0; i < MIX; i++) {
      Post post = generator.next(t.plusMillis(i));
      boolean copy = i % 10 == 0;
      inputs.add(PostInContext.newBuilder()
          .setPost(post)
          .setInput(InputRef.newBuilder().setTopic("posts").setPartition(0).setOffset(i).build())
          .setInputTimestamp(t.plusMillis(i))
          .setReferenceSeen(post.getRepostOf() == null ? null : i % 3 != 0)
          .setEarlierCopy(copy ? FirstSeen.newBuilder().setPostId("bench:orig-" + i).setAuthorId("someone-else")
              .setCreatedAt(t).build() : null)
          .build());
    }
  }

  @Benchmark
  public Optional<String> fingerprint() {
    return TextFingerprint.of(inputs.get(next++ & (MIX - 1)).getPost().getText());
  }

  @Benchmark
  public Assessment assess() {
    return assessor.assess(inputs.get(next++ & (MIX - 1)));
  }
}
