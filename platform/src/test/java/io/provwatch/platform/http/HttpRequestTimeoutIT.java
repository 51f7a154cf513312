package io.provwatch.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code http.request.timeout.ms}: a client that sends part of a request and then stalls holds the
 * server's only worker until the timeout, then its connection is closed and the worker serves the
 * next request. In a JVM of its own ({@link RequestTimeoutServer}): the JDK fixes the timeout per process.
 */
class HttpRequestTimeoutIT {
  /** Far above the 2 s timeout under test and far below the 60 s default, so that only the setting can close the connection in time. */
  private static final Duration STALL_BOUND = Duration.ofSeconds(30);

  @Test
  void aStalledRequestIsClosedAfterTheTimeoutAndTheOnlyWorkerServesTheNext() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process server = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
        RequestTimeoutServer.class.getName(), "2000")).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      String url = null;
      while (url == null) {
        String line = out.readLine();
        if (line == null) {
          break; // the server ended without printing its url
        }
        url = line.startsWith("url ") ? line.substring(4) : null;
      }
      assertThat(url).as("the server printed its url").isNotNull();
      URI uri = URI.create(url);

      int read;
      try (Socket stalled = new Socket(uri.getHost(), uri.getPort())) {
        stalled.getOutputStream().write(RequestTimeoutServer.stalledRequest()); // 10 of 1000 body bytes, then nothing
        stalled.getOutputStream().flush();
        stalled.setSoTimeout((int) STALL_BOUND.toMillis());
        try {
          read = stalled.getInputStream().read();
        } catch (SocketTimeoutException stillOpen) {
          read = Integer.MIN_VALUE;
        }
      }
      assertThat(read).as("the server closed the stalled connection (end of stream), without an answer").isEqualTo(-1);

      HttpResponse<String> next = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/echo"))
          .timeout(STALL_BOUND).POST(HttpRequest.BodyPublishers.ofString("next")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(next.statusCode()).as("the only worker is free again").isEqualTo(200);
      assertThat(next.body()).isEqualTo("next");
    } finally {
      server.destroyForcibly();
    }
  }
}
