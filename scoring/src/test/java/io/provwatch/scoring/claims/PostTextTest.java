package io.provwatch.scoring.claims;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostTextTest {
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
