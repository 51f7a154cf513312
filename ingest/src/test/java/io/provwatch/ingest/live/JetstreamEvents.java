package io.provwatch.ingest.live;

import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written Jetstream events shaped like a real capture (commit events of posts, a like, an
 * edit, a delete and one malformed commit), one microsecond-spaced {@code time_us} each.
 */
final class JetstreamEvents {
  static final long T0 = 1_779_719_009_132_000L;
  static final long STEP_US = 1000;
  static final String ALICE = "did:plc:mcc5yghbk7tixqryac2yxku7";
  static final String BOB = "did:plc:q235v55g5unth4zjjdpacfdr";

  private JetstreamEvents() {}

  static long timeUs(int n) {
    return T0 + n * STEP_US;
  }

  static String post(int n, String did, String rkey, String operation, String text) {
    return """
        {"did":"%s","time_us":%d,"kind":"commit","commit":{"rev":"3mmoojpaqkn2z","operation":"%s","collection":"app.bsky.feed.post",\
        "rkey":"%s","record":{"$type":"app.bsky.feed.post","createdAt":"2026-05-25T14:23:28.757Z","langs":["en"],"text":"%s"},\
        "cid":"bafyreicl7rzkxdrm4zz2ehbx52kuk3mvfow6p3gzfys72r5grvskxoswy4"}}""".formatted(did, timeUs(n), operation, rkey, text);
  }

  static String like(int n) {
    return """
        {"did":"%s","time_us":%d,"kind":"commit","commit":{"rev":"3mmoojp7vgo2g","operation":"create","collection":"app.bsky.feed.like",\
        "rkey":"3mmoojp7etg2g","record":{"$type":"app.bsky.feed.like","createdAt":"2026-05-25T14:23:28.778Z","subject":{\
        "cid":"bafyreiaxf7tgbfydx3465sckitq6v564thxe2wwydbi7cwxbxvgssje3em","uri":"at://%s/app.bsky.feed.post/3mmoodizfwc2j"}},\
        "cid":"bafyreidqpc7si3dbimffi64lz3xsx2qt45ip7rpna2qpslcddp23itjjzm"}}""".formatted(BOB, timeUs(n), ALICE);
  }

  static String delete(int n, String did, String rkey) {
    return """
        {"did":"%s","time_us":%d,"kind":"commit","commit":{"rev":"3mmoojpbi5e2j","operation":"delete","collection":"app.bsky.feed.post","rkey":"%s"}}"""
        .formatted(did, timeUs(n), rkey);
  }

  /** A post commit whose record key has a space: rejected, but its time_us is readable. */
  static String malformed(int n, String tag) {
    return post(n, ALICE, "not a key", "create", "broken " + tag);
  }

  static String uri(String did, String rkey) {
    return "bluesky:at://" + did + "/app.bsky.feed.post/" + rkey;
  }

  /**
   * Ten events: 1 post a, 2 like, 3 post b, 4 malformed, 5 post c, 6 edit of a, 7 post e,
   * 8 delete of b, 9 post f, 10 post g. Index i holds event i + 1. Record keys end with {@code tag},
   * so that runs on a shared broker have their own post ids.
   */
  static List<String> ten(String tag) {
    List<String> events = new ArrayList<>();
    events.add(post(1, ALICE, "3mmooa" + tag, "create", "Ferry timetable changes from Monday"));
    events.add(like(2));
    events.add(post(3, BOB, "3mmoob" + tag, "create", "Harbour works start next week"));
    events.add(malformed(4, tag));
    events.add(post(5, BOB, "3mmooc" + tag, "create", "Library opens late on Thursday"));
    events.add(post(6, ALICE, "3mmooa" + tag, "update", "Ferry timetable changes from Tuesday"));
    events.add(post(7, ALICE, "3mmooe" + tag, "create", "Market moves to the square"));
    events.add(delete(8, BOB, "3mmoob" + tag));
    events.add(post(9, BOB, "3mmoof" + tag, "create", "Bridge closed for an inspection"));
    events.add(post(10, ALICE, "3mmoog" + tag, "create", "Choir concert tonight"));
    return events;
  }

  /** The posts (id, and " edited" for an edit) that {@link #ten} holds, in order. */
  static List<String> tenPostKeys(String tag) {
    return List.of(uri(ALICE, "3mmooa" + tag), uri(BOB, "3mmoob" + tag), uri(BOB, "3mmooc" + tag), uri(ALICE, "3mmooa" + tag) + " edited",
        uri(ALICE, "3mmooe" + tag), uri(BOB, "3mmoof" + tag), uri(ALICE, "3mmoog" + tag));
  }

  static long timeUsOf(String event) {
    return BlueskyJetstreamConnector.timeUs(event);
  }
}
