package io.provwatch.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * X (Twitter) API v2 responses: a search or timeline page, a lookup, a filtered-stream message, or
 * twarc's JSON lines of them. Each tweet of {@code data} is joined with {@code includes}: its author
 * ({@code users}), its media ({@code media}) and the tweets it refers to ({@code tweets}, for edits).
 *
 * <p>Mapping: {@code referenced_tweets} {@code retweeted} is the repost, {@code quoted} the quote,
 * {@code replied_to} the reply; text is unescaped ({@code &amp;} ...), the long form of a
 * {@code note_tweet} when there is one, with each {@code t.co} link replaced by the url it stands
 * for, or dropped when it only points at the tweet's own media; {@code urls} are the expanded urls
 * of {@code entities}, hashtags and mentions those of {@code entities}; a photo's url, or a video's
 * best MP4 variant, is the media.
 *
 * <p>Edits: every version of an edited tweet has its own id, listed in {@code edit_history_tweet_ids}
 * (oldest first). A post is known by its first id, so versions replace each other, its
 * {@code editedAt} is the version's time and references to any version lead to it. Users in
 * {@code data} (a users lookup) are {@code NOT_A_POST} skips, {@code errors} about tweets
 * {@code UNAVAILABLE} skips naming the tweet.
 */
public final class XApiV2Format extends AbstractPostFormat {
  public static final String PLATFORM = "x";
  private static final Set<String> MEDIA_LINK_HOSTS = Set.of("pic.twitter.com", "pic.x.com");

  public XApiV2Format(PostNormaliser normaliser) {
    super("x-api-v2", Framing.JSON_LINES, normaliser);
  }

  @Override
  List<ParseResult> read(byte[] payload, SourcePosition position) {
    return response(Json.read(payload), position);
  }

  /** What one response tells about the tweets and users it includes. */
  private record Includes(Map<String, JsonNode> users, Map<String, JsonNode> media, Map<String, JsonNode> tweets, Map<String, String> editRoots) {}

  private List<ParseResult> response(JsonNode response, SourcePosition position) {
    if (!response.isObject()) {
      throw new InvalidInput(Code.NOT_AN_OBJECT, "expected an X API v2 response object, got " + InvalidInput.abbreviate(response.toString()));
    }
    if (!response.has("data") && !response.has("errors") && !response.has("meta") && !response.has("includes")) {
      throw new InvalidInput(Code.UNRECOGNISED_SHAPE, "no 'data', 'includes', 'errors' or 'meta': not an X API v2 response");
    }
    JsonNode includes = Json.object(response, "includes", "includes");
    Includes index = index(includes, response.get("data"));
    List<ParseResult> results = new ArrayList<>();
    JsonNode data = response.get("data");
    if (data != null && data.isObject()) {
      results.add(item(() -> item(data, "data", position, index)));
    } else if (data != null && !data.isNull()) {
      results.addAll(eachItem(Json.array(response, "data", "data"), "data", position, (item, path, at) -> item(item, path, at, index)));
    }
    results.addAll(eachItem(Json.array(response, "errors", "errors"), "errors", position, (error, path, at) -> error(error, path)));
    return results;
  }

  private static Includes index(JsonNode includes, JsonNode data) {
    Map<String, JsonNode> users = byKey(includes, "users", "id");
    Map<String, JsonNode> media = byKey(includes, "media", "media_key");
    Map<String, JsonNode> tweets = byKey(includes, "tweets", "id");
    Map<String, String> editRoots = new HashMap<>();
    List<JsonNode> all = new ArrayList<>(tweets.values());
    if (data != null && data.isArray()) {
      data.forEach(all::add);
    } else if (data != null && data.isObject()) {
      all.add(data);
    }
    for (JsonNode tweet : all) {
      JsonNode history = tweet.get("edit_history_tweet_ids");
      if (history != null && history.isArray() && history.size() > 1 && history.get(0).isTextual()) {
        history.forEach(version -> editRoots.put(version.asText(), history.get(0).asText()));
      }
    }
    return new Includes(users, media, tweets, editRoots);
  }

