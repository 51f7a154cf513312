package io.provwatch.app.reference;

import io.provwatch.app.reference.ImportedRow.Code;
import io.provwatch.avro.FactCheck;
import java.io.IOException;
import java.io.Reader;
import java.util.Set;
import java.util.function.Consumer;

/**
 * LIAR-style TSV (Wang 2017, PolitiFact statements), one claim per line, no header: id ({@code 2635.json}),
 * label, statement, subjects, speaker, job, state, party, five credit-history counts, context. The
 * LIAR-PLUS files put a row number before the id and the justification after the context; both layouts
 * are recognised per line by where the {@code .json} id is. Claim id {@code liar:<id>}, publisher
 * PolitiFact, language en; the label is the rating (pants-fire ... true).
 */
public final class LiarTsvImporter implements RowImporter<FactCheck> {
  public static final String FORMAT = "liar";
  private static final Set<String> LABELS = Set.of("pants-fire", "false", "barely-true", "half-true", "mostly-true", "true");

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public void read(Reader in, String name, Consumer<ImportedRow<FactCheck>> rows) throws IOException {
    RowImporter.readLines(in, name, LiarTsvImporter::parse, rows);
  }

  /** One line of the file. */
  static ImportedRow<FactCheck> parse(String line, long number, String name) {
    String[] columns = line.split("\t", -1);
    int first = columns.length > 0 && columns[0].endsWith(".json") ? 0 : columns.length > 1 && columns[1].endsWith(".json") ? 1 : -1;
    if (first < 0) {
      return new ImportedRow.Rejected<>(number, Code.MALFORMED_ROW,
          "no LIAR id ('<number>.json') in the first or second column of " + columns.length + " tab-separated columns", line);
    }
    if (columns.length < first + 3) {
      return new ImportedRow.Rejected<>(number, Code.MALFORMED_ROW,
          "a LIAR row has at least id, label and statement; found " + (columns.length - first) + " column(s) from the id on", line);
    }
    String id = columns[first].substring(0, columns[first].length() - ".json".length()).strip();
    String label = columns[first + 1].strip();
    String statement = columns[first + 2].strip();
    if (id.isEmpty()) {
      return new ImportedRow.Rejected<>(number, Code.INVALID_FIELD, "id: empty before '.json'", line);
    }
    if (!LABELS.contains(label)) {
      return new ImportedRow.Rejected<>(number, Code.INVALID_FIELD, "label: '" + label + "' is none of " + String.join(", ", LABELS.stream().sorted().toList()), line);
    }
    if (statement.isEmpty()) {
      return new ImportedRow.Rejected<>(number, Code.MISSING_FIELD, "statement: empty", line);
    }
    String speaker = columns.length > first + 4 ? columns[first + 4].strip() : "";
    FactCheck claim = FactCheck.newBuilder()
        .setId("liar:" + id)
        .setClaim(statement)
        .setRating(label)
        .setVerdict(RatingScale.fromText(label))
        .setPublisher("PolitiFact")
        .setClaimant(speaker.isEmpty() ? null : speaker)
        .setLanguage("en")
        .setSource(FORMAT + ":" + name + ":" + number)
        .build();
    return new ImportedRow.Accepted<>(number, claim.getId(), claim);
  }
}
