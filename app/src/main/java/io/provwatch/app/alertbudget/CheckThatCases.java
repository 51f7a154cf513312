package io.provwatch.app.alertbudget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.app.aitext.DataException;
import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import io.provwatch.scoring.claims.ClaimMatchScorer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Posts repeating a fact-checked claim, from the CLEF CheckThat! 2022 Task 2A benchmark
 * ({@code claim-retrieval/clef2022-task2a}): training tweets with the Snopes claims their relevance
 * judgements ({@code qrels-train.tsv}) point at. The claim bank of the run holds the claims of the
 * tweets taken and {@value #OTHER_CLAIMS} other claims of the collection, so that a match has others to
 * choose from. A tweet counts as found only when the alert listing it carries a {@code claim-match}
 * signal, whatever matcher the scoring's claim lookup uses.
 *
 * <p>The benchmark gives no rating (it is about finding the claim), and Snopes checks claims that spread,
 * most of them false: every claim is loaded rated {@code FALSE}, the rating under which a match alerts.
 */
public final class CheckThatCases {
  /** The benchmark folder under the misinfo data folder. */
  public static final String FOLDER = "claim-retrieval/clef2022-task2a";
  static final String GROUP = "must alert: tweets repeating a fact-checked claim (CheckThat! 2022 2A train, Snopes)";
  /** Claims of the collection loaded besides those the tweets repeat. */
  static final int OTHER_CLAIMS = 1000;
  /** The byline of an embedded tweet's text, "— Name (@handle) January 6, 2020": not part of what was posted. */
  private static final Pattern BYLINE = Pattern.compile("\\s*\u2014[^\u2014]*\\(@\\w+\\)\\s+\\p{L}+ \\d{1,2}, \\d{4}\\s*$");
  private static final Instant FROM = Instant.parse("2026-01-19T09:00:00Z");
  private static final String ID_PREFIX = "checkthat:";

  /** The claims to load into the bank and the tweets as posts that must alert. */
  public record Cases(List<FactCheck> claims, List<EvalPost> posts) {}

  private CheckThatCases() {}

  /**
   * Up to {@code count} judged training tweets, taken in the order of their id's hash so that the whole
   * split is drawn from, with the claims they repeat and {@value #OTHER_CLAIMS} others (same order).
   */
  public static Cases read(Path misinfo, int count) throws IOException {
    Path dir = misinfo.resolve(FOLDER);
    Map<String, List<String>> claimsOfTweet = new LinkedHashMap<>();
    List<String> qrels = Files.readAllLines(dir.resolve("qrels-train.tsv"), StandardCharsets.UTF_8);
    for (int i = 0; i < qrels.size(); i++) {
      if (qrels.get(i).isBlank()) {
        continue;
      }
      String[] f = qrels.get(i).split("\t");
      if (f.length != 2 || f[0].isBlank() || f[1].isBlank()) {
        throw new DataException(dir.resolve("qrels-train.tsv") + " line " + (i + 1) + ": expected query_id<TAB>claim_id");
      }
      claimsOfTweet.computeIfAbsent(f[0].trim(), k -> new ArrayList<>()).add(f[1].trim());
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> tweets = jsonLines(json, dir.resolve("queries-train.jsonl"), "text").stream()
        .filter(t -> claimsOfTweet.containsKey(t.path("id").asText()))
        .sorted(Comparator.comparingInt((JsonNode t) -> t.path("id").asText().hashCode()).thenComparing(t -> t.path("id").asText()))
        .limit(count).toList();
    Set<String> repeated = new LinkedHashSet<>();
    List<EvalPost> posts = new ArrayList<>();
    for (JsonNode tweet : tweets) {
      repeated.addAll(claimsOfTweet.get(tweet.path("id").asText()));
      String text = BYLINE.matcher(tweet.path("text").asText()).replaceFirst("");
      posts.add(new EvalPost(MustAlertCases.synthetic("checkthat", posts.size(), FROM, text), GROUP, Role.MUST_ALERT, ClaimMatchScorer.NAME));
    }
    List<FactCheck> claims = new ArrayList<>();
    List<FactCheck> others = new ArrayList<>();
    List<JsonNode> collection = jsonLines(json, dir.resolve("vclaims.jsonl"), "claim");
    for (int i = 0; i < collection.size(); i++) {
      FactCheck claim = factCheck(collection.get(i), i + 1);
      (repeated.contains(collection.get(i).path("id").asText()) ? claims : others).add(claim);
    }
    if (claims.size() < repeated.size()) {
      Set<String> loaded = new HashSet<>();
      claims.forEach(c -> loaded.add(c.getId().substring(ID_PREFIX.length())));
      repeated.removeAll(loaded);
      throw new DataException(dir.resolve("vclaims.jsonl") + " lacks claims the judgements point at: " + String.join(", ", repeated));
    }
    others.stream().sorted(Comparator.comparingInt((FactCheck c) -> c.getId().hashCode()).thenComparing(FactCheck::getId))
        .limit(OTHER_CLAIMS).forEach(claims::add);
    return new Cases(claims, posts);
  }

  private static FactCheck factCheck(JsonNode claim, int line) {
    String date = claim.path("date").asText(null);
    return FactCheck.newBuilder()
        .setId(ID_PREFIX + claim.path("id").asText())
        .setClaim(claim.path("claim").asText())
        .setTitle(claim.path("title").asText(null)) // the matcher indexes the fact-check's headline beside the claim, as imported
        .setVerdict(ClaimVerdict.FALSE)
        .setUrl(claim.path("url").asText(null))
        .setPublisher("Snopes")
        .setDate(date == null ? null : LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant())
        .setLanguage("en")
        .setSource("checkthat:" + FOLDER + "/vclaims.jsonl:" + line)
        .build();
  }

  /** The objects of a JSON-lines file, each with an "id" and a {@code textField} string. */
  private static List<JsonNode> jsonLines(ObjectMapper json, Path file, String textField) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (JsonProcessingException e) {
          throw new DataException(file + " line " + n + ": not JSON: " + e.getOriginalMessage(), e);
        }
        if (!node.path("id").isTextual() || !node.path(textField).isTextual()) {
          throw new DataException(file + " line " + n + ": expected \"id\" and \"" + textField + "\" strings");
        }
        nodes.add(node);
      }
    }
    return nodes;
  }
}
