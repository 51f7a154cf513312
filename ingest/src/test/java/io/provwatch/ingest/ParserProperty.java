package io.provwatch.ingest;

import io.provwatch.avro.Post;
import io.provwatch.ingest.PostRejection.Code;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The property every parser's fuzz test checks on whatever it is given: the parser returned (did not
 * throw), and every result is a {@code Parsed} post Kafka can take, a {@code Rejected} with a code and a
 * message, or a {@code Skipped} with a kind and a message. A rejection of code {@code ADAPTER_FAILURE}
 * counts as a failure too: it is an unchecked exception the adapters' guard caught, i.e. a bug.
 * Violations are {@link AssertionError}s, which Jazzer reports as findings.
 */
public final class ParserProperty {
  private static final SpecificDatumWriter<Post> WRITER = new SpecificDatumWriter<>(Post.class);

  private ParserProperty() {}

  public static void check(List<ParseResult> results) {
    if (results == null) {
      throw new AssertionError("the parser returned null instead of a list of results");
    }
    for (ParseResult result : results) {
      check(result);
    }
  }

  public static void check(ParseResult result) {
    if (result instanceof ParseResult.Parsed parsed) {
      checkPost(parsed.post());
    } else if (result instanceof ParseResult.Rejected rejected) {
      PostRejection rejection = rejected.rejection();
      require(rejection != null && rejection.code() != null, "a rejection without a code");
      require(rejection.message() != null && !rejection.message().isBlank(), "rejection " + rejection.code() + " without a message");
      require(rejection.code() != Code.ADAPTER_FAILURE, "an exception escaped the adapter and was caught by its guard: " + rejection.message());
    } else if (result instanceof ParseResult.Skipped skipped) {
      require(skipped.skip() != null && skipped.skip().kind() != null, "a skip without a kind");
      require(skipped.skip().message() != null && !skipped.skip().message().isBlank(), "skip " + skipped.skip().kind() + " without a message");
    } else {
      throw new AssertionError("not a result: " + result);
    }
  }

  /** A post with the fields every consumer relies on, that serialises as the posts topic writes it. */
  private static void checkPost(Post post) {
    require(post != null, "Parsed without a post");
    require(post.getId() != null && post.getPlatform() != null && post.getId().startsWith(post.getPlatform() + ":")
        && post.getId().length() > post.getPlatform().length() + 1, "post id '" + post.getId() + "' is not '<platform>:<native id>'");
    require(post.getAuthor() != null && post.getAuthor().getId() != null && !post.getAuthor().getId().isBlank(), "post " + post.getId() + " without an author id");
    require(post.getCreatedAt() != null, "post " + post.getId() + " without a creation time");
    require(post.getSource() != null && post.getSource().getPosition() != null, "post " + post.getId() + " without a source position");
    require(post.getText() != null, "post " + post.getId() + " without text");
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
      WRITER.write(post, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      throw new AssertionError("post " + post.getId() + " cannot be written as Avro: " + e, e);
    }
  }

  private static void require(boolean condition, String violation) {
    if (!condition) {
      throw new AssertionError(violation);
    }
  }
}
