package io.provwatch.scoring.coordination;

import io.provwatch.avro.Campaign;
import io.provwatch.avro.CoSharer;
import io.provwatch.avro.CoordinationObjectState;
import io.provwatch.avro.ObjectFact;
import io.provwatch.avro.RecentShare;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-object half of the coordination detector, pure: given what is known of one shared object
 * and a new share of it, which other accounts shared it within the time window (CooRTweet's
 * co-shares), the object's rate, and its campaign. The object's clock is the newest publication time
 * of its shares, so results do not depend on how objects are spread over partitions. A share older
 * than the clock minus the grace period is too late: the shares it should meet may be gone, so it is
 * reported and not compared.
 */
public final class ObjectDetector {
  /** Member posts listed in a campaign; the count goes on. */
  public static final int MAX_CAMPAIGN_POSTS = 100;
  /** Member accounts kept in a campaign. */
  public static final int MAX_CAMPAIGN_MEMBERS = 5000;

  private final CoordinationSettings settings;

  public ObjectDetector(CoordinationSettings settings) {
    this.settings = settings;
  }

  /**
   * @param state the object's state, or null when it was never seen (or was forgotten)
   * @param fact what this share found
   * @param partners distinct other accounts it co-shared with, each with its latest share in the window
   * @param campaign the object's campaign when it reached the campaign size with this share; null otherwise
   */
  public record Outcome(CoordinationObjectState state, ObjectFact fact, List<CoSharer> partners, Campaign campaign) {}

  public Outcome share(CoordinationObjectState state, SharedObject object, String accountId, String postId, long createdAt) {
    long window = settings.windowFor(object.kind());
    ObjectFact.Builder fact = ObjectFact.newBuilder().setKind(object.kind()).setKey(object.key()).setLabel(object.label());
    if (state == null) {
      state = CoordinationObjectState.newBuilder().setClock(createdAt).setFirstSeen(createdAt).setTotalShares(0)
          .setShares(new ArrayList<>()).build();
    }
    if (createdAt < state.getClock() - settings.graceMs()) {
      return new Outcome(state, fact.setTooLate(true).setLateByMs(state.getClock() - createdAt).build(), List.of(), null);
    }
    boolean repeated = false;
    Map<String, CoSharer> partners = new LinkedHashMap<>();
    List<CoSharer> coSharers = new ArrayList<>();
    int sharesBefore = 0;
    Set<String> accountsBefore = new LinkedHashSet<>();
    for (RecentShare s : state.getShares()) {
      if (s.getPostId().equals(postId)) {
        repeated = true; // the same post again (a redelivery): answer the same, count it once
        continue;
      }
      long distance = Math.abs(s.getCreatedAt() - createdAt);
      if (s.getCreatedAt() <= createdAt && createdAt - s.getCreatedAt() <= window) {
        sharesBefore++;
        accountsBefore.add(s.getAccountId());
      }
      if (object.linksAccounts() && distance <= window && !s.getAccountId().equals(accountId) && sameText(object, s)) {
        CoSharer co = CoSharer.newBuilder().setAccountId(s.getAccountId()).setPostId(s.getPostId())
            .setCreatedAt(Instant.ofEpochMilli(s.getCreatedAt())).build();
        coSharers.add(co);
        partners.put(s.getAccountId(), co);
      }
    }
    accountsBefore.add(accountId);
    long history = createdAt - state.getFirstSeen();
    long fullWindowsBefore = (createdAt - window - state.getFirstSeen()) / window;
    double baseline = fullWindowsBefore >= 1 ? Math.max(0, state.getTotalShares() - sharesBefore) / (double) fullWindowsBefore : 0.0;
    fact.setCoSharers(coSharers).setSharesInWindow(sharesBefore + 1).setDistinctAccountsInWindow(accountsBefore.size())
        .setBaselinePerWindow(baseline).setHistoryMs(Math.max(0, history));

    if (!repeated) {
      insert(state, RecentShare.newBuilder().setAccountId(accountId).setPostId(postId).setCreatedAt(createdAt)
          .setMinHash(object.minHash()).build());
      state.setTotalShares(state.getTotalShares() + 1);
      state.setFirstSeen(Math.min(state.getFirstSeen(), createdAt));
      state.setClock(Math.max(state.getClock(), createdAt));
      long horizon = state.getClock() - settings.retentionFor(object.kind());
      // a new list: the arrays Avro reads back do not support removal through their iterator
      state.setShares(new ArrayList<>(state.getShares().stream().filter(s -> s.getCreatedAt() >= horizon).toList()));
    }

    Campaign published = null;
    if (!partners.isEmpty()) {
      Campaign campaign = joinCampaign(state, object, accountId, postId, createdAt, coSharers, partners.size(), window);
      if (campaign.getMemberAccounts().size() >= settings.campaignMinAccounts()) {
        fact.setCampaignId(campaign.getCampaignId());
        published = Campaign.newBuilder(campaign).build();
      }
    }
    List<CoSharer> partnerList = new ArrayList<>(partners.values());
    if (partnerList.size() > CoordinationSettings.MAX_PARTNERS_PER_SHARE) {
      partnerList = partnerList.subList(partnerList.size() - CoordinationSettings.MAX_PARTNERS_PER_SHARE, partnerList.size());
    }
    return new Outcome(state, fact.build(), List.copyOf(partnerList), published);
  }