  private static Map<String, JsonNode> byKey(JsonNode includes, String field, String key) {
    Map<String, JsonNode> byKey = new HashMap<>();
    if (includes != null) {
      for (JsonNode item : Json.array(includes, field, "includes." + field)) {
        JsonNode id = item.get(key);
        if (id != null && id.isValueNode()) {
          byKey.putIfAbsent(id.asText(), item);
        }
      }
    }
    return byKey;
  }

  private ParseResult item(JsonNode item, String path, SourcePosition position, Includes includes) {
    if (!item.isObject()) {
      throw InvalidInput.invalid(path, "a tweet object", item);
    }
    if (!item.has("text") && item.has("username")) {
      return Results.notAPost("X user @" + Json.text(item, "username", path + ".username") + ", not a tweet");
    }
    if (!item.has("text")) {
      throw item.has("id") ? InvalidInput.missing(path + ".text")
          : new InvalidInput(Code.UNRECOGNISED_SHAPE, "'" + path + "' is neither a tweet (id, text) nor a user (username)");
    }
    return new ParseResult.Parsed(normaliser.toPost(tweet(item, path, position, includes)));
  }

  private PostDraft tweet(JsonNode tweet, String path, SourcePosition position, Includes includes) {
    PostDraft draft = new PostDraft(PLATFORM, position);
    String id = numericId(Json.requiredText(tweet, "id", path + ".id"), path + ".id");
    String root = includes.editRoots().getOrDefault(id, id);
    draft.nativeId = root;
    Instant created = Json.requiredTime(tweet, "created_at", path + ".created_at");
    if (root.equals(id)) {
      draft.createdAt = created;
    } else {
      JsonNode original = includes.tweets().get(root);
      Instant first = original == null ? null : Json.time(original, "created_at", "includes.tweets[id=" + root + "].created_at");
      draft.createdAt = first != null ? first : created; // the first version's time when included, else this one's
      draft.editedAt = created;
    }
    String authorId = numericId(Json.requiredText(tweet, "author_id", path + ".author_id"), path + ".author_id");
    draft.authorId = authorId;
    JsonNode user = includes.users().get(authorId);
    if (user != null) {
      draft.authorHandle = Json.text(user, "username", "includes.users[id=" + authorId + "].username");
      draft.authorDisplayName = Json.text(user, "name", "includes.users[id=" + authorId + "].name");
      draft.authorCreatedAt = Json.time(user, "created_at", "includes.users[id=" + authorId + "].created_at");
    }
    draft.declaredLanguage = Json.text(tweet, "lang", path + ".lang");
    JsonNode note = Json.object(tweet, "note_tweet", path + ".note_tweet");
    String textPath = note != null && note.has("text") ? path + ".note_tweet" : path;
    JsonNode textSource = note != null && note.has("text") ? note : tweet;
    String text = Json.text(textSource, "text", textPath + ".text");
    JsonNode entities = Json.object(textSource, "entities", textPath + ".entities");
    draft.text = entities(entities, textPath + ".entities", text == null ? "" : text, draft);
    JsonNode references = Json.array(tweet, "referenced_tweets", path + ".referenced_tweets");
    for (int i = 0; i < references.size(); i++) {
      String at = path + ".referenced_tweets[" + i + "]";
      String type = Json.requiredText(references.get(i), "type", at + ".type");
      String referenced = numericId(Json.requiredText(references.get(i), "id", at + ".id"), at + ".id");
      String reference = draft.idOf(includes.editRoots().getOrDefault(referenced, referenced));
      switch (type) {
        case "retweeted" -> draft.repostOf = reference;
        case "quoted" -> draft.quoteOf = reference;
        case "replied_to" -> draft.replyTo = reference;
        default -> throw InvalidInput.invalid(at + ".type", "retweeted, quoted or replied_to", "'" + type + "'");
      }
    }
    JsonNode attachments = Json.object(tweet, "attachments", path + ".attachments");
    if (attachments != null) {
      for (JsonNode key : Json.array(attachments, "media_keys", path + ".attachments.media_keys")) {
        JsonNode media = includes.media().get(key.asText());
        if (media != null) {
          media(media, draft);
        }
      }
    }
    return draft;
  }

