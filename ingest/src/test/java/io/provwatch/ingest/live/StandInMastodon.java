package io.provwatch.ingest.live;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A Mastodon server's public timeline for connector tests: statuses by id (hand-written, shaped
 * like the REST Status entity), the REST page a back-fill asks for, and server-sent events text.
 */
final class StandInMastodon {
  /** Status ids as Mastodon makes them: 18 digits that grow with time. */
  static String id(int n) {
    return String.valueOf(110_000_000_000_000_000L + n);
  }

  static String status(int n, String text, boolean edited) {
    return """
        {"id":"%s","created_at":"2026-11-20T%02d:%02d:00.000Z","in_reply_to_id":null,"in_reply_to_account_id":null,"sensitive":false,\
        "spoiler_text":"","visibility":"public","language":"en","uri":"https://town.example/users/alice/statuses/%s",\
        "url":"https://town.example/@alice/%s","replies_count":0,"reblogs_count":0,"favourites_count":0,"edited_at":%s,\
        "content":"<p>%s</p>","reblog":null,"application":null,"account":{"id":"14476","username":"alice","acct":"alice",\
        "display_name":"Alice","locked":false,"bot":false,"created_at":"2017-04-13T13:09:20.869Z","note":"","url":"https://town.example/@alice",\
        "followers_count":1,"following_count":0,"statuses_count":10},"media_attachments":[],"mentions":[],"tags":[],"emojis":[],"card":null,"poll":null}"""
        .formatted(id(n), 8 + n / 60, n % 60, id(n), id(n), edited ? "\"2026-11-20T10:00:00.000Z\"" : "null", text);
  }

  /** One server-sent event, its data split over several {@code data:} lines when it is long. */
  static String event(String name, String data) {
    StringBuilder sse = new StringBuilder("event: ").append(name).append('\n');
    int cut = data.indexOf(",\"", data.length() / 2); // between two fields, not inside a string
    if (cut > 0) { // a JSON document may span lines; the reader joins them with '\n'
      sse.append("data: ").append(data, 0, cut + 1).append('\n').append("data: ").append(data.substring(cut + 1)).append('\n');
    } else {
      sse.append("data: ").append(data).append('\n');
    }
    return sse.append('\n').toString();
  }

  static String update(int n, String text) {
    return event("update", status(n, text, false));
  }

  private final NavigableMap<String, String> timeline = new ConcurrentSkipListMap<>(MastodonStreamingConnector::compareIds);

  /** A status is posted (it need not be streamed: it may be posted while the client is away). */
  void post(int n, String text) {
    timeline.put(id(n), status(n, text, false));
  }

  /** {@code GET /api/v1/timelines/public?min_id=&limit=}: the statuses right after min_id, newest first. */
  String page(String minId, int limit) {
    List<String> after = timeline.tailMap(minId, false).values().stream().limit(limit).toList();
    StringBuilder json = new StringBuilder("[");
    for (int i = after.size() - 1; i >= 0; i--) {
      json.append(after.get(i)).append(i > 0 ? "," : "");
    }
    return json.append(']').toString();
  }

  static final Map<String, String> EVENT_STREAM = Map.of("Content-Type", "text/event-stream");
  static final Map<String, String> JSON = Map.of("Content-Type", "application/json; charset=utf-8");
}
