package io.provwatch.platform.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * An {@link HttpExchange} without a socket: a request given whole (method, URI, headers, body), the
 * answer kept for the test to look at. What the fuzz tests of HTTP handlers feed them.
 */
public final class RecordedExchange extends HttpExchange {
  private final String method;
  private final URI uri;
  private final Headers requestHeaders = new Headers();
  private final Headers responseHeaders = new Headers();
  private final Map<String, Object> attributes = new HashMap<>();
  private InputStream body;
  private OutputStream response = new ByteArrayOutputStream();
  private int status = -1;

  public RecordedExchange(String method, URI uri, Map<String, String> headers, byte[] body) {
    this.method = method;
    this.uri = uri;
    headers.forEach(requestHeaders::add);
    this.body = new ByteArrayInputStream(body);
  }

  /** The status sent, or -1 when the handler sent none. */
  public int status() {
    return status;
  }

  /** The body sent. */
  public byte[] responseBody() {
    return ((ByteArrayOutputStream) response).toByteArray();
  }

  @Override
  public Headers getRequestHeaders() {
    return requestHeaders;
  }

  @Override
  public Headers getResponseHeaders() {
    return responseHeaders;
  }

  @Override
  public URI getRequestURI() {
    return uri;
  }

  @Override
  public String getRequestMethod() {
    return method;
  }

  @Override
  public HttpContext getHttpContext() {
    return null;
  }

  @Override
  public void close() {
    // nothing to release
  }

  @Override
  public InputStream getRequestBody() {
    return body;
  }

  @Override
  public OutputStream getResponseBody() {
    return response;
  }

  @Override
  public void sendResponseHeaders(int code, long length) {
    if (status != -1) {
      throw new IllegalStateException("headers already sent (status " + status + "), now " + code);
    }
    status = code;
  }

  @Override
  public InetSocketAddress getRemoteAddress() {
    return new InetSocketAddress("127.0.0.1", 40000);
  }

  @Override
  public int getResponseCode() {
    return status;
  }

  @Override
  public InetSocketAddress getLocalAddress() {
    return new InetSocketAddress("127.0.0.1", 8080);
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.get(name);
  }

  @Override
  public void setAttribute(String name, Object value) {
    attributes.put(name, value);
  }

  @Override
  public void setStreams(InputStream in, OutputStream out) {
    if (in != null) {
      body = in;
    }
    if (out != null) {
      response = out;
    }
  }

  @Override
  public HttpPrincipal getPrincipal() {
    return null;
  }
}
