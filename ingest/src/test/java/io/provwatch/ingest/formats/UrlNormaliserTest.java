package io.provwatch.ingest.formats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlNormaliserTest {
  @Test
  void trackingParametersGoOthersStayInOrderAndAsEncoded() {
    assertThat(UrlNormaliser.normalise("https://News.Example:443/a/B?utm_source=x&id=7&FBCLID=abc&q=a%20b&gclid=1#top"))
        .isEqualTo("https://news.example/a/B?id=7&q=a%20b#top");
    assertThat(UrlNormaliser.normalise("http://example.org:80/?utm_campaign=z")).isEqualTo("http://example.org/");
    assertThat(UrlNormaliser.normalise("https://example.org/x?si=keep")).as("'si' is tracking only on YouTube and Spotify").isEqualTo("https://example.org/x?si=keep");
  }

  @Test
  void hostSpecificShareParameters() {
    assertThat(UrlNormaliser.normalise("https://youtu.be/X_TLztvV4ns?si=uGz-23iyZs0yoe5r")).isEqualTo("https://youtu.be/X_TLztvV4ns");
    assertThat(UrlNormaliser.normalise("https://www.youtube.com/watch?si=uGz&v=X_TLztvV4ns&feature=youtu.be")).isEqualTo("https://www.youtube.com/watch?v=X_TLztvV4ns");
    assertThat(UrlNormaliser.normalise("https://x.com/a/status/1?s=20&t=abc")).isEqualTo("https://x.com/a/status/1");
    assertThat(UrlNormaliser.normalise("https://www.instagram.com/p/B-7ItQwBJ93/?igshid=187dqx4b5lu2y")).isEqualTo("https://www.instagram.com/p/B-7ItQwBJ93/");
  }

  @Test
  void bareWwwLinksGetHttpOtherSchemesAreLeftAlone() {
    assertThat(UrlNormaliser.normalise("www.cmu.edu")).isEqualTo("http://www.cmu.edu");
    assertThat(UrlNormaliser.normalise("at://did:plc:abc/app.bsky.feed.post/1")).isEqualTo("at://did:plc:abc/app.bsky.feed.post/1");
    assertThat(UrlNormaliser.normalise("mailto:a@b.c?subject=utm_x")).isEqualTo("mailto:a@b.c?subject=utm_x");
  }

  @Test
  void linksAreFoundInPlainTextWithoutTheSentencesPunctuation() {
    assertThat(UrlNormaliser.extract("see https://a.example/x. And (www.b.example/y) or [c](https://c.example/wiki/A_(b)), ok"))
        .containsExactly("https://a.example/x", "www.b.example/y", "https://c.example/wiki/A_(b)");
    assertThat(UrlNormaliser.extract(null)).isEmpty();
    assertThat(UrlNormaliser.extract("WWW.Upper.example and HTTPS://LOUD.example/a")).containsExactly("WWW.Upper.example", "HTTPS://LOUD.example/a");
    assertThat(UrlNormaliser.extract("www.start.example")).containsExactly("www.start.example");
    assertThat(UrlNormaliser.extract("no link. at all, not even a.b or ww.x")).isEmpty();
  }
}
