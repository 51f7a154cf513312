package io.provwatch.ingest.formats;

/**
 * What ranks the candidate languages of a text that {@link LanguageDetector} has cleaned (no links,
 * mentions, tags or tokens with digits) and found long enough to tell.
 */
interface TextLanguageModel {
  /**
   * The most likely language of {@code words} as an ISO 639-1 code with its margin over the next most
   * likely one (0..1, 1.0 when nothing else was possible), or null when no candidate fits at all.
   */
  LanguageDetector.Detected best(String words);
}
