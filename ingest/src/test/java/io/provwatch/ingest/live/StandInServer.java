package io.provwatch.ingest.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A scripted HTTP/1.1 server on 127.0.0.1 (port 0) for connector tests: one request per connection,
 * handled by a test's {@link Handler}, which can answer whole, stream chunks (server-sent events),
 * upgrade to WebSocket and send text frames (RFC 6455, the least of it), or drop the connection
 * abruptly (a TCP reset, as a crashed server or a broken network gives). Records every request.
 */
final class StandInServer implements AutoCloseable {
  /** What a client asked for; header names lower-case. */
  record Request(int number, String method, String target, Map<String, String> headers) {
    String path() {
      int q = target.indexOf('?');
      return q < 0 ? target : target.substring(0, q);
    }

    /** The first value of a query parameter, or null. */
    String query(String name) {
      int q = target.indexOf('?');
      if (q < 0) {
        return null;
      }
      for (String pair : target.substring(q + 1).split("&")) {
        int eq = pair.indexOf('=');
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        if (key.equals(name)) {
          return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        }
      }
      return null;
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  interface Handler {
    void handle(Request request, Exchange exchange) throws Exception;
  }

  /** One connection's answer. */
  static final class Exchange {
    private final Socket socket;
    private final OutputStream out;

    Exchange(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    /** A whole response; the connection closes after it. */
    void respond(int status, Map<String, String> headers, byte[] body) throws IOException {
      head(status, headers, body.length);
      if (status != 304) {
        out.write(body);
      }
      out.flush();
    }

    /** The head and the first {@code sent} bytes of a response announced whole, then a {@link #drop}. */
    void respondPartially(int status, Map<String, String> headers, byte[] body, int sent) throws IOException {
      head(status, headers, body.length);
      out.write(body, 0, sent);
      out.flush();
      drop();
    }

    private void head(int status, Map<String, String> headers, int length) throws IOException {
      StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      if (status != 304) {
        head.append("Content-Length: ").append(length).append("\r\n");
      }
      head.append("Connection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    void respond(int status, Map<String, String> headers, String body) throws IOException {
      respond(status, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** The head of a chunked response, for a body sent in pieces with {@link #chunk}. */
    void startChunked(int status, Map<String, String> headers) throws IOException {
      StringBuilder head = new StringBuilder("HTTP/1.1 " + status + " " + reason(status) + "\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    void chunk(String text) throws IOException {
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.write(bytes);
      out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** Writes raw bytes, e.g. the first part of a body whose length was announced as longer. */
    void raw(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** Completes the WebSocket opening handshake of {@code request}. */
    void acceptWebSocket(Request request) throws Exception {
      String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
          .digest((request.header("Sec-WebSocket-Key") + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.ISO_8859_1)));
      out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: " + accept + "\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
    }

    /** One unmasked, final text frame. */
    void sendText(String text) throws IOException {
      byte[] payload = text.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream frame = new ByteArrayOutputStream();
      frame.write(0x81);
      if (payload.length < 126) {
        frame.write(payload.length);
      } else if (payload.length < 65536) {
        frame.write(126);
        frame.write(payload.length >> 8);
        frame.write(payload.length & 0xff);
      } else {
        frame.write(127);
        for (int shift = 56; shift >= 0; shift -= 8) {
          frame.write((int) ((long) payload.length >> shift) & 0xff);
        }
      }
      frame.write(payload);
      out.write(frame.toByteArray());
      out.flush();
    }

    /** Cuts the connection with a TCP reset: no closing chunk, no close frame. */
    void drop() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    /** Keeps the connection open until the client or the server closes it. */
    void holdOpen() throws InterruptedException {
      CountDownLatch closed = new CountDownLatch(1);
      Thread reader = new Thread(() -> {
        try (InputStream in = socket.getInputStream()) {
          while (in.read() >= 0) {
            // what the client sends (WebSocket close or pong frames) does not matter here
          }
        } catch (IOException e) {
          // closed
        }
        closed.countDown();
      });
      reader.setDaemon(true);
      reader.start();
      closed.await(5, TimeUnit.MINUTES);
    }

    private static String reason(int status) {
      return switch (status) {
        case 200 -> "OK";
        case 304 -> "Not Modified";
        case 401 -> "Unauthorized";
        case 404 -> "Not Found";
        case 500 -> "Internal Server Error";
        default -> "Status";
      };
    }
  }

  private final ServerSocket server;
  private final Handler handler;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final List<Request> requests = new CopyOnWriteArrayList<>();
  final List<Throwable> handlerFailures = new CopyOnWriteArrayList<>();

  StandInServer(Handler handler) throws IOException {
    this.handler = handler;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "stand-in-server-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  URI uri(String scheme, String path) {
    return URI.create(scheme + "://127.0.0.1:" + port() + path);
  }

  /** The requests whose path is {@code path}. */
  List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        sockets.add(socket);
        Thread t = new Thread(() -> serve(socket), "stand-in-connection");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = socket.getInputStream();
      String requestLine = line(in);
      if (requestLine == null || requestLine.isEmpty()) {
        return;
      }
      Map<String, String> headers = new LinkedHashMap<>();
      String header;
      while ((header = line(in)) != null && !header.isEmpty()) {
        int colon = header.indexOf(':');
        if (colon > 0) {
          headers.putIfAbsent(header.substring(0, colon).trim().toLowerCase(Locale.ROOT), header.substring(colon + 1).trim());
        }
      }
      String[] parts = requestLine.split(" ");
      Request request;
      synchronized (requests) {
        request = new Request(requests.size() + 1, parts[0], parts[1], headers);
        requests.add(request);
      }
      handler.handle(request, new Exchange(socket));
    } catch (Exception e) {
      if (!server.isClosed() && !socket.isClosed()) {
        handlerFailures.add(e);
      }
    } finally {
      sockets.remove(socket);
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0 && b != '\n') {
      if (b != '\r') {
        bytes.write(b);
      }
    }
    return b < 0 && bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
