package io.provwatch.scoring.aitext;

/**
 * The dense stylometric features, in the order of {@link TextFeatures#dense()}. A model file names
 * them, so a model is only loaded by code that computes the same ones. Each says in plain words what
 * a value above or below that of an average training text means, for the scorer's reasons.
 */
public enum Stylometry {
  SENTENCE_LENGTH_MEAN("sentence-length-mean", "long sentences", "short sentences"),
  SENTENCE_LENGTH_CV("sentence-length-variation", "sentence lengths that vary a lot", "sentences of very even length"),
  TYPE_TOKEN_RATIO("type-token-ratio", "a varied vocabulary", "a repetitive vocabulary"),
  WORD_LENGTH_MEAN("word-length-mean", "long words", "short words"),
  LONG_WORD_RATE("long-word-rate", "many long words", "few long words"),
  FUNCTION_WORD_RATE("function-word-rate", "many function words (the, of, and ...)", "few function words (the, of, and ...)"),
  ARTICLE_RATE("article-rate", "many articles (a, an, the)", "few articles (a, an, the)"),
  FIRST_PERSON_RATE("first-person-rate", "much first-person talk (I, we)", "little first-person talk (I, we)"),
  SECOND_PERSON_RATE("second-person-rate", "often addresses the reader (you)", "rarely addresses the reader (you)"),
  CONNECTIVE_RATE("connective-rate", "many connectives (however, additionally, overall ...)", "few connectives (however, additionally, overall ...)"),
  NEGATION_RATE("negation-rate", "many negations (not, never ...)", "few negations (not, never ...)"),
  HEDGE_RATE("hedge-rate", "many hedges (may, typically, important ...)", "few hedges (may, typically, important ...)"),
  CONTRACTION_RATE("contraction-rate", "many contractions (don't, it's)", "few contractions (don't, it's)"),
  COMMA_RATE("comma-rate", "many commas", "few commas"),
  PERIOD_RATE("period-rate", "many full stops", "few full stops"),
  EXCLAMATION_RATE("exclamation-rate", "exclamation marks", "few exclamation marks"),
  QUESTION_RATE("question-rate", "question marks", "few question marks"),
  QUOTE_RATE("quote-rate", "quotation marks", "few quotation marks"),
  PARENTHESIS_RATE("parenthesis-rate", "brackets", "few brackets"),
  COLON_RATE("colon-rate", "colons and semicolons", "few colons and semicolons"),
  DASH_RATE("dash-rate", "dashes and hyphens", "few dashes and hyphens"),
  ELLIPSIS_RATE("ellipsis-rate", "ellipses (...)", "no ellipses (...)"),
  SYMBOL_RATE("symbol-rate", "emoji and symbols", "no emoji or symbols"),
  UPPERCASE_RATE("uppercase-rate", "many capital letters", "few capital letters"),
  ALL_CAPS_WORD_RATE("all-caps-word-rate", "words in all capitals", "no words in all capitals"),
  LOWERCASE_SENTENCE_START_RATE("lowercase-sentence-start-rate", "sentences that start in lower case",
      "sentences that all start with a capital letter"),
  DIGIT_RATE("digit-rate", "many digits", "few digits"),
  NON_ASCII_RATE("non-ascii-rate", "typographic characters (curly quotes, accents, emoji)", "plain ASCII characters only"),
  HASHTAG_RATE("hashtag-rate", "hashtags", "few hashtags"),
  REPEATED_BIGRAM_RATE("repeated-word-pair-rate", "repeated word pairs", "no repeated word pairs"),
  COMPRESSION_RATIO("compression-ratio", "little repetition (the text compresses poorly)", "much repetition (the text compresses well)");

  private final String id;
  private final String higher;
  private final String lower;

  Stylometry(String id, String higher, String lower) {
    this.id = id;
    this.higher = higher;
    this.lower = lower;
  }

  /** Stable name, written in model files. */
  public String id() {
    return id;
  }

  /** What the text shows when its value is above (true) or below (false) that of an average text. */
  public String describe(boolean above) {
    return above ? higher : lower;
  }
}
