package io.provwatch.scoring.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaFetcherTest {
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final FixtureServer server = new FixtureServer();

  @AfterEach
  void stop() {
    server.close();
    pool.shutdownNow();
  }

  private MediaFetcher fetcher(boolean allowPrivate, long maxBytes) {
    return new MediaFetcher(pool, Duration.ofSeconds(5), Duration.ofMillis(800), maxBytes, 2, allowPrivate);
  }

  private MediaFetcher.Fetched fetch(MediaFetcher fetcher, String url) {
    return fetcher.fetch(url).join();
  }

  private static String reason(MediaFetcher.Fetched fetched) {
    assertThat(fetched).isInstanceOf(MediaFetcher.Fetched.Failed.class);
    return ((MediaFetcher.Fetched.Failed) fetched).reason();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
      "224.0.0.1", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1"})
  void nonPublicAddressesAreRecognised(String address) throws Exception {
    assertThat(MediaFetcher.isPublic(InetAddress.getByName(address))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"})
  void publicAddressesAreAllowed(String address) throws Exception {
    assertThat(MediaFetcher.isPublic(InetAddress.getByName(address))).isTrue();
  }

  @Test
  void loopbackIsRefusedUnlessAllowedAndNothingIsRequested() {
    server.serve("/a.jpg", new byte[] {1, 2, 3});
    assertThat(reason(fetch(fetcher(false, 1000), server.url("/a.jpg"))))
        .isEqualTo("media refused: 127.0.0.1 resolves to non-public address 127.0.0.1");
    assertThat(server.hits("/a.jpg")).isZero();

    MediaFetcher.Fetched fetched = fetch(fetcher(true, 1000), server.url("/a.jpg"));
    assertThat(fetched).isInstanceOf(MediaFetcher.Fetched.Bytes.class);
    assertThat(((MediaFetcher.Fetched.Bytes) fetched).body()).containsExactly(1, 2, 3);
    assertThat(((MediaFetcher.Fetched.Bytes) fetched).contentType()).isEqualTo("image/jpeg");
  }

  @Test
  void redirectsAreFollowedUpToTheLimit() {
    server.serve("/final.jpg", new byte[] {7}).redirect("/r1", "/r2").redirect("/r2", "/final.jpg").redirect("/loop", "/loop");
    MediaFetcher fetcher = fetcher(true, 1000);
    assertThat(((MediaFetcher.Fetched.Bytes) fetch(fetcher, server.url("/r1"))).body()).containsExactly(7);
    assertThat(reason(fetch(fetcher, server.url("/loop")))).isEqualTo("media unreachable: more than 2 redirects");
    assertThat(server.hits("/loop")).isEqualTo(3);
  }

  @Test
  void failuresBecomeReasons() throws Exception {
    server.serve("/big.jpg", new byte[5000]);
    MediaFetcher fetcher = fetcher(true, 1000);
    assertThat(reason(fetch(fetcher, server.url("/big.jpg")))).isEqualTo("media unreachable: larger than 1000 bytes");
    assertThat(reason(fetch(fetcher, server.url("/missing.jpg")))).isEqualTo("media unreachable: HTTP 404");
    assertThat(reason(fetch(fetcher, server.url("/hang")))).isEqualTo("media unreachable: timeout");
    assertThat(reason(fetch(fetcher, "ftp://files.example/a.jpg"))).startsWith("media url not fetchable");
    assertThat(reason(fetch(fetcher, "http://bad host/a.jpg"))).startsWith("media url malformed");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    assertThat(reason(fetch(fetcher, "http://127.0.0.1:" + closedPort + "/a.jpg"))).isEqualTo("media unreachable: connection refused");
  }
}
