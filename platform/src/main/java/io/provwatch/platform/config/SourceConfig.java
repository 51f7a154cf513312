package io.provwatch.platform.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * The settings of one live source named in {@value ProvwatchConfig#INGEST_SOURCES}, read from the
 * keys {@code ingest.source.<name>.<key>}. Each key is defined once in {@link #CONFIG_DEF} and
 * embedded under the source's prefix, so a bad value is reported with its full key.
 */
public final class SourceConfig {
  public static final String PREFIX = "ingest.source.";
  /** Source names are one word, so that {@code PROVWATCH_INGEST_SOURCE_<NAME>_URL} maps back to them. */
  public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*");

  public static final String TYPE = "type";
  public static final String URL = "url";
  public static final String TOKEN = "token";
  public static final String TIMELINE = "timeline";
  public static final String STREAMING_URL = "streaming.url";
  public static final String BACKFILL_MAX_PAGES = "backfill.max.pages";
  public static final String COLLECTIONS = "collections";
  public static final String REWIND_MS = "rewind.ms";
  public static final String INTERVAL_MS = "interval.ms";
  public static final String BACKOFF_INITIAL_MS = "backoff.initial.ms";
  public static final String BACKOFF_MAX_MS = "backoff.max.ms";
  public static final String IDLE_TIMEOUT_MS = "idle.timeout.ms";
  public static final String DEDUPE_IDS = "dedupe.ids";
  public static final String CHECKPOINT_INTERVAL_MS = "checkpoint.interval.ms";

  /** The kinds of live source. */
  public enum Type {
    MASTODON("mastodon"), BLUESKY_JETSTREAM("bluesky-jetstream"), FEED("feed");

    public final String configName;

    Type(String configName) {
      this.configName = configName;
    }

    static Type of(String name) {
      for (Type t : values()) {
        if (t.configName.equals(name)) {
          return t;
        }
      }
      throw new IllegalArgumentException(name);
    }
  }

  private static final ConfigDef.Validator TIMELINE_VALIDATOR = new ConfigDef.Validator() {
    @Override
    public void ensureValid(String name, Object value) {
      String s = (String) value;
      if (s == null || !(s.equals("public") || s.equals("public:local") || s.equals("user") || s.matches("hashtag:[\\p{L}\\p{N}_]+"))) {
        throw new ConfigException(name, value, "expected public, public:local, user or hashtag:<tag>");
      }
    }

    @Override
    public String toString() {
      return "public, public:local, user, hashtag:<tag>";
    }
  };

  /** Every key a source may have, without the {@code ingest.source.<name>.} prefix. */
  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(TYPE, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE,
          ConfigDef.ValidString.in(List.of(Type.values()).stream().map(t -> t.configName).toArray(String[]::new)), Importance.HIGH,
          "What the source is: mastodon (streaming API, server-sent events), bluesky-jetstream (Jetstream WebSocket) or feed (RSS, Atom or JSON Feed polled over HTTP).")
      .define(URL, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "mastodon: the server's base url (https://mastodon.social); bluesky-jetstream: the Jetstream instance (wss://jetstream2.us-east.bsky.network); feed: the feed's url.")
      .define(TOKEN, ConfigDef.Type.PASSWORD, null, Importance.HIGH,
          "mastodon: access token, sent as 'Authorization: Bearer'. A secret: never printed or logged.")
      .define(TIMELINE, ConfigDef.Type.STRING, "public", TIMELINE_VALIDATOR, Importance.MEDIUM,
          "mastodon: the timeline to stream and, after a reconnect, to back-fill from REST.")
      .define(STREAMING_URL, ConfigDef.Type.STRING, null, Importance.LOW,
          "mastodon: base url of the streaming server when it is not the server itself (the instance's urls.streaming_api).")
      .define(BACKFILL_MAX_PAGES, ConfigDef.Type.INT, 25, Range.between(0, 1000), Importance.LOW,
          "mastodon: most REST pages (40 statuses each) read after a reconnect to fill the gap; 0 turns back-fill off.")
      .define(COLLECTIONS, ConfigDef.Type.LIST, "app.bsky.feed.post", Importance.MEDIUM,
          "bluesky-jetstream: the wantedCollections; add app.bsky.feed.repost to ingest reposts.")
      .define(REWIND_MS, ConfigDef.Type.LONG, 3000L, Range.between(0, 3_600_000), Importance.LOW,
          "bluesky-jetstream: how far before the last acknowledged time_us a resumed subscription starts; the overlap is de-duplicated.")
      .define(INTERVAL_MS, ConfigDef.Type.LONG, 300_000L, Range.atLeast(10), Importance.MEDIUM,
          "feed: time between two polls.")
      .define(BACKOFF_INITIAL_MS, ConfigDef.Type.LONG, 1000L, Range.atLeast(1), Importance.LOW,
          "First wait before reconnecting after a failure; it doubles on each failure in a row (with random jitter).")
      .define(BACKOFF_MAX_MS, ConfigDef.Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
          "Longest wait between reconnection attempts.")
      .define(IDLE_TIMEOUT_MS, ConfigDef.Type.LONG, 90_000L, Range.atLeast(10), Importance.LOW,
          "mastodon, bluesky-jetstream: a connection that brings nothing, not even a heartbeat, for this long is dropped and made anew.")
      .define(DEDUPE_IDS, ConfigDef.Type.INT, 10_000, Range.between(1, 1_000_000), Importance.LOW,
          "How many recently published post ids are remembered (and kept with the cursor) so that a replay after a reconnect or restart publishes nothing twice.")
      .define(CHECKPOINT_INTERVAL_MS, ConfigDef.Type.LONG, 1000L, Range.atLeast(0), Importance.LOW,
          "Least time between two writes of the source's cursor file; it is also written on every reconnect and on stop.");

  private final String name;
  private final String prefix;
  private final AbstractConfig values;

  /**
   * @param all every setting, keys in full ({@code ingest.source.<name>.url}); others are ignored
   * @throws ConfigException naming the full key of a bad or missing value
   */
  public SourceConfig(String name, Map<String, ?> all) {
    if (!NAME.matcher(name).matches()) {
      throw new ConfigException(ProvwatchConfig.INGEST_SOURCES, name,
          "source names are a lower-case letter followed by letters and digits (they appear in keys and environment variable names)");
    }
    this.name = name;
    this.prefix = PREFIX + name + ".";
    this.values = new AbstractConfig(prefixed(prefix), all, false);
  }

  /** {@link #CONFIG_DEF} with full keys, so that validators and parse errors name them. */
  private static ConfigDef prefixed(String prefix) {
    ConfigDef def = new ConfigDef();
    for (ConfigDef.ConfigKey key : CONFIG_DEF.configKeys().values()) {
      def.define(prefix + key.name, key.type, key.defaultValue, key.validator, key.importance, key.documentation);
    }
    return def;
  }

  public String name() {
    return name;
  }

  /** The full key of one of this source's settings, e.g. {@code ingest.source.masto.url}. */
  public String key(String key) {
    return prefix + key;
  }

  public Type type() {
    return Type.of(getString(TYPE));
  }

  public String getString(String key) {
    return values.getString(key(key));
  }

  public int getInt(String key) {
    return values.getInt(key(key));
  }

  public long getLong(String key) {
    return values.getLong(key(key));
  }

  public List<String> getList(String key) {
    return values.getList(key(key));
  }

  /** The token, or null; its {@code toString} is {@code [hidden]}. */
  public Password token() {
    return values.getPassword(key(TOKEN));
  }

  /** Every setting of this source with its full key, the token masked: safe to print. */
  public Map<String, String> describe() {
    Map<String, String> out = new TreeMap<>();
    values.values().forEach((k, v) -> out.put(k, v == null ? "" : ConfigLoader.mask(k, render(v))));
    return out;
  }

  private static String render(Object value) {
    return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
  }

  @Override
  public String toString() {
    return "source " + name + " (" + getString(TYPE).toLowerCase(Locale.ROOT) + " " + getString(URL) + ")";
  }
}
