package io.provwatch.benchmarks;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.CanonicalPostParser;
import io.provwatch.ingest.ParseResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Canonical JSON to Post (parse and validate), over the 200 lines of the bundled sample stream. */
@State(Scope.Thread)
public class CanonicalParseBenchmark extends PerPostBenchmark {
  private List<String> lines;
  private CanonicalPostParser parser;
  private SourcePosition position;
  private int next;

  @Setup
  public void setUp() throws IOException {
    try (InputStream in = CanonicalParseBenchmark.class.getResourceAsStream("/sample/posts.jsonl")) {
      if (in == null) {
        throw new IllegalStateException("the bundled sample /sample/posts.jsonl is not on the classpath");
      }
      lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().filter(l -> !l.isBlank()).toList();
    }
    parser = new CanonicalPostParser(Clock.systemUTC());
    position = SourcePosition.newBuilder().setConnector("jmh").setPosition("0").build();
  }

  @Benchmark
  public ParseResult parse() {
    next = next + 1 == lines.size() ? 0 : next + 1;
    return parser.parse(lines.get(next), position);
  }
}
