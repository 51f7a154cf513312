package io.provwatch.ingest.live;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Stand-in Jetstream behaviours: like the real one, a subscription with a cursor replays the events from that time_us on. */
final class StandInJetstream {
  private StandInJetstream() {}

  /** The events from {@code cursor} on; all of them without a cursor. */
  static List<String> from(List<String> events, String cursor) {
    return cursor == null ? events : events.stream().filter(e -> JetstreamEvents.timeUsOf(e) >= Long.parseLong(cursor)).toList();
  }

  /** Every subscription replays from its cursor and stays open. */
  static StandInServer.Handler replaying(List<String> events) {
    return (request, exchange) -> {
      exchange.acceptWebSocket(request);
      for (String event : from(events, request.query("cursor"))) {
        exchange.sendText(event);
      }
      exchange.holdOpen();
    };
  }

  /**
   * The first subscription sends the first {@code beforeGate} events, waits for {@code gate}, sends
   * the next one and drops the connection (that event may or may not arrive); later subscriptions
   * replay from their cursor and stay open.
   */
  static StandInServer.Handler droppingOnce(List<String> events, int beforeGate, CountDownLatch gate) {
    AtomicInteger subscriptions = new AtomicInteger();
    StandInServer.Handler later = replaying(events);
    return (request, exchange) -> {
      if (subscriptions.incrementAndGet() > 1) {
        later.handle(request, exchange);
        return;
      }
      exchange.acceptWebSocket(request);
      for (String event : events.subList(0, beforeGate)) {
        exchange.sendText(event);
      }
      gate.await(2, TimeUnit.MINUTES);
      exchange.sendText(events.get(beforeGate));
      exchange.drop();
    };
  }
}
