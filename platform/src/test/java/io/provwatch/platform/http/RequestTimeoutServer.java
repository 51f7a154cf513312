package io.provwatch.platform.http;

import java.nio.charset.StandardCharsets;

/**
 * Serves {@code /echo} (reads the whole body, answers it) with one worker and the request timeout
 * given as the first argument in ms, and prints its url; run by {@link HttpRequestTimeoutIT} in a JVM
 * of its own, because the JDK reads the timeout once per process.
 */
public final class RequestTimeoutServer {
  private RequestTimeoutServer() {}

  public static void main(String[] args) throws Exception {
    HttpServerHost host = HttpServerHost.start("127.0.0.1", 0, HttpSecurity.OPEN, new HttpServerHost.Limits(1, 4, Long.parseLong(args[0])));
    host.handle("/echo", HttpScope.INGEST, exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    System.out.println("url " + host.url());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE); // until the test destroys the process
  }

  static byte[] stalledRequest() {
    return "POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\nonly ten b".getBytes(StandardCharsets.US_ASCII);
  }
}
