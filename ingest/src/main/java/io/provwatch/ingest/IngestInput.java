package io.provwatch.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One input for a one-off ingest, named on a command line: a file, {@code -} for stdin, or an
 * {@code http(s)} url fetched once with the JDK client. A url is bounded three ways: the connection
 * and the response headers each within the timeout, no silence longer than the timeout while the body
 * streams in, and at most {@code maxDownloadBytes} of body. Every failure is an {@link IOException}
 * whose message names the input.
 */
public final class IngestInput implements AutoCloseable {
  /** How the input was given; part of the connector name in posts and dead letters. */
  public enum Kind { FILE, STDIN, URL }

  private final Kind kind;
  private final String name;
  private final InputStream stream;

  private IngestInput(Kind kind, String name, InputStream stream) {
    this.kind = kind;
    this.name = name;
    this.stream = stream;
  }

  /** How urls are fetched. */
  public record HttpLimits(Duration timeout, long maxDownloadBytes) {
    public static final HttpLimits DEFAULT = new HttpLimits(Duration.ofSeconds(30), 1L << 30);

    public HttpLimits {
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
      }
      if (maxDownloadBytes <= 0) {
        throw new IllegalArgumentException("the download limit must be positive, got " + maxDownloadBytes);
      }
    }
  }

  /** Whether {@code spec} names a url rather than a file. */
  public static boolean isUrl(String spec) {
    String lower = spec.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /**
   * Opens {@code spec}.
   *
   * @throws IOException when the file cannot be read, or the url cannot be fetched (refused, timed
   *     out, not 2xx, larger than the limit)
   */
  public static IngestInput open(String spec, HttpLimits limits) throws IOException, InterruptedException {
    if ("-".equals(spec)) {
      return new IngestInput(Kind.STDIN, "stdin", System.in);
    }
    if (isUrl(spec)) {
      return fetch(spec, limits);
    }
    Path path = Path.of(spec);
    try {
      if (Files.isDirectory(path)) {
        throw new IOException(spec + " is a directory, not a file");
      }
      return new IngestInput(Kind.FILE, path.getFileName() == null ? spec : path.getFileName().toString(), Files.newInputStream(path));
    } catch (NoSuchFileException e) {
      throw new IOException("no such file: " + spec, e);
    }
  }

  private static IngestInput fetch(String spec, HttpLimits limits) throws IOException, InterruptedException {
    URI uri;
    try {
      uri = new URI(spec);
    } catch (URISyntaxException e) {
      throw new IOException("not a url: " + spec + " (" + e.getReason() + ")", e);
    }
    if (uri.getHost() == null) {
      throw new IOException("not a url: " + spec + " (no host)");
    }
    String name = withoutUserInfo(uri);
    HttpClient client = HttpClient.newBuilder()
        .connectTimeout(limits.timeout())
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(limits.timeout()).header("User-Agent", "provwatch-ingest").GET().build();
    HttpResponse<InputStream> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (HttpTimeoutException e) {
      throw new IOException("GET " + name + ": no response within " + seconds(limits.timeout()), e);
    } catch (IOException e) {
      throw new IOException("GET " + name + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
    InputStream body = response.body();
    if (response.statusCode() / 100 != 2) {
      body.close();
      throw new IOException("GET " + name + ": HTTP " + response.statusCode());
    }
    long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
    if (declared > limits.maxDownloadBytes()) {
      body.close();
      throw new IOException("GET " + name + ": the body has " + declared + " bytes, more than the limit of " + limits.maxDownloadBytes());
    }
    return new IngestInput(Kind.URL, name, new WatchedBody(body, name, limits));
  }

  /** The url as shown in positions and messages: without user and password. */
  private static String withoutUserInfo(URI uri) {
    if (uri.getRawUserInfo() == null) {
      return uri.toString();
    }
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getRawPath(), null, null).toString()
          + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    } catch (URISyntaxException e) {
      return uri.getScheme() + "://" + uri.getHost();
    }
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() / 1000.0 + " s";
  }

  public Kind kind() {
    return kind;
  }

  /** What the input is called in positions: the file's name, {@code stdin}, or the url. */
  public String name() {
    return name;
  }

  public InputStream stream() {
    return stream;
  }

  @Override
  public void close() throws IOException {
    if (kind != Kind.STDIN) {
      stream.close();
    }
  }

  /**
   * A response body that counts its bytes against the limit and is closed by a watchdog when no byte
   * arrives for the timeout: closing the JDK client's body stream ends a read blocked on it.
   */
  private static final class WatchedBody extends FilterInputStream {
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "provwatch-ingest-http-watchdog");
      thread.setDaemon(true);
      return thread;
    });

    private final String name;
    private final HttpLimits limits;
    private final ScheduledFuture<?> watch;
    private volatile long lastProgress = System.nanoTime();
    private volatile boolean stalled;
    private long count;

    WatchedBody(InputStream body, String name, HttpLimits limits) {
      super(body);
      this.name = name;
      this.limits = limits;
      long period = Math.max(10, limits.timeout().toMillis() / 4);
      this.watch = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
      if (System.nanoTime() - lastProgress > limits.timeout().toNanos()) {
        stalled = true;
        try {
          in.close();
        } catch (IOException ignored) { // closing is all we can do; the reader learns of it from its read
        }
        watch.cancel(false);
      }
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n;
      try {
        n = in.read(b, off, len);
      } catch (IOException e) {
        throw failure(e);
      }
      if (stalled) {
        throw failure(null);
      }
      lastProgress = System.nanoTime();
      if (n > 0) {
        count += n;
        if (count > limits.maxDownloadBytes()) {
          close();
          throw new IOException("GET " + name + ": the body is larger than the limit of " + limits.maxDownloadBytes() + " bytes");
        }
      }
      return n;
    }

    private IOException failure(IOException cause) {
      watch.cancel(false);
      if (stalled) {
        return new IOException("GET " + name + ": no data for " + seconds(limits.timeout()) + " after " + count + " bytes", cause);
      }
      return new IOException("GET " + name + ": reading the body failed after " + count + " bytes: " + cause.getMessage(), cause);
    }

    @Override
    public void close() throws IOException {
      watch.cancel(false);
      super.close();
    }
  }
}
