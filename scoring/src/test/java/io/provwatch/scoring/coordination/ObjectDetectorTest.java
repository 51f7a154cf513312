package io.provwatch.scoring.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.CoSharer;
import io.provwatch.avro.CoordinationObjectState;
import org.junit.jupiter.api.Test;

class ObjectDetectorTest {
  private static final long MINUTE = 60_000;
  private static final SharedObject LINK = new SharedObject(SharedObject.URL, "url:a", "a.example/x", null);
  private static final SharedObject AUTHOR = new SharedObject(SharedObject.AUTHOR, "author:x:ann", "ann", null);
  private final ObjectDetector detector = new ObjectDetector(CoordinationOracleTest.settings(2 * MINUTE, 1, 10 * MINUTE));

  @Test
  void partnersAreOtherAccountsWithinTheWindowEitherSide() {
    CoordinationObjectState state = detector.share(null, LINK, "ann", "p1", 10 * MINUTE).state();
    state = detector.share(state, LINK, "bob", "p2", 13 * MINUTE).state(); // 3 min after ann
    state = detector.share(state, LINK, "ann", "p3", 14 * MINUTE).state(); // ann again
    ObjectDetector.Outcome cat = detector.share(state, LINK, "cat", "p4", 12 * MINUTE); // out of order, within grace
    assertThat(cat.partners()).extracting(CoSharer::getAccountId).containsExactly("ann", "bob");
    assertThat(cat.fact().getCoSharers()).extracting(CoSharer::getPostId).containsExactly("p1", "p2", "p3");
    assertThat(cat.fact().getTooLate()).isFalse();
    assertThat(cat.state().getShares()).extracting(s -> s.getPostId()).containsExactly("p1", "p4", "p2", "p3");
    assertThat(cat.campaign()).as("ann, bob, cat: the campaign size").isNotNull();
    assertThat(cat.campaign().getMemberAccounts()).containsExactlyInAnyOrder("ann", "bob", "cat");
    // named after its first co-share (ann's second, with bob), reaching back to ann's first once cat links them
    assertThat(cat.campaign().getCampaignId()).isEqualTo(ObjectDetector.campaignId("url:a", 13 * MINUTE)).startsWith("cmp-").hasSize(20);
    assertThat(cat.campaign().getFirstSeen().toEpochMilli()).isEqualTo(10 * MINUTE);
    assertThat(cat.fact().getCampaignId()).isEqualTo(cat.campaign().getCampaignId());
  }

  @Test
  void aShareOlderThanTheGracePeriodIsTooLateAndLeavesTheStateAlone() {
    CoordinationObjectState state = detector.share(null, LINK, "ann", "p1", 60 * MINUTE).state();
    ObjectDetector.Outcome late = detector.share(state, LINK, "bob", "p2", 49 * MINUTE);
    assertThat(late.fact().getTooLate()).isTrue();
    assertThat(late.fact().getLateByMs()).isEqualTo(11 * MINUTE);
    assertThat(late.partners()).isEmpty();
    assertThat(late.state().getShares()).hasSize(1);
  }

  @Test
  void theSamePostTwiceIsCountedOnce() {
    CoordinationObjectState state = detector.share(null, LINK, "ann", "p1", 0).state();
    state = detector.share(state, LINK, "bob", "p2", MINUTE).state();
    ObjectDetector.Outcome again = detector.share(state, LINK, "bob", "p2", MINUTE);
    assertThat(again.partners()).extracting(CoSharer::getAccountId).containsExactly("ann");
    assertThat(again.state().getShares()).hasSize(2);
    assertThat(again.state().getTotalShares()).isEqualTo(2);
  }

  @Test
  void sharesAreForgottenAfterWindowPlusGraceAndAShareLaterThanAWindowStartsANewCampaign() {
    CoordinationObjectState state = null;
    for (String account : new String[] {"ann", "bob", "cat"}) {
      state = detector.share(state, LINK, account, account + "1", 0).state();
    }
    String first = state.getCampaign().getCampaignId();
    state = detector.share(state, LINK, "dan", "d1", 30 * MINUTE).state();
    assertThat(state.getShares()).extracting(s -> s.getAccountId()).containsExactly("dan");
    state = detector.share(state, LINK, "eve", "e1", 31 * MINUTE).state();
    assertThat(state.getCampaign().getCampaignId()).isNotEqualTo(first).isEqualTo(ObjectDetector.campaignId("url:a", 30 * MINUTE));
    assertThat(state.getCampaign().getMemberAccounts()).containsExactly("dan", "eve");
  }

  @Test
  void theAuthorObjectCountsPostsInTheBurstWindowAgainstTheAuthorsBaseline() {
    CoordinationObjectState state = null;
    for (int i = 0; i < 6; i++) { // one post every 50 min: 6 posts in the 29 whole windows before the last one's
      state = detector.share(state, AUTHOR, "ann", "old" + i, i * 50L * MINUTE).state();
    }
    ObjectDetector.Outcome now = null;
    for (int i = 0; i < 4; i++) {
      now = detector.share(now == null ? state : now.state(), AUTHOR, "ann", "new" + i, 300 * MINUTE + i * MINUTE);
    }
    assertThat(now.partners()).as("an author has no partners").isEmpty();
    assertThat(now.campaign()).isNull();
    assertThat(now.fact().getSharesInWindow()).isEqualTo(4);
    assertThat(now.fact().getBaselinePerWindow()).isEqualTo(6.0 / 29, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(now.fact().getHistoryMs()).isEqualTo(303 * MINUTE);
  }
}
