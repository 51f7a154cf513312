package io.provwatch.platform.topics;

import io.provwatch.avro.Alert;
import io.provwatch.avro.Assessment;
import io.provwatch.avro.Campaign;
import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.DomainRating;
import io.provwatch.avro.FactCheck;
import io.provwatch.avro.MediaVerdict;
import io.provwatch.avro.Post;
import io.provwatch.avro.Severity;
import io.provwatch.schemas.serde.AvroSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalog: every topic provwatch reads or writes, with its layout and serdes. Topics are
 * created from this list at start-up ({@link TopicCatalog}); nothing else names a topic.
 */
public final class Topics {
  private Topics() {}

  private static final long MONTH_MS = Duration.ofDays(30).toMillis();

  /** Normalised posts, keyed by post id. Its retention bounds how far back a replay can reach. */
  public static final TopicSpec<String, Post> POSTS = new TopicSpec<>(
      "posts", 3, MONTH_MS, false, Serdes::String, () -> AvroSerde.specific(Post.class),
      "Normalised posts from every connector, keyed by post id");

  /** Inputs that ingest rejected, with the reason. */
  public static final TopicSpec<String, DeadLetter> POSTS_DLQ = new TopicSpec<>(
      "posts.dlq", 1, MONTH_MS, false, Serdes::String, () -> AvroSerde.specific(DeadLetter.class),
      "Payloads ingest could not turn into a Post, with source, position and reason");

  /** One assessment per scored post, keyed by post id. */
  public static final TopicSpec<String, Assessment> ASSESSMENTS = new TopicSpec<>(
      "assessments", 3, MONTH_MS, false, Serdes::String, () -> AvroSerde.specific(Assessment.class),
      "Scores, reasons and lineage of each post, keyed by post id");

  /** Records the scoring topology could not read or process. */
  public static final TopicSpec<String, DeadLetter> ASSESSMENTS_DLQ = new TopicSpec<>(
      "assessments.dlq", 1, MONTH_MS, false, Serdes::String, () -> AvroSerde.specific(DeadLetter.class),
      "Records the scoring stage could not deserialize or process, with the reason");

  /** Every alert, keyed by alert id. People subscribe here. */
  public static final TopicSpec<String, Alert> ALERTS = new TopicSpec<>(
      "alerts", 3, MONTH_MS, false, Serdes::String, () -> AvroSerde.specific(Alert.class),
      "Every alert, keyed by alert id");

  /**
   * The media stage's verdict per media url (digest, Content Credentials), keyed by url. Compacted: the
   * latest verdict of each url is kept forever, so that media is fetched once and scoring can look it up.
   */
  public static final TopicSpec<String, MediaVerdict> MEDIA_VERDICTS = new TopicSpec<>(
      "media.verdicts", 3, -1, true, Serdes::String, () -> AvroSerde.specific(MediaVerdict.class),
      "Digest and Content Credentials verdict of each media url, keyed by url (compacted)");

  /**
   * Coordinated-posting campaigns found by the scoring stage, keyed by campaign id. Compacted: the
   * latest state of each campaign (members, shared object, first and last seen) is kept.
   */
  public static final TopicSpec<String, Campaign> CAMPAIGNS = new TopicSpec<>(
      "campaigns", 3, -1, true, Serdes::String, () -> AvroSerde.specific(Campaign.class),
      "Accounts that shared the same object within the coordination window, keyed by campaign id (compacted)");

  /**
   * The claim bank: fact-checked claims keyed by stable claim id. Compacted: the latest check of each
   * claim is kept forever; a tombstone removes a claim. Scoring holds all of it in a global store.
   */
  public static final TopicSpec<String, FactCheck> FACTCHECKS = new TopicSpec<>(
      "factchecks", 1, -1, true, Serdes::String, () -> AvroSerde.specific(FactCheck.class),
      "Fact-checked claims (claim, rating, url, publisher), keyed by claim id (compacted)");

  /** Credibility ratings of web sites, keyed by registrable domain; compacted, a tombstone removes a rating. */
  public static final TopicSpec<String, DomainRating> DOMAINS = new TopicSpec<>(
      "domains", 1, -1, true, Serdes::String, () -> AvroSerde.specific(DomainRating.class),
      "Credibility rating and its source of each registrable domain (compacted)");

  /** Rows of {@code provwatch factchecks|domains import} files that could not be read, with the reason. */
  public static final TopicSpec<String, DeadLetter> IMPORTS_DLQ = new TopicSpec<>(
      "imports.dlq", 1, MONTH_MS, false, Serdes::String, () -> AvroSerde.specific(DeadLetter.class),
      "Fact-check and domain rows the importers rejected, with file, line and reason");

  /** Records the sink could not read or process. */
  public static final TopicSpec<String, DeadLetter> ALERTS_DLQ = new TopicSpec<>(
      "alerts.dlq", 1, MONTH_MS, false, Serdes::String, () -> AvroSerde.specific(DeadLetter.class),
      "Records the sink stage could not deserialize or process, with the reason");

  /** Plain JSON copy of {@link #ALERTS} for consumers without Avro; written only when sink.alerts.json.enabled. */
  public static final TopicSpec<String, String> ALERTS_JSON = new TopicSpec<>(
      "alerts.json", 3, MONTH_MS, false, Serdes::String, Serdes::String,
      "Every alert change as plain JSON, keyed by alert id (optional mirror of alerts)");