  /** Links, hashtags and mentions from {@code entities}; the text unescaped, with {@code t.co} links resolved. */
  private static String entities(JsonNode entities, String path, String text, PostDraft draft) {
    String resolved = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    if (entities != null) {
      JsonNode urls = Json.array(entities, "urls", path + ".urls");
      for (int i = 0; i < urls.size(); i++) {
        JsonNode url = urls.get(i);
        String at = path + ".urls[" + i + "]";
        String shortUrl = Json.text(url, "url", at + ".url");
        String expanded = Json.text(url, "expanded_url", at + ".expanded_url");
        String display = Json.text(url, "display_url", at + ".display_url");
        boolean ownMedia = url.has("media_key") || (display != null && MEDIA_LINK_HOSTS.contains(display.split("/", 2)[0]));
        if (!ownMedia && expanded != null) {
          draft.urls.add(expanded);
        }
        if (shortUrl != null && !shortUrl.isBlank()) {
          resolved = resolved.replace(shortUrl, ownMedia || expanded == null ? "" : expanded);
        }
      }
      JsonNode hashtags = Json.array(entities, "hashtags", path + ".hashtags");
      for (int i = 0; i < hashtags.size(); i++) {
        draft.hashtags.add(Json.text(hashtags.get(i), "tag", path + ".hashtags[" + i + "].tag"));
      }
      JsonNode mentions = Json.array(entities, "mentions", path + ".mentions");
      for (int i = 0; i < mentions.size(); i++) {
        draft.mentions.add(Json.text(mentions.get(i), "username", path + ".mentions[" + i + "].username"));
      }
    }
    return resolved;
  }

  /** A photo by its url; a video or GIF by its MP4 variant with the highest bit rate, else its preview image. */
  private static void media(JsonNode media, PostDraft draft) {
    String type = media.path("type").asText("");
    String path = "includes.media[media_key=" + media.path("media_key").asText() + "]";
    if (type.equals("photo")) {
      String url = Json.text(media, "url", path + ".url");
      draft.media(url, MimeTypes.guess(url, "image"), null);
      return;
    }
    String best = null;
    long bestRate = -1;
    for (JsonNode variant : Json.array(media, "variants", path + ".variants")) {
      if ("video/mp4".equals(variant.path("content_type").asText()) && variant.path("bit_rate").asLong(0) > bestRate) {
        bestRate = variant.path("bit_rate").asLong(0);
        best = Json.text(variant, "url", path + ".variants.url");
      }
    }
    if (best != null) {
      draft.media(best, "video/mp4", null);
    } else {
      String preview = Json.text(media, "preview_image_url", path + ".preview_image_url");
      draft.media(preview, MimeTypes.guess(preview, "image"), null);
    }
  }

  private ParseResult error(JsonNode error, String path) {
    if (!error.isObject()) {
      throw InvalidInput.invalid(path, "an error object", error);
    }
    String title = Json.text(error, "title", path + ".title");
    String detail = Json.text(error, "detail", path + ".detail");
    String message = "X API error" + (title == null ? "" : ": " + title) + (detail == null ? "" : " - " + detail);
    String resourceId = Json.text(error, "resource_id", path + ".resource_id");
    if ("tweet".equals(Json.text(error, "resource_type", path + ".resource_type")) && resourceId != null && resourceId.matches("[0-9]{1,20}")) {
      return Results.unavailable(message, PLATFORM + ":" + resourceId);
    }
    return Results.notAPost(message);
  }

  private static String numericId(String id, String path) {
    if (!id.matches("[0-9]{1,20}")) {
      throw InvalidInput.invalid(path, "a numeric X id", "'" + id + "'");
    }
    return id;
  }
}
