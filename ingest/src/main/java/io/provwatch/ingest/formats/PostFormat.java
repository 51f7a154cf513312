package io.provwatch.ingest.formats;

import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Turns one payload of a platform's format into posts. One payload may hold many posts (an X
 * search page, a feed), one, or none (a Jetstream like is {@link ParseResult.Skipped}).
 *
 * <p>Contract for every implementation:
 * <ul>
 *   <li>Never throws: malformed input becomes {@link ParseResult.Rejected} with a stable
 *       {@link PostRejection.Code} and a message naming the field and value; an item that is well
 *       formed but no post (like, follow, profile, deletion) becomes {@link ParseResult.Skipped}.
 *       A deletion is a skip of kind {@code DELETED} carrying the deleted post's id, not a
 *       rejection: nothing is wrong with it, and a connector may turn it into a tombstone.</li>
 *   <li>One result per item, in input order; a bad item does not spoil its neighbours. A payload
 *       that cannot be read at all gives one rejection.</li>
 *   <li>Each post's {@code source.position} is the payload's position, followed, when the payload
 *       holds items, by {@code #} and the item's place in it (e.g. {@code page-3.json#data[7]},
 *       {@code feed.xml#entry[2]}), or by the platform's own cursor where it has one
 *       ({@code #time_us=1725911162329308} for Jetstream, which a connector resumes from).</li>
 * </ul>
 */
public interface PostFormat {
  /** How a connector must cut an input into payloads for {@link #parse}. */
  enum Framing {
    /** One JSON document per line (NDJSON): give each non-blank line as a payload. */
    JSON_LINES,
    /** The whole input (file, HTTP body, stream event) is one payload. */
    DOCUMENT
  }

  /** Short name for commands and configuration, e.g. {@code mastodon}, {@code bluesky-jetstream}. */
  String name();

  Framing framing();

  /** The results for one payload; never throws. */
  List<ParseResult> parse(byte[] payload, SourcePosition position);

  default List<ParseResult> parse(String payload, SourcePosition position) {
    return parse(payload.getBytes(StandardCharsets.UTF_8), position);
  }

  /** The position of one item of a payload. */
  static SourcePosition itemPosition(SourcePosition payload, String item) {
    return SourcePosition.newBuilder().setConnector(payload.getConnector()).setPosition(payload.getPosition() + "#" + item).build();
  }
}
