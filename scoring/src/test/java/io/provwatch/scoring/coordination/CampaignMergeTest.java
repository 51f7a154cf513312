package io.provwatch.scoring.coordination;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.avro.Campaign;
import io.provwatch.avro.SharedObject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CampaignMergeTest {
  private static Campaign campaign(String band, List<String> members, List<String> posts, long first, long last, int pairs) {
    return Campaign.newBuilder().setCampaignId("cmp-1")
        .setSharedObjects(List.of(SharedObject.newBuilder().setKind("text").setKey("text:" + band).setLabel("same words").build()))
        .setMemberAccounts(members).setPostIds(posts).setPostCount(posts.size())
        .setFirstSeen(Instant.ofEpochMilli(first)).setLastSeen(Instant.ofEpochMilli(last)).setPairCount(pairs).setTimeWindowMs(60_000).build();
  }

  @Test
  void theBandsOfOneTextMergeIntoOneCampaign() {
    Campaign merged = CampaignMerge.merge(campaign("0:a", List.of("ann", "bob", "cat"), List.of("p1", "p2", "p3"), 100, 200, 3),
        campaign("3:b", List.of("bob", "cat", "dan"), List.of("p2", "p3", "p4"), 50, 150, 3));
    assertThat(merged.getMemberAccounts()).containsExactly("ann", "bob", "cat", "dan");
    assertThat(merged.getPostIds()).containsExactly("p1", "p2", "p3", "p4");
    assertThat(merged.getPostCount()).isEqualTo(4);
    assertThat(merged.getSharedObjects()).as("one text, whichever band").hasSize(1);
    assertThat(merged.getFirstSeen().toEpochMilli()).isEqualTo(50);
    assertThat(merged.getLastSeen().toEpochMilli()).isEqualTo(200);
    assertThat(merged.getPairCount()).isEqualTo(3);
  }
}
