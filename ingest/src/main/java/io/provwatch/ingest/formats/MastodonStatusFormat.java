package io.provwatch.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Mastodon's REST entities and streaming events.
 *
 * <p>Payloads: a Status or an array of them (timelines), a Context ({@code ancestors},
 * {@code descendants}), search results ({@code statuses}), Notifications (their status), a
 * streaming event as the WebSocket API sends it ({@code {"event":"update","payload":"<json>"}}) or
 * as server-sent events text ({@code event: update} / {@code data: ...}). Events {@code update} and
 * {@code status.update} carry a status, {@code delete} a status id (a {@code DELETED} skip). An
 * Account, a StatusEdit (edit history, which carries no status id) or another event is skipped.
 *
 * <p>Ids: Mastodon's status and account ids are local to the server the API was read from, so they
 * are qualified with that server's host: {@code mastodon:mastodon.social/109876543210}. Replies,
 * reblogs and quotes refer to ids of the same server, so references match. Local handles get the
 * host too ({@code alice} becomes {@code alice@mastodon.social}).
 *
 * <p>Mapping: HTML {@code content} to text with links ({@code spoiler_text}, the content warning,
 * first); a reblog is a repost of the reblogged status and carries its text, links and media;
 * {@code in_reply_to_id} the reply; a quote (Mastodon 4.5 {@code quote.quoted_status[_id]}, or
 * {@code quote_id} of forks) the quote; {@code media_attachments} by url (the remote original
 * when the server has no copy) and type; {@code edited_at}.
 */
public final class MastodonStatusFormat extends AbstractPostFormat {
  public static final String PLATFORM = "mastodon";
  private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

  private final String instance;

  /**
   * @param instanceHost the server the payloads were read from, e.g. {@code mastodon.social}
   */
  public MastodonStatusFormat(String instanceHost, PostNormaliser normaliser) {
    super(PLATFORM, Framing.DOCUMENT, normaliser);
    String host = instanceHost == null ? "" : instanceHost.strip().toLowerCase(Locale.ROOT);
    if (!HOST.matcher(host).matches()) {
      throw new IllegalArgumentException("Mastodon instance must be a host name like mastodon.social, got '" + instanceHost + "'");
    }
    this.instance = host;
  }

  @Override
  List<ParseResult> read(byte[] payload, SourcePosition position) {
    String start = new String(payload, 0, Math.min(payload.length, 16), StandardCharsets.UTF_8).stripLeading();
    if (start.startsWith("event:") || start.startsWith("data:") || start.startsWith(":")) {
      return serverSentEvents(new String(payload, StandardCharsets.UTF_8), position);
    }
    List<ParseResult> results = new ArrayList<>();
    collect(Json.read(payload), "", position, results);
    return results;
  }

  /** One streaming event as a server-sent-events connector reads it: its name and its data. */
  public List<ParseResult> parseStreamingEvent(String event, String data, SourcePosition position) {
    return Results.guarded(PLATFORM, () -> {
      List<ParseResult> results = new ArrayList<>();
      event(event, data, null, "data", position, results);
      return results;
    });
  }

