package io.provwatch.ingest.formats;

import io.provwatch.avro.Media;
import io.provwatch.avro.SourcePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an adapter read from one platform item, before {@link PostNormaliser} checks and normalises
 * it into a {@code Post}. Fields hold the platform's values as they were (text with its invisible
 * characters, links with their tracking parameters); references are full post ids.
 */
final class PostDraft {
  final String platform;
  String nativeId;
  String authorId;
  String authorHandle;
  String authorDisplayName;
  Instant authorCreatedAt;
  Instant createdAt;
  Instant editedAt;
  String text = "";
  String declaredLanguage;
  final List<String> urls = new ArrayList<>();
  final List<String> hashtags = new ArrayList<>();
  final List<String> mentions = new ArrayList<>();
  final List<Media> media = new ArrayList<>();
  String replyTo;
  String repostOf;
  String quoteOf;
  SourcePosition source;

  PostDraft(String platform, SourcePosition source) {
    this.platform = platform;
    this.source = source;
  }

  /** The id another post of this platform is known by, e.g. in a reply reference. */
  String idOf(String nativeId) {
    return nativeId == null || nativeId.isBlank() ? null : platform + ":" + nativeId;
  }

  void media(String url, String mimeType, String sha256) {
    if (url != null && !url.isBlank()) {
      media.add(Media.newBuilder().setUrl(url).setMimeType(mimeType).setSha256(sha256).build());
    }
  }
}
