package io.provwatch.ingest.formats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which CSV column holds which post field, for {@link CsvFormat}. Written as text, e.g. for a
 * command line: {@code platform=x, id=tweet_id, author.id=user_id, createdAt=created, text=body}:
 * a field name of {@code Post} and a column name of the CSV header; {@code platform} may instead
 * be the platform itself when the file has no such column ({@code platform=x} with no column x is
 * taken as the platform's name, see {@link #parse}).
 *
 * @param platform the platform of every row, or null when a {@link Field#PLATFORM} column says it
 * @param delimiter the field separator, {@code ,} by default
 * @param listSeparator how a cell of a list field (urls, hashtags, mentions, media) is split
 */
public record CsvColumns(String platform, Map<Field, String> columns, char delimiter, Pattern listSeparator) {
  /** The post fields a column can hold. */
  public enum Field {
    PLATFORM("platform"), ID("id"), AUTHOR_ID("author.id"), AUTHOR_HANDLE("author.handle"),
    AUTHOR_DISPLAY_NAME("author.displayName"), AUTHOR_CREATED_AT("author.createdAt"), CREATED_AT("createdAt"),
    EDITED_AT("editedAt"), TEXT("text"), LANGUAGE("language"), URLS("urls"), HASHTAGS("hashtags"),
    MENTIONS("mentions"), MEDIA("media"), REPLY_TO("replyTo"), REPOST_OF("repostOf"), QUOTE_OF("quoteOf");

    final String key;

    Field(String key) {
      this.key = key;
    }

    static Field of(String key) {
      for (Field field : values()) {
        if (field.key.equalsIgnoreCase(key)) {
          return field;
        }
      }
      throw new IllegalArgumentException("unknown post field '" + key + "'; fields: " + java.util.Arrays.stream(values()).map(f -> f.key).toList());
    }
  }

  /** Cells of list fields split on white space or '|' unless told otherwise. */
  public static final Pattern DEFAULT_LIST_SEPARATOR = Pattern.compile("[\\s|]+");
  private static final Pattern PLATFORM_NAME = Pattern.compile("[a-z][a-z0-9-]{0,31}");

  public CsvColumns {
    columns = Collections.unmodifiableMap(new EnumMap<>(columns));
    for (Field required : new Field[] {Field.ID, Field.AUTHOR_ID, Field.CREATED_AT}) {
      if (!columns.containsKey(required)) {
        throw new IllegalArgumentException("the CSV mapping needs a column for '" + required.key + "'");
      }
    }
    if (platform == null && !columns.containsKey(Field.PLATFORM)) {
      throw new IllegalArgumentException("the CSV mapping needs a platform, or a column for 'platform'");
    }
    if (platform != null && !PLATFORM_NAME.matcher(platform).matches()) {
      throw new IllegalArgumentException("platform must be lower-case letters, digits or '-', got '" + platform + "'");
    }
    if (listSeparator == null) {
      listSeparator = DEFAULT_LIST_SEPARATOR;
    }
  }

  /**
   * A mapping from {@code field=column} pairs separated by commas. {@code platform=<name>} sets
   * the platform of all rows; {@code platform=@<column>} reads it from a column.
   * {@code delimiter=;} (or {@code tab}) sets the field separator.
   */
  public static CsvColumns parse(String spec) {
    Map<Field, String> columns = new EnumMap<>(Field.class);
    String platform = null;
    char delimiter = ',';
    for (String pair : spec.split(",")) {
      if (pair.isBlank()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new IllegalArgumentException("expected field=column, got '" + pair.strip() + "'");
      }
      String key = pair.substring(0, eq).strip();
      String value = pair.substring(eq + 1).strip();
      if (key.equalsIgnoreCase("delimiter")) {
        delimiter = value.equalsIgnoreCase("tab") ? '\t' : value.charAt(0);
      } else if (key.equalsIgnoreCase("platform") && !value.startsWith("@")) {
        platform = value.toLowerCase(Locale.ROOT);
      } else {
        columns.put(Field.of(key), key.equalsIgnoreCase("platform") ? value.substring(1) : value);
      }
    }
    return new CsvColumns(platform, columns, delimiter, DEFAULT_LIST_SEPARATOR);
  }
}
