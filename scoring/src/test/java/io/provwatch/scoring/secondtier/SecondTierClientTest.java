package io.provwatch.scoring.secondtier;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.scoring.secondtier.SecondTierClient.Failed;
import io.provwatch.scoring.secondtier.SecondTierClient.Outcome;
import io.provwatch.scoring.secondtier.SecondTierClient.Scored;
import io.provwatch.scoring.secondtier.SecondTierClient.Skipped;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client against a stand-in detector on 127.0.0.1 that answers, is slow, fails and recovers. */
class SecondTierClientTest {
  private final StandInDetector detector = new StandInDetector();
  private final AtomicLong nanos = new AtomicLong();

  SecondTierClientTest() throws Exception {}

  @AfterEach
  void stop() {
    detector.close();
  }

  private SecondTierClient client(int maxInFlight) {
    SecondTierSettings settings = new SecondTierSettings(detector.endpoint(), 0.9, Duration.ofMillis(300), maxInFlight, 3, Duration.ofSeconds(30));
    return new SecondTierClient(settings, new CircuitBreaker(3, Duration.ofSeconds(30), nanos::get));
  }

  private static Outcome await(CompletableFuture<Outcome> future) throws Exception {
    return future.get(20, TimeUnit.SECONDS);
  }

  @Test
  void anAnswerBecomesTheDetectorsScoreAndTheTextIsSentAsJson() throws Exception {
    Outcome outcome = await(client(4).submit("x:1", "Some \"quoted\" text"));
    assertThat(outcome).isEqualTo(new Scored(0.97, "stand-in"));
    assertThat(detector.lastBody).isEqualTo("{\"postId\":\"x:1\",\"text\":\"Some \\\"quoted\\\" text\"}");
  }

  @Test
  void aSlowDetectorTimesOutAndABadAnswerIsAFailure() throws Exception {
    SecondTierClient client = client(4);
    detector.mode(StandInDetector.Mode.SLOW);
    assertThat(await(client.submit("x:1", "text"))).isInstanceOfSatisfying(Failed.class,
        f -> assertThat(f.reason()).isEqualTo("no answer within 300 ms"));
    detector.mode(StandInDetector.Mode.GARBAGE);
    assertThat(await(client.submit("x:2", "text"))).isInstanceOfSatisfying(Failed.class,
        f -> assertThat(f.reason()).startsWith("answer without a score"));
    detector.mode(StandInDetector.Mode.FAIL);
    assertThat(await(client.submit("x:3", "text"))).isInstanceOfSatisfying(Failed.class,
        f -> assertThat(f.reason()).startsWith("HTTP 500"));
  }

  @Test
  void submitReturnsAtOnceAndCallsBeyondTheBoundAreSkippedNotQueued() throws Exception {
    SecondTierClient client = client(2);
    detector.mode(StandInDetector.Mode.HOLD);
    CompletableFuture<Outcome> first = client.submit("x:1", "a");
    CompletableFuture<Outcome> second = client.submit("x:2", "b");
    assertThat(first).as("the caller does not wait for the network").isNotDone();
    assertThat(second).isNotDone();
    assertThat(await(client.submit("x:3", "c"))).isInstanceOfSatisfying(Skipped.class,
        s -> assertThat(s.reason()).contains("all 2 second-tier calls are busy"));
    detector.release();
    assertThat(await(first)).isInstanceOf(Scored.class);
    assertThat(await(second)).isInstanceOf(Scored.class);
    assertThat(await(client.submit("x:4", "d"))).as("slots are freed").isInstanceOf(Scored.class);
  }

  @Test
  void repeatedFailuresOpenTheBreakerWhichStopsCallsUntilATrialSucceeds() throws Exception {
    SecondTierClient client = client(4);
    detector.mode(StandInDetector.Mode.FAIL);
    for (int i = 0; i < 3; i++) {
      assertThat(await(client.submit("x:" + i, "text"))).isInstanceOf(Failed.class);
    }
    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    int calls = detector.requests();
    detector.mode(StandInDetector.Mode.ANSWER); // recovered, but the breaker does not know yet
    assertThat(await(client.submit("x:9", "text"))).isInstanceOfSatisfying(Skipped.class,
        s -> assertThat(s.reason()).contains("circuit breaker open"));
    assertThat(detector.requests()).as("no call while open").isEqualTo(calls);

    nanos.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
    assertThat(await(client.submit("x:10", "text"))).isInstanceOf(Scored.class);
    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(await(client.submit("x:11", "text"))).isInstanceOf(Scored.class);
  }

  @Test
  void aFailedTrialOpensTheBreakerAgain() throws Exception {
    SecondTierClient client = client(4);
    detector.mode(StandInDetector.Mode.FAIL);
    for (int i = 0; i < 3; i++) {
      await(client.submit("x:" + i, "text"));
    }
    nanos.addAndGet(Duration.ofSeconds(31).toNanos());
    assertThat(await(client.submit("x:trial", "text"))).isInstanceOf(Failed.class);
    assertThat(client.breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(await(client.submit("x:after", "text"))).isInstanceOf(Skipped.class);
  }
}
