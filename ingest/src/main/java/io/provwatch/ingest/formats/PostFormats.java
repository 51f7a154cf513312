package io.provwatch.ingest.formats;

import java.util.List;
import java.util.Map;

/**
 * The adapters by name, for commands and configuration ({@code provwatch ingest <format> <file>},
 * a source's {@code format=} key). Options a format needs: {@code instance} for {@code mastodon}
 * (the server read from), {@code columns} for {@code csv} (see {@link CsvColumns#parse}). {@code canonical}
 * is provwatch's own JSON ({@link CanonicalFormat}).
 */
public final class PostFormats {
  public static final List<String> NAMES = List.of("mastodon", "bluesky-jetstream", "reddit-pushshift", "x-api-v2", "feed", "json-feed", "csv",
      CanonicalFormat.NAME);

  private PostFormats() {}

  /** The named format; an unknown name or a missing option is an {@link IllegalArgumentException} that says what is possible. */
  public static PostFormat create(String name, Map<String, String> options, PostNormaliser normaliser) {
    return switch (name) {
      case "mastodon" -> new MastodonStatusFormat(option(name, options, "instance", "the server the statuses were read from, e.g. mastodon.social"), normaliser);
      case "bluesky-jetstream" -> new BlueskyJetstreamFormat(normaliser);
      case "reddit-pushshift" -> new RedditPushshiftFormat(normaliser);
      case "x-api-v2" -> new XApiV2Format(normaliser);
      case "feed" -> new FeedFormat(normaliser);
      case "json-feed" -> new JsonFeedFormat(normaliser);
      case CanonicalFormat.NAME -> new CanonicalFormat(normaliser.clock());
      case "csv" -> new CsvFormat(CsvColumns.parse(option(name, options, "columns", "field=column pairs, e.g. platform=x,id=tweet_id,author.id=user,createdAt=time,text=text")), normaliser);
      default -> throw new IllegalArgumentException("unknown format '" + name + "'; formats: " + String.join(", ", NAMES));
    };
  }

  private static String option(String format, Map<String, String> options, String key, String what) {
    String value = options.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("format " + format + " needs option '" + key + "': " + what);
    }
    return value;
  }
}
