package io.provwatch.platform.config;

import io.provwatch.platform.http.ApiKeys;
import io.provwatch.platform.http.HttpScope;
import io.provwatch.schemas.serde.AvroSerdeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * provwatch's typed configuration: every key with its type, default, validator and documentation.
 * Values come from a properties file, then {@code PROVWATCH_*} environment variables, then flags
 * (later wins); see {@link ConfigLoader}. Validated at start-up, with messages that name the bad key.
 *
 * <p>Kafka client settings (security.protocol, sasl.*, ssl.*, ...) pass through under the
 * {@value #KAFKA_PREFIX} prefix; serde and registry settings under their Confluent names.
 */
public final class ProvwatchConfig extends AbstractConfig {
  /** Prefix of settings handed unchanged to every Kafka client, e.g. {@code kafka.security.protocol}. */
  public static final String KAFKA_PREFIX = "kafka.";

  public static final String DATA_DIR = "data.dir";
  public static final String BIND_ADDRESS = "bind.address";
  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String KAFKA_PORT = "embedded.kafka.port";
  public static final String KAFKA_CONTROLLER_PORT = "embedded.kafka.controller.port";
  public static final String REGISTRY_PORT = "embedded.registry.port";
  public static final String HTTP_PORT = "http.port";
  public static final String HTTP_ADVERTISED_HOST = "http.advertised.host";
  public static final String HTTP_ADVERTISED_PORT = "http.advertised.port";
  public static final String HTTP_AUTH_KEYS = "http.auth.keys";
  public static final String HTTP_AUTH_ANONYMOUS_SCOPES = "http.auth.anonymous.scopes";
  public static final String HTTP_INSECURE = "http.insecure";
  public static final String HTTP_TLS_KEYSTORE_LOCATION = "http.tls.keystore.location";
  public static final String HTTP_TLS_KEYSTORE_TYPE = "http.tls.keystore.type";
  public static final String HTTP_TLS_KEYSTORE_PASSWORD = "http.tls.keystore.password";
  public static final String HTTP_TLS_TRUSTSTORE_LOCATION = "http.tls.truststore.location";
  public static final String HTTP_TLS_TRUSTSTORE_TYPE = "http.tls.truststore.type";
  public static final String HTTP_TLS_TRUSTSTORE_PASSWORD = "http.tls.truststore.password";
  public static final String HTTP_THREADS = "http.threads";
  public static final String HTTP_QUEUE_CAPACITY = "http.queue.capacity";
  public static final String HTTP_REQUEST_TIMEOUT_MS = "http.request.timeout.ms";
  public static final String EXPLAIN_RETENTION_MS = "explain.retention.ms";
  public static final String CONSOLE_ENABLED = "console.enabled";
  public static final String CONSOLE_MAX_ALERTS = "console.max.alerts";
  public static final String CONSOLE_AUDITS_DIR = "console.audits.dir";
  public static final String TOPIC_PARTITIONS = "topics.partitions";
  public static final String TOPIC_REPLICATION_FACTOR = "topics.replication.factor";
  public static final String TOPIC_MIN_INSYNC_REPLICAS = "topics.min.insync.replicas";
  public static final String POSTS_RETENTION_MS = "topics.posts.retention.ms";
  public static final String INGEST_MAX_BODY_BYTES = "ingest.http.max.body.bytes";
  public static final String INGEST_MAX_BATCH_SIZE = "ingest.http.max.batch.size";
  public static final String INGEST_IDEMPOTENCY_MAX_KEYS = "ingest.http.idempotency.max.keys";
  public static final String INGEST_IDEMPOTENCY_RETENTION_MS = "ingest.http.idempotency.retention.ms";
  public static final String INGEST_SOURCES = "ingest.sources";
  public static final String INGEST_LANGUAGE_DETECTOR = "ingest.language.detector";
  public static final String INGEST_LANGUAGE_CANDIDATES = "ingest.language.candidates";
  /** Default of {@value #INGEST_LANGUAGE_DETECTOR}. */
  public static final String DEFAULT_LANGUAGE_DETECTOR = "trigrams";
  /**
   * Default of {@value #INGEST_LANGUAGE_CANDIDATES}: English (the AI-text model's language) and the
   * languages its language check names (de fr es it pt nl), then the languages most posted in on the
   * large platforms.
   */
  public static final String DEFAULT_LANGUAGE_CANDIDATES =
      "en,de,fr,es,it,pt,nl,ru,uk,pl,tr,ar,fa,hi,ja,ko,zh,id,tl,sv,da,nb,fi,cs,ro,hu,el,he,th,vi,ca";
  public static final String INGEST_MAX_AGE_MS = "ingest.max.age.ms";
  public static final String INGEST_MAX_SKEW_MS = "ingest.max.skew.ms";
  public static final String SCORING_APPLICATION_ID = "scoring.application.id";
  public static final String SCORING_RULE_SET_VERSION = "scoring.rule.set.version";
  public static final String SCORING_SECOND_TIER_URL = "scoring.second.tier.url";
  public static final String SCORING_SECOND_TIER_THRESHOLD = "scoring.second.tier.threshold";
  public static final String SCORING_SECOND_TIER_TIMEOUT_MS = "scoring.second.tier.timeout.ms";
  public static final String SCORING_SECOND_TIER_MAX_IN_FLIGHT = "scoring.second.tier.max.in.flight";
  public static final String SCORING_SECOND_TIER_BREAKER_FAILURES = "scoring.second.tier.breaker.failures";
  public static final String SCORING_SECOND_TIER_BREAKER_OPEN_MS = "scoring.second.tier.breaker.open.ms";
  public static final String SCORING_MEDIA_WAIT_MS = "scoring.media.wait.ms";
  public static final String SCORING_SEEN_POSTS_RETENTION_MS = "scoring.seen.posts.retention.ms";
  public static final String SCORING_COPIES_RETENTION_MS = "scoring.copies.retention.ms";
  public static final String SCORING_COPIES_BACKDATE_TOLERANCE_MS = "scoring.copies.backdate.tolerance.ms";
  public static final String COORDINATION_TIME_WINDOW_MS = "scoring.coordination.time.window.ms";
  public static final String COORDINATION_MIN_REPETITION = "scoring.coordination.min.repetition";
  public static final String COORDINATION_RETENTION_MS = "scoring.coordination.retention.ms";
  public static final String COORDINATION_CAMPAIGN_MIN_ACCOUNTS = "scoring.coordination.campaign.min.accounts";
  public static final String COORDINATION_PAIR_RETENTION_MS = "scoring.coordination.pair.retention.ms";
  public static final String COORDINATION_MIN_HASHTAGS = "scoring.coordination.min.hashtags";
  public static final String SCORING_CLAIMS_MIN_PROBABILITY = "scoring.claims.min.probability";
  public static final String SINK_APPLICATION_ID = "sink.application.id";
  public static final String SINK_SEVERITY_THRESHOLDS = "sink.severity.thresholds";
  public static final String SINK_MIN_RISK = "sink.min.risk";
  public static final String SINK_ALERT_OPEN_MIN_SCORES = "sink.alert.open.min.scores";
  public static final String SINK_ALERT_CAUSE_MIN_POSTS = "sink.alert.cause.min.posts";
  /** Value of a {@value #SINK_ALERT_OPEN_MIN_SCORES} entry for a signal that never opens an alert: it only adds to the risk. */
  public static final String NEVER_OPENS = "never";
  public static final String SINK_ALERT_QUIET_PERIOD_MS = "sink.alert.quiet.period.ms";
  public static final String SINK_ALERT_SUPPRESSION_WINDOW_MS = "sink.alert.suppression.window.ms";
  public static final String SINK_ALERT_MAX_POST_IDS = "sink.alert.max.post.ids";
  public static final String SINK_ALERTS_JSON_ENABLED = "sink.alerts.json.enabled";
  public static final String SINK_WEBHOOK_URLS = "sink.webhook.urls";
  public static final String SINK_WEBHOOK_SECRET = "sink.webhook.secret";
  public static final String SINK_WEBHOOK_GROUP_ID = "sink.webhook.group.id";
  public static final String SINK_WEBHOOK_MAX_ATTEMPTS = "sink.webhook.max.attempts";
  public static final String SINK_WEBHOOK_BACKOFF_INITIAL_MS = "sink.webhook.backoff.initial.ms";
  public static final String SINK_WEBHOOK_BACKOFF_MAX_MS = "sink.webhook.backoff.max.ms";
  public static final String SINK_WEBHOOK_TIMEOUT_MS = "sink.webhook.timeout.ms";
  public static final String SINK_WEBHOOK_CONCURRENCY = "sink.webhook.concurrency";
  public static final String MEDIA_FETCH_ENABLED = "media.fetch.enabled";
  public static final String MEDIA_GROUP_ID = "media.group.id";
  public static final String MEDIA_CONNECT_TIMEOUT_MS = "media.fetch.connect.timeout.ms";
  public static final String MEDIA_REQUEST_TIMEOUT_MS = "media.fetch.request.timeout.ms";
  public static final String MEDIA_MAX_BYTES = "media.fetch.max.bytes";
  public static final String MEDIA_MAX_REDIRECTS = "media.fetch.max.redirects";
  public static final String MEDIA_CONCURRENCY = "media.fetch.concurrency";
  public static final String MEDIA_CACHE_ENTRIES = "media.cache.entries";
  public static final String MEDIA_ALLOW_PRIVATE_ADDRESSES = "media.fetch.allow.private.addresses";
  public static final String MEDIA_TRUST_ANCHORS_PEM = "media.c2pa.trust.anchors.pem";
  public static final String PROCESSING_GUARANTEE = "processing.guarantee";
  public static final String COMMIT_INTERVAL_MS = "commit.interval.ms";
  public static final String STREAMS_STATE_DIR = "streams.state.dir";
  public static final String STREAMS_NUM_THREADS = "streams.num.stream.threads";

  private static final ConfigDef.Validator SOURCE_NAMES = distinctEntries(n -> SourceConfig.NAME.matcher(n).matches(),
      n -> "source name '" + n + "' is not a lower-case letter followed by letters and digits", "a source is named twice",
      "names like masto, bsky, news1");

  /** ISO 639-1 codes (two lower-case letters), each once. */
  private static final ConfigDef.Validator LANGUAGE_CODES = distinctEntries(c -> c.matches("[a-z]{2}"),
      c -> "'" + c + "' is not an ISO 639-1 code (two lower-case letters, e.g. en)", "a language is listed twice",
      "ISO 639-1 codes like en,de,ja");

  /** A list whose entries each pass {@code valid} and occur once. */
  private static ConfigDef.Validator distinctEntries(java.util.function.Predicate<String> valid,
      java.util.function.Function<String, String> invalid, String repeated, String description) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        List<?> entries = (List<?>) value;
        for (Object entry : entries) {
          if (!valid.test(String.valueOf(entry))) {
            throw new ConfigException(name, value, invalid.apply(String.valueOf(entry)));
          }
        }
        if (new HashSet<>(entries).size() != entries.size()) {
          throw new ConfigException(name, value, repeated);
        }
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }

  /** Entries {@code signal=score} (score within 0..1) or {@code signal=never}, each signal once. */
  private static final ConfigDef.Validator SIGNAL_MIN_SCORES = new ConfigDef.Validator() {
    @Override
    public void ensureValid(String name, Object value) {
      Set<String> signals = new HashSet<>();
      for (Object entry : (List<?>) value) {
        String[] kv = String.valueOf(entry).split("=", -1);
        if (kv.length != 2 || kv[0].isBlank()) {
          throw new ConfigException(name, value, "expected signal=score or signal=" + NEVER_OPENS + ", got '" + entry + "'");
        }
        if (!signals.add(kv[0].trim())) {
          throw new ConfigException(name, value, "signal '" + kv[0].trim() + "' is listed twice");
        }
        String score = kv[1].trim();
        if (score.equals(NEVER_OPENS)) {
          continue;
        }
        double s;
        try {
          s = Double.parseDouble(score);
        } catch (NumberFormatException e) {
          throw new ConfigException(name, value, "'" + score + "' of " + kv[0].trim() + " is neither a score nor '" + NEVER_OPENS + "'");
        }
        if (!(s >= 0 && s <= 1)) {
          throw new ConfigException(name, value, "score of " + kv[0].trim() + " must be within 0..1, got " + score);
        }
      }
    }

    @Override
    public String toString() {
      return "signal=score (0..1) or signal=" + NEVER_OPENS + " entries";
    }
  };

  private static final ConfigDef.Validator API_KEYS = checkedList("name:scope+scope:<sha-256 hex of the token> entries", true, ApiKeys::parse);

  private static final ConfigDef.Validator SCOPES = checkedList("scopes among ingest, explain, metrics, health, admin", false,
      scopes -> scopes.forEach(HttpScope::fromConfigName));

  private static final ConfigDef.Validator HTTP_URLS = new ConfigDef.Validator() {
    @Override
    public void ensureValid(String name, Object value) {
      for (Object url : (List<?>) value) {
        String s = String.valueOf(url);
        try {
          URI uri = new URI(s);
          if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new ConfigException(name, "(redacted)", "an entry is not an absolute http(s) url with a host");
          }
        } catch (URISyntaxException e) {
          // the url may carry a token: say where it broke, not what it was
          throw new ConfigException(name, "(redacted)", "an entry is not a url (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
      }
    }

    @Override
    public String toString() {
      return "http(s) urls";
    }
  };

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(DATA_DIR, Type.STRING, "./provwatch-data", new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Directory for all local data: embedded broker logs, Streams state, connector cursors.")
      .define(BIND_ADDRESS, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Address the embedded broker, registry and HTTP servers listen on. Loopback by default.")
      .define(BOOTSTRAP_SERVERS, Type.LIST, "127.0.0.1:9092", Importance.HIGH,
          "Kafka bootstrap servers. The embedded broker listens here in 'demo'.")
      .define(SCHEMA_REGISTRY_URL, Type.LIST, "http://127.0.0.1:8081", Importance.HIGH,
          "Confluent-compatible schema registry url(s).")
      .define(KAFKA_PORT, Type.INT, 9092, Range.between(0, 65535), Importance.MEDIUM,
          "Port of the embedded broker's client listener (0 picks a free port).")
      .define(KAFKA_CONTROLLER_PORT, Type.INT, 9093, Range.between(0, 65535), Importance.LOW,
          "Port of the embedded broker's KRaft controller listener (0 picks a free port).")
      .define(REGISTRY_PORT, Type.INT, 8081, Range.between(0, 65535), Importance.MEDIUM,
          "Port of the embedded schema registry (0 picks a free port).")
      .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), Importance.MEDIUM,
          "Port of the HTTP server: POST /v1/posts (ingest), GET /health, GET /metrics.")
      .define(HTTP_ADVERTISED_HOST, Type.STRING, "", Importance.MEDIUM,
          "Host name other instances reach this one's HTTP server at (explain API forwarding; Kafka Streams application.server)."
              + " Empty: bind.address, or 127.0.0.1 when that is a wildcard. Set it when running several instances on several hosts.")
      .define(HTTP_ADVERTISED_PORT, Type.INT, 0, Range.between(0, 65535), Importance.MEDIUM,
          "Port other instances reach this one's HTTP server at; 0: the port the server actually listens on.")
      .define(HTTP_AUTH_KEYS, Type.LIST, "", API_KEYS, Importance.HIGH,
          "API keys of the HTTP servers (stages, explain API, embedded registry), each name:scope+scope:sha256hex where the"
              + " hex is SHA-256 of the token ('provwatch token new' makes both). Scopes: ingest (POST /v1/posts), explain"
              + " (GET /v1/posts/{id}/assessment, /v1/campaigns/{id}, /v1/alerts/{id}), metrics, health, admin (everything, and"
              + " registry writes). Clients send 'Authorization: Bearer <token>' (or the token as a Basic-auth password)."
              + " Empty: no key asked anywhere, allowed on a loopback bind only (or with " + HTTP_INSECURE + ").")
      .define(HTTP_AUTH_ANONYMOUS_SCOPES, Type.LIST, "health", SCOPES, Importance.MEDIUM,
          "With " + HTTP_AUTH_KEYS + " set: scopes granted without a key (health: probes need no token). Empty: every route needs a key.")
      .define(HTTP_INSECURE, Type.BOOLEAN, false, Importance.HIGH,
          "Serve HTTP beyond loopback (" + BIND_ADDRESS + " not a loopback address) without API keys or TLS (the flag --insecure);"
              + " otherwise such a start is refused. For a container whose port is published on loopback only.")
      .define(HTTP_THREADS, Type.INT, 4, Range.between(1, 256), Importance.LOW,
          "Worker threads of each HTTP server: requests handled at once.")
      .define(HTTP_QUEUE_CAPACITY, Type.INT, 64, Range.between(1, 100_000), Importance.LOW,
          "Requests that may wait for a worker of an HTTP server; one more is answered 503 with Retry-After and a JSON error.")
      .define(HTTP_REQUEST_TIMEOUT_MS, Type.LONG, 60_000L, Range.between(1_000L, 3_600_000L), Importance.LOW,
          "Longest a request may take to be read and answered before the connection is closed (a stalled client frees its"
              + " worker). JVM-wide: the first HTTP server of the process fixes it. Keep it above ingest's 30 s wait for Kafka.")
      .define(HTTP_TLS_KEYSTORE_LOCATION, Type.STRING, null, Importance.HIGH,
          "Key store of the HTTP servers' certificate: set, they speak HTTPS only. PKCS12, JKS, or PEM (an unencrypted PKCS#8"
              + " PRIVATE KEY and its CERTIFICATE chain, leaf first).")
      .define(HTTP_TLS_KEYSTORE_TYPE, Type.STRING, "PKCS12", ConfigDef.ValidString.in("PKCS12", "JKS", "PEM"), Importance.MEDIUM,
          "Type of " + HTTP_TLS_KEYSTORE_LOCATION + ".")
      .define(HTTP_TLS_KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.MEDIUM,
          "Password of " + HTTP_TLS_KEYSTORE_LOCATION + " and its key (PKCS12, JKS). Never logged.")
      .define(HTTP_TLS_TRUSTSTORE_LOCATION, Type.STRING, null, Importance.MEDIUM,
          "Certificates trusted when forwarding an explain query to another instance over HTTPS (PKCS12, JKS or PEM);"
              + " unset: the JVM's default trust (the public CAs).")
      .define(HTTP_TLS_TRUSTSTORE_TYPE, Type.STRING, "PEM", ConfigDef.ValidString.in("PKCS12", "JKS", "PEM"), Importance.LOW,
          "Type of " + HTTP_TLS_TRUSTSTORE_LOCATION + ".")
      .define(HTTP_TLS_TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW,
          "Password of " + HTTP_TLS_TRUSTSTORE_LOCATION + " (PKCS12, JKS). Never logged.")
      .define(CONSOLE_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
          "Serve the analysts' web console at / on the HTTP server of 'demo' and 'run sink' (live alerts, alert, campaign,"
              + " post and audit pages, overview charts).")
      .define(CONSOLE_MAX_ALERTS, Type.INT, 5000, Range.between(1, 1_000_000), Importance.LOW,
          "Console: the most recent alerts it keeps in memory (every revision of each), read from the alerts topic at start.")
      .define(CONSOLE_AUDITS_DIR, Type.STRING, ".", Importance.LOW,
          "Console: the directory whose audit-<run-id>.json reports (provwatch replay --report) the audits page lists.")
      .define(EXPLAIN_RETENTION_MS, Type.LONG, 7L * 24 * 3600 * 1000, Range.atLeast(1L), Importance.MEDIUM,
          "Explain API: how long a post's latest assessment (GET /v1/posts/{id}/assessment) and an alert's latest change"
              + " (GET /v1/alerts/{id}) stay queryable, in event time (record timestamps, never the wall clock) from that record;"
              + " older ones answer 404 and are found on the assessments and alerts topics or by an audit replay.")
      .define(TOPIC_PARTITIONS, Type.INT, 3, Range.atLeast(1), Importance.MEDIUM,
          "Partitions of the posts, assessments and alerts topics when provwatch creates them.")
      .define(TOPIC_REPLICATION_FACTOR, Type.SHORT, (short) 1, Range.atLeast(1), Importance.MEDIUM,
          "Replication factor of topics provwatch creates. 1 for the embedded broker; 3 in production.")
      .define(TOPIC_MIN_INSYNC_REPLICAS, Type.INT, 0, Range.between(0, Short.MAX_VALUE), Importance.MEDIUM,
          "min.insync.replicas of topics provwatch creates (the catalog's and Kafka Streams' internal ones): how many replicas"
              + " must have a write before it is acknowledged (producers use acks=all). 0: the broker's default. 2 with "
              + TOPIC_REPLICATION_FACTOR + "=3 in production, so that an acknowledged post survives the loss of a broker.")
      .define(POSTS_RETENTION_MS, Type.LONG, 30L * 24 * 3600 * 1000, Range.atLeast(-1), Importance.MEDIUM,
          "Retention of the posts topic: how far back a replay can reach. -1 keeps posts forever.")
      .define(INGEST_MAX_BODY_BYTES, Type.INT, 1024 * 1024, Range.between(1024, 64 * 1024 * 1024), Importance.MEDIUM,
          "Largest HTTP ingest request body; larger ones are refused with 413.")
      .define(INGEST_MAX_BATCH_SIZE, Type.INT, 1000, Range.atLeast(1), Importance.LOW,
          "Most posts in one HTTP ingest request.")
      .define(INGEST_IDEMPOTENCY_MAX_KEYS, Type.INT, 100_000, Range.between(1, 10_000_000), Importance.LOW,
          "HTTP ingest remembers this many acknowledged posts (id and editedAt) and as many Idempotency-Key answers, per"
              + " instance, so that a client's retry is answered without publishing again (the least recently seen go first).")
      .define(INGEST_IDEMPOTENCY_RETENTION_MS, Type.LONG, 24L * 3600 * 1000, Range.atLeast(1000L), Importance.LOW,
          "How long after it was last seen HTTP ingest remembers an acknowledged post or an Idempotency-Key answer: a retry"
              + " later than this is published again (scoring then assesses the post again).")
      .define(INGEST_MAX_AGE_MS, Type.LONG, 7L * 24 * 3600 * 1000, Range.atLeast(-1), Importance.MEDIUM,
          "HTTP ingest and live sources reject (dead-letter, CREATED_AT_OUT_OF_RANGE) a post whose createdAt is older than this:"
              + " the copy check trusts createdAt, so a client must not claim any past it likes. -1: no bound. Widen it for a"
              + " back-fill over HTTP; 'provwatch ingest' file imports and the demo's sample take any age.")
      .define(INGEST_MAX_SKEW_MS, Type.LONG, 5L * 60 * 1000, Range.atLeast(0), Importance.MEDIUM,
          "HTTP ingest and live sources reject a post whose createdAt is further ahead of this server's clock than this.")
      .define(INGEST_SOURCES, Type.LIST, "", SOURCE_NAMES, Importance.MEDIUM,
          "Live sources that 'run ingest' starts next to the HTTP endpoint, by name; each is set up by the keys "
              + SourceConfig.PREFIX + "<name>.* (see the table of source keys).")
      .define(INGEST_LANGUAGE_DETECTOR, Type.STRING, DEFAULT_LANGUAGE_DETECTOR, ConfigDef.ValidString.in("trigrams", "lingua"),
          Importance.LOW,
          "How ingest guesses the language of posts that declare none: 'trigrams' (the script where only one candidate uses it,"
              + " else character trigrams scored by provwatch over Lingua's models; tens of thousands of posts/s per core) or"
              + " 'lingua' (Lingua in low-accuracy mode; about a thousand posts/s per core with all languages)."
              + " 'provwatch eval language' compares them on real text.")
      .define(INGEST_LANGUAGE_CANDIDATES, Type.LIST, DEFAULT_LANGUAGE_CANDIDATES, LANGUAGE_CODES, Importance.LOW,
          "Languages a guess may name (ISO 639-1, any of Lingua's 75); empty for all 75. Fewer candidates are faster and"
              + " confuse less, but a post in a language not listed gets a wrong guess or none. The default is English"
              + " (the AI-text model's language) and the languages its language check names, then the languages most posted in.")
      .define(SCORING_APPLICATION_ID, Type.STRING, "provwatch-scoring", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "Kafka Streams application.id of the scoring stage.")
      .define(SCORING_RULE_SET_VERSION, Type.STRING, "provenance-rules-1", new ConfigDef.NonEmptyString(), Importance.LOW,
          "Rule-set version recorded in every assessment.")
      .define(SCORING_SECOND_TIER_URL, Type.STRING, "", Importance.LOW,
          "Second-tier AI-text detector: an HTTP endpoint that takes POST {\"postId\", \"text\"} and answers {\"score\": 0..1}"
              + " (e.g. a Binoculars-style model on a GPU). Empty (the default) turns the second tier off.")
      .define(SCORING_SECOND_TIER_THRESHOLD, Type.DOUBLE, 0.9, Range.between(0.0, 1.0), Importance.LOW,
          "Posts whose first-tier ai-text score reaches this go to the second tier (scores below the model's threshold are 0).")
      .define(SCORING_SECOND_TIER_TIMEOUT_MS, Type.LONG, 2000L, Range.atLeast(1), Importance.LOW,
          "Time the second tier has to answer one post; a later answer counts as a failure.")
      .define(SCORING_SECOND_TIER_MAX_IN_FLIGHT, Type.INT, 16, Range.atLeast(1), Importance.LOW,
          "Most second-tier calls under way at once in one scoring instance; a post that finds them all busy keeps its first-tier assessment.")
      .define(SCORING_SECOND_TIER_BREAKER_FAILURES, Type.INT, 5, Range.atLeast(1), Importance.LOW,
          "Consecutive second-tier failures that open the circuit breaker: no calls until it half-opens.")
      .define(SCORING_SECOND_TIER_BREAKER_OPEN_MS, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
          "How long the circuit breaker stays open before one trial call may close it again.")
      .define(SCORING_MEDIA_WAIT_MS, Type.LONG, 30_000L, Range.between(0L, 3_600_000L), Importance.MEDIUM,
          "How long scoring holds a post whose media the media stage has not checked yet (wall-clock time; the stream"
              + " thread goes on with other posts). A post still unchecked then is scored without those verdicts and says so."
              + " 0 scores at once; so does " + MEDIA_FETCH_ENABLED + "=false, as no verdicts would come.")
      .define(SCORING_SEEN_POSTS_RETENTION_MS, Type.LONG, 30L * 24 * 3600 * 1000, Range.atLeast(1L), Importance.MEDIUM,
          "Reference check: how long a post is remembered as seen, in event time (record timestamps, never the wall clock)"
              + " from its own record; a repost or quote of a post seen longer before counts as one of an unseen original.")
      .define(SCORING_COPIES_RETENTION_MS, Type.LONG, 30L * 24 * 3600 * 1000, Range.atLeast(1L), Importance.MEDIUM,
          "Copy check: how long the first post of a text is remembered, in event time (record timestamps, never the wall clock)"
              + " from the record that made it the first; a post with that text after this long is no copy and becomes the new first.")
      .define(SCORING_COPIES_BACKDATE_TOLERANCE_MS, Type.LONG, 15L * 60 * 1000, Range.atLeast(0), Importance.MEDIUM,
          "Copy check: a post claiming an earlier createdAt than the first post of the same text becomes the original only if"
              + " provwatch read it (observedAt) no later than this after that first; read later, it is a backdated copy."
              + " Covers normal delivery delays; a live source's back-fill of a longer gap may exceed it.")
      .define(COORDINATION_TIME_WINDOW_MS, Type.LONG, 120_000L, Range.between(1L, 7L * 24 * 3600 * 1000), Importance.MEDIUM,
          "Coordination (CooRTweet time_window): two accounts co-share an object when they post it within this many ms of each other.")
      .define(COORDINATION_MIN_REPETITION, Type.INT, 1, Range.between(1, 1000), Importance.MEDIUM,
          "Coordination (CooRTweet min_repetition): distinct objects an account pair must co-share within the time window to count as coordinated.")
      .define(COORDINATION_RETENTION_MS, Type.LONG, 7L * 24 * 3600 * 1000, Range.between(60_000L, 365L * 24 * 3600 * 1000), Importance.MEDIUM,
          "Coordination: how long each object's shares are kept, by publication time behind the newest share the step has"
              + " seen. Two shares at most the time window apart are compared whatever order they arrive in, as long as the"
              + " later-arriving one is not older than this behind the newest share (a backlog is drained in batches of about a"
              + " thousand records per partition, which in a sparse history can be a day or more of publication time); an older"
              + " one is counted as too late (metric too-late-shares-total) and not compared. State grows with shares per day times this.")
      .define(COORDINATION_CAMPAIGN_MIN_ACCOUNTS, Type.INT, 3, Range.between(2, 10_000), Importance.MEDIUM,
          "Coordination: accounts a campaign (accounts linked by coordinated pairs) needs before it is published and alerted.")
      .define(COORDINATION_PAIR_RETENTION_MS, Type.LONG, 7L * 24 * 3600 * 1000, Range.atLeast(1L), Importance.LOW,
          "Coordination: an account pair's repetitions are forgotten this long after its latest co-share (publication time, by the pair step's newest co-share).")
      .define(COORDINATION_MIN_HASHTAGS, Type.INT, 2, Range.between(1, 100), Importance.LOW,
          "Coordination: a post's hashtag sequence is a shared object only with at least this many hashtags (one popular tag is no sign).")
      .define(SCORING_CLAIMS_MIN_PROBABILITY, Type.DOUBLE, null, new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
              if (value != null && !((Double) value > 0 && (Double) value < 1)) {
                throw new ConfigException(name, value, "must be within (0, 1), or unset for the claim-match model's calibrated threshold");
              }
            }

            @Override
            public String toString() {
              return "(0, 1) or unset"; // what config --reference prints
            }
          }, Importance.MEDIUM,
          "Claim matching: the least probability (the claim-match model's re-ranker, calibrated) at which a post is matched to a"
              + " fact-checked claim (claim-lookup step, signal claim-match). Unset: the model's own threshold, calibrated so that at"
              + " most 2 % of posts that repeat no claim get a match, both posts on other topics and posts on a checked topic whose"
              + " own claim is not in the bank; docs/disinformation.md has the figures. The probability of a (post, claim) pair does"
              + " not depend on what else the bank holds. Lower finds more repeats and more false matches. A post that denies or"
              + " reports the claim (no, not, false, claims ...) is not matched at any setting.")
      .define(SINK_APPLICATION_ID, Type.STRING, "provwatch-sink", new ConfigDef.NonEmptyString(), Importance.MEDIUM,
          "Kafka Streams application.id of the sink stage.")
      .define(SINK_SEVERITY_THRESHOLDS, Type.STRING, "critical=0.9,high=0.75,medium=0.5,low=0.3", Importance.MEDIUM,
          "Severity policy: the lowest risk for each severity, as severity=risk pairs.")
      .define(SINK_MIN_RISK, Type.DOUBLE, 0.3, Range.between(0.0, 1.0), Importance.MEDIUM,
          "Assessments below this risk raise no alert.")
      .define(SINK_ALERT_OPEN_MIN_SCORES, Type.LIST, "unseen-original=never,missing-media-digest=never,provenance-credentials=0.4",
          SIGNAL_MIN_SCORES, Importance.MEDIUM,
          "Which signals can open an alert, from which score: a post at or above sink.min.risk opens (or joins) an alert only"
              + " when one of its signals reaches its score here; 'never': the signal stays on the assessment and adds to the"
              + " risk, yet opens nothing alone. Signals not listed open at any score. The default keeps context-only"
              + " gaps (a repost or quote of a post never seen, media without a digest, media that could not be fetched or"
              + " carries no credentials: provenance-credentials below 0.4) from opening alerts; docs/alerts.md has the"
              + " figures ('provwatch eval alerts'). Empty: every signal opens.")
      .define(SINK_ALERT_CAUSE_MIN_POSTS, Type.INT, 5, Range.between(0, 10_000), Importance.MEDIUM,
          "Context-only findings (risk at or above sink.min.risk, no signal that opens an alert) of one account are gathered into"
              + " one provenance-gap alert of that cause (group account:<platform>:<author id>): it opens once this many of the"
              + " account's posts are in it, each within sink.alert.quiet.period.ms of the one before, and is updated as it grows."
              + " 0: context-only findings raise no alert at all.")
      .define(SINK_ALERT_QUIET_PERIOD_MS, Type.LONG, 3_600_000L, Range.atLeast(1), Importance.MEDIUM,
          "An open alert closes when stream time (record timestamps, never the wall clock) passes its last assessment by this much.")
      .define(SINK_ALERT_SUPPRESSION_WINDOW_MS, Type.LONG, 86_400_000L, Range.atLeast(0), Importance.MEDIUM,
          "A repeat (same category and campaign or post) within this long of an alert's last assessment updates (or reopens) "
              + "that alert instead of opening a new one; later, a new alert with a new id opens.")
      .define(SINK_ALERT_MAX_POST_IDS, Type.INT, 50, Range.between(1, 10_000), Importance.LOW,
          "Most post ids listed in one alert (in joining order); postCount counts them all.")
      .define(SINK_ALERTS_JSON_ENABLED, Type.BOOLEAN, false, Importance.LOW,
          "Also write every alert change as plain JSON to alerts.json, for consumers without Avro.")
      .define(SINK_WEBHOOK_URLS, Type.LIST, "", HTTP_URLS, Importance.MEDIUM,
          "Webhook endpoints 'run sink' POSTs every alert change to (JSON, signed); empty: no webhook delivery.")
      .define(SINK_WEBHOOK_SECRET, Type.PASSWORD, null, Importance.MEDIUM,
          "Shared secret of the X-Provwatch-Signature HMAC-SHA256 header; required when sink.webhook.urls is set. Never logged.")
      .define(SINK_WEBHOOK_GROUP_ID, Type.STRING, "provwatch-webhook", new ConfigDef.NonEmptyString(), Importance.LOW,
          "Consumer group of the webhook sink; its committed offsets are the changes already delivered.")
      .define(SINK_WEBHOOK_MAX_ATTEMPTS, Type.INT, 8, Range.between(1, 100), Importance.LOW,
          "Attempts per alert change and url before it goes to alerts.webhook.dlq.")
      .define(SINK_WEBHOOK_BACKOFF_INITIAL_MS, Type.LONG, 500L, Range.atLeast(1), Importance.LOW,
          "Wait before the first retry; doubles per attempt (with jitter) up to sink.webhook.backoff.max.ms.")
      .define(SINK_WEBHOOK_BACKOFF_MAX_MS, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
          "Longest wait between two attempts.")
      .define(SINK_WEBHOOK_TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(1), Importance.LOW,
          "Time one POST has to connect and answer; later counts as a failed attempt.")
      .define(SINK_WEBHOOK_CONCURRENCY, Type.INT, 8, Range.between(1, 256), Importance.LOW,
          "Alert ids delivered in parallel; the changes of one alert id always go one after the other, in order.")
      .define(MEDIA_FETCH_ENABLED, Type.BOOLEAN, true, Importance.MEDIUM,
          "Whether the media stage fetches posts' media to check digest and Content Credentials; off, it records nothing.")
      .define(MEDIA_GROUP_ID, Type.STRING, "provwatch-media", new ConfigDef.NonEmptyString(), Importance.LOW,
          "Consumer group of the media stage.")
      .define(MEDIA_CONNECT_TIMEOUT_MS, Type.INT, 5_000, Range.atLeast(1), Importance.LOW,
          "Media fetch: TCP/TLS connect timeout.")
      .define(MEDIA_REQUEST_TIMEOUT_MS, Type.INT, 20_000, Range.atLeast(1), Importance.LOW,
          "Media fetch: time allowed for the whole response, body included.")
      .define(MEDIA_MAX_BYTES, Type.INT, 20 * 1024 * 1024, Range.between(1024, 512 * 1024 * 1024), Importance.MEDIUM,
          "Media fetch: larger media is refused (checked against Content-Length and while reading).")
      .define(MEDIA_MAX_REDIRECTS, Type.INT, 3, Range.between(0, 10), Importance.LOW,
          "Media fetch: redirects followed, each target checked like the original url.")
      .define(MEDIA_CONCURRENCY, Type.INT, 8, Range.between(1, 256), Importance.LOW,
          "Media fetch: at most this many fetches in flight.")
      .define(MEDIA_CACHE_ENTRIES, Type.INT, 100_000, Range.atLeast(1), Importance.LOW,
          "Media stage: urls and digests remembered in memory (LRU) on top of the media.verdicts topic.")
      .define(MEDIA_ALLOW_PRIVATE_ADDRESSES, Type.BOOLEAN, false, Importance.MEDIUM,
          "Media fetch: allow loopback, private, link-local and other non-public addresses (tests only: "
              + "fetching them lets posted urls probe the internal network).")
      .define(MEDIA_TRUST_ANCHORS_PEM, Type.STRING, null, Importance.MEDIUM,
          "PEM file of the certificates C2PA signers must chain to for a TRUSTED verdict; none: every valid "
              + "signature counts as an untrusted signer.")
      .define(PROCESSING_GUARANTEE, Type.STRING, "exactly_once_v2",
          ConfigDef.ValidString.in("exactly_once_v2", "at_least_once"), Importance.MEDIUM,
          "Kafka Streams processing guarantee of the scoring and sink stages.")
      .define(COMMIT_INTERVAL_MS, Type.LONG, 100L, Range.atLeast(1), Importance.LOW,
          "Kafka Streams commit interval; bounds end-to-end latency under exactly-once.")
      .define(STREAMS_STATE_DIR, Type.STRING, null, Importance.LOW,
          "Kafka Streams state directory; defaults to <data.dir>/streams.")
      .define(STREAMS_NUM_THREADS, Type.INT, 1, Range.atLeast(1), Importance.LOW,
          "Stream threads per stage.");

  private final Map<String, SourceConfig> sources;

  /**
   * A validator of a list that {@code check} accepts, or rejects with an {@link IllegalArgumentException} whose
   * message becomes the config error; {@code redact}: the value is not shown (it holds key digests).
   */
  private static ConfigDef.Validator checkedList(String description, boolean redact, Consumer<List<String>> check) {
    return new ConfigDef.Validator() {
      @Override
      public void ensureValid(String name, Object value) {
        try {
          check.accept(((List<?>) value).stream().map(String::valueOf).toList());
        } catch (IllegalArgumentException e) {
          throw new ConfigException(name, redact ? "(redacted)" : value, e.getMessage());
        }
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }

  /**
   * A {@link ConfigException} naming {@code key} and {@code value}, typed as a RuntimeException so that code
   * loaded without kafka-clients on its classpath (the ingest fuzzers) can still be verified.
   */
  public static RuntimeException invalid(String key, Object value, String message) {
    return new ConfigException(key, value, message);
  }

  public ProvwatchConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, true);
    Map<String, Object> all = new HashMap<>();
    props.forEach((k, v) -> all.put(String.valueOf(k), v));
    Map<String, SourceConfig> byName = new LinkedHashMap<>();
    for (String name : getList(INGEST_SOURCES)) {
      byName.put(name, new SourceConfig(name, all)); // validated now, so a bad source stops start-up like any bad key
    }
    this.sources = Collections.unmodifiableMap(byName);
    if (!getList(SINK_WEBHOOK_URLS).isEmpty() && getPassword(SINK_WEBHOOK_SECRET) == null) {
      throw new ConfigException(SINK_WEBHOOK_SECRET, "(unset)", "required when " + SINK_WEBHOOK_URLS + " is set: receivers verify the signature with it");
    }
  }

  /** The live sources named in {@value #INGEST_SOURCES}, in that order, each validated. */
  public Map<String, SourceConfig> sources() {
    return sources;
  }

  /** This config with some settings replaced, e.g. the actual ports of the embedded servers. */
  public ProvwatchConfig with(Map<String, ?> overrides) {
    Map<String, Object> merged = new HashMap<>(originals());
    merged.putAll(overrides);
    return new ProvwatchConfig(merged);
  }

  /** {@value #HTTP_ADVERTISED_HOST}, or else the bind address (127.0.0.1 for a wildcard bind). */
  public String advertisedHost() {
    String host = getString(HTTP_ADVERTISED_HOST);
    if (!host.isBlank()) {
      return host;
    }
    String bind = getString(BIND_ADDRESS);
    return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
  }

  public Path dataDir() {
    return Path.of(getString(DATA_DIR)).toAbsolutePath().normalize();
  }

  public Path streamsStateDir() {
    String dir = getString(STREAMS_STATE_DIR);
    return dir == null ? dataDir().resolve("streams") : Path.of(dir).toAbsolutePath().normalize();
  }

  /**
   * Settings common to every Kafka client: bootstrap servers plus everything under {@value #KAFKA_PREFIX}
   * (SASL, TLS, client.id, ...), prefix removed. Producers, consumers, admin clients and Streams all start here.
   */
  public Map<String, Object> kafkaClientProperties() {
    Map<String, Object> props = new HashMap<>(originalsWithPrefix(KAFKA_PREFIX, true));
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, String.join(",", getList(BOOTSTRAP_SERVERS)));
    return props;
  }

  /** Settings for the Avro serdes: the registry url plus any Confluent serde/registry keys given. */
  public Map<String, Object> serdeConfig() {
    Map<String, Object> serde = new HashMap<>();
    for (String key : AvroSerdeConfig.CONFIG_DEF.names()) {
      if (originals().containsKey(key)) {
        serde.put(key, originals().get(key));
      }
    }
    serde.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, String.join(",", getList(SCHEMA_REGISTRY_URL)));
    return serde;
  }
}
