package io.provwatch.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.provwatch.avro.Alert;
import io.provwatch.platform.explain.AvroJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code GET /console/api/alerts/stream}: server-sent events of the alert changes as they are
 * committed: first one {@code snapshot} event (the latest revision of every alert held, newest first),
 * then one {@code alert} event per change. The handler returns at once and the events are written
 * from the thread that reads the topic, so an open page holds no thread of the HTTP server; a comment
 * line every {@value #HEARTBEAT_SECONDS} s finds the clients that went away.
 */
final class AlertEvents implements HttpHandler, AutoCloseable {
  static final int HEARTBEAT_SECONDS = 15;

  private final AlertHistory history;
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeat = DaemonScheduler.named("provwatch-console-heartbeat");

  AlertEvents(AlertHistory history) {
    this.history = history;
    heartbeat.scheduleAtFixedRate(() -> clients.forEach(c -> c.send(": keep-alive\n\n")), HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      ConsoleHttp.error(exchange, 405, "GET only");
      return;
    }
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    Client client = new Client(exchange);
    List<Alert> snapshot = history.snapshotAndListen(client);
    ArrayNode alerts = JsonNodeFactory.instance.arrayNode();
    snapshot.forEach(alert -> alerts.add(AvroJson.of(alert)));
    client.send("retry: 2000\nevent: snapshot\ndata: " + alerts + "\n\n");
    clients.add(client);
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    clients.forEach(Client::close);
  }

  /** One open page; {@code accept} is called with the topic reader's thread under the history's lock. */
  private final class Client implements Consumer<Alert> {
    private final HttpExchange exchange;
    private final OutputStream out;
    private volatile boolean open = true;

    Client(HttpExchange exchange) {
      this.exchange = exchange;
      this.out = exchange.getResponseBody();
    }

    @Override
    public void accept(Alert alert) {
      send("event: alert\ndata: " + AvroJson.of(alert) + "\n\n");
    }

    void send(String event) {
      if (!write(event)) {
        close(); // outside this client's lock: close takes the history's, which the topic reader holds while it sends
      }
    }

    private synchronized boolean write(String event) {
      if (!open) {
        return true;
      }
      try {
        out.write(event.getBytes(StandardCharsets.UTF_8));
        out.flush();
        return true;
      } catch (IOException e) { // the page was closed
        return false;
      }
    }

    void close() {
      open = false;
      history.stopListening(this);
      clients.remove(this);
      exchange.close();
    }
  }
}
