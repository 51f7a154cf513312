package io.provwatch.app.reference;

import io.provwatch.app.reference.ImportedRow.Code;
import io.provwatch.avro.DomainCredibility;
import io.provwatch.avro.DomainRating;
import io.provwatch.scoring.links.RegistrableDomain;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Domain ratings as CSV with a header row naming the columns {@code domain}, {@code rating},
 * {@code source} and, optionally, {@code note} (any order, other columns ignored). domain is a host
 * name or url, reduced to its registrable domain (Public Suffix List); rating is one of low, mixed,
 * high, satire (any case); source says whose rating it is. Lines starting with '#' are comments.
 */
public final class DomainCsvImporter implements RowImporter<DomainRating> {
  public static final String FORMAT = "csv";
  private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
      .setCommentMarker('#').setIgnoreEmptyLines(true).setTrim(true).get();

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public void read(Reader in, String name, Consumer<ImportedRow<DomainRating>> rows) throws IOException {
    CSVParser parser;
    try {
      parser = CSV.parse(in);
    } catch (IOException | IllegalArgumentException e) {
      rows.accept(new ImportedRow.Rejected<>(1, Code.MALFORMED_ROW, "header: " + e.getMessage(), ""));
      return;
    }
    Map<String, Integer> header = parser.getHeaderMap();
    for (String required : new String[] {"domain", "rating", "source"}) {
      if (header == null || !header.containsKey(required)) {
        rows.accept(new ImportedRow.Rejected<>(1, Code.MALFORMED_ROW,
            "header: no column '" + required + "' (need domain, rating, source; note is optional), found " + (header == null ? "none" : header.keySet()), ""));
        return;
      }
    }
    Iterator<CSVRecord> records = parser.iterator();
    while (true) {
      CSVRecord record;
      try {
        if (!records.hasNext()) {
          return;
        }
        record = records.next();
      } catch (UncheckedIOException | IllegalStateException e) {
        rows.accept(new ImportedRow.Rejected<>(parser.getCurrentLineNumber(), Code.MALFORMED_ROW, "unreadable CSV: " + e.getMessage(), ""));
        return; // the parser cannot resync after a broken quote
      }
      rows.accept(row(record));
    }
  }

  private static ImportedRow<DomainRating> row(CSVRecord record) {
    long line = record.getParser().getCurrentLineNumber();
    String raw = String.join(",", record.values());
    if (!record.isConsistent()) {
      return new ImportedRow.Rejected<>(line, Code.MALFORMED_ROW, "expected " + record.getParser().getHeaderMap().size()
          + " columns as in the header, found " + record.size(), raw);
    }
    String domainText = record.get("domain");
    Optional<String> domain = RegistrableDomain.ofUrl(domainText);
    if (domainText.isEmpty()) {
      return new ImportedRow.Rejected<>(line, Code.MISSING_FIELD, "domain: empty", raw);
    }
    if (domain.isEmpty()) {
      return new ImportedRow.Rejected<>(line, Code.INVALID_FIELD, "domain: '" + domainText + "' is no host name", raw);
    }
    DomainCredibility rating;
    try {
      rating = DomainCredibility.valueOf(record.get("rating").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return new ImportedRow.Rejected<>(line, Code.INVALID_FIELD, "rating: '" + record.get("rating") + "' is none of low, mixed, high, satire", raw);
    }
    String source = record.get("source");
    if (source.isEmpty()) {
      return new ImportedRow.Rejected<>(line, Code.MISSING_FIELD, "source: empty (whose rating is it?)", raw);
    }
    String note = record.isMapped("note") && !record.get("note").isEmpty() ? record.get("note") : null;
    DomainRating value = DomainRating.newBuilder().setDomain(domain.get()).setRating(rating).setSource(source).setNote(note).build();
    return new ImportedRow.Accepted<>(line, domain.get(), value);
  }
}
