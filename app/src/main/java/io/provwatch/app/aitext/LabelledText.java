package io.provwatch.app.aitext;

/**
 * One text of a labelled corpus.
 *
 * @param source the corpus it comes from (tweepfake, hc3, grid, fast-detect-gpt): training balances sources
 * @param dataset the finer set reported on (e.g. hc3/medicine, fast-detect-gpt/xsum)
 * @param generator the model that wrote it, or {@link #HUMAN}
 * @param group what must not be split across train and test (author, question, source document)
 */
public record LabelledText(String text, boolean machine, String source, String dataset, String generator, String group) {
  public static final String HUMAN = "human";
}
