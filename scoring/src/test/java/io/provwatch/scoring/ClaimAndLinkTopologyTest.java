package io.provwatch.scoring;

import static io.provwatch.scoring.Posts.post;
import static io.provwatch.scoring.claims.Claims.claim;
import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Assessment;
import io.provwatch.avro.ClaimVerdict;
import io.provwatch.avro.DomainCredibility;
import io.provwatch.avro.DomainRating;
import io.provwatch.avro.FactCheck;
import io.provwatch.avro.Post;
import io.provwatch.avro.Signal;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.testing.TopologyTests;
import io.provwatch.platform.topics.Topics;
import io.provwatch.scoring.claims.Claims;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The claim-lookup and link-lookup steps of the production topology, fed from factchecks and domains, on TopologyTestDriver. */
class ClaimAndLinkTopologyTest {
  @TempDir Path dir;
  private ProvwatchConfig config;
  private TopologyTestDriver driver;
  private TestInputTopic<String, Post> posts;
  private TestInputTopic<String, FactCheck> factchecks;
  private TestInputTopic<String, DomainRating> domains;
  private TestOutputTopic<String, Assessment> assessments;
  private int minute;

  @BeforeEach
  void start() {
    config = TopologyTests.config(dir, Map.of(ProvwatchConfig.PROCESSING_GUARANTEE, "at_least_once"));
    driver = TopologyTests.driver(ScoringTopologyBuilder.fromConfig(config).build(), config, ScoringService.STAGE, Topics.ASSESSMENTS_DLQ);
    posts = TopologyTests.input(driver, Topics.POSTS, config);
    factchecks = TopologyTests.input(driver, Topics.FACTCHECKS, config);
    domains = TopologyTests.input(driver, Topics.DOMAINS, config);
    assessments = TopologyTests.output(driver, Topics.ASSESSMENTS, config);
  }

  @AfterEach
  void stop() {
    driver.close();
    TopologyTests.release(config);
  }

  private Assessment assess(String text, String... urls) {
    Post post = post("x:" + minute, "author" + minute, text, minute).setUrls(List.of(urls)).build();
    minute++;
    posts.pipeInput(post.getId(), post, post.getObservedAt());
    return assessments.readValue();
  }

  private static Signal signal(Assessment a, String name) {
    return a.getSignals().stream().filter(s -> s.getName().equals(name)).findFirst().orElseThrow();
  }

  private void addClaim(FactCheck claim) {
    factchecks.pipeInput(claim.getId(), claim, Posts.T0.toEpochMilli());
  }

  @Test
  void aPostParaphrasingAFalseClaimCarriesAReasonCitingItAndTheRiskRises() {
    addClaim(claim("t:1", Claims.VACCINE_CHIPS, ClaimVerdict.FALSE, "Pants on Fire"));
    addClaim(claim("t:2", Claims.BRIDGE_COST, ClaimVerdict.TRUE, "True"));

    Assessment flagged = assess("Wake up: covid vaccines contain microchips that let governments track everyone who gets the shot #truth");
    Signal match = signal(flagged, "claim-match");
    assertThat(match.getScore()).isGreaterThanOrEqualTo(0.5);
    assertThat(match.getReasons()).first().asString().contains(Claims.VACCINE_CHIPS, "Pants on Fire", "https://factcheck.example/t-1");
    assertThat(match.getEvidence()).containsEntry("claimId", "t:1");
    assertThat(flagged.getRisk()).isEqualTo(RiskCombiner.defaults().combine(flagged.getSignals())).isGreaterThanOrEqualTo(0.4);

    Signal trueClaim = signal(assess("Turns out the new harbour bridge cost three times what the city council first promised."), "claim-match");
    assertThat(trueClaim.getScore()).as("a true claim does not raise the risk").isZero();
    assertThat(trueClaim.getReasons()).singleElement().asString().contains("(TRUE)");

    assertThat(signal(assess("Lovely walk along the harbour this morning with the dog"), "claim-match").getReasons()).isEmpty();
  }

  @Test
  void theIndexFollowsTheTopicALaterClaimMatchesAndATombstoneRemovesIt() {
    String post = "Adding fluoride to the tap water lowers the IQ of children, every town that does it!";
    assertThat(signal(assess(post), "claim-match").getScore()).as("not in the bank yet").isZero();

    addClaim(claim("t:9", Claims.WATER_FLUORIDE, ClaimVerdict.MOSTLY_FALSE, "Mostly False"));
    Signal later = signal(assess(post), "claim-match");
    assertThat(later.getScore()).isGreaterThan(0.3);
    assertThat(later.getEvidence()).containsEntry("claimId", "t:9").containsEntry("verdict", "MOSTLY_FALSE");

    factchecks.pipeInput("t:9", null, Posts.T0.toEpochMilli());
    assertThat(signal(assess(post), "claim-match").getReasons()).as("removed by its tombstone").isEmpty();
  }

  @Test
  void linksAreJudgedByTheirRegistrableDomainAndTheDomainsList() {
    domains.pipeInput("junknews.example", DomainRating.newBuilder().setDomain("junknews.example").setRating(DomainCredibility.LOW)
        .setSource("Example list").build(), Posts.T0.toEpochMilli());
    Assessment a = assess("read this before they delete it", "https://www.junknews.example/story/1", "https://bit.ly/abc");
    Signal links = signal(a, "link-credibility");
    assertThat(links.getScore()).isEqualTo(1.0);
    assertThat(links.getReasons()).containsExactly("links to junknews.example, rated LOW by Example list",
        "links through the shortener bit.ly (https://bit.ly/abc), which hides where the link leads");
    assertThat(a.getRisk()).isEqualTo(0.5);

    domains.pipeInput("junknews.example", null, Posts.T0.toEpochMilli());
    assertThat(signal(assess("read this before they delete it", "https://junknews.example/2"), "link-credibility").getScore()).isZero();
  }
}
