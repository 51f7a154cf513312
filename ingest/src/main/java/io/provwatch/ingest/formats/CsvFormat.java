package io.provwatch.ingest.formats;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.formats.CsvColumns.Field;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Posts from a CSV file with a header row, one post per row, its columns named by a
 * {@link CsvColumns} mapping (commons-csv: RFC 4180 quoting, cells across lines). Native ids and
 * references get the platform prefix unless they have it; times are ISO-8601 (with or without
 * offset, {@code T} or a space; without offset UTC) or epoch seconds, or milliseconds when the
 * number is that large. A bad row is rejected on its own ({@code #row[i]}, counted from 0 after
 * the header); a quote left open ends the file with a {@code MALFORMED_CSV} rejection.
 */
public final class CsvFormat extends AbstractPostFormat {
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]+)?");
  /** Above this an epoch number is taken as milliseconds: 1e11 seconds is the year 5138. */
  private static final double MILLIS_THRESHOLD = 1e11;

  private final CsvColumns columns;

  public CsvFormat(CsvColumns columns, PostNormaliser normaliser) {
    super("csv", Framing.DOCUMENT, normaliser);
    this.columns = columns;
  }

  @Override
  List<ParseResult> read(byte[] payload, SourcePosition position) {
    String text = new String(payload, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(columns.delimiter()).setHeader().setSkipHeaderRecord(true)
        .setIgnoreEmptyLines(true).get();
    List<ParseResult> results = new ArrayList<>();
    try (CSVParser parser = CSVParser.parse(text, format)) {
      List<String> header = parser.getHeaderNames();
      for (Map.Entry<Field, String> column : columns.columns().entrySet()) {
        if (!header.contains(column.getValue())) {
          throw new InvalidInput(Code.MALFORMED_CSV, "column '" + column.getValue() + "' (for " + column.getKey().key + ") is not in the header " + InvalidInput.abbreviate(header.toString()));
        }
      }
      Iterator<CSVRecord> rows = parser.iterator();
      int index = 0;
      while (true) {
        CSVRecord row;
        try {
          if (!rows.hasNext()) {
            break;
          }
          row = rows.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          results.add(Results.rejected(Code.MALFORMED_CSV, "CSV unreadable from row " + index + " on: " + InvalidInput.abbreviate(String.valueOf(e.getMessage()))));
          break;
        }
        String path = "row[" + index++ + "]";
        SourcePosition at = PostFormat.itemPosition(position, path);
        results.add(item(() -> new ParseResult.Parsed(normaliser.toPost(row(row, path, at)))));
      }
    } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
      throw new InvalidInput(Code.MALFORMED_CSV, "not a CSV file with a header row: " + InvalidInput.abbreviate(String.valueOf(e.getMessage())));
    }
    return results;
  }

  private PostDraft row(CSVRecord row, String path, SourcePosition at) {
    String platform = columns.platform() != null ? columns.platform() : required(row, Field.PLATFORM, path);
    if (!platform.matches("[a-z][a-z0-9-]{0,31}")) {
      throw InvalidInput.invalid(path + "." + columns.columns().get(Field.PLATFORM), "a platform name (lower-case letters, digits, '-')", "'" + platform + "'");
    }
    PostDraft draft = new PostDraft(platform, at);
    draft.nativeId = withoutPrefix(required(row, Field.ID, path), platform);
    draft.authorId = required(row, Field.AUTHOR_ID, path);
    draft.authorHandle = cell(row, Field.AUTHOR_HANDLE);
    draft.authorDisplayName = cell(row, Field.AUTHOR_DISPLAY_NAME);
    draft.authorCreatedAt = time(row, Field.AUTHOR_CREATED_AT, path);
    draft.createdAt = time(row, Field.CREATED_AT, path);
    if (draft.createdAt == null) {
      throw InvalidInput.missing(path + "." + columns.columns().get(Field.CREATED_AT));
    }
    draft.editedAt = time(row, Field.EDITED_AT, path);
    String text = cell(row, Field.TEXT);
    draft.text = text == null ? "" : text;
    draft.declaredLanguage = cell(row, Field.LANGUAGE);
    draft.urls.addAll(list(row, Field.URLS));
    draft.hashtags.addAll(list(row, Field.HASHTAGS));
    draft.mentions.addAll(list(row, Field.MENTIONS));
    for (String url : list(row, Field.MEDIA)) {
      draft.media(url, MimeTypes.guess(url, null), null);
    }
    draft.replyTo = reference(row, Field.REPLY_TO, platform, draft);
    draft.repostOf = reference(row, Field.REPOST_OF, platform, draft);
    draft.quoteOf = reference(row, Field.QUOTE_OF, platform, draft);
    return draft;
  }

  private String cell(CSVRecord row, Field field) {
    String column = columns.columns().get(field);
    if (column == null || !row.isSet(column)) {
      return null;
    }
    String value = row.get(column);
    return value.isBlank() ? null : value;
  }

  private String required(CSVRecord row, Field field, String path) {
    String value = cell(row, field);
    if (value == null) {
      throw InvalidInput.missing(path + "." + columns.columns().get(field));
    }
    return value.strip();
  }

  private List<String> list(CSVRecord row, Field field) {
    String value = cell(row, field);
    return value == null ? List.of() : List.of(columns.listSeparator().split(value.strip()));
  }

  private String reference(CSVRecord row, Field field, String platform, PostDraft draft) {
    String value = cell(row, field);
    return value == null ? null : draft.idOf(withoutPrefix(value.strip(), platform));
  }

  private static String withoutPrefix(String id, String platform) {
    return id.startsWith(platform + ":") ? id.substring(platform.length() + 1) : id;
  }

  private Instant time(CSVRecord row, Field field, String path) {
    String value = cell(row, field);
    if (value == null) {
      return null;
    }
    String where = path + "." + columns.columns().get(field);
    String trimmed = value.strip();
    if (NUMBER.matcher(trimmed).matches()) {
      double number = Double.parseDouble(trimmed);
      return Instant.ofEpochMilli(Math.round(Math.abs(number) >= MILLIS_THRESHOLD ? number : number * 1000));
    }
    // "2026-11-20 09:15:00" as spreadsheets write it, maybe with " +01:00" after it
    try {
      return Json.parseTime(trimmed.replaceFirst("^(\\S+) ", "$1T").replace(" ", ""), where);
    } catch (InvalidInput e) {
      throw InvalidInput.invalid(where, "an ISO-8601 time or seconds since 1970", "'" + value + "'");
    }
  }
}
