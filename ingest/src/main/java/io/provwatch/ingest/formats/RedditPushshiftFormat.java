package io.provwatch.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reddit submissions and comments as Pushshift dumps them: one JSON object per line, the Reddit API's
 * own fields, from 2005 to now (so times come as numbers, decimals or strings, and fields come and go).
 *
 * <p>Ids are Reddit "fullnames" ({@code reddit:t3_1afwvv8} for a submission, {@code reddit:t1_kod0bkd}
 * for a comment), because that is how Reddit refers to them: a comment's {@code parent_id} becomes
 * {@code replyTo} as it is, a cross-post's {@code crosspost_parent} {@code repostOf}. The author is
 * the username, which Reddit never changes; {@code [deleted]} authors share that name. Text is
 * the submission's title and self text, or the comment's body, unescaped (Reddit escapes
 * {@code & < >} in its JSON and its markdown carries HTML entities). A comment whose body is
 * {@code [deleted]} is a {@code DELETED} skip, {@code [removed]} an {@code UNAVAILABLE} one; a
 * submission keeps its title. Links: a link post's url first, then those in the text; media: the
 * image or video of the post, and the images of a gallery or of inline media.
 */
public final class RedditPushshiftFormat extends JsonLinesFormat {
  public static final String PLATFORM = "reddit";
  private static final Pattern FULLNAME = Pattern.compile("t[1-6]_[a-z0-9]{1,20}");
  private static final Pattern BASE36 = Pattern.compile("[a-z0-9]{1,20}");
  private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});");
  /** "u/name" or "/u/name" mentions, not inside a longer path or word. */
  private static final Pattern USER_MENTION = Pattern.compile("(?<![\\w/])/?u/([A-Za-z0-9_-]{3,20})\\b");

  public RedditPushshiftFormat(PostNormaliser normaliser) {
    super("reddit-pushshift", "a Reddit submission or comment", normaliser);
  }

  @Override
  ParseResult item(JsonNode node, SourcePosition position) {
    boolean comment = node.has("body") || node.has("parent_id");
    boolean submission = node.has("title");
    if (comment == submission) {
      throw new InvalidInput(Code.UNRECOGNISED_SHAPE, "neither a Reddit comment (body, parent_id) nor a submission (title)");
    }
    String id = Json.requiredText(node, "id", "id");
    if (!BASE36.matcher(id).matches()) {
      throw InvalidInput.invalid("id", "a base-36 Reddit id", "'" + id + "'");
    }
    PostDraft draft = new PostDraft(PLATFORM, position);
    draft.nativeId = (comment ? "t1_" : "t3_") + id;
    draft.authorId = Json.requiredText(node, "author", "author");
    draft.authorHandle = draft.authorId;
    draft.authorCreatedAt = Json.epochSeconds(node, "author_created_utc", "author_created_utc");
    draft.createdAt = Json.epochSeconds(node, "created_utc", "created_utc");
    if (draft.createdAt == null) {
      throw InvalidInput.missing("created_utc");
    }
    JsonNode edited = node.get("edited");
    if (edited != null && edited.isNumber()) {
      draft.editedAt = Json.epochSeconds(node, "edited", "edited");
    }
    if (comment) {
      String body = Json.text(node, "body", "body");
      if (body == null) { // found by RedditPushshiftFormatFuzzTest: a comment known by its parent_id alone
        throw InvalidInput.missing("body");
      }
      if ("[deleted]".equals(body)) {
        return Results.deleted("Reddit comment " + draft.nativeId + " was deleted", draft.idOf(draft.nativeId));
      }
      if ("[removed]".equals(body)) {
        return Results.unavailable("Reddit comment " + draft.nativeId + " was removed by moderators", draft.idOf(draft.nativeId));
      }
      draft.text = unescape(body);
      draft.replyTo = draft.idOf(fullname(Json.requiredText(node, "parent_id", "parent_id"), "parent_id"));
    } else {
      String title = unescape(Json.requiredText(node, "title", "title"));
      String selftext = Json.text(node, "selftext", "selftext");
      boolean gone = selftext == null || selftext.isBlank() || selftext.equals("[deleted]") || selftext.equals("[removed]");
      draft.text = gone ? title : title + "\n\n" + unescape(selftext);
      String crosspostParent = Json.text(node, "crosspost_parent", "crosspost_parent");
      draft.repostOf = crosspostParent == null ? null : draft.idOf(fullname(crosspostParent, "crosspost_parent"));
      String url = Json.text(node, "url", "url");
      if (url != null && !isSelf(node, url, id)) {
        draft.urls.add(unescape(url));
      }
      media(node, url == null ? null : unescape(url), draft);
    }
    draft.urls.addAll(UrlNormaliser.extract(draft.text));
    if (draft.text.contains("u/")) { // the look-behind at every position is costly; most texts mention nobody
      Matcher mentions = USER_MENTION.matcher(draft.text);
      while (mentions.find()) {
        draft.mentions.add(mentions.group(1));
      }
    }
    return new ParseResult.Parsed(normaliser.toPost(draft));
  }

  /** A self post's url is its own permalink; old dumps lack {@code is_self}. */
  private static boolean isSelf(JsonNode node, String url, String id) {
    JsonNode isSelf = node.get("is_self");
    return isSelf != null && isSelf.isBoolean() ? isSelf.asBoolean() : url.contains("/comments/" + id + "/");
  }

  private static void media(JsonNode node, String url, PostDraft draft) {
    String hint = Json.text(node, "post_hint", "post_hint");
    if (url != null && ("image".equals(hint) || url.startsWith("https://i.redd.it/"))) {
      draft.media(url, MimeTypes.guess(url, "image"), null);
    }
    JsonNode media = Json.object(node, "media", "media");
    JsonNode video = media == null ? null : Json.object(media, "reddit_video", "media.reddit_video");
    if (video != null) {
      String fallback = Json.text(video, "fallback_url", "media.reddit_video.fallback_url");
      draft.media(fallback == null ? null : unescape(fallback), "video/mp4", null);
    }
    JsonNode metadata = Json.object(node, "media_metadata", "media_metadata");
    if (metadata == null) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = metadata.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> item = it.next();
      String path = "media_metadata." + item.getKey();
      JsonNode value = item.getValue();
      if (!value.isObject() || !"valid".equals(Json.text(value, "status", path + ".status"))) {
        continue;
      }
      JsonNode source = Json.object(value, "s", path + ".s");
      if (source == null) {
        continue;
      }
      String itemUrl = firstText(source, path + ".s", "u", "gif", "mp4");
      String mimeType = Json.text(value, "m", path + ".m");
      draft.media(itemUrl == null ? null : unescape(itemUrl), "image/jpg".equals(mimeType) ? "image/jpeg" : mimeType, null);
    }
  }

  private static String firstText(JsonNode node, String path, String... fields) {
    for (String field : fields) {
      String value = Json.text(node, field, path + "." + field);
      if (value != null) {
        return value;
      }
    }
    return null;
  }

  private static String fullname(String value, String path) {
    if (!FULLNAME.matcher(value).matches()) {
      throw InvalidInput.invalid(path, "a Reddit fullname like t3_abc12", "'" + value + "'");
    }
    return value;
  }

  /** Reddit's JSON escaping of {@code & < >}, then the HTML entities its markdown allows (e.g. &#x200B;). */
  static String unescape(String s) {
    if (s == null || s.indexOf('&') < 0) {
      return s;
    }
    String plain = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    Matcher m = NUMERIC_ENTITY.matcher(plain);
    StringBuilder out = new StringBuilder(plain.length());
    while (m.find()) {
      String number = m.group(1);
      int cp = number.startsWith("x") ? Integer.parseInt(number.substring(1), 16) : Integer.parseInt(number);
      m.appendReplacement(out, Character.isValidCodePoint(cp) ? Matcher.quoteReplacement(new String(Character.toChars(cp))) : "\uFFFD");
    }
    m.appendTail(out);
    return out.toString();
  }
}
