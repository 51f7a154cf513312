package io.provwatch.ingest.formats;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

/**
 * What RSS, Atom and JSON Feed entries have in common on their way to a post. A feed is the
 * account ({@code author.id} is the feed's url), an entry's byline its handle, the feed's title its
 * display name; the entry's link is its first url; its text is the title, then the body.
 */
final class FeedItems {
  static final String PLATFORM = "rss";

  private FeedItems() {}

  /**
   * An entry's native id: its id when that is an absolute URI (a guid, tag: or urn: id, a url),
   * else its id within the feed ({@code <feed>#<id>}), else its link.
   */
  static String nativeId(String id, String link, String feed, String path) {
    String trimmed = id == null ? "" : id.strip();
    if (!trimmed.isEmpty()) {
      return absolute(trimmed) || feed == null ? trimmed : feed + "#" + trimmed;
    }
    if (link != null && !link.isBlank()) {
      return link.strip();
    }
    throw InvalidInput.missing(path + " id or link");
  }

  private static boolean absolute(String id) {
    int colon = id.indexOf(':');
    return colon > 0 && id.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*");
  }

  /** A link resolved against the feed's url when it is relative; as it is when that is impossible. */
  static String resolve(String link, String base) {
    if (link == null || link.isBlank() || base == null || absolute(link.strip())) {
      return link == null ? null : link.strip();
    }
    try {
      return new URI(base).resolve(new URI(link.strip())).toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return link.strip();
    }
  }

  /** Title, then the body's text; the body's links go to the draft's urls after the entry link. */
  static void text(String title, String body, boolean bodyIsHtml, PostDraft draft) {
    String text = body == null ? "" : body;
    if (bodyIsHtml) {
      HtmlText.Result html = HtmlText.of(text);
      text = html.text();
      draft.urls.addAll(html.links());
    }
    String heading = title == null ? "" : title.strip();
    draft.text = heading.isEmpty() ? text.strip() : text.isBlank() ? heading : heading + "\n\n" + text.strip();
  }

  /**
   * Published time, or updated time when there is none, or the feed's time; an update after
   * publication is an edit.
   */
  static void times(Instant published, Instant updated, Instant feedTime, String path, PostDraft draft) {
    Instant created = published != null ? published : updated != null ? updated : feedTime;
    if (created == null) {
      throw InvalidInput.missing(path + " date (published, updated, pubDate or dc:date, or the feed's)");
    }
    draft.createdAt = created;
    draft.editedAt = published != null && updated != null && updated.isAfter(published) ? updated : null;
  }
}
