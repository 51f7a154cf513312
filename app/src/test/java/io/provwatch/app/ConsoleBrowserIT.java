package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.provwatch.console.Console;
import io.provwatch.ingest.PostPublisher;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.explain.ExplainApi;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.metrics.PrometheusText;
import io.provwatch.platform.streams.StreamsStage;
import io.provwatch.platform.testing.SharedKafkaCluster;
import io.provwatch.scoring.ScoringService;
import io.provwatch.sink.SinkService;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser: Debian's {@code chromium} driven through its {@code chromedriver}
 * by Selenium, against the pipeline wired as the demo wires it (ingest over HTTP, scoring, sink, the
 * explain API and the console on one HTTP server, the shared embedded cluster). A small campaign is
 * POSTed after the page opened; its alert must appear in the live list, its campaign page must draw
 * one node per account, its posts' pages the reasons. Screenshots of every page go to
 * {@code target/console-screenshots}, or to {@code -Dprovwatch.console.screenshots=DIR}
 * (docs/console holds the README's). Skipped, saying why, when no Chromium or chromedriver is found.
 * The {@code /metrics} test needs no browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final int ACCOUNTS = 4;
  private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  private static final List<Path> CHROMEDRIVER = List.of(Path.of("/usr/bin/chromedriver"), Path.of("/usr/lib/chromium/chromedriver"));

  private final SharedKafkaCluster cluster = SharedKafkaCluster.get();
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private HttpServerHost host;
  private PostPublisher publisher;
  private StreamsStage scoring;
  private StreamsStage sink;
  private Console console;

  @BeforeAll
  void startThePipelineAndTheConsole() throws Exception {
    ProvwatchConfig config = cluster.config(Map.of());
    host = HttpServerHost.start("127.0.0.1", 0);
    publisher = new PostPublisher(config, Clock.systemUTC());
    Stages.addIngest(host, config, publisher);
    ProvwatchConfig advertised = ExplainApi.advertised(config, host);
    scoring = ScoringService.start(advertised);
    sink = SinkService.start(advertised);
    Stages.addStage(host, ScoringService.STAGE, scoring);
    Stages.addScoringExplain(host, advertised, scoring);
    Stages.addStage(host, SinkService.STAGE, sink);
    Stages.addSinkExplain(host, advertised, sink);
    console = Console.start(config, host);
    scoring.awaitRunning(PATIENCE);
    sink.awaitRunning(PATIENCE);
  }

  @AfterAll
  void stop() {
    Stages.closeAll(console, host, sink, scoring, publisher);
  }

  @Test
  void theLiveListTheCampaignNetworkAndThePostReasonsInChromium() throws Exception {
    Optional<Path> chromium = firstExisting(CHROMIUM);
    Optional<Path> chromedriver = firstExisting(CHROMEDRIVER);
    assumeTrue(chromium.isPresent() && chromedriver.isPresent(),
        "no Chromium and chromedriver in " + CHROMIUM + " / " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver");
    Path shots = Path.of(System.getProperty("provwatch.console.screenshots", "target/console-screenshots"));
    Files.createDirectories(shots);
    ChromeOptions options = new ChromeOptions().setBinary(chromium.get().toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      // rows move as alerts change; an element looked up as one moves is looked up again
      WebDriverWait wait = (WebDriverWait) new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class);
      browser.get(Console.url(host));
      wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));

      String run = SharedKafkaCluster.unique("console");
      List<String> postIds = postCampaign(run, "The harbour bridge closes for good on Monday and nobody was told, share before they delete it");
      long posted = System.nanoTime();
      browser.findElement(By.id("filter-text")).sendKeys(run);
      WebElement row = wait.until(d -> d.findElements(By.cssSelector("#alerts tr.alert-row")).stream()
          .filter(r -> r.getText().contains("coordination")).findFirst().orElse(null));
      System.out.printf("ConsoleBrowserIT: the coordination alert's row appeared %.1f s after the posts were accepted%n",
          (System.nanoTime() - posted) / 1e9);
      screenshot(browser, shots, "alerts");

      row.click();
      WebElement campaignLink = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("a[href^='#/campaign/']")));
      assertThat(browser.findElement(By.id("alert-reasons")).getText()).isNotBlank();
      assertThat(browser.findElements(By.cssSelector("#alert-posts a"))).extracting(WebElement::getText).containsAnyElementsOf(postIds);
      screenshot(browser, shots, "alert");

      String campaignId = campaignLink.getText();
      List<String> members = new ArrayList<>();
      json.readTree(get("/console/api/campaigns/" + campaignId).body()).path("memberAccounts").forEach(m -> members.add(m.asText()));
      assertThat(members).as("the campaign the alert names").containsAll(accounts(run));
      campaignLink.click();
      wait.until(d -> ((JavascriptExecutor) d).executeScript("return window.provwatchGraph ? window.provwatchGraph.nodes('.account').length : null") != null);
      Number accountNodes = (Number) ((JavascriptExecutor) browser).executeScript("return window.provwatchGraph.nodes('.account').length");
      List<?> labels = (List<?>) ((JavascriptExecutor) browser).executeScript("return window.provwatchGraph.nodes('.account').map(n => n.data('label'))");
      assertThat(accountNodes.intValue()).as("one node per account").isEqualTo(members.size());
      assertThat(labels).map(Object::toString).containsExactlyInAnyOrderElementsOf(members);
      wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#timeline tr"), ACCOUNTS)); // a heading and a row per share
      screenshot(browser, shots, "campaign");

      browser.get(Console.url(host) + "#/post/" + URLEncoder.encode(postIds.get(ACCOUNTS - 1), StandardCharsets.UTF_8));
      // coordination is the campaign's, not a per-post signal: a later member's post shows the copy it is of the first
      WebElement copy = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-signal='unattributed-copy'] .reason")));
      assertThat(copy.getText()).isNotBlank();
      assertThat(browser.findElement(By.id("signals")).getText()).contains("unattributed-copy", "ai-text");
      screenshot(browser, shots, "post");

      browser.get(Console.url(host) + "#/overview");
      wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#charts .uplot")));
      screenshot(browser, shots, "overview");
      browser.get(Console.url(host) + "#/audits");
      wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Audits"));
      screenshot(browser, shots, "audits");
    } finally {
      browser.quit();
    }
  }

  @Test
  void metricsFollowThePrometheusTextFormatWhileThePipelineRuns() throws Exception {
    String run = SharedKafkaCluster.unique("metrics");
    postCampaign(run, "A leaked memo shows the water plant was sold in secret last spring, read it before it disappears");
    await("the campaign's alert on the console").atMost(PATIENCE).until(() -> get("/console/api/alerts").body().contains(run));

    PrometheusText.Exposition metrics = PrometheusText.parse(get("/metrics").body());

    assertThat(metrics.named("provwatch_alerts_total")).isNotEmpty().allSatisfy(s -> assertThat(s.labels()).containsKeys("severity", "status"));
    assertThat(metrics.named("provwatch_stage_running")).extracting(s -> s.labels().get("stage")).contains("scoring", "sink");
    assertThat(metrics.named("provwatch_ingest_posts_published_total")).singleElement()
        .satisfies(s -> assertThat(s.value()).isGreaterThanOrEqualTo(ACCOUNTS));
    assertThat(metrics.named("provwatch_scorer_duration_seconds_count")).extracting(s -> s.labels().get("scorer")).contains("unattributed-copy", "ai-text");
    assertThat(metrics.named("kafka_consumer_fetch_manager_records_lag_max")).extracting(s -> s.labels().get("stage")).contains("scoring", "sink");
    assertThat(metrics.types()).containsKeys("kafka_stream_thread_process_total", "kafka_producer_record_send_total", "jvm_memory_used_bytes");
  }

  /**
   * {@value #ACCOUNTS} accounts posting the same link and text 10 s apart, over HTTP as a client would; their post ids.
   * Each test its own text: near-identical texts would join both tests' accounts in one campaign.
   */
  private List<String> postCampaign(String run, String text) throws Exception {
    Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ArrayNode posts = json.createArrayNode();
    for (int i = 0; i < ACCOUNTS; i++) {
      posts.addObject().put("id", "x:" + run + "-" + i).put("platform", "x").put("createdAt", t0.plusSeconds(10L * i).toString())
          .put("text", text + " https://leak.example/" + run)
          .<ObjectNode>set("author", json.createObjectNode().put("id", accounts(run).get(i)))
          .putArray("urls").add("https://leak.example/" + run);
    }
    HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(host.url() + "/v1/posts"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(posts.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
    return Stream.iterate(0, i -> i + 1).limit(ACCOUNTS).map(i -> "x:" + run + "-" + i).toList();
  }

  private static List<String> accounts(String run) {
    return Stream.iterate(0, i -> i + 1).limit(ACCOUNTS).map(i -> run + "-acct" + i).toList();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(host.url() + path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void screenshot(WebDriver browser, Path dir, String page) throws Exception {
    Files.write(dir.resolve(page + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  private static Optional<Path> firstExisting(List<Path> candidates) {
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }
}
