package io.provwatch.scoring.claims;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.platform.testing.RandomTexts;
import java.text.Normalizer;
import java.util.Random;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class PostTextTest {
  /** The normalisation with every pattern run on every text, before the prefilters. */
  private static String reference(String text) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFKC);
    s = s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    s = PostText.SIGNATURE.matcher(s).replaceFirst("");
    s = PostText.LINK.matcher(s).replaceAll(" ");
    Matcher tags = PostText.TAG.matcher(s);
    StringBuilder out = new StringBuilder();
    while (tags.find()) {
      tags.appendReplacement(out, Matcher.quoteReplacement(" " + PostText.CASE_CHANGE.matcher(tags.group(1)).replaceAll(" ") + " "));
    }
    tags.appendTail(out);
    return PostText.SPACE.matcher(PostText.EMOJI.matcher(out).replaceAll(" ")).replaceAll(" ").strip();
  }

  private static final String[] PIECES = {"Stop", "posing", "a", "É", "1", "2016", " ", "\t", "\n", "#", "@", "_", ".", "—", "–", "\uFE58",
      "(", ")", ",", "HTTPS://", "http://", "WwW.", "PIC.twitter.com/", "pic.twitter.com", "&amp;", "&lt;", "🇨🇦", "👍🏽", "\uD800",
      " — Morgan Eastwood (@MorganEastwood) November 9, 2016", "CamelCase", "ı"};

  @Test
  void thePrefiltersChangeNothing() {
    Random random = new Random(11);
    for (int n = 0; n < 30_000; n++) {
      String s = RandomTexts.of(random, PIECES, 14);
      assertThat(PostText.normalise(s)).as("[%s]", s).isEqualTo(reference(s));
    }
  }
  @Test
  void linksGoHashtagsAndHandlesBecomeWordsEmojiGo() {
    assertThat(PostText.normalise("DEFUND. CBC. \"CBC deletes Trump from Home Alone 2\" #DefundTheCBChttps://t.co/CsHG8R9cHp 🇨🇦🔥"))
        .isEqualTo("DEFUND. CBC. \"CBC deletes Trump from Home Alone 2\" Defund The CBC");
    assertThat(PostText.normalise("@realDonaldTrump says #COVID19 is over pic.twitter.com/abc www.example.com/x &amp; more 👍🏽"))
        .isEqualTo("real Donald Trump says COVID 19 is over & more");
    assertThat(PostText.normalise("#australian_fires #AustralianFires e-mail@example.org")).isEqualTo("australian fires Australian Fires e-mail@example.org");
  }

  @Test
  void anEmbeddedTweetsSignatureIsCutOffAndNamesItsAuthor() {
    String tweet = "STOP POSING AS MY DAD pic.twitter.com/x — Morgan Eastwood (@MorganEastwood) November 9, 2016";
    assertThat(PostText.normalise(tweet)).isEqualTo("STOP POSING AS MY DAD");
    assertThat(PostText.signatureAuthor(tweet)).isEqualTo("Morgan Eastwood @MorganEastwood");
    assertThat(PostText.signatureAuthor("no signature here — just a dash")).isNull();
    assertThat(PostText.normalise(null)).isEmpty();
  }
}
