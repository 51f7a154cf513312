package io.provwatch.scoring.coordination;

import static io.provwatch.scoring.Posts.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Post;
import io.provwatch.scoring.Posts;
import io.provwatch.scoring.similarity.MinHash;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedObjectsTest {
  @Test
  void aPostSharesItsLinksDigestsHashtagsAndTextBands() {
    Post p = post("x:1", "ann", "Share this now before they take the whole thread down for good", 0)
        .setUrls(List.of("https://WWW.News.example/a/?id=1#top", "https://news.example/a?id=1"))
        .setMedia(List.of(Posts.media("https://img.example/1.jpg", "ABCD"), Posts.media("https://img.example/2.jpg", null)))
        .setHashtags(List.of("vote", "fraud"))
        .build();
    List<SharedObject> objects = new SharedObjects(2).of(p);
    assertThat(objects).extracting(SharedObject::key).startsWith("url:news.example/a?id=1", "media:abcd",
        "hashtags:#vote #fraud");
    assertThat(objects).filteredOn(o -> o.kind().equals(SharedObject.TEXT)).hasSize(MinHash.BANDS)
        .allSatisfy(o -> assertThat(o.minHash()).hasSize(MinHash.SIGNATURE_ROWS));
    assertThat(objects).as("the two spellings of the link are one object").hasSize(3 + MinHash.BANDS);
  }

  @Test
  void aReshareSharesNothingWhetherARepostOrARetweetByItsText() {
    String text = "Share this now before they take the whole thread down for good";
    Post repost = post("x:4", "bob", text, 0).setRepostOf("x:1").setUrls(List.of("https://news.example/a"))
        .setHashtags(List.of("vote", "fraud")).build();
    Post retweetText = post("x:5", "cat", "RT @ann: " + text, 0).setHashtags(List.of("vote", "fraud")).build();
    Post quote = post("x:6", "dan", text, 0).setQuoteOf("x:1").build();
    SharedObjects objects = new SharedObjects(2);
    assertThat(objects.of(repost)).isEmpty();
    assertThat(objects.of(retweetText)).isEmpty();
    assertThat(objects.of(quote)).as("a quote adds its own text").extracting(SharedObject::kind).contains(SharedObject.TEXT);
  }

  @Test
  void oneHashtagIsNoSequenceByDefaultAndTheCapHolds() {
    Post one = post("x:2", "bob", "hi", 0).setHashtags(List.of("news")).build();
    assertThat(new SharedObjects(2).of(one)).isEmpty();
    assertThat(new SharedObjects(1).of(one)).extracting(SharedObject::key).contains("hashtags:#news");

    List<String> urls = java.util.stream.IntStream.range(0, 40).mapToObj(i -> "https://spam.example/" + i).toList();
    assertThat(new SharedObjects(2).of(post("x:3", "cat", "", 0).setUrls(urls).build())).hasSize(SharedObjects.MAX_PER_POST);
  }

  @Test
  void urlsAreNormalisedForGrouping() {
    assertThat(SharedObjects.normaliseUrl("HTTP://www.Example.org:80/path/")).isEqualTo("example.org/path");
    assertThat(SharedObjects.normaliseUrl("https://example.org:8443/p?q=1")).isEqualTo("example.org:8443/p?q=1");
    assertThat(SharedObjects.normaliseUrl("not a url")).isEqualTo("not a url");
  }

  @Test
  void textRepetitionsArePairsOfPostsOtherObjectsThemselves() {
    assertThat(SharedObject.repetitionKey(SharedObject.TEXT, "text:0:ab", "x:9", "x:2")).isEqualTo("text:x:2|x:9");
    assertThat(SharedObject.repetitionKey(SharedObject.TEXT, "text:3:cd", "x:2", "x:9")).isEqualTo("text:x:2|x:9");
    assertThat(SharedObject.repetitionKey(SharedObject.URL, "url:a", "x:2", "x:9")).isEqualTo("url:a");
  }
}
