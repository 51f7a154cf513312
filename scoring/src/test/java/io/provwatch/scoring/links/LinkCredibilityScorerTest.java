package io.provwatch.scoring.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Author;
import io.provwatch.avro.DomainCredibility;
import io.provwatch.avro.DomainRating;
import io.provwatch.avro.LinkDomain;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.SignalResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkCredibilityScorerTest {
  private static final Map<String, DomainRating> LIST = Map.of(
      "junknews.example", rating("junknews.example", DomainCredibility.LOW, "a stale copy of the flub list"),
      "daily.example", rating("daily.example", DomainCredibility.MIXED, "Example Ratings"),
      "paper.example", rating("paper.example", DomainCredibility.HIGH, "Example Ratings"));

  private static DomainRating rating(String domain, DomainCredibility credibility, String source) {
    return DomainRating.newBuilder().setDomain(domain).setRating(credibility).setSource(source).build();
  }

  private static SignalResult score(String... urls) {
    List<LinkDomain> links = LinkLookup.links(List.of(urls), LIST::get);
    Post post = Post.newBuilder().setId("x:1").setPlatform("x").setAuthor(Author.newBuilder().setId("a").build())
        .setCreatedAt(Instant.EPOCH).setObservedAt(Instant.EPOCH).setText("text").setUrls(List.of(urls))
        .setSource(SourcePosition.newBuilder().setConnector("test").setPosition("1").build()).build();
    return new LinkCredibilityScorer().score(new PostContext(post, Optional.empty(), Optional.empty(), Map.of(), List.of(), links));
  }

  @Test
  void theWorstRatedLinkSetsTheScoreAndEveryRatedLinkIsNamedWithItsSource() {
    SignalResult result = score("https://www.daily.example/a", "https://cdn.junknews.example/b", "https://paper.example/c");
    assertThat(result.score()).isEqualTo(1.0);
    assertThat(result.reasons()).containsExactly(
        "links to daily.example, rated MIXED by Example Ratings",
        "links to junknews.example, rated LOW by a stale copy of the flub list",
        "links to paper.example, rated HIGH by Example Ratings");
    assertThat(result.evidence()).containsEntry("domain.junknews.example", "LOW by a stale copy of the flub list");
  }

  @Test
  void aShortenerIsRecordedAsSuchWithASmallScore() {
    SignalResult result = score("https://bit.ly/3abc", "https://paper.example/c");
    assertThat(result.score()).isEqualTo(LinkCredibilityScorer.SHORTENER_SCORE);
    assertThat(result.reasons()).contains("links through the shortener bit.ly (https://bit.ly/3abc), which hides where the link leads");
    assertThat(result.evidence()).containsEntry("shorteners", "bit.ly");
  }

  @Test
  void unlistedLinksGiveNoSignalAndEachDomainCountsOnce() {
    assertThat(score("https://unknown.example/x", "mailto:a@b.example")).isEqualTo(SignalResult.none());
    assertThat(LinkLookup.links(List.of("https://a.daily.example/1", "https://b.daily.example/2", "https://t.co/z"), LIST::get))
        .extracting(LinkDomain::getDomain, LinkDomain::getShortener)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("daily.example", false), org.assertj.core.groups.Tuple.tuple("t.co", true));
  }
}
