package io.provwatch.app.reference;

import io.provwatch.avro.DeadLetter;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.topics.TopicSpec;
import io.provwatch.platform.topics.DeadLetters;
import io.provwatch.platform.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Runs one import: every accepted row to its compacted topic under its key, every rejected row to
 * {@code imports.dlq} with file, line and reason (and named on {@code err}, the first
 * {@value #REJECTIONS_SHOWN}), skipped rows counted. A progress line every few seconds, one summary at
 * the end. Idempotent producers with acks=all: a row counts as written once the broker has it.
 */
public final class ReferenceImport<V> {
  static final int REJECTIONS_SHOWN = 20;

  /** Counts of one import. {@code failed} rows were not taken by Kafka; {@code firstFailure} says why. */
  public record Summary(long rows, long published, long rejected, long skipped, long failed, String firstFailure, Duration elapsed) {}

  private final RowImporter<V> importer;
  private final TopicSpec<String, V> topic;
  private final Producer<String, V> records;
  private final Producer<String, DeadLetter> deadLetters;
  private final Clock clock;
  private final PrintWriter err;
  private final Duration progressEvery;

  public ReferenceImport(RowImporter<V> importer, TopicSpec<String, V> topic, Producer<String, V> records,
      Producer<String, DeadLetter> deadLetters, Clock clock, PrintWriter err, Duration progressEvery) {
    this.importer = importer;
    this.topic = topic;
    this.records = records;
    this.deadLetters = deadLetters;
    this.clock = clock;
    this.err = err;
    this.progressEvery = progressEvery;
  }

  /** The producers for {@code topic} and {@code imports.dlq} as an import uses them. */
  public static <V> KafkaProducer<String, V> producer(ProvwatchConfig config, TopicSpec<String, V> topic) {
    Map<String, Object> props = new HashMap<>(config.kafkaClientProperties());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "provwatch-import-" + topic.name());
    Map<String, Object> serde = config.serdeConfig();
    return new KafkaProducer<>(props, topic.keySerde(serde).serializer(), topic.valueSerde(serde).serializer());
  }

  public Summary run(Reader in, String name) throws IOException {
    String source = importer.format() + "-import";
    AtomicLong rows = new AtomicLong();
    AtomicLong published = new AtomicLong();
    AtomicLong rejected = new AtomicLong();
    AtomicLong skipped = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicReference<String> firstFailure = new AtomicReference<>();
    Instant start = clock.instant();
    Instant[] nextProgress = {start.plus(progressEvery)};
    String label = importer.format() + " " + name;
    importer.read(in, name, row -> {
      rows.incrementAndGet();
      if (row instanceof ImportedRow.Accepted<V> accepted) {
        send(records, new ProducerRecord<>(topic.name(), accepted.key(), accepted.value()), published, failed, firstFailure);
      } else if (row instanceof ImportedRow.Rejected<V> rejection) {
        long n = rejected.incrementAndGet();
        if (n <= REJECTIONS_SHOWN) {
          err.println("import " + label + ": line " + rejection.line() + " rejected, " + rejection.code() + ": " + rejection.message());
        }
        String position = name + ":" + rejection.line();
        DeadLetter letter = DeadLetters.builder(rejection.raw().getBytes(StandardCharsets.UTF_8), rejection.message())
            .setSource(source).setPosition(position).setStage("import")
            .setErrorCode(rejection.code().name()).setTime(clock.instant()).build();
        send(deadLetters, new ProducerRecord<>(Topics.IMPORTS_DLQ.name(), source + "@" + position, letter), new AtomicLong(), failed, firstFailure);
      } else {
        skipped.incrementAndGet();
      }
      Instant now = clock.instant();
      if (!now.isBefore(nextProgress[0])) {
        nextProgress[0] = now.plus(progressEvery);
        err.println(String.format(Locale.ROOT, "import %s: %,d rows, %,d written, %,d rejected, %,d skipped",
            label, rows.get(), published.get(), rejected.get(), skipped.get()));
        err.flush();
      }
    });
    records.flush();
    deadLetters.flush();
    Summary summary = new Summary(rows.get(), published.get(), rejected.get(), skipped.get(), failed.get(), firstFailure.get(),
        Duration.between(start, clock.instant()));
    if (summary.rejected() > REJECTIONS_SHOWN) {
      err.println("import " + label + ": " + (summary.rejected() - REJECTIONS_SHOWN) + " more rejected line(s), all in " + Topics.IMPORTS_DLQ.name());
    }
    err.println(String.format(Locale.ROOT, "import %s done: %,d rows, %,d written to %s, %,d rejected (to %s), %,d skipped, %,d failed in %.1f s",
        label, summary.rows(), summary.published(), topic.name(), summary.rejected(), Topics.IMPORTS_DLQ.name(), summary.skipped(),
        summary.failed(), summary.elapsed().toMillis() / 1000.0));
    if (summary.firstFailure() != null) {
      err.println("import " + label + ": " + summary.failed() + " record(s) could not be written to Kafka; first: " + summary.firstFailure());
    }
    err.flush();
    return summary;
  }

  private static <T> void send(Producer<String, T> producer, ProducerRecord<String, T> record, AtomicLong ok, AtomicLong failed,
      AtomicReference<String> firstFailure) {
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          ok.incrementAndGet();
        } else {
          failed.incrementAndGet();
          firstFailure.compareAndSet(null, error.toString());
        }
      });
    } catch (RuntimeException e) { // serialization or registry failure: counted and reported, not thrown through the import
      failed.incrementAndGet();
      firstFailure.compareAndSet(null, e.toString());
    }
  }
}