  private static boolean sameText(SharedObject object, RecentShare other) {
    return object.minHash() == null || other.getMinHash() == null
        || MinHash.similarity(object.minHash(), other.getMinHash()) >= MinHash.NEAR_IDENTICAL;
  }

  private static void insert(CoordinationObjectState state, RecentShare share) {
    List<RecentShare> shares = state.getShares();
    int i = shares.size();
    while (i > 0 && shares.get(i - 1).getCreatedAt() > share.getCreatedAt()) {
      i--;
    }
    shares.add(i, share);
  }

  /** Adds the share and its partners to the object's current campaign, or starts a new one when it is not within a window of it. */
  private Campaign joinCampaign(CoordinationObjectState state, SharedObject object, String accountId, String postId, long createdAt,
      List<CoSharer> coSharers, int partnerAccounts, long window) {
    Campaign campaign = state.getCampaign();
    long first = createdAt;
    long last = createdAt; // partners may have been published later than this share (arrival order is not time order)
    for (CoSharer p : coSharers) {
      first = Math.min(first, p.getCreatedAt().toEpochMilli());
      last = Math.max(last, p.getCreatedAt().toEpochMilli());
    }
    boolean chained = campaign != null && createdAt >= campaign.getFirstSeen().toEpochMilli() - window
        && createdAt <= campaign.getLastSeen().toEpochMilli() + window;
    if (!chained) {
      campaign = Campaign.newBuilder()
          .setCampaignId(campaignId(object.key(), first))
          .setSharedObjects(List.of(io.provwatch.avro.SharedObject.newBuilder()
              .setKind(object.kind()).setKey(object.key()).setLabel(object.label()).build()))
          .setMemberAccounts(new ArrayList<>()).setPostIds(new ArrayList<>()).setPostCount(0)
          .setFirstSeen(Instant.ofEpochMilli(first)).setLastSeen(Instant.ofEpochMilli(last))
          .setPairCount(0).setTimeWindowMs(settings.timeWindowMs())
          .build();
      state.setCampaign(campaign);
    }
    for (CoSharer p : coSharers) {
      addMember(campaign, p.getAccountId());
      addPost(campaign, p.getPostId());
    }
    if (addMember(campaign, accountId)) {
      campaign.setPairCount(campaign.getPairCount() + partnerAccounts); // the pairs it forms on joining
    }
    addPost(campaign, postId);
    campaign.setFirstSeen(Instant.ofEpochMilli(Math.min(first, campaign.getFirstSeen().toEpochMilli())));
    campaign.setLastSeen(Instant.ofEpochMilli(Math.max(last, campaign.getLastSeen().toEpochMilli())));
    return campaign;
  }

  private static boolean addMember(Campaign campaign, String account) {
    if (campaign.getMemberAccounts().contains(account) || campaign.getMemberAccounts().size() >= MAX_CAMPAIGN_MEMBERS) {
      return false;
    }
    campaign.getMemberAccounts().add(account);
    return true;
  }

  private static void addPost(Campaign campaign, String postId) {
    if (campaign.getPostIds().contains(postId)) {
      return;
    }
    if (campaign.getPostIds().size() < MAX_CAMPAIGN_POSTS) {
      campaign.getPostIds().add(postId);
      campaign.setPostCount(campaign.getPostCount() + 1);
    } else if (campaign.getPostCount() >= MAX_CAMPAIGN_POSTS) {
      campaign.setPostCount(campaign.getPostCount() + 1); // beyond the list: counted, assuming a post is added once
    }
  }

  /** {@code cmp-} and 16 hex digits of SHA-256(object key '@' first publication ms): the same input gives the same id. */
  public static String campaignId(String objectKey, long firstSeenMs) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((objectKey + "@" + firstSeenMs).getBytes(StandardCharsets.UTF_8));
      return "cmp-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
