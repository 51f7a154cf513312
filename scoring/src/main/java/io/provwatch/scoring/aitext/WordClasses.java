package io.provwatch.scoring.aitext;

import io.provwatch.scoring.similarity.StableHash;
import java.util.List;

/**
 * Small closed word lists, looked up by a word's 64-bit hash so that the feature pass never builds a
 * String per word: English function words in groups (the stylometric rates), and frequent function
 * words of other languages written in Latin script (to say that a text is not English).
 */
final class WordClasses {
  static final int FUNCTION = 1;
  static final int ARTICLE = 1 << 1;
  static final int FIRST_PERSON = 1 << 2;
  static final int SECOND_PERSON = 1 << 3;
  static final int CONNECTIVE = 1 << 4;
  static final int NEGATION = 1 << 5;
  static final int HEDGE = 1 << 6;
  /** Bits from here on: one per other language, in the order of {@link #OTHER_LANGUAGES}. */
  static final int FIRST_LANGUAGE_BIT = 8;

  /** Other languages in Latin script that the language check can name; English is the one supported. */
  static final List<String> OTHER_LANGUAGES = List.of("German", "French", "Spanish", "Italian", "Portuguese", "Dutch");

  private static final String ARTICLES = "a an the";
  private static final String FIRST_PERSON_WORDS = "i me my mine myself we us our ours ourselves i'm i've i'd i'll we're we've we'd we'll";
  private static final String SECOND_PERSON_WORDS = "you your yours yourself yourselves you're you've you'd you'll u ur";
  // discourse markers that instruction-tuned models overuse
  private static final String CONNECTIVES = "however additionally moreover furthermore overall therefore thus ultimately consequently"
      + " hence indeed notably importantly although whereas while also";
  private static final String NEGATIONS = "not no never nor none nothing nobody don't doesn't didn't can't cannot won't isn't"
      + " aren't wasn't weren't shouldn't wouldn't couldn't haven't hasn't";
  private static final String HEDGES = "may might can could generally typically usually often various several important"
      + " possible potentially likely significant";
  private static final String OTHER_FUNCTION_WORDS = "and or but if of in on at to for with by from as is are was were be been"
      + " being have has had do does did will would should must shall this that these those it its it's he him his she"
      + " her they them their there here what which who whom whose when where why how all any some such than then so"
      + " very just about into over after before between through during up down out off only own same too each few more"
      + " most other both because until against under again further once also";

  private static final String[] LANGUAGE_WORDS = {
      "der die das und ist nicht ich sie es ein eine zu den dem mit auf für sich von auch wir wie aber noch nach bei oder"
          + " wenn sind war hat ich ihr euch kein keine sehr schon",
      "le la les et est une des du que qui dans pour pas sur je vous nous il elle ce cette avec sont mais ou au aux très"
          + " été être fait tout",
      "el la los las y es una del que en por con para se lo su como pero más muy está son yo tiene también esta este",
      "il lo la gli le e è di che un una per non con sono del della questo ma come anche più molto io noi questa",
      "o os as e é um uma de do da dos das que não em no na para com por se mais muito como mas são você eu isso",
      "de het een en van niet dat die ik je zijn op met voor maar ook er als aan wat naar nog bij dit wel geen"};

  private static final int SLOTS = 2048; // power of two, well above the number of words
  private static final long[] KEYS = new long[SLOTS];
  private static final int[] FLAGS = new int[SLOTS];

  static {
    add(OTHER_FUNCTION_WORDS, FUNCTION);
    add(ARTICLES, FUNCTION | ARTICLE);
    add(FIRST_PERSON_WORDS, FUNCTION | FIRST_PERSON);
    add(SECOND_PERSON_WORDS, FUNCTION | SECOND_PERSON);
    add(CONNECTIVES, FUNCTION | CONNECTIVE);
    add(NEGATIONS, FUNCTION | NEGATION);
    add(HEDGES, HEDGE);
    for (int i = 0; i < LANGUAGE_WORDS.length; i++) {
      int bit = 1 << (FIRST_LANGUAGE_BIT + i);
      for (String word : LANGUAGE_WORDS[i].split(" ")) {
        // words that are also English function words say nothing about the language
        if ((flags(hash(word)) & FUNCTION) == 0) {
          put(hash(word), bit);
        }
      }
    }
  }

  private WordClasses() {}

  private static void add(String words, int flags) {
    for (String word : words.split(" ")) {
      put(hash(word), flags);
    }
  }

  private static void put(long key, int flags) {
    int slot = slot(key);
    while (KEYS[slot] != 0 && KEYS[slot] != key) {
      slot = (slot + 1) & (SLOTS - 1);
    }
    KEYS[slot] = key;
    FLAGS[slot] |= flags;
  }

  /** The classes of the word with this {@link #hash}, 0 for none. */
  static int flags(long wordHash) {
    int slot = slot(wordHash);
    while (KEYS[slot] != 0) {
      if (KEYS[slot] == wordHash) {
        return FLAGS[slot];
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    return 0;
  }

  private static int slot(long key) {
    return (int) (StableHash.mix64(key) & (SLOTS - 1));
  }

  /** The hash {@link TextFeatures} computes for a word of already normalised (lower-case) characters. */
  static long hash(String word) {
    long h = StableHash.WORD_SEED;
    for (int i = 0; i < word.length(); i++) {
      h = StableHash.addChar(h, word.charAt(i));
    }
    return h;
  }
}
