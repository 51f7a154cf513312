package io.provwatch.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.avro.Author;
import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.formats.CreatedAtBounds;
import io.provwatch.ingest.formats.TextNormaliser;
import io.provwatch.ingest.formats.UrlNormaliser;
import io.provwatch.ingest.PostRejection.Code;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns provwatch's canonical JSON (the fields of {@code Post.avsc}, camelCase) into a {@link Post}.
 * Times are ISO-8601 strings or epoch milliseconds. Every problem is reported with the field's
 * JSON path and the offending value, never as an exception.
 */
public final class CanonicalPostParser {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9-]{0,31}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final int MAX_TEXT_CHARS = 100_000;

  private final Clock clock;
  private final CreatedAtBounds bounds;

  /** A parser that takes any {@code createdAt} (file imports, tests). */
  public CanonicalPostParser(Clock clock) {
    this(clock, CreatedAtBounds.NONE);
  }

  /** A parser rejecting a {@code createdAt} outside {@code bounds} (HTTP ingest). */
  public CanonicalPostParser(Clock clock, CreatedAtBounds bounds) {
    this.clock = clock;
    this.bounds = bounds;
  }

  /** Parses one JSON document. */
  public ParseResult parse(String json, SourcePosition source) {
    JsonNode node;
    try {
      node = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      return rejected(Code.MALFORMED_JSON, describe(e));
    }
    return parse(node, source);
  }

  /** Converts one parsed JSON value. */
  public ParseResult parse(JsonNode node, SourcePosition source) {
    if (node == null || !node.isObject()) {
      return rejected(Code.NOT_AN_OBJECT, "expected a JSON object for a post, got " + (node == null ? "nothing" : node.getNodeType().toString().toLowerCase(Locale.ROOT)));
    }
    try {
      return new ParseResult.Parsed(toPost(node, source));
    } catch (Invalid e) {
      return new ParseResult.Rejected(e.rejection);
    }
  }

  private Post toPost(JsonNode node, SourcePosition source) {
    String id = requiredText(node, "id");
    String platform = requiredText(node, "platform");
    if (!PLATFORM.matcher(platform).matches()) {
      throw invalid(Code.INVALID_FIELD, "'platform' must be lower-case letters, digits or '-', got '" + platform + "'");
    }
    if (!id.startsWith(platform + ":") || id.length() == platform.length() + 1) {
      throw invalid(Code.ID_PLATFORM_MISMATCH, "'id' must be '<platform>:<native id>' i.e. start with '" + platform + ":', got '" + id + "'");
    }
    JsonNode authorNode = node.get("author");
    if (authorNode == null || authorNode.isNull()) {
      throw invalid(Code.MISSING_FIELD, "missing required field 'author'");
    }
    if (!authorNode.isObject()) {
      throw invalid(Code.INVALID_FIELD, "'author' must be an object with at least 'id'");
    }
    Author author = Author.newBuilder()
        .setId(requiredText(authorNode, "author.id", "id"))
        .setHandle(optionalText(authorNode, "author.handle", "handle"))
        .setDisplayName(optionalText(authorNode, "author.displayName", "displayName"))
        .setCreatedAt(optionalTime(authorNode, "author.createdAt", "createdAt"))
        .build();
    Instant createdAt = optionalTime(node, "createdAt", "createdAt");
    if (createdAt == null) {
      throw invalid(Code.MISSING_FIELD, "missing required field 'createdAt' (ISO-8601 time or epoch milliseconds)");
    }
    Instant now = clock.instant();
    Optional<PostRejection> outOfRange = bounds.check(createdAt, now);
    if (outOfRange.isPresent()) {
      throw invalid(outOfRange.get().code(), outOfRange.get().message());
    }
    Instant observedAt = optionalTime(node, "observedAt", "observedAt");
    String text = optionalText(node, "text", "text");
    if (text != null && text.length() > MAX_TEXT_CHARS) {
      throw invalid(Code.TOO_LARGE, "'text' has " + text.length() + " characters, more than " + MAX_TEXT_CHARS);
    }
    // the same normalisation as the platform adapters: NFC, invisible characters counted, tracking parameters dropped
    TextNormaliser.Result normalised = TextNormaliser.normalise(text == null ? "" : text);
    List<String> urls = new ArrayList<>();
    List<String> originalUrls = new ArrayList<>();
    for (String original : textList(node, "urls", s -> s)) {
      String clean = UrlNormaliser.normalise(original);
      if (!urls.contains(clean)) {
        urls.add(clean);
        originalUrls.add(original);
      }
    }
    return Post.newBuilder()
        .setId(id)
        .setPlatform(platform)
        .setAuthor(author)
        .setCreatedAt(createdAt)
        .setObservedAt(observedAt != null ? observedAt : now)
        .setText(normalised.text())
        .setTextAnomalies(normalised.anomalies())
        .setLanguage(optionalText(node, "language", "language"))
        .setUrls(urls)
        .setOriginalUrls(originalUrls)
        .setEditedAt(optionalTime(node, "editedAt", "editedAt"))
        .setHashtags(textList(node, "hashtags", s -> (s.startsWith("#") ? s.substring(1) : s).toLowerCase(Locale.ROOT)))
        .setMentions(textList(node, "mentions", s -> s))
        .setMedia(media(node))
        .setReplyTo(optionalText(node, "replyTo", "replyTo"))
        .setRepostOf(optionalText(node, "repostOf", "repostOf"))
        .setQuoteOf(optionalText(node, "quoteOf", "quoteOf"))
        .setSource(source)
        .build();
  }

  private static List<Media> media(JsonNode node) {
    JsonNode array = node.get("media");
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw invalid(Code.INVALID_FIELD, "'media' must be an array of {url, mimeType, sha256}");
    }
    List<Media> media = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String path = "media[" + i + "]";
      if (!item.isObject()) {
        throw invalid(Code.INVALID_FIELD, "'" + path + "' must be an object");
      }
      String sha256 = optionalText(item, path + ".sha256", "sha256");
      if (sha256 != null) {
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(sha256).matches()) {
          throw invalid(Code.INVALID_FIELD, "'" + path + ".sha256' must be 64 hex digits, got '" + sha256 + "'");
        }
      }
      media.add(Media.newBuilder()
          .setUrl(requiredText(item, path + ".url", "url"))
          .setMimeType(optionalText(item, path + ".mimeType", "mimeType"))
          .setSha256(sha256)
          .build());
    }
    return media;
  }

  private static List<String> textList(JsonNode node, String field, java.util.function.UnaryOperator<String> normalise) {
    JsonNode array = node.get(field);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw invalid(Code.INVALID_FIELD, "'" + field + "' must be an array of strings");
    }
    List<String> values = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isTextual()) {
        throw invalid(Code.INVALID_FIELD, "'" + field + "[" + i + "]' must be a string, got " + item);
      }
      values.add(normalise.apply(item.asText()));
    }
    return values;
  }

  private static String requiredText(JsonNode node, String field) {
    return requiredText(node, field, field);
  }

  private static String requiredText(JsonNode node, String path, String field) {
    String value = optionalText(node, path, field);
    if (value == null || value.isBlank()) {
      throw invalid(Code.MISSING_FIELD, "missing required field '" + path + "'");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String path, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.asText();
    }
    if (value.isIntegralNumber()) {
      return value.asText(); // numeric native ids, e.g. from X, are fine as text
    }
    throw invalid(Code.INVALID_FIELD, "'" + path + "' must be a string, got " + abbreviate(value.toString()));
  }

  private static Instant optionalTime(JsonNode node, String path, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return Instant.ofEpochMilli(value.asLong());
    }
    if (value.isTextual()) {
      try {
        return OffsetDateTime.parse(value.asText()).toInstant();
      } catch (DateTimeParseException e) {
        throw invalid(Code.INVALID_FIELD, "'" + path + "' is not an ISO-8601 time with offset (e.g. 2026-11-20T09:15:00Z): '" + abbreviate(value.asText()) + "'");
      }
    }
    throw invalid(Code.INVALID_FIELD, "'" + path + "' must be an ISO-8601 string or epoch milliseconds, got " + abbreviate(value.toString()));
  }

  /** "not valid JSON: <what> at line L, column C", without Jackson's source dump. */
  static String describe(JsonProcessingException e) {
    String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    return "not valid JSON: " + e.getOriginalMessage() + where;
  }

  /** As {@link #describe}, for a document that is line {@code line} of a larger input, parsed alone. */
  static String describeLine(JsonProcessingException e, int line) {
    String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
    return "line " + line + " is not valid JSON: " + e.getOriginalMessage() + where;
  }

  private static String abbreviate(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }

  private static ParseResult rejected(Code code, String message) {
    return new ParseResult.Rejected(PostRejection.of(code, message));
  }

  private static Invalid invalid(Code code, String message) {
    return new Invalid(PostRejection.of(code, message));
  }

  /** Unwinds the field walk at the first problem; never leaves this class. */
  private static final class Invalid extends RuntimeException {
    final PostRejection rejection;

    Invalid(PostRejection rejection) {
      super(rejection.message(), null, false, false);
      this.rejection = rejection;
    }
  }
}
