package io.provwatch.ingest.formats;

import com.rometools.modules.mediarss.MediaEntryModule;
import com.rometools.modules.mediarss.MediaModule;
import com.rometools.modules.mediarss.types.MediaContent;
import com.rometools.modules.mediarss.types.MediaGroup;
import com.rometools.modules.mediarss.types.UrlReference;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection.Code;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * RSS 0.9x, 1.0 and 2.0, Atom 0.3 and 1.0, with Media RSS, read by ROME (com.rometools:rome):
 * encodings as the XML declares them, DOCTYPEs refused (no external entities), dates in the many
 * forms feeds use. Each entry is a post of platform {@code rss} (see {@link FeedItems} for ids,
 * author and text): the entry link first among its urls, then the links of its HTML body; its
 * categories are hashtags; its enclosures and Media RSS contents (also inside {@code media:group})
 * are media. Positions are {@code <payload>#entry[i]}.
 */
public final class FeedFormat extends AbstractPostFormat {
  public FeedFormat(PostNormaliser normaliser) {
    super("feed", Framing.DOCUMENT, normaliser);
  }

  @Override
  List<ParseResult> read(byte[] payload, SourcePosition position) {
    SyndFeed feed = feed(payload);
    String feedKey = firstNonBlank(link(feed, "alternate"), feed.getLink(), link(feed, "self"), feed.getUri());
    Instant feedTime = instant(feed.getPublishedDate());
    return eachItem(feed.getEntries(), "entry", position,
        (entry, path, at) -> new ParseResult.Parsed(normaliser.toPost(entry(feed, feedKey, feedTime, entry, path, at))));
  }

  private static SyndFeed feed(byte[] payload) {
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(payload))) {
      return input.build(reader);
    } catch (FeedException | IllegalArgumentException e) {
      throw new InvalidInput(Code.MALFORMED_XML, "not an RSS or Atom feed: " + InvalidInput.abbreviate(String.valueOf(e.getMessage())));
    } catch (IOException e) {
      throw new InvalidInput(Code.MALFORMED_XML, "unreadable XML: " + InvalidInput.abbreviate(String.valueOf(e.getMessage())));
    }
  }

  private PostDraft entry(SyndFeed feed, String feedKey, Instant feedTime, SyndEntry entry, String path, SourcePosition at) {
    PostDraft draft = new PostDraft(FeedItems.PLATFORM, at);
    String link = FeedItems.resolve(entry.getLink(), feedKey);
    // without a guid ROME takes the link, unresolved, as the entry's uri
    String uri = entry.getUri() != null && entry.getUri().equals(entry.getLink()) ? link : entry.getUri();
    draft.nativeId = FeedItems.nativeId(uri, link, feedKey, path);
    if (feedKey == null) {
      throw InvalidInput.missing("feed link, self link or id");
    }
    draft.authorId = feedKey;
    draft.authorDisplayName = feed.getTitle() == null ? null : feed.getTitle().strip();
    draft.authorHandle = byline(entry);
    FeedItems.times(instant(entry.getPublishedDate()), instant(entry.getUpdatedDate()), feedTime, path, draft);
    if (link != null) {
      draft.urls.add(link);
    }
    SyndContent body = entry.getContents().isEmpty() ? entry.getDescription() : entry.getContents().get(0);
    boolean atom = feed.getFeedType() != null && feed.getFeedType().startsWith("atom");
    FeedItems.text(title(entry, atom), body == null ? null : body.getValue(), body != null && isHtml(body.getType(), atom), draft);
    draft.declaredLanguage = feed.getLanguage();
    for (SyndCategory category : entry.getCategories()) {
      draft.hashtags.add(category.getName());
    }
    for (SyndEnclosure enclosure : entry.getEnclosures()) {
      String url = FeedItems.resolve(enclosure.getUrl(), feedKey);
      draft.media(url, enclosure.getType() != null ? enclosure.getType().toLowerCase(Locale.ROOT) : MimeTypes.guess(url, null), null);
    }
    if (entry.getModule(MediaModule.URI) instanceof MediaEntryModule media) {
      List<MediaContent> contents = new ArrayList<>(List.of(media.getMediaContents()));
      for (MediaGroup group : media.getMediaGroups()) {
        contents.addAll(List.of(group.getContents()));
      }
      for (MediaContent content : contents) {
        if (content.getReference() instanceof UrlReference reference && reference.getUrl() != null) {
          String url = reference.getUrl().toString();
          draft.media(url, content.getType() != null ? content.getType().toLowerCase(Locale.ROOT) : MimeTypes.guess(url, content.getMedium()), null);
        }
      }
    }
    return draft;
  }

  /** The title as text: an Atom title may be HTML. */
  private static String title(SyndEntry entry, boolean atom) {
    SyndContent title = entry.getTitleEx();
    if (title == null || title.getValue() == null) {
      return entry.getTitle();
    }
    return isHtml(title.getType(), atom) ? HtmlText.of(title.getValue()).text() : title.getValue();
  }

  /** RSS bodies are HTML unless said otherwise; Atom says "html" or "xhtml", and means text when it says nothing. */
  private static boolean isHtml(String type, boolean atom) {
    return type == null ? !atom : type.toLowerCase(Locale.ROOT).contains("html");
  }

  private static String byline(SyndEntry entry) {
    for (SyndPerson person : entry.getAuthors()) {
      if (person.getName() != null && !person.getName().isBlank()) {
        return person.getName().strip();
      }
    }
    return entry.getAuthor() == null || entry.getAuthor().isBlank() ? null : entry.getAuthor().strip();
  }

  /** The feed's link of a relation: its site ({@code alternate}) identifies it better than the feed file. */
  private static String link(SyndFeed feed, String rel) {
    for (SyndLink link : feed.getLinks()) {
      if (rel.equals(link.getRel())) {
        return link.getHref();
      }
    }
    return null;
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
