package io.provwatch.schemas.registry;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** An HTTP server on 127.0.0.1 that answers queued replies and records what it was sent. */
final class StandInRegistryServer implements AutoCloseable {
  record Request(String method, String rawPath, String rawQuery, String authorization, String contentType, String body) {}

  private record Reply(int status, String contentType, String body) {}

  private final HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  final List<Request> requests = new ArrayList<>();

  StandInRegistryServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    server.createContext("/", exchange -> {
      try (exchange) {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        synchronized (this) {
          requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
              exchange.getRequestHeaders().getFirst("Content-Type"), body));
          reply = replies.isEmpty() ? new Reply(500, "text/plain", "no reply queued") : replies.poll();
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        }
      }
    });
    server.start();
  }

  synchronized StandInRegistryServer reply(int status, String json) {
    replies.add(new Reply(status, RestSchemaRegistryClient.CONTENT_TYPE, json));
    return this;
  }

  synchronized StandInRegistryServer replyRaw(int status, String contentType, String body) {
    replies.add(new Reply(status, contentType, body));
    return this;
  }

  synchronized Request last() {
    return requests.get(requests.size() - 1);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
