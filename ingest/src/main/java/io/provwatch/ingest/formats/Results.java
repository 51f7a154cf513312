package io.provwatch.ingest.formats;

import io.provwatch.ingest.ParseResult;
import io.provwatch.ingest.PostRejection;
import io.provwatch.ingest.PostRejection.Code;
import io.provwatch.ingest.PostSkip;
import java.util.List;
import java.util.function.Supplier;

/** Building and guarding the results of adapters. */
final class Results {
  private Results() {}

  /**
   * Runs a whole-payload parse so that nothing escapes: a rejection it signals becomes the payload's
   * one result, and an unexpected failure (a bug) becomes {@link Code#ADAPTER_FAILURE} naming it.
   */
  static List<ParseResult> guarded(String format, Supplier<List<ParseResult>> parse) {
    try {
      return parse.get();
    } catch (InvalidInput e) {
      return List.of(new ParseResult.Rejected(e.rejection));
    } catch (RuntimeException | StackOverflowError e) {
      return List.of(failure(format, e));
    }
  }

  /** One item's result: its rejection stays its own, so that the payload's other items go on. */
  static ParseResult item(String format, Supplier<ParseResult> parse) {
    try {
      return parse.get();
    } catch (InvalidInput e) {
      return new ParseResult.Rejected(e.rejection);
    } catch (RuntimeException | StackOverflowError e) {
      return failure(format, e);
    }
  }

  static ParseResult notAPost(String message) {
    return new ParseResult.Skipped(PostSkip.of(PostSkip.Kind.NOT_A_POST, message));
  }

  static ParseResult deleted(String message, String postId) {
    return new ParseResult.Skipped(new PostSkip(PostSkip.Kind.DELETED, message, postId));
  }

  static ParseResult unavailable(String message, String postId) {
    return new ParseResult.Skipped(new PostSkip(PostSkip.Kind.UNAVAILABLE, message, postId));
  }

  static ParseResult rejected(Code code, String message) {
    return new ParseResult.Rejected(PostRejection.of(code, message));
  }

  private static ParseResult failure(String format, Throwable e) {
    return rejected(Code.ADAPTER_FAILURE, format + " adapter failed: " + InvalidInput.abbreviate(String.valueOf(e)));
  }
}
