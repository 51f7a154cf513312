package io.provwatch.ingest;

import io.provwatch.avro.Post;

/**
 * What one item of an input became: a post, the reason there is none ({@link Rejected}: bad input,
 * dead-lettered), or a well-formed item that is deliberately not a post ({@link Skipped}: a like, a
 * profile update, a deletion; nothing is dead-lettered).
 */
public sealed interface ParseResult {
  record Parsed(Post post) implements ParseResult {}

  record Rejected(PostRejection rejection) implements ParseResult {}

  record Skipped(PostSkip skip) implements ParseResult {}
}
