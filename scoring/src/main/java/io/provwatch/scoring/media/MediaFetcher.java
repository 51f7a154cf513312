package io.provwatch.scoring.media;

import java.io.ByteArrayOutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches media over HTTP(S), asynchronously and within bounds: a connect timeout, a deadline for the whole
 * response (body included), a size limit enforced while reading, a limited number of redirects (followed by
 * hand so that each target is checked), and refusal of hosts that resolve to loopback, private, link-local
 * and other non-public addresses unless allowed. Every failure completes the future normally with a
 * {@link Fetched.Failed} whose reason names it; the future never completes exceptionally.
 *
 * <p>Known limit: the address is checked on a lookup of our own, and the HTTP client looks the name up
 * again, so a hostile DNS server that answers differently the second time (rebinding) is not stopped.
 */
public final class MediaFetcher {
  /** What a fetch gave. */
  public sealed interface Fetched {
    record Bytes(byte[] body, String contentType) implements Fetched {}

    record Failed(String reason) implements Fetched {}
  }

  private final HttpClient client;
  private final Executor executor;
  private final Duration requestTimeout;
  private final long maxBytes;
  private final int maxRedirects;
  private final boolean allowPrivateAddresses;

  public MediaFetcher(Executor executor, Duration connectTimeout, Duration requestTimeout, long maxBytes, int maxRedirects,
      boolean allowPrivateAddresses) {
    this.executor = executor;
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
        .executor(executor).build();
    this.requestTimeout = requestTimeout;
    this.maxBytes = maxBytes;
    this.maxRedirects = maxRedirects;
    this.allowPrivateAddresses = allowPrivateAddresses;
  }

  public CompletableFuture<Fetched> fetch(String url) {
    return fetch(url, maxRedirects).orTimeout(requestTimeout.toMillis() * (maxRedirects + 1L), TimeUnit.MILLISECONDS)
        .exceptionally(e -> new Fetched.Failed("media unreachable: " + describe(e)));
  }

  private CompletableFuture<Fetched> fetch(String url, int redirectsLeft) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new Fetched.Failed("media url malformed: " + url));
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return CompletableFuture.completedFuture(new Fetched.Failed("media url not fetchable (http or https with a host): " + url));
    }
    // the lookup may block: on the fetch executor, never on the caller's thread
    return CompletableFuture.supplyAsync(() -> refusal(uri.getHost()), executor).thenCompose(refused -> {
      if (refused.isPresent()) {
        return CompletableFuture.completedFuture(new Fetched.Failed(refused.get()));
      }
      LimitedBody body = new LimitedBody(maxBytes);
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(requestTimeout).header("Accept", "image/*, */*;q=0.5").GET().build();
      client.sendAsync(request, info -> body.start(info)).whenComplete((response, error) -> {
        if (error != null) {
          body.result.completeExceptionally(error);
        }
      });
      return body.result.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).thenCompose(response -> {
        if (response.status() / 100 == 3 && response.location().isPresent()) {
          if (redirectsLeft == 0) {
            return CompletableFuture.completedFuture(new Fetched.Failed("media unreachable: more than " + maxRedirects + " redirects"));
          }
          return fetch(uri.resolve(response.location().get()).toString(), redirectsLeft - 1);
        }
        if (response.status() != 200) {
          return CompletableFuture.completedFuture(new Fetched.Failed("media unreachable: HTTP " + response.status()));
        }
        return CompletableFuture.completedFuture(new Fetched.Bytes(response.body(), response.contentType()));
      });
    });
  }

  /** Why the host must not be fetched, or empty when it may. */
  Optional<String> refusal(String host) {
    if (allowPrivateAddresses) {
      return Optional.empty();
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!isPublic(address)) {
          return Optional.of("media refused: " + host + " resolves to non-public address " + address.getHostAddress());
        }
      }
      return Optional.empty();
    } catch (UnknownHostException e) {
      return Optional.of("media unreachable: unknown host " + host);
    }
  }

  /** Loopback, private (RFC 1918, fc00::/7), link-local, CGNAT, multicast, unspecified and IPv4-mapped forms of them are not public. */
  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 && !(first == 100 && second >= 64 && second < 128) && !(first == 169 && second == 254) && first < 224;
    }
    if (address instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return false; // unique local fc00::/7
      }
      boolean mapped = true; // ::ffff:a.b.c.d
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return false; // four bytes are always a valid address
        }
      }
    }
    return true;
  }

  private static String describe(Throwable e) {
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException || cause instanceof TimeoutException) {
      return "timeout";
    }
    if (cause instanceof TooLarge tooLarge) {
      return tooLarge.getMessage();
    }
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  private static final class TooLarge extends RuntimeException {
    TooLarge(long maxBytes) {
      super("larger than " + maxBytes + " bytes", null, false, false);
    }
  }

  /** Status, headers and body of one response. */
  private record Response(int status, Optional<String> location, String contentType, byte[] body) {}

  /** Collects a body up to a size limit and cancels the download beyond it. */
  private static final class LimitedBody implements Flow.Subscriber<List<ByteBuffer>> {
    final CompletableFuture<Response> result = new CompletableFuture<>();
    private final long maxBytes;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private HttpResponse.ResponseInfo info;
    private Flow.Subscription subscription;

    LimitedBody(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    HttpResponse.BodySubscriber<Void> start(HttpResponse.ResponseInfo responseInfo) {
      this.info = responseInfo;
      if (responseInfo.statusCode() != 200) {
        // redirects and errors: the body is not needed, the headers say it all
        result.complete(new Response(responseInfo.statusCode(), responseInfo.headers().firstValue("Location"), null, new byte[0]));
        return HttpResponse.BodySubscribers.discarding();
      }
      long declared = responseInfo.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxBytes) {
        result.completeExceptionally(new TooLarge(maxBytes));
        return HttpResponse.BodySubscribers.discarding();
      }
      return HttpResponse.BodySubscribers.fromSubscriber(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        out.writeBytes(chunk);
      }
      if (out.size() > maxBytes) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge(maxBytes));
      }
    }

    @Override
    public void onError(Throwable e) {
      result.completeExceptionally(e);
    }

    @Override
    public void onComplete() {
      String contentType = info.headers().firstValue("Content-Type").map(t -> t.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
          .orElse(null);
      result.complete(new Response(200, Optional.empty(), contentType, out.toByteArray()));
    }
  }
}
