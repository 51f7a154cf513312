package io.provwatch.app.claims;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.app.reference.CheckThatImporter;
import io.provwatch.app.reference.ImportedRow;
import io.provwatch.avro.FactCheck;
import io.provwatch.scoring.claims.PostText;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One folder of a claim-retrieval benchmark in the CLEF CheckThat! layout (see
 * {@code ../shared/data/misinfo/claim-retrieval/README.md}): {@code vclaims.jsonl} (the collection),
 * {@code queries-<split>.jsonl} ({@code id}, {@code text}, optional {@code date}, and for debate
 * sentences {@code transcript} and {@code line}) and {@code qrels-<split>.tsv} ({@code query_id TAB claim_id}).
 */
public final class ClaimBenchmark {
  public static final String CLAIMS = "vclaims.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An input claim: a post, or a debate sentence with the sentences before it when asked for.
   *
   * @param author who wrote or said it: a debate sentence's speaker, the name and handle in an embedded tweet's signature; or null
   */
  public record Query(String id, String text, String author, Instant date) {}

  private ClaimBenchmark() {}

  public static Path queriesFile(Path dir, String split) {
    return dir.resolve("queries-" + split + ".jsonl");
  }

  public static Path qrelsFile(Path dir, String split) {
    return dir.resolve("qrels-" + split + ".tsv");
  }

  /** The files the benchmark needs for {@code split} that {@code dir} lacks; empty when all are there. */
  public static List<String> missing(Path dir, String split) {
    List<String> missing = new ArrayList<>();
    for (Path file : List.of(dir.resolve(CLAIMS), queriesFile(dir, split), qrelsFile(dir, split))) {
      if (!Files.isRegularFile(file)) {
        missing.add(file.getFileName().toString());
      }
    }
    return missing;
  }

  /** The collection, with the file's own claim ids (as the judgements name them). */
  public static List<FactCheck> claims(Path dir) throws IOException {
    List<FactCheck> claims = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(dir.resolve(CLAIMS), StandardCharsets.UTF_8)) {
      CheckThatImporter.keepingIds().read(in, CLAIMS, row -> {
        if (row instanceof ImportedRow.Accepted<FactCheck> accepted) {
          claims.add(accepted.value());
        } else if (row instanceof ImportedRow.Rejected<FactCheck> r) {
          rejected.add("line " + r.line() + ": " + r.message());
        }
      });
    }
    if (!rejected.isEmpty()) {
      throw new IOException(dir.resolve(CLAIMS) + ": " + rejected.size() + " unreadable line(s), first " + rejected.get(0));
    }
    return claims;
  }

  /**
   * The queries of {@code split}, in file order. With {@code context} above 0, a debate sentence (one
   * with {@code transcript} and {@code line}) is preceded by up to that many sentences before it in
   * {@code transcripts/<transcript>.tsv}, when that file is there.
   */
  public static List<Query> queries(Path dir, String split, int context) throws IOException {
    List<Query> queries = new ArrayList<>();
    Map<String, Map<Integer, String>> transcripts = new HashMap<>();
    int number = 0;
    for (String line : Files.readAllLines(queriesFile(dir, split), StandardCharsets.UTF_8)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      JsonNode node = JSON.readTree(line);
      String id = node.path("id").asText(null);
      String text = node.path("text").asText(null);
      if (id == null || text == null) {
        throw new IOException(queriesFile(dir, split) + " line " + number + ": a query needs 'id' and 'text'");
      }
      Instant date = null;
      if (node.hasNonNull("date")) {
        date = LocalDate.parse(node.get("date").asText()).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (context > 0 && node.hasNonNull("transcript") && node.hasNonNull("line")) {
        Map<Integer, String> sentences = transcripts.computeIfAbsent(node.get("transcript").asText(), t -> transcript(dir, t));
        int at = node.get("line").asInt();
        StringBuilder before = new StringBuilder();
        for (int i = at - context; i < at; i++) {
          String sentence = sentences.get(i);
          if (sentence != null) {
            before.append(sentence).append(' ');
          }
        }
        text = before + text;
      }
      String author = node.hasNonNull("speaker") ? node.get("speaker").asText() : PostText.signatureAuthor(text);
      queries.add(new Query(id, text, author, date));
    }
    return queries;
  }

  private static Map<Integer, String> transcript(Path dir, String name) {
    Path file = dir.resolve("transcripts").resolve(name.endsWith(".tsv") ? name : name + ".tsv");
    Map<Integer, String> sentences = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return sentences;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] columns = line.split("\t", 3);
        if (columns.length == 3) {
          try {
            sentences.put(Integer.parseInt(columns[0].strip()), columns[2]);
          } catch (NumberFormatException e) {
            // a header or a malformed line: not a sentence
          }
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return sentences;
  }

  /** The relevant claim ids of each judged query. */
  public static Map<String, Set<String>> qrels(Path dir, String split) throws IOException {
    Map<String, Set<String>> relevant = new LinkedHashMap<>();
    int number = 0;
    for (String line : Files.readAllLines(qrelsFile(dir, split), StandardCharsets.UTF_8)) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String[] columns = line.strip().split("\t");
      if (columns.length != 2) {
        throw new IOException(qrelsFile(dir, split) + " line " + number + ": expected query_id TAB claim_id, found " + columns.length + " column(s)");
      }
      relevant.computeIfAbsent(columns[0].strip(), q -> new LinkedHashSet<>()).add(columns[1].strip());
    }
    return relevant;
  }
}
