package io.provwatch.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.util.List;

/**
 * JSON Feed 1.0 and 1.1 (jsonfeed.org). Items become posts of platform {@code rss}, as RSS and Atom
 * entries do ({@link FeedItems}): {@code url} then {@code external_url} first among the urls, title
 * then {@code content_text} (or {@code content_html} as text, or {@code summary}), {@code tags} as
 * hashtags, {@code image} and {@code attachments} as media, {@code language} of the item or feed.
 */
public final class JsonFeedFormat extends AbstractPostFormat {
  public JsonFeedFormat(PostNormaliser normaliser) {
    super("json-feed", Framing.DOCUMENT, normaliser);
  }

  @Override
  List<ParseResult> read(byte[] payload, SourcePosition position) {
    JsonNode feed = Json.read(payload);
    if (!feed.isObject()) {
      throw new InvalidInput(Code.NOT_AN_OBJECT, "expected a JSON Feed object, got " + InvalidInput.abbreviate(feed.toString()));
    }
    String version = Json.text(feed, "version", "version");
    if (version == null || !version.startsWith("https://jsonfeed.org/version/")) {
      throw new InvalidInput(Code.UNRECOGNISED_SHAPE, "'version' must be a https://jsonfeed.org/version/ url, got " + (version == null ? "none" : "'" + InvalidInput.abbreviate(version) + "'"));
    }
    String feedKey = firstText(feed, "", "home_page_url", "feed_url");
    String title = Json.text(feed, "title", "title");
    String language = Json.text(feed, "language", "language");
    return eachItem(Json.array(feed, "items", "items"), "items", position,
        (item, path, at) -> new ParseResult.Parsed(normaliser.toPost(item(item, path, at, feedKey, title, language))));
  }

  private static PostDraft item(JsonNode item, String path, SourcePosition at, String feedKey, String feedTitle, String feedLanguage) {
    if (!item.isObject()) {
      throw InvalidInput.invalid(path, "an item object", item);
    }
    PostDraft draft = new PostDraft(FeedItems.PLATFORM, at);
    String url = FeedItems.resolve(Json.text(item, "url", path + ".url"), feedKey);
    draft.nativeId = FeedItems.nativeId(Json.text(item, "id", path + ".id"), url, feedKey, path);
    if (feedKey == null) {
      throw InvalidInput.missing("home_page_url or feed_url");
    }
    draft.authorId = feedKey;
    draft.authorDisplayName = feedTitle;
    draft.authorHandle = byline(item, path);
    FeedItems.times(Json.time(item, "date_published", path + ".date_published"), Json.time(item, "date_modified", path + ".date_modified"), null, path, draft);
    draft.urls.add(url);
    draft.urls.add(FeedItems.resolve(Json.text(item, "external_url", path + ".external_url"), feedKey));
    String contentText = Json.text(item, "content_text", path + ".content_text");
    String contentHtml = Json.text(item, "content_html", path + ".content_html");
    String body = contentText != null ? contentText : contentHtml != null ? contentHtml : Json.text(item, "summary", path + ".summary");
    FeedItems.text(Json.text(item, "title", path + ".title"), body, contentText == null && contentHtml != null, draft);
    String language = Json.text(item, "language", path + ".language");
    draft.declaredLanguage = language != null ? language : feedLanguage;
    JsonNode tags = Json.array(item, "tags", path + ".tags");
    for (int i = 0; i < tags.size(); i++) {
      draft.hashtags.add(tags.get(i).isTextual() ? tags.get(i).asText() : null);
    }
    String image = FeedItems.resolve(Json.text(item, "image", path + ".image"), feedKey);
    draft.media(image, MimeTypes.guess(image, "image"), null);
    JsonNode attachments = Json.array(item, "attachments", path + ".attachments");
    for (int i = 0; i < attachments.size(); i++) {
      String at2 = path + ".attachments[" + i + "]";
      String attachment = FeedItems.resolve(Json.requiredText(attachments.get(i), "url", at2 + ".url"), feedKey);
      String mimeType = Json.text(attachments.get(i), "mime_type", at2 + ".mime_type");
      draft.media(attachment, mimeType != null ? mimeType : MimeTypes.guess(attachment, null), null);
    }
    return draft;
  }

  /** Version 1.1's {@code authors}, else 1.0's {@code author}. */
  private static String byline(JsonNode item, String path) {
    JsonNode authors = Json.array(item, "authors", path + ".authors");
    JsonNode author = authors.size() > 0 ? authors.get(0) : Json.object(item, "author", path + ".author");
    return author == null || !author.isObject() ? null : Json.text(author, "name", path + ".author.name");
  }

  private static String firstText(JsonNode node, String path, String... fields) {
    for (String field : fields) {
      String value = Json.text(node, field, path + field);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
