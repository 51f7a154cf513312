package io.provwatch.ingest.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Whole HTTP bodies read with a size limit and an overall deadline (the JDK's request timeout stops at the headers). */
final class HttpBodies {
  private HttpBodies() {}

  /** Thrown when a body is larger than allowed. */
  static final class TooLargeException extends IOException {
    TooLargeException(int limit) {
      super("response body larger than " + limit + " bytes");
    }
  }

  /**
   * Sends {@code request} and reads the whole body.
   *
   * @throws IOException on a connection failure, a body over {@code maxBytes}, or no complete response within {@code timeout}
   */
  static HttpResponse<byte[]> send(HttpClient client, HttpRequest request, int maxBytes, Duration timeout)
      throws IOException, InterruptedException {
    return await(sendAsync(client, request, maxBytes), timeout);
  }

  /** Sends {@code request}; the future can be cancelled to stop waiting. */
  static CompletableFuture<HttpResponse<byte[]>> sendAsync(HttpClient client, HttpRequest request, int maxBytes) {
    return client.sendAsync(request, info -> new Limited(maxBytes));
  }

  /** The response of {@link #sendAsync}, waiting at most {@code timeout}. */
  static HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> response, Duration timeout)
      throws IOException, InterruptedException {
    try {
      return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      response.cancel(true);
      throw new HttpTimeoutException("no complete response within " + timeout.toMillis() + " ms");
    } catch (CancellationException e) {
      throw new IOException("request cancelled");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof IOException io ? io : new IOException(String.valueOf(cause.getMessage()), cause);
    }
  }

  /** Collects the body, giving up (and releasing the connection) past the limit. */
  private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    Limited(int limit) {
      this.limit = limit;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer buffer : buffers) {
        if (bytes.size() + buffer.remaining() > limit) {
          subscription.cancel();
          body.completeExceptionally(new TooLargeException(limit));
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        bytes.writeBytes(chunk);
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
      body.complete(bytes.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }
  }
}
