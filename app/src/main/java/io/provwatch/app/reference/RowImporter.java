package io.provwatch.app.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** Reads one file format of reference data (fact checks, domain ratings) row by row. Never throws for bad content. */
public interface RowImporter<V> {
  /** The format's name on the command line, e.g. {@code claimreview}. */
  String format();

  /** Hands every row of {@code in} to {@code rows}, in file order; {@code name} is the file name, for record sources. */
  void read(Reader in, String name, Consumer<ImportedRow<V>> rows) throws IOException;

  /** How a line-per-row format reads one non-blank line ({@code number} from 1, {@code name} the file name). */
  interface LineParser<V> {
    ImportedRow<V> parse(String line, long number, String name);
  }

  /** Hands every non-blank line of {@code in}, parsed, to {@code rows}, in file order. */
  static <V> void readLines(Reader in, String name, LineParser<V> parser, Consumer<ImportedRow<V>> rows) throws IOException {
    BufferedReader lines = new BufferedReader(in);
    String line;
    long number = 0;
    while ((line = lines.readLine()) != null) {
      number++;
      if (!line.isBlank()) {
        rows.accept(parser.parse(line, number, name));
      }
    }
  }
}
