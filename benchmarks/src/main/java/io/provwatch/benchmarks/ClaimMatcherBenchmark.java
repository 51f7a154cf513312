package io.provwatch.benchmarks;

import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import io.provwatch.scoring.claims.ClaimMatcher;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The claim-lookup step's matcher ({@link ClaimMatcher} with the shipped model) against a collection
 * of {@link #claims} fact-checked claims: BM25 retrieval from the in-memory Lucene index, features
 * and re-ranker for every candidate, the decision. Claims and posts are synthetic but shaped like the
 * CheckThat! data: claims of 10-25 words and a title drawn from a Zipf-distributed vocabulary of
 * 20,000 words; half the posts repeat a claim in other words (words dropped and added, a hashtag, a
 * link, an emoji), half repeat none. The setup prints the heap the index holds. One thread: posts/s per core.
 */
@State(Scope.Benchmark)
public class ClaimMatcherBenchmark extends PerPostBenchmark {
  private static final int VOCABULARY = 20_000;
  private static final int MIX = 1024;

  @Param("20000")
  public int claims;

  private final List<String> posts = new ArrayList<>();
  private ClaimMatcher matcher;
  private String[] words;
  private double[] cumulative;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(42);
    words = new String[VOCABULARY];
    for (int i = 0; i < VOCABULARY; i++) {
      StringBuilder w = new StringBuilder();
      int length = 3 + random.nextInt(7);
      for (int c = 0; c < length; c++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      words[i] = w.toString();
    }
    cumulative = new double[VOCABULARY];
    double sum = 0;
    for (int i = 0; i < VOCABULARY; i++) {
      sum += 1.0 / (i + 1);
      cumulative[i] = sum;
    }
    for (int i = 0; i < VOCABULARY; i++) {
      cumulative[i] /= sum;
    }
    long before = usedHeap();
    matcher = ClaimMatcher.withDefaultModel();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < claims; i++) {
      String text = sentence(random, 10 + random.nextInt(16));
      texts.add(text);
      matcher.put("bench:" + i, FactCheck.newBuilder().setId("bench:" + i).setClaim(text).setTitle(sentence(random, 5 + random.nextInt(6)))
          .setVerdict(ClaimVerdict.FALSE).setRating("False").setDate(Instant.parse("2021-01-01T00:00:00Z").plusSeconds(86_400L * random.nextInt(700)))
          .setSource("bench").build());
    }
    matcher.candidates("warm the searcher", null);
    long after = usedHeap();
    System.err.printf(Locale.ROOT, "%nclaim index: %,d claims, Lucene files %,.1f MB, heap held by the matcher about %,.1f MB%n", claims,
        matcher.indexBytes() / 1e6, (after - before) / 1e6);
    for (int i = 0; i < MIX; i++) {
      if (i % 2 == 0) {
        String[] claim = texts.get(random.nextInt(texts.size())).split(" ");
        StringBuilder post = new StringBuilder("wow ");
        for (String w : claim) {
          if (random.nextInt(5) > 0) {
            post.append(w).append(' ');
          }
        }
        post.append("#").append(words[random.nextInt(500)]).append(" https://t.co/abc 😱");
        posts.add(post.toString());
      } else {
        posts.add(sentence(random, 8 + random.nextInt(30)));
      }
    }
  }

  private String sentence(Random random, int length) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      int at = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
      s.append(words[Math.min(VOCABULARY - 1, at < 0 ? -at - 1 : at)]).append(' ');
    }
    return s.toString().strip();
  }

  private static long usedHeap() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    matcher.close();
  }

  /** What the claim-lookup step does per post. */
  @Benchmark
  public List<ClaimMatch> match() {
    return matcher.match(posts.get(next++ & (MIX - 1)), null, 3);
  }
}
