package io.provwatch.ingest.formats;

import com.fasterxml.jackson.databind.JsonNode;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Bluesky's Jetstream events (one JSON object per WebSocket message or NDJSON line).
 *
 * <p>Commits of {@code app.bsky.feed.post} with operation {@code create} (or {@code update}, an
 * edit: {@code editedAt} is the event time) become posts; a {@code delete} is a {@code DELETED}
 * skip naming the post. A repost ({@code app.bsky.feed.repost} create) is a post without text whose
 * {@code repostOf} is the reposted post, as a Mastodon boost or an X retweet is. Every other
 * collection (likes, follows, blocks, profiles...) and the {@code identity} and {@code account}
 * events are {@code NOT_A_POST} skips.
 *
 * <p>Ids are the records' {@code at://} URIs: {@code bluesky:at://did:plc:.../app.bsky.feed.post/<rkey>};
 * the author is the repository's DID (Jetstream carries no handle). Facets give links, mentions
 * (DIDs) and tags; embeds give the quoted post ({@code record}, {@code recordWithMedia}), media
 * ({@code images}, {@code video}) and links ({@code external}); {@code reply.parent} the reply.
 * A blob's CID is a SHA-256 of its bytes, so media carry their digest; their url is the Bluesky
 * CDN's for that blob. {@code createdAt} is the record's, as the client wrote it (it can be
 * backdated); each post's position ends with {@code #time_us=<cursor>}, where a Jetstream
 * connector resumes.
 */
public final class BlueskyJetstreamFormat extends JsonLinesFormat {
  public static final String PLATFORM = "bluesky";
  static final String POST = "app.bsky.feed.post";
  static final String REPOST = "app.bsky.feed.repost";
  /** 10000-01-01T00:00:00Z in microseconds: a cursor beyond is garbage, not a time. */
  private static final long MAX_TIME_US = 253_402_300_800_000_000L;
  private static final Pattern DID = Pattern.compile("did:[a-z]+:[A-Za-z0-9._:%-]+");
  private static final Pattern RKEY = Pattern.compile("[A-Za-z0-9._:~-]{1,512}");

  public BlueskyJetstreamFormat(PostNormaliser normaliser) {
    super("bluesky-jetstream", "a Jetstream event", normaliser);
  }

  @Override
  ParseResult item(JsonNode event, SourcePosition position) {
    String kind = Json.requiredText(event, "kind", "kind");
    if (!kind.equals("commit")) {
      return Results.notAPost("Jetstream " + InvalidInput.abbreviate(kind) + " event");
    }
    String did = did(Json.requiredText(event, "did", "did"), "did");
    JsonNode timeUs = event.get("time_us");
    if (timeUs == null || !timeUs.canConvertToLong() || timeUs.asLong() < 0 || timeUs.asLong() >= MAX_TIME_US) {
      throw timeUs == null ? InvalidInput.missing("time_us") : InvalidInput.invalid("time_us", "microseconds since 1970, before the year 10000", timeUs);
    }
    SourcePosition at = PostFormat.itemPosition(position, "time_us=" + timeUs.asLong());
    JsonNode commit = Json.requiredObject(event, "commit", "commit");
    String collection = Json.requiredText(commit, "collection", "commit.collection");
    String operation = Json.requiredText(commit, "operation", "commit.operation");
    if (!collection.equals(POST) && !collection.equals(REPOST)) {
      return Results.notAPost("Jetstream " + InvalidInput.abbreviate(collection) + " " + InvalidInput.abbreviate(operation) + " commit");
    }
    String rkey = Json.requiredText(commit, "rkey", "commit.rkey");
    if (!RKEY.matcher(rkey).matches()) {
      throw InvalidInput.invalid("commit.rkey", "a record key", "'" + rkey + "'");
    }
    String uri = "at://" + did + "/" + collection + "/" + rkey;
    switch (operation) {
      case "delete":
        return Results.deleted("Bluesky " + (collection.equals(POST) ? "post " : "repost ") + uri + " was deleted", PLATFORM + ":" + uri);
      case "create", "update":
        break;
      default:
        throw InvalidInput.invalid("commit.operation", "create, update or delete", "'" + operation + "'");
    }
    PostDraft draft = new PostDraft(PLATFORM, at);
    draft.nativeId = uri;
    draft.authorId = did;
    JsonNode record = Json.requiredObject(commit, "record", "commit.record");
    draft.createdAt = Json.requiredTime(record, "createdAt", "commit.record.createdAt");
    if (operation.equals("update")) {
      draft.editedAt = Instant.EPOCH.plus(timeUs.asLong(), ChronoUnit.MICROS);
    }
    if (collection.equals(REPOST)) {
      draft.repostOf = postReference(Json.requiredObject(record, "subject", "commit.record.subject"), "commit.record.subject", draft);
      if (draft.repostOf == null) {
        throw InvalidInput.missing("commit.record.subject.uri");
      }
    } else {
      post(record, draft, did);
    }
    return new ParseResult.Parsed(normaliser.toPost(draft));
  }

