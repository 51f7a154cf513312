package io.provwatch.console;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.provwatch.avro.Alert;
import io.provwatch.avro.Campaign;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.AvroJson;
import io.provwatch.platform.http.HttpScope;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.metrics.ProvwatchMetrics;
import io.provwatch.platform.topics.Topics;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The analysts' web console on a stage's HTTP server: the page at {@code /} (live alerts, alert,
 * campaign, post, overview and audit views; see {@code static/console.js}), its files and WebJars, and
 * the JSON it reads under {@value #API}. Alerts and campaigns come from the {@code alerts} and
 * {@code campaigns} topics (read_committed), held in memory; a post's explanation from the explain API
 * ({@code GET /v1/posts/{id}/assessment}) on the same server; the overview from this process's meters.
 */
public final class Console implements AutoCloseable {
  static final String API = "/console/api/";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final AlertHistory alerts;
  private final Map<String, Campaign> campaigns;
  private final AuditReports audits;
  private final AlertEvents events;
  private final OverviewSeries overview;
  private final TopicFollower<Alert> alertReader;
  private final TopicFollower<Campaign> campaignReader;
  private final byte[] page;

  private Console(ProvwatchConfig config) {
    int max = config.getInt(ProvwatchConfig.CONSOLE_MAX_ALERTS);
    this.alerts = new AlertHistory(max);
    this.campaigns = new LinkedHashMap<>(16, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Campaign> eldest) {
        return size() > max;
      }
    };
    this.audits = new AuditReports(Path.of(config.getString(ProvwatchConfig.CONSOLE_AUDITS_DIR)));
    this.events = new AlertEvents(alerts);
    this.overview = new OverviewSeries(ProvwatchMetrics.registry(), () -> System.currentTimeMillis() / 1000);
    this.alertReader = new TopicFollower<>(config, Topics.ALERTS, alerts::add);
    this.campaignReader = new TopicFollower<>(config, Topics.CAMPAIGNS, this::putCampaign);
    this.page = StaticAssets.text("io/provwatch/console/static/index.html")
        .replace("{{cytoscape}}", StaticAssets.webJarVersion("cytoscape"))
        .replace("{{uplot}}", StaticAssets.webJarVersion("uplot"))
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Serves the console on {@code host} and starts reading the alert and campaign topics; {@code null}
   * when {@code console.enabled} is false.
   */
  public static Console start(ProvwatchConfig config, HttpServerHost host) {
    if (!config.getBoolean(ProvwatchConfig.CONSOLE_ENABLED)) {
      return null;
    }
    Console console = new Console(config);
    // reading alerts, campaigns and explanations is what the explain scope grants
    host.handle("/", HttpScope.EXPLAIN, console::index)
        .handle(StaticAssets.CONSOLE_PREFIX, HttpScope.EXPLAIN, StaticAssets.console())
        .handle(StaticAssets.WEBJARS_PREFIX, HttpScope.EXPLAIN, StaticAssets.webJars())
        .handle(API, HttpScope.EXPLAIN, console::api)
        .handle(API + "alerts/stream", HttpScope.EXPLAIN, console.events);
    console.overview.start();
    console.alertReader.start();
    console.campaignReader.start();
    return console;
  }

  /** The console's address on {@code host}, for people: {@code http://127.0.0.1:8080/}. */
  public static String url(HttpServerHost host) {
    return host.url() + "/";
  }

  private synchronized void putCampaign(Campaign campaign) {
    campaigns.put(campaign.getCampaignId(), campaign);
  }

  private synchronized Optional<Campaign> campaign(String id) {
    return Optional.ofNullable(campaigns.get(id));
  }

  private void index(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!path.equals("/") && !path.equals("/index.html")) {
      ConsoleHttp.error(exchange, 404, "no such resource: " + path);
    } else if (!"GET".equals(exchange.getRequestMethod())) {
      ConsoleHttp.error(exchange, 405, "GET only");
    } else {
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      ConsoleHttp.send(exchange, 200, "text/html; charset=utf-8", page);
    }
  }

  private void api(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      ConsoleHttp.error(exchange, 405, "GET only");
      return;
    }
    List<String> parts = List.of(exchange.getRequestURI().getRawPath().substring(API.length()).split("/", -1)).stream()
        .map(p -> URLDecoder.decode(p, StandardCharsets.UTF_8)).toList();
    String resource = parts.get(0);
    switch (parts.size() + ":" + resource) {
      case "1:alerts" -> {
        ArrayNode list = NODES.arrayNode();
        alerts.latest().forEach(a -> list.add(AvroJson.of(a)));
        ConsoleHttp.json(exchange, 200, list.toString());
      }
      case "2:alerts" -> {
        Optional<List<Alert>> revisions = alerts.revisions(parts.get(1));
        if (revisions.isEmpty()) {
          ConsoleHttp.error(exchange, 404, "no alert " + parts.get(1) + " among the latest the console holds");
          return;
        }
        ObjectNode body = NODES.objectNode();
        ArrayNode list = body.putArray("revisions");
        revisions.get().forEach(a -> list.add(AvroJson.of(a)));
        ConsoleHttp.json(exchange, 200, body.toString());
      }
      case "2:campaigns" -> {
        Optional<Campaign> campaign = campaign(parts.get(1));
        if (campaign.isEmpty()) {
          ConsoleHttp.error(exchange, 404, "no campaign " + parts.get(1) + " on the campaigns topic yet");
        } else {
          ConsoleHttp.json(exchange, 200, AvroJson.of(campaign.get()).toString());
        }
      }
      case "1:overview" -> ConsoleHttp.json(exchange, 200, overview.toJson().toString());
      case "1:audits" -> {
        ObjectNode body = NODES.objectNode().put("dir", audits.dir().toAbsolutePath().normalize().toString());
        body.set("reports", audits.list());
        ConsoleHttp.json(exchange, 200, body.toString());
      }
      case "2:audits" -> {
        Optional<byte[]> report = audits.read(parts.get(1));
        if (report.isEmpty()) {
          ConsoleHttp.error(exchange, 404, "no audit report " + parts.get(1));
        } else {
          ConsoleHttp.send(exchange, 200, parts.get(1).endsWith(".html") ? "text/html; charset=utf-8" : "application/json", report.get());
        }
      }
      default -> ConsoleHttp.error(exchange, 404, "no such resource");
    }
  }

  @Override
  public void close() throws InterruptedException {
    events.close();
    overview.close();
    alertReader.close();
    campaignReader.close();
  }
}
