package io.provwatch.ingest.live;

/**
 * The text/event-stream format (HTML Living Standard, "server-sent events"), fed line by line:
 * {@code event:} names the event, {@code data:} lines are joined with newlines, {@code id:} and
 * {@code retry:} are kept, a line starting with {@code :} is a comment (Mastodon's {@code :thump}
 * heartbeat), and a blank line dispatches the event (none when it had no data).
 */
final class ServerSentEvents {
  /** One dispatched event; {@code name} is {@code message} when the stream named none. */
  record Event(String name, String data, String lastEventId) {}

  private String name;
  private StringBuilder data;
  private String lastEventId;
  private Long retryMs;

  /** One line, without its line terminator; the event it completes, or null. */
  Event line(String line) {
    if (line.isEmpty()) {
      return dispatch();
    }
    if (line.charAt(0) == ':') {
      return null; // a comment: Mastodon's ":thump" heartbeat
    }
    int colon = line.indexOf(':');
    String field = colon < 0 ? line : line.substring(0, colon);
    String value = colon < 0 ? "" : line.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> name = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value);
        } else {
          data.append('\n').append(value);
        }
      }
      case "id" -> {
        if (value.indexOf('\0') < 0) {
          lastEventId = value;
        }
      }
      case "retry" -> {
        if (value.matches("[0-9]{1,9}")) {
          retryMs = Long.parseLong(value);
        }
      }
      default -> { } // unknown fields are ignored, as the standard says
    }
    return null;
  }

  /** The end of the stream: an event without its blank line is not dispatched, as the standard says. */
  void end() {
    name = null;
    data = null;
  }

  private Event dispatch() {
    Event event = data == null ? null : new Event(name == null || name.isEmpty() ? "message" : name, data.toString(), lastEventId);
    name = null;
    data = null;
    return event;
  }

  /** The id of the last event that set one: what a resuming client sends as {@code Last-Event-ID}. */
  String lastEventId() {
    return lastEventId;
  }

  /** The reconnection time the server asked for, or null. */
  Long retryMs() {
    return retryMs;
  }
}
