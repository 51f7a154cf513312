package io.provwatch.app.reference;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** Reads one file format of reference data (fact checks, domain ratings) row by row. Never throws for bad content. */
public interface RowImporter<V> {
  /** The format's name on the command line, e.g. {@code claimreview}. */
  String format();

  /** Hands every row of {@code in} to {@code rows}, in file order; {@code name} is the file name, for record sources. */
  void read(Reader in, String name, Consumer<ImportedRow<V>> rows) throws IOException;
}
