package io.provwatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files, and urls served from 127.0.0.1: what is read, and how each limit ends a fetch. */
class IngestInputTest {
  private static final IngestInput.HttpLimits LIMITS = new IngestInput.HttpLimits(Duration.ofSeconds(10), 1_000_000);

  private HttpServer server;
  private ExecutorService handlers;
  private final CountDownLatch release = new CountDownLatch(1);
  private String base;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    handlers = Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.createContext("/feed.xml", exchange -> {
      byte[] body = "<rss/>".getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/missing", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.createContext("/declared-big", exchange -> {
      exchange.sendResponseHeaders(200, 2_000_000);
      exchange.close();
    });
    server.createContext("/streamed-big", exchange -> {
      exchange.sendResponseHeaders(200, 0); // chunked: the size shows only while reading
      try (OutputStream out = exchange.getResponseBody()) {
        byte[] line = ("x".repeat(999) + "\n").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 1_500; i++) {
          out.write(line);
        }
      } catch (IOException e) {
        // the client hung up once over its limit
      }
    });
    server.createContext("/stalls", exchange -> {
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("first line\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  @Test
  void aUrlIsReadWholeAndNamedByItself() throws Exception {
    try (IngestInput in = IngestInput.open(base + "/feed.xml", LIMITS)) {
      assertThat(in.kind()).isEqualTo(IngestInput.Kind.URL);
      assertThat(in.name()).isEqualTo(base + "/feed.xml");
      assertThat(new String(in.stream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
    }
  }

  @Test
  void userAndPasswordAreLeftOutOfTheName() throws Exception {
    String withUser = base.replace("http://", "http://reader:secret@") + "/feed.xml?page=2";
    try (IngestInput in = IngestInput.open(withUser, LIMITS)) {
      assertThat(in.name()).isEqualTo(base + "/feed.xml?page=2").doesNotContain("secret");
    }
  }

  @Test
  void aStatusOtherThan2xxIsAnErrorNamingIt() {
    assertThatThrownBy(() -> IngestInput.open(base + "/missing", LIMITS)).isInstanceOf(IOException.class)
        .hasMessage("GET " + base + "/missing: HTTP 404");
  }

  @Test
  void aBodyDeclaredOverTheLimitIsRefusedBeforeReading() {
    assertThatThrownBy(() -> IngestInput.open(base + "/declared-big", LIMITS)).isInstanceOf(IOException.class)
        .hasMessageContaining("2000000 bytes, more than the limit of 1000000");
  }

  @Test
  void aStreamedBodyOverTheLimitFailsTheRead() throws Exception {
    try (IngestInput in = IngestInput.open(base + "/streamed-big", LIMITS)) {
      assertThatThrownBy(() -> in.stream().readAllBytes()).isInstanceOf(IOException.class)
          .hasMessageContaining("larger than the limit of 1000000 bytes");
    }
  }

  @Test
  void aServerThatFallsSilentMidBodyTimesOut() throws Exception {
    IngestInput.HttpLimits quick = new IngestInput.HttpLimits(Duration.ofSeconds(2), 1_000_000);
    try (IngestInput in = IngestInput.open(base + "/stalls", quick)) {
      byte[] first = in.stream().readNBytes(11);
      assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("first line\n");
      assertThatThrownBy(() -> in.stream().read()).isInstanceOf(IOException.class)
          .hasMessage("GET " + base + "/stalls: no data for 2 s after 11 bytes");
    }
  }

  @Test
  void aRefusedConnectionIsAnErrorNamingTheUrl() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort(); // free, and nothing listens once closed
    }
    assertThatThrownBy(() -> IngestInput.open("http://127.0.0.1:" + port + "/x", LIMITS)).isInstanceOf(IOException.class)
        .hasMessageStartingWith("GET http://127.0.0.1:" + port + "/x failed");
  }

  @Test
  void filesAreNamedByTheirFileNameAndAMissingOneIsNamed(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("posts.jsonl"), "{}\n");
    try (IngestInput in = IngestInput.open(file.toString(), LIMITS)) {
      assertThat(in.kind()).isEqualTo(IngestInput.Kind.FILE);
      assertThat(in.name()).isEqualTo("posts.jsonl");
      assertThat(in.stream().readAllBytes()).isEqualTo("{}\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThatThrownBy(() -> IngestInput.open(dir.resolve("nope.jsonl").toString(), LIMITS)).isInstanceOf(IOException.class)
        .hasMessage("no such file: " + dir.resolve("nope.jsonl"));
    assertThatThrownBy(() -> IngestInput.open(dir.toString(), LIMITS)).hasMessageContaining("is a directory");
    assertThat(IngestInput.open("-", LIMITS).kind()).isEqualTo(IngestInput.Kind.STDIN);
  }
}
