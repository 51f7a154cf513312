package io.provwatch.scoring;

import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * A digest of what a post says, to tell a repeat of a post (a client's retry, a connector's replay
 * after a crash: the same content again, read at another time) from an edit of it. It covers what
 * the scorers read (author, times of publication and edit, text, links, hashtags, mentions, media,
 * references, language) and leaves out what differs between deliveries of the same post: when
 * provwatch read it and from which connector position.
 */
public final class PostContent {
  private PostContent() {}

  /** The first 8 bytes of a SHA-256 over the post's content fields. */
  public static long digest(Post post) {
    MessageDigest sha = sha256();
    field(sha, post.getId());
    field(sha, post.getAuthor().getId());
    field(sha, Long.toString(post.getCreatedAt().toEpochMilli()));
    field(sha, post.getEditedAt() == null ? "" : Long.toString(post.getEditedAt().toEpochMilli()));
    field(sha, post.getText());
    field(sha, post.getLanguage());
    list(sha, post.getUrls());
    list(sha, post.getHashtags());
    list(sha, post.getMentions());
    for (Media media : post.getMedia()) {
      field(sha, media.getUrl());
      field(sha, media.getSha256());
    }
    field(sha, post.getReplyTo());
    field(sha, post.getRepostOf());
    field(sha, post.getQuoteOf());
    return ByteBuffer.wrap(sha.digest()).getLong();
  }

  private static void list(MessageDigest sha, List<String> values) {
    field(sha, Integer.toString(values.size()));
    values.forEach(v -> field(sha, v));
  }

  /** Length-prefixed, so that no two different field sequences hash the same bytes. */
  private static void field(MessageDigest sha, String value) {
    byte[] bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    sha.update(ByteBuffer.allocate(5).putInt(bytes.length).put((byte) (value == null ? 0 : 1)).array());
    sha.update(bytes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
