package io.provwatch.scoring.coordination;

import io.provwatch.avro.Campaign;
import io.provwatch.avro.CoSharedObject;
import io.provwatch.avro.CoordinatedPair;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The campaigns: connected components of the coordinated pairs (CooRTweet's coordinated groups).
 * Every coordinated pair comes here under one key, so one task sees them all. A pair of two new
 * accounts starts a campaign named after the pair; a pair that links two campaigns joins them, and
 * the one that started earlier (then the smaller id) keeps its id while the other is deleted
 * (a tombstone on the campaigns topic). The final campaigns depend only on the set of coordinated
 * pairs, not on the order they came in; a campaign is published (keyed by id, timestamped with
 * its latest co-share) from {@code campaignMinAccounts} members on, at every change.
 */
public final class CampaignStep implements ProcessorSupplier<String, CoordinatedPair, String, Campaign> {
  /** Account -> id of its campaign. */
  public static final String CAMPAIGN_OF_ACCOUNT_STORE = "coordination-campaign-of-account";
  /** Campaign id -> the campaign, published or not yet. */
  public static final String CAMPAIGNS_BY_ID_STORE = "coordination-campaigns-by-id";
  /** Member accounts, pairs, objects and posts listed per campaign; the counts go on. */
  public static final int MAX_MEMBERS = 5000;
  public static final int MAX_PAIRS = 5000;
  public static final int MAX_OBJECTS = 100;
  public static final int MAX_POSTS = 100;

  private final CoordinationSettings settings;
  private final Serde<Campaign> campaignSerde;
  private final String ruleSetVersion;
  private final String configHash;

  public CampaignStep(CoordinationSettings settings, Serde<Campaign> campaignSerde, String ruleSetVersion, String configHash) {
    this.settings = settings;
    this.campaignSerde = campaignSerde;
    this.ruleSetVersion = ruleSetVersion;
    this.configHash = configHash;
  }

  @Override
  public Set<StoreBuilder<?>> stores() {
    return Set.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CAMPAIGN_OF_ACCOUNT_STORE), Serdes.String(), Serdes.String()),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CAMPAIGNS_BY_ID_STORE), Serdes.String(), campaignSerde));
  }

  @Override
  public Processor<String, CoordinatedPair, String, Campaign> get() {
    return new Step();
  }

  /** {@code cmp-} and 16 hex digits of SHA-256 of the pair key that started the campaign. */
  public static String campaignId(String pairKey) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(pairKey.getBytes(StandardCharsets.UTF_8));
      return "cmp-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private final class Step implements Processor<String, CoordinatedPair, String, Campaign> {
    private ProcessorContext<String, Campaign> context;
    private KeyValueStore<String, String> campaignOf;
    private KeyValueStore<String, Campaign> campaigns;

    @Override
    public void init(ProcessorContext<String, Campaign> context) {
      this.context = context;
      this.campaignOf = context.getStateStore(CAMPAIGN_OF_ACCOUNT_STORE);
      this.campaigns = context.getStateStore(CAMPAIGNS_BY_ID_STORE);
    }

    @Override
    public void process(Record<String, CoordinatedPair> record) {
      CoordinatedPair pair = record.value();
      String[] accounts = PairCounter.accounts(pair.getPairKey());
      Campaign a = campaignOfAccount(accounts[0]);
      Campaign b = campaignOfAccount(accounts[1]);
      Campaign campaign;
      if (a == null && b == null) {
        campaign = Campaign.newBuilder().setCampaignId(campaignId(pair.getPairKey())).setSharedObjects(new ArrayList<>())
            .setMemberAccounts(new ArrayList<>()).setPostIds(new ArrayList<>()).setPostCount(0).setPairs(new ArrayList<>()).setPairCount(0)
            .setFirstSeen(Instant.ofEpochMilli(pair.getFirstSeen())).setLastSeen(Instant.ofEpochMilli(pair.getLastSeen()))
            .setTimeWindowMs(settings.timeWindowMs()).setMinRepetition(settings.minRepetition())
            .setRuleSetVersion(ruleSetVersion).setConfigHash(configHash).build();
      } else if (a == null || b == null || a.getCampaignId().equals(b.getCampaignId())) {
        campaign = a != null ? a : b;
      } else {
        campaign = join(a, b);
      }
      add(campaign, pair);
      for (String account : accounts) {
        campaignOf.put(account, campaign.getCampaignId());
      }
      campaigns.put(campaign.getCampaignId(), campaign);
      if (published(campaign)) {
        context.forward(new Record<>(campaign.getCampaignId(), Campaign.newBuilder(campaign).build(), campaign.getLastSeen().toEpochMilli(),
            record.headers()));
      }
    }

    private Campaign campaignOfAccount(String account) {
      String id = campaignOf.get(account);
      return id == null ? null : campaigns.get(id);
    }

    /** The two as one: the one that started earlier (then the smaller id) keeps its id, the other is deleted. */
    private Campaign join(Campaign a, Campaign b) {
      boolean aKeeps = a.getFirstSeen().isBefore(b.getFirstSeen())
          || (a.getFirstSeen().equals(b.getFirstSeen()) && a.getCampaignId().compareTo(b.getCampaignId()) < 0);
      Campaign kept = aKeeps ? a : b;
      Campaign gone = aKeeps ? b : a;
      TreeSet<String> members = new TreeSet<>(kept.getMemberAccounts());
      for (String account : gone.getMemberAccounts()) {
        if (members.size() < MAX_MEMBERS) {
          members.add(account);
        }
      }
      kept.setMemberAccounts(new ArrayList<>(members));
      gone.getMemberAccounts().forEach(account -> campaignOf.put(account, kept.getCampaignId()));
      TreeSet<String> pairs = new TreeSet<>(kept.getPairs());
      for (String p : gone.getPairs()) {
        if (pairs.size() < MAX_PAIRS) {
          pairs.add(p);
        }
      }
      kept.setPairs(new ArrayList<>(pairs));
      kept.setPairCount(kept.getPairCount() + gone.getPairCount());
      addObjects(kept, gone.getSharedObjects().stream()
          .map(o -> CoSharedObject.newBuilder().setKind(o.getKind()).setKey(o.getKey()).setLabel(o.getLabel()).build()).toList());
      addPosts(kept, gone.getPostIds());
      kept.setFirstSeen(kept.getFirstSeen().isBefore(gone.getFirstSeen()) ? kept.getFirstSeen() : gone.getFirstSeen());
      kept.setLastSeen(kept.getLastSeen().isAfter(gone.getLastSeen()) ? kept.getLastSeen() : gone.getLastSeen());
      campaigns.delete(gone.getCampaignId());
      if (published(gone)) {
        context.forward(new Record<>(gone.getCampaignId(), null, gone.getLastSeen().toEpochMilli()));
      }
      return kept;
    }

    private void add(Campaign campaign, CoordinatedPair pair) {
      TreeSet<String> members = new TreeSet<>(campaign.getMemberAccounts());
      for (String account : PairCounter.accounts(pair.getPairKey())) {
        if (members.size() < MAX_MEMBERS) {
          members.add(account);
        }
      }
      campaign.setMemberAccounts(new ArrayList<>(members));
      TreeSet<String> pairs = new TreeSet<>(campaign.getPairs());
      if (!pairs.contains(pair.getPairKey())) {
        if (pairs.size() < MAX_PAIRS) {
          pairs.add(pair.getPairKey());
        }
        campaign.setPairCount(campaign.getPairCount() + 1);
      }
      campaign.setPairs(new ArrayList<>(pairs));
      addObjects(campaign, pair.getObjects());
      addPosts(campaign, pair.getPostIds());
      campaign.setFirstSeen(Instant.ofEpochMilli(Math.min(campaign.getFirstSeen().toEpochMilli(), pair.getFirstSeen())));
      campaign.setLastSeen(Instant.ofEpochMilli(Math.max(campaign.getLastSeen().toEpochMilli(), pair.getLastSeen())));
    }

    private void addObjects(Campaign campaign, List<CoSharedObject> objects) {
      Map<String, io.provwatch.avro.SharedObject> byKey = new LinkedHashMap<>();
      // the bands of one text are one object
      campaign.getSharedObjects().forEach(o -> byKey.put(o.getKind() + "\u0000" + o.getLabel(), o));
      for (CoSharedObject o : objects) {
        if (byKey.size() < MAX_OBJECTS) {
          byKey.putIfAbsent(o.getKind() + "\u0000" + o.getLabel(),
              io.provwatch.avro.SharedObject.newBuilder().setKind(o.getKind()).setKey(o.getKey()).setLabel(o.getLabel()).build());
        }
      }
      List<io.provwatch.avro.SharedObject> sorted = new ArrayList<>(byKey.values());
      sorted.sort((x, y) -> (x.getKind() + "\u0000" + x.getLabel()).compareTo(y.getKind() + "\u0000" + y.getLabel()));
      campaign.setSharedObjects(sorted);
    }

    private void addPosts(Campaign campaign, List<String> posts) {
      TreeSet<String> all = new TreeSet<>(campaign.getPostIds());
      int before = all.size();
      for (String post : posts) {
        if (all.size() < MAX_POSTS) {
          all.add(post);
        }
      }
      campaign.setPostIds(new ArrayList<>(all));
      campaign.setPostCount(Math.max(campaign.getPostCount() + all.size() - before, all.size()));
    }

    private boolean published(Campaign campaign) {
      return campaign.getMemberAccounts().size() >= settings.campaignMinAccounts();
    }
  }
}
