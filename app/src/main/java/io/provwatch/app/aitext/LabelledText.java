package io.provwatch.app.aitext;

/**
 * One text of a labelled corpus.
 *
 * @param source the corpus it comes from (tweepfake, hc3, grid, fast-detect-gpt, detectrl, outfox, mixset,
 *     authormimic, hotel-reviews): training balances sources, and leave-one-dataset-out leaves one out
 * @param dataset the finer set reported on (e.g. hc3/medicine, detectrl/arxiv)
 * @param generator the model that wrote it, or {@link #HUMAN}
 * @param group what must not be split across train and test (author, question, source document)
 * @param mixed human and machine writing combined (an LLM polish of a human text, a person's edit of a
 *     machine text): kept out of training and calibration, and reported on its own
 * @param op how the text was made, as the source names it (original, paraphrase_polish_human, rewrite ...)
 * @param language BCP-47 code of the text's language ({@code en} for the English-only sets)
 */
public record LabelledText(String text, boolean machine, String source, String dataset, String generator, String group,
    boolean mixed, String op, String language) {
  public static final String HUMAN = "human";
  public static final String ENGLISH = "en";

  /** A text of a set that has one language (English) and no mixed writing. */
  public LabelledText(String text, boolean machine, String source, String dataset, String generator, String group) {
    this(text, machine, source, dataset, generator, group, false, machine ? "generated" : "original", ENGLISH);
  }

  public boolean english() {
    return ENGLISH.equals(language);
  }
}
