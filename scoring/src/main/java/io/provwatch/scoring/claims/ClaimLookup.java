package io.provwatch.scoring.claims;

import io.provwatch.avro.Post;
import io.provwatch.avro.PostInContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The claim-lookup step: attaches the bank's claims that the post repeats by the {@link ClaimMatcher}'s
 * decision ({@link ClaimMatchModel#decides}: re-ranker probability and claim coverage), most probable first.
 */
public final class ClaimLookup implements Processor<String, PostInContext, String, PostInContext> {
  /** At most this many matches travel with a post; the scorer needs the best false-ish one, people a few more. */
  public static final int MAX_MATCHES = 3;

  private final ClaimMatcher matcher;
  private ProcessorContext<String, PostInContext> context;

  /** @param matcher the matcher, whose model carries the decision (as calibrated unless configured otherwise) */
  public ClaimLookup(ClaimMatcher matcher) {
    this.matcher = matcher;
  }

  @Override
  public void init(ProcessorContext<String, PostInContext> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, PostInContext> record) {
    PostInContext in = record.value();
    Post post = in.getPost();
    in.setClaimMatches(matcher.match(post.getText(), author(post), MAX_MATCHES));
    context.forward(record.withValue(in));
  }

  /** The author as the matcher reads it: display name and handle, or null when neither is known. */
  public static String author(Post post) {
    if (post.getAuthor() == null) {
      return null;
    }
    String name = post.getAuthor().getDisplayName();
    String handle = post.getAuthor().getHandle();
    if (handle != null) {
      String local = handle.startsWith("@") ? handle.substring(1) : handle;
      int server = local.indexOf('@');
      handle = "@" + (server >= 0 ? local.substring(0, server) : local); // alice@mastodon.social reads as @alice
    }
    String joined = ((name == null ? "" : name) + " " + (handle == null ? "" : handle)).strip();
    return joined.isEmpty() ? null : joined;
  }
}
