package io.provwatch.sink.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {
  private static final String SECRET = "s3cret-for-tests";
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);

  private static WebhookSettings settings(URI url, int attempts) {
    return new WebhookSettings(List.of(url), SECRET, "g", attempts, Duration.ofMillis(5), Duration.ofMillis(40), Duration.ofMillis(300), 2);
  }

  @Test
  void retriesThroughErrorsStallsAndDroppedConnectionsUntilTheReceiverRecoversThenDeliversOnce() throws Exception {
    List<Duration> waits = new ArrayList<>();
    try (FlakyReceiver receiver = new FlakyReceiver(SECRET, 3, Duration.ofMillis(800))) {
      WebhookSender sender = new WebhookSender(settings(receiver.url(), 6), CLOCK, waits::add, new Random(7));
      byte[] body = "{\"alertId\":\"alert-1\",\"revision\":2}".getBytes(StandardCharsets.UTF_8);
      WebhookSender.Outcome outcome = sender.deliver(receiver.url(), "alert-1", 2, body);

      assertThat(outcome).isEqualTo(new WebhookSender.Delivered(4, 204));
      assertThat(receiver.requests()).extracting(FlakyReceiver.Request::answer).containsExactly(
          FlakyReceiver.Answer.ERROR_500, FlakyReceiver.Answer.STALL, FlakyReceiver.Answer.DROP, FlakyReceiver.Answer.ACCEPT);
      assertThat(receiver.requests()).allSatisfy(r -> {
        assertThat(r.signatureValid()).as("every attempt signed over its timestamp and the exact body").isTrue();
        assertThat(r.idempotencyKey()).isEqualTo("alert-1:2");
        assertThat(r.body()).isEqualTo(new String(body, StandardCharsets.UTF_8));
      });
      assertThat(waits).hasSize(3);
    }
  }

  @Test
  void aReceiverThatNeverRecoversMakesAFailureNamingTheHostButNotThePath() throws Exception {
    try (FlakyReceiver receiver = new FlakyReceiver(SECRET, -1, Duration.ZERO)) {
      WebhookSender sender = new WebhookSender(settings(receiver.url(), 3), CLOCK, d -> {}, new Random(7));
      WebhookSender.Outcome outcome = sender.deliver(receiver.url(), "alert-2", 1, "{}".getBytes(StandardCharsets.UTF_8));

      assertThat(outcome).isInstanceOfSatisfying(WebhookSender.Failed.class, failed -> {
        assertThat(failed.attempts()).isEqualTo(3);
        assertThat(failed.code()).isEqualTo("WEBHOOK_RETRIES_EXHAUSTED");
        assertThat(failed.reason()).contains("127.0.0.1:" + receiver.url().getPort()).contains("last: HTTP 500")
            .doesNotContain("token-abc");
      });
      assertThat(receiver.requests()).hasSize(3);
    }
  }

  @Test
  void aClientErrorIsFinalAtOnce() throws Exception {
    try (FlakyReceiver receiver = new FlakyReceiver("another secret", 0, Duration.ZERO)) {
      WebhookSender sender = new WebhookSender(settings(receiver.url(), 5), CLOCK, d -> {}, new Random(7));
      WebhookSender.Outcome outcome = sender.deliver(receiver.url(), "alert-3", 1, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(outcome).as("the receiver refuses our signature with 401: retrying cannot help")
          .isInstanceOfSatisfying(WebhookSender.Failed.class, f -> assertThat(f.code()).isEqualTo("WEBHOOK_REJECTED"));
      assertThat(receiver.requests()).hasSize(1);
    }
  }

  @Test
  void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
    WebhookSender sender = new WebhookSender(
        new WebhookSettings(List.of(URI.create("http://127.0.0.1:1/")), SECRET, "g", 10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ofMillis(300), 1),
        CLOCK, d -> {}, new Random(3));
    long[] ceilings = {100, 200, 400, 800, 1000, 1000, 1000};
    for (int retry = 1; retry <= ceilings.length; retry++) {
      long waited = sender.backoff(retry).toMillis();
      assertThat(waited).as("retry %d", retry).isBetween(ceilings[retry - 1] / 2, ceilings[retry - 1]);
    }
    assertThat(sender.backoff(200).toMillis()).isBetween(500L, 1000L);
  }

  @Test
  void signaturesDependOnSecretTimestampAndEveryByteAndNeverShowTheSecret() {
    WebhookSignature signature = new WebhookSignature(SECRET);
    byte[] body = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    String header = signature.sign(1_700_000_000L, body);
    assertThat(header).startsWith("sha256=").hasSize(7 + 64);
    assertThat(signature.verify("1700000000", body, header)).isTrue();
    assertThat(signature.verify("1700000001", body, header)).as("another timestamp").isFalse();
    assertThat(signature.verify("1700000000", "{\"a\":2}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
    assertThat(new WebhookSignature("other").verify("1700000000", body, header)).isFalse();
    assertThat(signature.verify("not-a-number", body, header)).isFalse();
    assertThat(signature.toString()).doesNotContain(SECRET);
    assertThat(settings(URI.create("https://hooks.example/T000/B000/XXXX"), 1).toString()).doesNotContain(SECRET).doesNotContain("XXXX");
  }
}