  /** Alert changes the webhook sink could not deliver after its last retry, with the reason. */
  public static final TopicSpec<String, DeadLetter> ALERTS_WEBHOOK_DLQ = new TopicSpec<>(
      "alerts.webhook.dlq", 1, MONTH_MS, false, Serdes::String, () -> AvroSerde.specific(DeadLetter.class),
      "Alert changes the webhook sink gave up on, with the endpoint (host only) and the last failure");

  /** Schemas of the in-process registry; compacted so that ids survive restarts. */
  public static final TopicSpec<String, String> SCHEMAS = new TopicSpec<>(
      "_schemas", 1, -1, true, Serdes::String, Serdes::String,
      "Store of the in-process schema registry (compacted)");

  /**
   * Output of {@code provwatch bench}'s identity topology: posts copied unchanged, the baseline the
   * pipeline is measured against. Created by the bench only, so it is not in {@link #all()}.
   */
  public static final TopicSpec<String, Post> BENCH_IDENTITY = new TopicSpec<>(
      "bench.identity", 3, Duration.ofDays(1).toMillis(), false, Serdes::String, () -> AvroSerde.specific(Post.class),
      "Posts copied unchanged by the benchmark's identity topology");

  /**
   * The input of replay run {@code runId}: the replayed posts in (timestamp, partition, offset) order,
   * each with its live coordinates in {@link OriginHeader}. One partition, so the replay processes them
   * in one total order. Created by {@code provwatch replay} only, so the audit topics are not in {@link #all()}.
   */
  public static TopicSpec<String, Post> auditPosts(String runId) {
    return new TopicSpec<>("audit." + runId + ".posts", 1, -1, false, Serdes::String, () -> AvroSerde.specific(Post.class),
        "Posts replayed by audit run " + runId + ", in replay order");
  }

  /** The assessments of replay run {@code runId}, kept for the audit (no retention limit). */
  public static TopicSpec<String, Assessment> auditAssessments(String runId) {
    return new TopicSpec<>("audit." + runId + ".assessments", 1, -1, false, Serdes::String, () -> AvroSerde.specific(Assessment.class),
        "Assessments of audit run " + runId);
  }

  /** The alerts of replay run {@code runId}, kept for the audit (no retention limit). */
  public static TopicSpec<String, Alert> auditAlerts(String runId) {
    return new TopicSpec<>("audit." + runId + ".alerts", 1, -1, false, Serdes::String, () -> AvroSerde.specific(Alert.class),
        "Alerts of audit run " + runId);
  }

  /** The campaigns replay run {@code runId} found, so that a replay never writes to the live {@link #CAMPAIGNS}. */
  public static TopicSpec<String, Campaign> auditCampaigns(String runId) {
    return new TopicSpec<>("audit." + runId + ".campaigns", 1, -1, false, Serdes::String, () -> AvroSerde.specific(Campaign.class),
        "Campaigns of audit run " + runId);
  }

  /** Records replay run {@code runId} could not read or process, so that a replay never writes to a live dead-letter topic. */
  public static TopicSpec<String, DeadLetter> auditDlq(String runId) {
    return new TopicSpec<>("audit." + runId + ".dlq", 1, -1, false, Serdes::String, () -> AvroSerde.specific(DeadLetter.class),
        "Records audit run " + runId + " could not process, with the reason");
  }

  /** The alerts of one severity, e.g. {@code alerts.high}, for subscribers who want only those. */
  public static TopicSpec<String, Alert> alertsFor(Severity severity) {
    return new TopicSpec<>(
        "alerts." + severity.name().toLowerCase(Locale.ROOT), 1, MONTH_MS, false, Serdes::String,
        () -> AvroSerde.specific(Alert.class), "Alerts of severity " + severity);
  }

  /** The live dead-letter topics, where every stage puts what it rejected. */
  public static List<TopicSpec<String, DeadLetter>> deadLetterTopics() {
    return List.of(POSTS_DLQ, ASSESSMENTS_DLQ, ALERTS_DLQ, ALERTS_WEBHOOK_DLQ, IMPORTS_DLQ);
  }

  /** The dead-letter topic called {@code name}: a live one, or {@code audit.<run-id>.dlq} of a replay. */
  public static Optional<TopicSpec<String, DeadLetter>> deadLetterTopic(String name) {
    for (TopicSpec<String, DeadLetter> topic : deadLetterTopics()) {
      if (topic.name().equals(name)) {
        return Optional.of(topic);
      }
    }
    String audit = "audit.";
    String dlq = ".dlq";
    if (name.startsWith(audit) && name.endsWith(dlq) && name.length() > audit.length() + dlq.length()) {
      return Optional.of(auditDlq(name.substring(audit.length(), name.length() - dlq.length())));
    }
    return Optional.empty();
  }

  /** Every topic of the catalog, in creation order. */
  public static List<TopicSpec<?, ?>> all() {
    List<TopicSpec<?, ?>> all = new ArrayList<>(List.of(POSTS, POSTS_DLQ, MEDIA_VERDICTS, ASSESSMENTS, ASSESSMENTS_DLQ, ALERTS, ALERTS_DLQ, ALERTS_JSON, ALERTS_WEBHOOK_DLQ, SCHEMAS));
    all.add(CAMPAIGNS);
    all.addAll(List.of(FACTCHECKS, DOMAINS, IMPORTS_DLQ));
    for (Severity severity : Severity.values()) {
      all.add(alertsFor(severity));
    }
    return Collections.unmodifiableList(all);
  }
}
