package io.provwatch.app.reference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.app.reference.ImportedRow.Code;
import io.provwatch.avro.FactCheck;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * The verified claims of a CLEF CheckThat! claim-retrieval set ({@code vclaims.jsonl}, one JSON object a
 * line): {@code id}, {@code claim} (required), {@code title}, {@code url}, {@code date} (ISO day),
 * {@code speaker} (the claimant), {@code truth_label} (PolitiFact's rating, the only rating these sets
 * carry; Snopes claims come unrated). Claim id {@code checkthat:<id>} (or the bare id with
 * {@link #keepingIds()}, as the benchmark's judgements name them); publisher PolitiFact for
 * {@code vclaim-pol-} ids, Snopes otherwise; language en.
 */
public final class CheckThatImporter implements RowImporter<FactCheck> {
  public static final String FORMAT = "checkthat";
  public static final String ID_PREFIX = "checkthat:";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String idPrefix;

  public CheckThatImporter() {
    this(ID_PREFIX);
  }

  private CheckThatImporter(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /** An importer whose claim ids are the file's own, unprefixed. */
  public static CheckThatImporter keepingIds() {
    return new CheckThatImporter("");
  }

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public void read(Reader in, String name, Consumer<ImportedRow<FactCheck>> rows) throws IOException {
    RowImporter.readLines(in, name, this::parse, rows);
  }

  ImportedRow<FactCheck> parse(String line, long number, String name) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return new ImportedRow.Rejected<>(number, Code.MALFORMED_JSON, "not a JSON object: " + e.getOriginalMessage(), line);
    }
    if (!node.isObject()) {
      return new ImportedRow.Rejected<>(number, Code.MALFORMED_JSON, "expected one JSON object a line, found " + node.getNodeType(), line);
    }
    String id = text(node, "id");
    String claim = text(node, "claim");
    if (id == null) {
      return new ImportedRow.Rejected<>(number, Code.MISSING_FIELD, "id: missing or empty", line);
    }
    if (claim == null) {
      return new ImportedRow.Rejected<>(number, Code.MISSING_FIELD, "claim: missing or empty", line);
    }
    Instant date = null;
    String day = text(node, "date");
    if (day != null) {
      try {
        date = LocalDate.parse(day).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e) {
        return new ImportedRow.Rejected<>(number, Code.INVALID_FIELD, "date: '" + day + "' is no ISO day (YYYY-MM-DD)", line);
      }
    }
    String rating = text(node, "truth_label");
    FactCheck check = FactCheck.newBuilder()
        .setId(idPrefix + id)
        .setClaim(claim)
        .setTitle(text(node, "title"))
        .setRating(rating)
        .setVerdict(RatingScale.fromText(rating))
        .setUrl(text(node, "url"))
        .setPublisher(id.startsWith("vclaim-pol-") ? "PolitiFact" : "Snopes")
        .setClaimant(text(node, "speaker"))
        .setDate(date)
        .setLanguage("en")
        .setSource(FORMAT + ":" + name + ":" + number)
        .build();
    return new ImportedRow.Accepted<>(number, check.getId(), check);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    String text = value.asText().strip();
    return text.isEmpty() ? null : text;
  }
}
