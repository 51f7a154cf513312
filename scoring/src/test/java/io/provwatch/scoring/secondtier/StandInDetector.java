package io.provwatch.scoring.secondtier;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A second-tier detector stand-in on 127.0.0.1 that can answer, be slow, fail, or hold requests until released. */
final class StandInDetector implements AutoCloseable {
  enum Mode { ANSWER, SLOW, FAIL, GARBAGE, HOLD }

  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile Mode mode = Mode.ANSWER;
  private volatile double score = 0.97;
  private volatile CountDownLatch held = new CountDownLatch(1);
  volatile String lastBody = "";

  StandInDetector() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/detect", exchange -> {
      requests.incrementAndGet();
      lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      try {
        switch (mode) {
          case SLOW -> Thread.sleep(2_000);
          case HOLD -> held.await(30, TimeUnit.SECONDS);
          default -> { }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int status = mode == Mode.FAIL ? 500 : 200;
      String body = switch (mode) {
        case FAIL -> "overloaded";
        case GARBAGE -> "{\"verdict\": \"machine\"}";
        default -> "{\"score\": " + score + ", \"model\": \"stand-in\"}";
      };
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/detect");
  }

  void mode(Mode mode) {
    if (mode == Mode.HOLD) {
      held = new CountDownLatch(1);
    }
    this.mode = mode;
  }

  void release() {
    held.countDown();
  }

  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
  }
}