  private void post(JsonNode record, PostDraft draft, String did) {
    String path = "commit.record";
    draft.text = Json.text(record, "text", path + ".text");
    JsonNode langs = Json.array(record, "langs", path + ".langs");
    if (langs.size() > 0) {
      draft.declaredLanguage = langs.get(0).asText(null);
    }
    JsonNode facets = Json.array(record, "facets", path + ".facets");
    for (int i = 0; i < facets.size(); i++) {
      JsonNode features = Json.array(facets.get(i), "features", path + ".facets[" + i + "].features");
      for (int j = 0; j < features.size(); j++) {
        JsonNode feature = features.get(j);
        String at = path + ".facets[" + i + "].features[" + j + "]";
        String type = Json.text(feature, "$type", at + ".$type");
        if (type == null) {
          continue;
        }
        switch (type) {
          case "app.bsky.richtext.facet#link" -> draft.urls.add(Json.text(feature, "uri", at + ".uri"));
          case "app.bsky.richtext.facet#mention" -> draft.mentions.add(Json.text(feature, "did", at + ".did"));
          case "app.bsky.richtext.facet#tag" -> draft.hashtags.add(Json.text(feature, "tag", at + ".tag"));
          default -> { } // new facet kinds carry nothing provwatch reads
        }
      }
    }
    JsonNode tags = Json.array(record, "tags", path + ".tags");
    for (int i = 0; i < tags.size(); i++) {
      draft.hashtags.add(tags.get(i).asText(null));
    }
    JsonNode reply = Json.object(record, "reply", path + ".reply");
    if (reply != null) {
      draft.replyTo = postReference(Json.requiredObject(reply, "parent", path + ".reply.parent"), path + ".reply.parent", draft);
    }
    JsonNode embed = Json.object(record, "embed", path + ".embed");
    if (embed != null) {
      embed(embed, path + ".embed", draft, did);
    }
  }

  private void embed(JsonNode embed, String path, PostDraft draft, String did) {
    String type = Json.text(embed, "$type", path + ".$type");
    if (type == null) {
      return;
    }
    switch (type) {
      case "app.bsky.embed.images" -> {
        JsonNode images = Json.array(embed, "images", path + ".images");
        for (int i = 0; i < images.size(); i++) {
          JsonNode image = Json.object(images.get(i), "image", path + ".images[" + i + "].image");
          if (image != null) {
            blob(image, path + ".images[" + i + "].image", draft, did, "image");
          }
        }
      }
      case "app.bsky.embed.video" -> {
        JsonNode video = Json.object(embed, "video", path + ".video");
        if (video != null) {
          blob(video, path + ".video", draft, did, "video");
        }
      }
      case "app.bsky.embed.external" -> {
        JsonNode external = Json.object(embed, "external", path + ".external");
        if (external != null) {
          draft.urls.add(Json.text(external, "uri", path + ".external.uri"));
        }
      }
      case "app.bsky.embed.record" -> quote(Json.object(embed, "record", path + ".record"), path + ".record", draft);
      case "app.bsky.embed.recordWithMedia" -> {
        JsonNode record = Json.object(embed, "record", path + ".record");
        if (record != null) {
          quote(Json.object(record, "record", path + ".record.record"), path + ".record.record", draft);
        }
        JsonNode media = Json.object(embed, "media", path + ".media");
        if (media != null) {
          embed(media, path + ".media", draft, did);
        }
      }
      default -> { } // unknown embed kinds carry nothing provwatch reads
    }
  }

