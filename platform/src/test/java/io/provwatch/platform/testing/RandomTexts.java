package io.provwatch.platform.testing;

import java.util.Random;

/**
 * Random texts made of given pieces, for tests that hold a hand-written text pass to the patterns it
 * replaced: the pieces name the characters and marks that matter, the random order finds the edges.
 */
public final class RandomTexts {
  private RandomTexts() {}

  /** Up to {@code maxPieces - 1} pieces drawn from {@code pieces}, joined; possibly empty. */
  public static String of(Random random, String[] pieces, int maxPieces) {
    StringBuilder text = new StringBuilder();
    for (int i = random.nextInt(maxPieces); i > 0; i--) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }
}
