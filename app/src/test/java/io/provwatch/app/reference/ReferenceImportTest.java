package io.provwatch.app.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.DeadLetter;
import io.provwatch.avro.FactCheck;
import io.provwatch.platform.topics.Topics;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** An import's counting, reporting and dead-lettering, against mock producers. */
class ReferenceImportTest {
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  private final StringWriter err = new StringWriter();

  @SuppressWarnings("unchecked")
  private static <V> MockProducer<String, V> producer(boolean autoComplete) {
    return new MockProducer<>(autoComplete, null, Serdes.String().serializer(), (Serializer<V>) (topic, v) -> new byte[0]);
  }

  private static String liar(int rows, int badEvery) {
    StringBuilder s = new StringBuilder();
    for (int i = 1; i <= rows; i++) {
      s.append(i).append(".json\t").append(i % badEvery == 0 ? "nonsense" : "false").append("\tStatement number ").append(i).append('\n');
    }
    return s.toString();
  }

  @Test
  void acceptedRowsGoToTheTopicAndRejectedOnesToTheDeadLetterTopicWithFileAndLine() throws Exception {
    MockProducer<String, FactCheck> records = producer(true);
    MockProducer<String, DeadLetter> letters = producer(true);
    ReferenceImport.Summary summary = new ReferenceImport<>(new LiarTsvImporter(), Topics.FACTCHECKS, records, letters, clock,
        new PrintWriter(err, true), Duration.ofSeconds(5)).run(new StringReader(liar(6, 3)), "claims.tsv");

    assertThat(summary.rows()).isEqualTo(6);
    assertThat(summary.published()).isEqualTo(4);
    assertThat(summary.rejected()).isEqualTo(2);
    assertThat(summary.failed()).isZero();
    assertThat(records.history()).extracting(r -> r.topic() + "/" + r.key())
        .containsExactly("factchecks/liar:1", "factchecks/liar:2", "factchecks/liar:4", "factchecks/liar:5");
    assertThat(letters.history()).extracting(r -> r.topic(), r -> r.key(), r -> r.value().getPosition(), r -> r.value().getErrorCode())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("imports.dlq", "liar-import@claims.tsv:3", "claims.tsv:3", "INVALID_FIELD"),
            org.assertj.core.groups.Tuple.tuple("imports.dlq", "liar-import@claims.tsv:6", "claims.tsv:6", "INVALID_FIELD"));
    assertThat(letters.history().get(0).value().getTime()).isEqualTo(clock.instant());
    assertThat(err.toString()).contains("line 3 rejected, INVALID_FIELD: label: 'nonsense'")
        .contains("6 rows, 4 written to factchecks, 2 rejected (to imports.dlq), 0 skipped, 0 failed");
  }

  @Test
  void onlyTheFirstRejectionsAreShownTheRestAreCounted() throws Exception {
    new ReferenceImport<>(new LiarTsvImporter(), Topics.FACTCHECKS, ReferenceImportTest.<FactCheck>producer(true),
        ReferenceImportTest.<DeadLetter>producer(true), clock, new PrintWriter(err, true), Duration.ofSeconds(5))
        .run(new StringReader(liar(30, 1)), "bad.tsv");
    assertThat(err.toString().lines().filter(l -> l.contains("rejected, INVALID_FIELD"))).hasSize(ReferenceImport.REJECTIONS_SHOWN);
    assertThat(err.toString()).contains("10 more rejected line(s), all in imports.dlq");
  }

  @Test
  void aRecordThatCannotBeSerializedIsCountedAsFailedAndReportedNotThrown() throws Exception {
    Serializer<FactCheck> refusing = (topic, v) -> {
      throw new org.apache.kafka.common.errors.SerializationException("registry unreachable");
    };
    MockProducer<String, FactCheck> records = new MockProducer<>(true, null, Serdes.String().serializer(), refusing);
    ReferenceImport.Summary summary = new ReferenceImport<>(new LiarTsvImporter(), Topics.FACTCHECKS, records,
        ReferenceImportTest.<DeadLetter>producer(true), clock, new PrintWriter(err, true), Duration.ofSeconds(5))
        .run(new StringReader(liar(2, 99)), "two.tsv");
    assertThat(summary.failed()).isEqualTo(2);
    assertThat(summary.published()).isZero();
    assertThat(err.toString()).contains("2 record(s) could not be written to Kafka; first: ")
        .contains("registry unreachable");
  }
}
