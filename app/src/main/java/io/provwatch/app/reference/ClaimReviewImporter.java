package io.provwatch.app.reference;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provwatch.app.reference.ImportedRow.Code;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.FactCheck;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * schema.org {@code ClaimReview} JSON(-LD) as fact-checkers embed it and Google's Fact Check Tools
 * exports it: one ClaimReview object, an array of them, or an object whose {@code @graph} holds them
 * among other nodes (those are skipped). From each: claimReviewed (required), reviewRating
 * (alternateName is the rating text; without it ratingValue on the bestRating/worstRating scale,
 * default 1..5), url, author.name (the publisher), itemReviewed.author.name (the claimant),
 * datePublished, inLanguage, headline (the article's title, indexed beside the claim). Claim id {@code claimreview:} + 16 hex of SHA-256 over url and claim text.
 */
public final class ClaimReviewImporter implements RowImporter<FactCheck> {
  public static final String FORMAT = "claimreview";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String format() {
    return FORMAT;
  }

  @Override
  public void read(Reader in, String name, Consumer<ImportedRow<FactCheck>> rows) throws IOException {
    JsonParser parser = new JsonFactory(JSON).createParser(in);
    long line = 1;
    try {
      JsonToken root = parser.nextToken();
      if (root == null) {
        return;
      }
      if (root == JsonToken.START_ARRAY) {
        items(parser, name, rows);
      } else if (root == JsonToken.START_OBJECT) {
        // read the root's fields one by one, so that the items of an @graph keep their own line numbers
        line = parser.currentTokenLocation().getLineNr();
        ObjectNode rest = JSON.createObjectNode();
        boolean graph = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String field = parser.currentName();
          JsonToken value = parser.nextToken();
          if (field.equals("@graph") && value == JsonToken.START_ARRAY) {
            graph = true;
            items(parser, name, rows);
          } else {
            rest.set(field, parser.readValueAsTree());
          }
        }
        if (!graph || isClaimReview(rest)) {
          rows.accept(item(rest, line, name));
        }
      } else {
        rows.accept(new ImportedRow.Rejected<>(line, Code.MALFORMED_JSON,
            "expected a ClaimReview object, an array of them or an object with @graph; found " + root, parser.getText()));
      }
      if (parser.nextToken() != null) {
        rows.accept(new ImportedRow.Rejected<>(parser.currentTokenLocation().getLineNr(), Code.MALFORMED_JSON,
            "more JSON after the end of the document", parser.getText()));
      }
    } catch (JsonProcessingException e) {
      long at = e.getLocation() != null ? e.getLocation().getLineNr() : line;
      rows.accept(new ImportedRow.Rejected<>(at, Code.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage(), ""));
    }
  }

  private void items(JsonParser parser, String name, Consumer<ImportedRow<FactCheck>> rows) throws IOException {
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      long line = parser.currentTokenLocation().getLineNr();
      JsonNode item = parser.readValueAsTree();
      if (item == null) {
        throw new JsonProcessingException("the array is cut short", parser.currentLocation()) {};
      }
      if (!item.isObject()) {
        rows.accept(new ImportedRow.Rejected<>(line, Code.INVALID_FIELD, "item: expected a JSON object, found " + item.getNodeType(), item.toString()));
      } else if (item.has("@type") && !isClaimReview(item)) {
        rows.accept(new ImportedRow.Skipped<>(line, "@type " + item.get("@type") + " is no ClaimReview"));
      } else {
        rows.accept(item(item, line, name));
      }
    }
  }

  private static boolean isClaimReview(JsonNode node) {
    JsonNode type = node.get("@type");
    if (type == null) {
      return false;
    }
    if (type.isArray()) {
      for (JsonNode t : type) {
        if (t.asText().endsWith("ClaimReview")) {
          return true;
        }
      }
      return false;
    }
    return type.asText().endsWith("ClaimReview");
  }

  /** One ClaimReview object. */
  static ImportedRow<FactCheck> item(JsonNode review, long line, String name) {
    String raw = review.toString();
    String claim = text(review.get("claimReviewed"));
    if (claim == null) {
      return new ImportedRow.Rejected<>(line, Code.MISSING_FIELD, "claimReviewed: missing or empty", raw);
    }
    String url = text(review.get("url"));
    JsonNode rating = review.get("reviewRating");
    String ratingText = null;
    ClaimVerdict verdict = ClaimVerdict.UNRATED;
    if (rating != null && rating.isObject()) {
      ratingText = text(rating.get("alternateName"));
      if (ratingText != null) {
        verdict = RatingScale.fromText(ratingText);
      } else if (rating.has("ratingValue")) {
        String value = rating.get("ratingValue").asText();
        try {
          double v = Double.parseDouble(value);
          double best = number(rating.get("bestRating"), 5);
          double worst = number(rating.get("worstRating"), 1);
          ratingText = value + " (of " + fmt(worst) + " to " + fmt(best) + ")";
          verdict = RatingScale.fromValue(v, worst, best);
        } catch (NumberFormatException e) {
          return new ImportedRow.Rejected<>(line, Code.INVALID_FIELD, "reviewRating.ratingValue: '" + value + "' is no number", raw);
        }
      }
    }
    Instant date = null;
    String published = text(review.get("datePublished"));
    if (published != null) {
      date = date(published);
      if (date == null) {
        return new ImportedRow.Rejected<>(line, Code.INVALID_FIELD, "datePublished: '" + published + "' is no ISO date or date-time", raw);
      }
    }
    JsonNode item = review.get("itemReviewed");
    FactCheck check = FactCheck.newBuilder()
        .setId("claimreview:" + shortHash((url == null ? "" : url) + "\n" + claim))
        .setClaim(claim)
        .setTitle(text(review.get("headline")))
        .setRating(ratingText)
        .setVerdict(verdict)
        .setUrl(url)
        .setPublisher(nameOf(review.get("author")) != null ? nameOf(review.get("author")) : nameOf(review.get("publisher")))
        .setClaimant(item == null ? null : nameOf(item.get("author")))
        .setDate(date)
        .setLanguage(language(review.get("inLanguage")))
        .setSource(FORMAT + ":" + name + ":" + line)
        .build();
    return new ImportedRow.Accepted<>(line, check.getId(), check);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static double number(JsonNode node, double fallback) {
    if (node == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(node.asText());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return null;
    }
    String s = node.asText().strip();
    return s.isEmpty() ? null : s;
  }

  /** An Organization/Person's name: a string, an object with name, or the first of an array. */
  private static String nameOf(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isArray()) {
      return node.isEmpty() ? null : nameOf(node.get(0));
    }
    return node.isObject() ? text(node.get("name")) : text(node);
  }

  private static String language(JsonNode node) {
    if (node == null) {
      return null;
    }
    return node.isObject() ? text(node.has("alternateName") ? node.get("alternateName") : node.get("name")) : text(node);
  }

  private static Instant date(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  static String shortHash(String s) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