  private List<ParseResult> serverSentEvents(String text, SourcePosition position) {
    List<String[]> events = new ArrayList<>();
    String name = null;
    StringBuilder data = null;
    for (String line : (text + "\n\n").split("\r?\n", -1)) {
      if (line.isEmpty()) {
        if (data != null) {
          events.add(new String[] {name == null ? "message" : name, data.toString()});
        }
        name = null;
        data = null;
      } else if (line.startsWith("event:")) {
        name = line.substring(6).strip();
      } else if (line.startsWith("data:")) {
        String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      } // ":" comments (heartbeats), id: and retry: carry nothing to parse
    }
    List<ParseResult> results = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      SourcePosition at = events.size() == 1 ? position : PostFormat.itemPosition(position, "event[" + i + "]");
      int index = i;
      List<ParseResult> eventResults = new ArrayList<>();
      try {
        event(events.get(i)[0], events.get(i)[1], null, "event[" + index + "].data", at, eventResults);
      } catch (InvalidInput e) {
        eventResults.add(new ParseResult.Rejected(e.rejection));
      }
      results.addAll(eventResults);
    }
    return results;
  }

  /** A streaming event; its payload is a JSON string (or, from some clients, the object itself). */
  private void event(String event, String payloadText, JsonNode payloadNode, String path, SourcePosition position, List<ParseResult> results) {
    switch (event) {
      case "update", "status.update" -> {
        JsonNode status = payloadNode != null ? payloadNode : Json.readNested(nonNull(payloadText, path), path);
        results.add(item(() -> status(status, path, position)));
      }
      case "delete" -> {
        String id = payloadNode != null ? payloadNode.asText() : nonNull(payloadText, path).strip();
        if (id.isEmpty()) {
          throw InvalidInput.missing(path);
        }
        results.add(Results.deleted("Mastodon status " + id + " was deleted", PLATFORM + ":" + instance + "/" + id));
      }
      case "notification" -> collect(payloadNode != null ? payloadNode : Json.readNested(nonNull(payloadText, path), path), path, position, results);
      default -> results.add(Results.notAPost("Mastodon streaming event '" + InvalidInput.abbreviate(event) + "' carries no status"));
    }
  }

  private static String nonNull(String value, String path) {
    if (value == null) {
      throw InvalidInput.missing(path);
    }
    return value;
  }

  /** Any REST entity or collection of them. */
  private void collect(JsonNode node, String path, SourcePosition position, List<ParseResult> results) {
    if (node.isArray()) {
      results.addAll(eachItem(node, path, position, this::entity));
      return;
    }
    if (!node.isObject()) {
      throw new InvalidInput(Code.NOT_AN_OBJECT, "expected a Mastodon entity (a JSON object or array), got " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    if (node.has("event")) {
      JsonNode payload = node.get("payload");
      String name = Json.requiredText(node, "event", path.isEmpty() ? "event" : path + ".event");
      String payloadPath = path.isEmpty() ? "payload" : path + ".payload";
      event(name, payload != null && payload.isTextual() ? payload.asText() : null,
          payload != null && !payload.isTextual() && !payload.isNull() ? payload : null, payloadPath, position, results);
    } else if (node.has("ancestors") || node.has("descendants")) {
      for (String part : List.of("ancestors", "descendants")) {
        collect(Json.array(node, part, part), part, position, results);
      }
    } else if (node.has("statuses") && !node.has("content")) {
      collect(Json.array(node, "statuses", "statuses"), "statuses", position, results);
    } else {
      results.add(item(() -> entity(node, path, position)));
    }
  }

  /** One object of a collection: a status, a notification's status, or something that is no post. */
  private ParseResult entity(JsonNode node, String path, SourcePosition position) {
    if (!node.isObject()) {
      throw new InvalidInput(Code.NOT_AN_OBJECT, "'" + (path.isEmpty() ? "payload" : path) + "' must be a Mastodon entity object, got " + InvalidInput.abbreviate(node.toString()));
    }
    boolean statusLike = node.has("content") || node.has("account") || node.has("reblog") || node.has("media_attachments");
    if (node.has("type") && (node.has("status") || node.has("account")) && !node.has("content") && !node.has("uri")) {
      JsonNode status = Json.object(node, "status", at(path, "status"));
      if (status == null) {
        return Results.notAPost("Mastodon notification of type '" + Json.text(node, "type", at(path, "type")) + "' has no status");
      }
      return status(status, at(path, "status"), position);
    }
    if (statusLike && !node.has("id") && node.has("content")) {
      return Results.notAPost("Mastodon status edit (a past version without the status id), at '" + (path.isEmpty() ? "payload" : path) + "'");
    }
    if (statusLike) {
      return status(node, path, position);
    }
    if (node.has("acct") || node.has("username")) {
      return Results.notAPost("Mastodon account " + Json.text(node, "acct", at(path, "acct")));
    }
    throw new InvalidInput(Code.UNRECOGNISED_SHAPE, "'" + (path.isEmpty() ? "payload" : path)
        + "' is no Mastodon status, notification, context, search result or event; its fields: " + fieldNames(node));
  }

  private ParseResult status(JsonNode node, String path, SourcePosition position) {
    if (!node.isObject()) {
      throw InvalidInput.invalid(path.isEmpty() ? "payload" : path, "a Mastodon status object", node);
    }
    PostDraft draft = new PostDraft(PLATFORM, position);
    draft.nativeId = localId(Json.requiredText(node, "id", at(path, "id")), at(path, "id"));
    JsonNode account = Json.requiredObject(node, "account", at(path, "account"));
    draft.authorId = localId(Json.requiredText(account, "id", at(path, "account.id")), at(path, "account.id"));
    draft.authorHandle = qualified(Json.text(account, "acct", at(path, "account.acct")));
    draft.authorDisplayName = Json.text(account, "display_name", at(path, "account.display_name"));
    draft.authorCreatedAt = Json.time(account, "created_at", at(path, "account.created_at"));
    draft.createdAt = Json.requiredTime(node, "created_at", at(path, "created_at"));
    draft.editedAt = Json.time(node, "edited_at", at(path, "edited_at"));
    draft.replyTo = reference(Json.text(node, "in_reply_to_id", at(path, "in_reply_to_id")), at(path, "in_reply_to_id"));
    draft.quoteOf = quote(node, path);
    JsonNode reblog = Json.object(node, "reblog", at(path, "reblog"));
    JsonNode content = node;
    String contentPath = path;
    if (reblog != null) {
      draft.repostOf = reference(Json.requiredText(reblog, "id", at(path, "reblog.id")), at(path, "reblog.id"));
      String own = Json.text(node, "content", at(path, "content"));
      if (own == null || own.isBlank()) {
        content = reblog; // what a boost amplifies is the reblogged status
        contentPath = at(path, "reblog");
      }
    }
    HtmlText.Result html = HtmlText.of(Json.text(content, "content", at(contentPath, "content")));
    String warning = Json.text(content, "spoiler_text", at(contentPath, "spoiler_text"));
    draft.text = warning == null || warning.isBlank() ? html.text() : warning.strip() + "\n\n" + html.text();
    draft.urls.addAll(html.links());
    draft.declaredLanguage = Json.text(content, "language", at(contentPath, "language"));
    JsonNode tags = Json.array(content, "tags", at(contentPath, "tags"));
    for (int i = 0; i < tags.size(); i++) {
      draft.hashtags.add(Json.text(tags.get(i), "name", at(contentPath, "tags[" + i + "].name")));
    }
    JsonNode mentions = Json.array(content, "mentions", at(contentPath, "mentions"));
    for (int i = 0; i < mentions.size(); i++) {
      draft.mentions.add(qualified(Json.text(mentions.get(i), "acct", at(contentPath, "mentions[" + i + "].acct"))));
    }
    JsonNode attachments = Json.array(content, "media_attachments", at(contentPath, "media_attachments"));
    for (int i = 0; i < attachments.size(); i++) {
      String item = at(contentPath, "media_attachments[" + i + "]");
      JsonNode attachment = attachments.get(i);
      if (!attachment.isObject()) {
        throw InvalidInput.invalid(item, "an object", attachment);
      }
      String url = Json.text(attachment, "url", item + ".url");
      if (url == null) {
        url = Json.text(attachment, "remote_url", item + ".remote_url");
      }
      draft.media(url, MimeTypes.guess(url, Json.text(attachment, "type", item + ".type")), null);
    }
    return new ParseResult.Parsed(normaliser.toPost(draft));
  }

  /** The quoted status: Mastodon 4.5 {@code quote} (full or shallow), or the {@code quote_id} of forks. */
  private String quote(JsonNode node, String path) {
    JsonNode quote = Json.object(node, "quote", at(path, "quote"));
    if (quote != null) {
      JsonNode quoted = Json.object(quote, "quoted_status", at(path, "quote.quoted_status"));
      if (quoted != null) {
        return reference(Json.text(quoted, "id", at(path, "quote.quoted_status.id")), at(path, "quote.quoted_status.id"));
      }
      String id = Json.text(quote, "quoted_status_id", at(path, "quote.quoted_status_id"));
      return reference(id != null ? id : Json.text(quote, "id", at(path, "quote.id")), at(path, "quote"));
    }
    return reference(Json.text(node, "quote_id", at(path, "quote_id")), at(path, "quote_id"));
  }

  private String reference(String localId, String path) {
    return localId == null || localId.isBlank() ? null : PLATFORM + ":" + localId(localId, path);
  }

  private String localId(String id, String path) {
    String trimmed = id.strip();
    if (trimmed.isEmpty() || trimmed.chars().anyMatch(c -> Character.isWhitespace(c) || c == '/')) {
      throw InvalidInput.invalid(path, "a Mastodon id (no spaces or '/')", "'" + id + "'");
    }
    return instance + "/" + trimmed;
  }

  private String qualified(String acct) {
    if (acct == null || acct.isBlank()) {
      return null;
    }
    String handle = acct.startsWith("@") ? acct.substring(1) : acct;
    return handle.contains("@") ? handle : handle + "@" + instance;
  }

  private static String at(String path, String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  private static String fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext() && names.size() < 8; ) {
      names.add(it.next());
    }
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
