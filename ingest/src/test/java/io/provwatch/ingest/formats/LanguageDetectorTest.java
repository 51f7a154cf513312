package io.provwatch.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.RandomTexts;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LanguageDetectorTest {
  private static final LanguageDetector STANDARD = LanguageDetector.standard();

  /** Letters, numbers of every kind and plane, the scripts that break tokens, whitespace in and out of {@code \\s}, link and tag marks. */
  private static final String[] PIECES = {"a", "Z", "é", "1", "٣", "²", "Ⅻ", "\uD835\uDFD8", " ", "\t", "\n", "\u00A0", "中", "〇",
      "\uD840\uDC00", "か", "カ", "한", "ᄀ", "@", "#", ".", "/", ":", "-", "_", "www.", "WWW.x", "http://", "https://a.b", "\uD800"};

  @Test
  void theHandWrittenScannersRemoveExactlyWhatTheReferencePatternsMatch() {
    Random random = new Random(20261207);
    for (int n = 0; n < 50_000; n++) {
      String s = RandomTexts.of(random, PIECES, 16);
      assertThat(LanguageDetector.withoutDigitTokens(s)).as("digit tokens of [%s]", s)
          .isEqualTo(LanguageDetector.WITH_DIGITS.matcher(s).replaceAll(" "));
      assertThat(LanguageDetector.withoutLinksMentionsAndTags(s)).as("links and tags of [%s]", s)
          .isEqualTo(LanguageDetector.NOT_WORDS.matcher(s).replaceAll(" "));
    }
    assertThat(LanguageDetector.withoutDigitTokens("Flight LH4021 leaves at 9:45, 中文2句子")).isEqualTo("Flight   leaves at   中文 句子");
  }

  @Test
  void declaredTagsAreBcp47AndUndeterminedCodesAreNone() {
    assertThat(LanguageDetector.declared("EN")).isEqualTo("en");
    assertThat(LanguageDetector.declared("pt_br")).isEqualTo("pt-BR");
    assertThat(LanguageDetector.declared("und")).isNull();
    assertThat(LanguageDetector.declared("qst")).as("X: very short text").isNull();
    assertThat(LanguageDetector.declared("zxx")).isNull();
    assertThat(LanguageDetector.declared("not a tag!")).isNull();
    assertThat(LanguageDetector.declared(" ")).isNull();
  }

  @Test
  void theDeclaredLanguageWinsOverDetection() {
    assertThat(STANDARD.resolve("fr", "This is plainly an English sentence about the weather."))
        .as("declared: no confidence").isEqualTo(new LanguageDetector.Resolved("fr", null));
    assertThat(LanguageDetector.none().resolve(null, "This is plainly an English sentence about the weather."))
        .isEqualTo(new LanguageDetector.Resolved(null, null));
    assertThat(LanguageDetector.none().resolve("de", "Guten Morgen")).isEqualTo(new LanguageDetector.Resolved("de", null));
  }

  @ParameterizedTest
  @EnumSource(LanguageDetector.Engine.class)
  void undeclaredLanguagesAreDetectedFromTheText(LanguageDetector.Engine engine) {
    LanguageDetector detector = LanguageDetector.of(engine, List.of(ProvwatchConfig.DEFAULT_LANGUAGE_CANDIDATES.split(",")));
    LanguageDetector.Resolved english = detector.resolve(null, "Absolutely stunning. Really love this, perfect finish as well.");
    assertThat(english.language()).isEqualTo("en");
    assertThat(english.confidence()).as("detected: with the detector's margin").isBetween(LanguageDetector.MIN_CONFIDENCE, 1.0);
    assertThat(detector.resolve("und", "Spielt Guerreiro bei Bayern von Anfang an oder nicht?").language()).isEqualTo("de");
    Map<String, String> texts = Map.of(
        "Za co lubicie Harry'ego? Bo ja bardzo.", "pl",
        "電話であれ、テキストであれ、伝達能力はしっかり鍛えてほしい。", "ja",
        "La chambre était propre et le personnel très aimable.", "fr",
        "Номер был чистый, а персонал очень вежливый.", "ru",
        "Номер був чистий, а персонал дуже привітний.", "uk",
        "Η θέα από το δωμάτιο ήταν υπέροχη.", "el",
        "방이 깨끗하고 직원들이 친절했어요.", "ko",
        "房间很干净，服务员也很热情。", "zh",
        "Camera era curată și personalul foarte amabil.", "ro");
    texts.forEach((text, language) -> assertThat(language(detector, text)).as(engine + ": " + text).isEqualTo(language));
  }

  @Test
  void aScriptWithOneCandidateDecidesAlone() {
    LanguageDetector.Detected korean = STANDARD.detect("방이 깨끗하고 직원들이 친절했어요.");
    assertThat(korean).isEqualTo(new LanguageDetector.Detected("ko", 1.0));
    assertThat(STANDARD.detect("ห้องพักสะอาดมากและพนักงานเป็นมิตร").language()).as("Thai: the only Thai-script candidate").isEqualTo("th");
  }

  @Test
  void onlyCandidatesAreNamed() {
    LanguageDetector englishOrGerman = LanguageDetector.of(LanguageDetector.Engine.TRIGRAMS, List.of("en", "de"));
    assertThat(englishOrGerman.detect("방이 깨끗하고 직원들이 친절했어요.")).as("Korean is no candidate").isNull();
    assertThat(englishOrGerman.detect("Номер был чистый, а персонал очень вежливый.")).as("no Cyrillic candidate").isNull();
    assertThat(language(englishOrGerman, "Das Zimmer war sauber und das Personal sehr freundlich.")).isEqualTo("de");
    assertThat(LanguageDetector.of(LanguageDetector.Engine.TRIGRAMS, List.of()).candidates()).as("empty: all of Lingua's").isEmpty();
  }

  @Test
  void unknownLanguagesAreRefusedNamingTheKey() {
    assertThatThrownBy(() -> LanguageDetector.of(LanguageDetector.Engine.TRIGRAMS, List.of("en", "xx")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'xx'");
    ProvwatchConfig config = new ProvwatchConfig(Map.of(ProvwatchConfig.INGEST_LANGUAGE_CANDIDATES, "en,qq"));
    assertThatThrownBy(() -> LanguageDetector.fromConfig(config))
        .isInstanceOf(ConfigException.class).hasMessageContaining(ProvwatchConfig.INGEST_LANGUAGE_CANDIDATES).hasMessageContaining("'qq'");
    assertThatThrownBy(() -> new ProvwatchConfig(Map.of(ProvwatchConfig.INGEST_LANGUAGE_CANDIDATES, "en,EN")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("ISO 639-1");
    assertThat(LanguageDetector.fromConfig(new ProvwatchConfig(Map.of(ProvwatchConfig.INGEST_LANGUAGE_DETECTOR, "lingua"))).engine())
        .isEqualTo(LanguageDetector.Engine.LINGUA);
  }

  @Test
  void linksMentionsAndTagsAreNotWords() {
    assertThat(STANDARD.detect("@someone #tag https://example.org/a-very-long-english-path-name ok")).isNull();
    assertThat(language(STANDARD, "Das ist wirklich ein sehr schöner Tag heute https://example.org/the-english-words")).isEqualTo("de");
  }

  @Test
  void aDigitInUnspacedChineseDropsOnlyTheNumber() {
    assertThat(language(STANDARD, "冷氣每隔5-15分鐘就會自動關閉，飯店人員並沒有很積極地幫我們處理")).isEqualTo("zh");
    assertThat(language(STANDARD, "駅から5分で、部屋はとても清潔でした。")).isEqualTo("ja");
  }

  @Test
  void tooShortToGuess() {
    assertThat(STANDARD.detect("Nice")).isNull();
    assertThat(STANDARD.detect("👍👍👍 !!! 123")).isNull();
  }

  @Test
  void idsAndTextsTooShortToTellAreNotGuessed() {
    assertThat(STANDARD.detect("3f9a2c7b1e4d8a6f0b2c")).as("hex id (Lingua alone says Welsh)").isNull();
    assertThat(STANDARD.detect("a1b2c3d4e5f6a7b8c9d0e1f2")).as("id with digits").isNull();
    assertThat(STANDARD.detect("deadbeefcafebabe")).as("one Latin token").isNull();
    assertThat(STANDARD.detect("hahahahahahaha")).isNull();
    assertThat(STANDARD.detect("Nice pic")).as("two words, near tie (Lingua alone says Irish)").isNull();
    assertThat(STANDARD.resolve(null, "order 7f3a9c21e0b4 shipped 2026-11-20"))
        .as("what is left after the ids is too little").isEqualTo(new LanguageDetector.Resolved(null, null));
  }

  private static String language(LanguageDetector detector, String text) {
    LanguageDetector.Detected detected = detector.detect(text);
    return detected == null ? null : detected.language();
  }
}
