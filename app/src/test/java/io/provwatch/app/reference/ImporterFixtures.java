package io.provwatch.app.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Runs an importer over a test resource under {@code /reference/} or a string, collecting its rows. */
final class ImporterFixtures {
  private ImporterFixtures() {}

  static <V> List<ImportedRow<V>> rows(RowImporter<V> importer, String resource) {
    try (InputStream in = ImporterFixtures.class.getResourceAsStream("/reference/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("no test resource /reference/" + resource);
      }
      return rows(importer, new InputStreamReader(in, StandardCharsets.UTF_8), resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <V> List<ImportedRow<V>> rowsOf(RowImporter<V> importer, String content) {
    return rows(importer, new StringReader(content), "inline");
  }

  private static <V> List<ImportedRow<V>> rows(RowImporter<V> importer, Reader in, String name) {
    List<ImportedRow<V>> rows = new ArrayList<>();
    try {
      importer.read(in, name, rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  @SuppressWarnings("unchecked")
  static <V> List<V> accepted(List<ImportedRow<V>> rows) {
    return rows.stream().filter(r -> r instanceof ImportedRow.Accepted).map(r -> ((ImportedRow.Accepted<V>) r).value()).toList();
  }

  static <V> List<ImportedRow.Rejected<V>> rejected(List<ImportedRow<V>> rows) {
    List<ImportedRow.Rejected<V>> out = new ArrayList<>();
    for (ImportedRow<V> row : rows) {
      if (row instanceof ImportedRow.Rejected<V> r) {
        out.add(r);
      }
    }
    return out;
  }
}
