package io.provwatch.scoring.coordination;

import io.provwatch.avro.Campaign;
import io.provwatch.avro.SharedObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Two states of one campaign as one: members, posts and objects united, the widest time span, the larger counts. */
final class CampaignMerge {
  private CampaignMerge() {}

  static Campaign merge(Campaign known, Campaign update) {
    LinkedHashSet<String> members = new LinkedHashSet<>(known.getMemberAccounts());
    for (String account : update.getMemberAccounts()) {
      if (members.size() < ObjectDetector.MAX_CAMPAIGN_MEMBERS) {
        members.add(account);
      }
    }
    LinkedHashSet<String> posts = new LinkedHashSet<>(known.getPostIds());
    int added = 0;
    for (String post : update.getPostIds()) {
      if (posts.size() < ObjectDetector.MAX_CAMPAIGN_POSTS && posts.add(post)) {
        added++;
      }
    }
    Map<String, SharedObject> objects = new LinkedHashMap<>();
    for (SharedObject o : known.getSharedObjects()) {
      objects.putIfAbsent(o.getKind() + "\u0000" + o.getLabel(), o); // the bands of one text: one object
    }
    for (SharedObject o : update.getSharedObjects()) {
      objects.putIfAbsent(o.getKind() + "\u0000" + o.getLabel(), o);
    }
    return Campaign.newBuilder(known)
        .setSharedObjects(new ArrayList<>(objects.values()))
        .setMemberAccounts(new ArrayList<>(members))
        .setPostIds(List.copyOf(posts))
        .setPostCount(Math.max(update.getPostCount(), known.getPostCount() + added))
        .setFirstSeen(Instant.ofEpochMilli(Math.min(known.getFirstSeen().toEpochMilli(), update.getFirstSeen().toEpochMilli())))
        .setLastSeen(Instant.ofEpochMilli(Math.max(known.getLastSeen().toEpochMilli(), update.getLastSeen().toEpochMilli())))
        .setPairCount(Math.max(known.getPairCount(), update.getPairCount()))
        .build();
  }
}
