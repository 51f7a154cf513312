package io.provwatch.sink.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on 127.0.0.1 that fails on purpose: of its first {@code failingRequests}
 * requests, it answers 500, stalls past the client's timeout, drops the connection or accepts, in
 * turn; later requests are all accepted (recovery). {@code failingRequests < 0}: it never recovers
 * (always 500). It records every request and checks each signature as a receiver would.
 */
final class FlakyReceiver implements AutoCloseable {
  enum Answer { ERROR_500, STALL, DROP, ACCEPT }

  /** One request as the receiver saw it. */
  record Request(String idempotencyKey, String alertId, int revision, Answer answer, boolean signatureValid, String body) {}

  private final HttpServer server;
  private final WebhookSignature signature;
  private final int failingRequests;
  private final Duration stall;
  private final AtomicInteger count = new AtomicInteger();
  private final List<Request> requests = new ArrayList<>();

  FlakyReceiver(String secret, int failingRequests, Duration stall) throws IOException {
    this.signature = new WebhookSignature(secret);
    this.failingRequests = failingRequests;
    this.stall = stall;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hooks/token-abc", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/token-abc");
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    var headers = exchange.getRequestHeaders();
    int n = count.getAndIncrement();
    Answer answer = failingRequests < 0 ? Answer.ERROR_500 : n < failingRequests ? Answer.values()[n % 4] : Answer.ACCEPT;
    boolean valid = signature.verify(headers.getFirst(WebhookSignature.TIMESTAMP_HEADER), body, headers.getFirst(WebhookSignature.SIGNATURE_HEADER));
    String revision = headers.getFirst(WebhookSender.REVISION_HEADER);
    synchronized (requests) {
      requests.add(new Request(headers.getFirst(WebhookSender.IDEMPOTENCY_KEY_HEADER), headers.getFirst(WebhookSender.ALERT_ID_HEADER),
          revision == null ? -1 : Integer.parseInt(revision), answer, valid, new String(body, java.nio.charset.StandardCharsets.UTF_8)));
    }
    switch (answer) {
      case ERROR_500 -> respond(exchange, 500);
      case STALL -> {
        try {
          Thread.sleep(stall.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        respond(exchange, 503); // too late for the client, and a failure anyway: never a hidden success
      }
      case DROP -> exchange.close(); // no response at all: the client sees the connection end
      case ACCEPT -> respond(exchange, valid ? 204 : 401);
    }
  }

  private static void respond(HttpExchange exchange, int status) throws IOException {
    try {
      exchange.sendResponseHeaders(status, -1);
    } catch (IOException e) {
      // the client gave up (timeout) and closed: nothing to answer
    }
    exchange.close();
  }

  List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The requests this receiver accepted (2xx), in the order it accepted them. */
  List<Request> accepted() {
    return requests().stream().filter(r -> r.answer() == Answer.ACCEPT && r.signatureValid()).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
