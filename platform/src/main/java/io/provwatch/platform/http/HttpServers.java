package io.provwatch.platform.http;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsServer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/** What every JDK {@link HttpServer} of provwatch needs: a printable url and an orderly stop. */
public final class HttpServers {
  private HttpServers() {}

  /** {@code http://host:port} (or {@code https://} for a TLS server) with the actual port; a wildcard bind is shown as loopback. */
  public static String url(HttpServer server) {
    InetSocketAddress address = server.getAddress();
    InetAddress host = address.getAddress();
    String hostText = host.isAnyLocalAddress() ? "127.0.0.1"
        : host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
    return (server instanceof HttpsServer ? "https://" : "http://") + hostText + ":" + address.getPort();
  }

  /** Stops accepting, then gives running exchanges a few seconds to finish. */
  public static void stop(HttpServer server, ExecutorService... executors) {
    server.stop(0);
    for (ExecutorService executor : executors) {
      executor.shutdown();
    }
    try {
      for (ExecutorService executor : executors) {
        executor.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
