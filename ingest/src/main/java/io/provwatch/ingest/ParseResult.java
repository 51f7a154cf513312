package io.provwatch.ingest;

import io.provwatch.avro.Post;

/** A parsed post or the reason there is none. */
public sealed interface ParseResult {
  record Parsed(Post post) implements ParseResult {}

  record Rejected(PostRejection rejection) implements ParseResult {}
}