  private void quote(JsonNode strongRef, String path, PostDraft draft) {
    if (strongRef != null) {
      draft.quoteOf = postReference(strongRef, path, draft);
    }
  }

  /** The post a strong ref ({@code {uri, cid}}) points at; null when it points at no post (a list, a feed). */
  private static String postReference(JsonNode strongRef, String path, PostDraft draft) {
    String uri = Json.text(strongRef, "uri", path + ".uri");
    if (uri == null) {
      return null;
    }
    if (!uri.startsWith("at://")) {
      throw InvalidInput.invalid(path + ".uri", "an at:// URI", "'" + uri + "'");
    }
    return uri.contains("/" + POST + "/") ? draft.idOf(uri) : null;
  }

  /** A blob as media: the CDN url of its CID, its MIME type and, for a raw SHA-256 CID, its digest. */
  private static void blob(JsonNode blob, String path, PostDraft draft, String did, String kind) {
    JsonNode ref = Json.object(blob, "ref", path + ".ref");
    String cid = ref != null ? Json.text(ref, "$link", path + ".ref.$link") : Json.text(blob, "cid", path + ".cid");
    if (cid == null) {
      throw InvalidInput.missing(path + ".ref.$link");
    }
    if (!cid.matches("[a-z2-7]{8,200}")) {
      throw InvalidInput.invalid(path + ".ref.$link", "a base32 CID", "'" + cid + "'");
    }
    String mimeType = Json.text(blob, "mimeType", path + ".mimeType");
    String url = kind.equals("video")
        ? "https://video.bsky.app/watch/" + did.replace(":", "%3A") + "/" + cid + "/playlist.m3u8"
        : "https://cdn.bsky.app/img/feed_fullsize/plain/" + did + "/" + cid + "@jpeg";
    draft.media(url, mimeType == null ? MimeTypes.guess(null, kind) : mimeType.toLowerCase(Locale.ROOT), sha256OfRawCid(cid));
  }

  /**
   * The SHA-256 in a CIDv1 of raw bytes ({@code b} + base32 of 0x01 0x55 0x12 0x20 + digest), which
   * is how blobs are addressed; null for any other CID.
   */
  static String sha256OfRawCid(String cid) {
    if (!cid.startsWith("b")) {
      return null;
    }
    byte[] bytes = base32(cid.substring(1));
    if (bytes == null || bytes.length != 36 || bytes[0] != 0x01 || bytes[1] != 0x55 || bytes[2] != 0x12 || bytes[3] != 0x20) {
      return null;
    }
    return HexFormat.of().formatHex(bytes, 4, 36);
  }

  /** RFC 4648 base32, lower case, no padding (multibase 'b'); null on a foreign character. */
  private static byte[] base32(String s) {
    byte[] out = new byte[s.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      int value = c >= 'a' && c <= 'z' ? c - 'a' : (c >= '2' && c <= '7' ? c - '2' + 26 : -1);
      if (value < 0) {
        return null;
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        bits -= 8;
        if (n < out.length) {
          out[n++] = (byte) (buffer >> bits);
        }
        buffer &= (1 << bits) - 1;
      }
    }
    return out;
  }

  private static String did(String did, String path) {
    if (!DID.matcher(did).matches()) {
      throw InvalidInput.invalid(path, "a DID like did:plc:...", "'" + did + "'");
    }
    return did;
  }
}
