package io.provwatch.scoring.coordination;

import io.provwatch.avro.Campaign;
import io.provwatch.avro.CoShareBatch;
import io.provwatch.avro.CoordinatedPair;
import io.provwatch.avro.Post;
import io.provwatch.avro.ShareBatch;
import io.provwatch.avro.ShareObject;
import io.provwatch.avro.StoredShare;
import io.provwatch.platform.topics.Topics;
import io.provwatch.schemas.serde.AvroSerde;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The coordination branch of the scoring topology, beside the per-post path: no post waits for it.
 *
 * <pre>
 * posts ──► coordination-scatter (one ShareBatch per group of the post's objects)
 *       ──► coordination-shares (repartition by group) ──► co-shares [window store coordination-shares]
 *       ──► coordination-co-shares (repartition by group of the pair) ──► pairs [store coordination-pairs]
 *       ──► coordination-coordinated-pairs (repartition, one key) ──► campaigns [stores coordination-campaign-of-account,
 *           coordination-campaigns-by-id] ──► campaigns topic ──► table campaigns (queryable: the explain API)
 * </pre>
 *
 * <p>A post writes one record per coordination group it has objects in (at most {@code groups}), a share
 * one per group of the pairs it found; coordinated pairs, which are few, go to one task that joins them
 * into campaigns. Findings reach alerts as campaign changes (the sink turns each into a campaign alert),
 * not on the post's assessment. See {@link CoShareStep} for the order-independence and its bound.
 */
public final class CoordinationTopology {
  /** Campaign id -> latest Campaign, read back from the campaigns topic, queryable (the explain API reads it). */
  public static final String CAMPAIGNS_STORE = "campaigns";

  private final CoordinationSettings settings;
  private final Map<String, Object> serdeConfig;
  private final String campaignsTopic;
  private final String ruleSetVersion;
  private final String configHash;

  /**
   * @param campaignsTopic where campaigns go (a replay writes elsewhere than the live topic)
   * @param ruleSetVersion and {@code configHash}: the scoring's, recorded on each campaign for its alerts' lineage
   */
  public CoordinationTopology(CoordinationSettings settings, Map<String, Object> serdeConfig, String campaignsTopic, String ruleSetVersion,
      String configHash) {
    this.settings = settings;
    this.serdeConfig = serdeConfig;
    this.campaignsTopic = campaignsTopic;
    this.ruleSetVersion = ruleSetVersion;
    this.configHash = configHash;
  }

  /** Adds the branch to {@code builder}, fed by {@code posts} (keyed by anything). */
  public void addTo(StreamsBuilder builder, KStream<String, Post> posts) {
    Serde<String> keys = Serdes.String();
    Serde<Campaign> campaigns = Topics.CAMPAIGNS.valueSerde(serdeConfig);
    SharedObjects sharedObjects = new SharedObjects(settings.minHashtags());
    ShareGroups groups = new ShareGroups(settings.groups());
    posts.flatMap((key, post) -> scatter(sharedObjects, groups, post), Named.as("coordination-scatter"))
        .repartition(Repartitioned.with(keys, serde(ShareBatch.class)).withName("coordination-shares")
            .withStreamPartitioner(ShareGroups.partitioner()))
        .process(new CoShareStep(settings, serde(StoredShare.class)), Named.as("coordination-co-shares-step"))
        .repartition(Repartitioned.with(keys, serde(CoShareBatch.class)).withName("coordination-co-shares")
            .withStreamPartitioner(ShareGroups.partitioner()))
        .process(new PairStep(settings, serde(CoordinatedPair.class)), Named.as("coordination-pairs-step"))
        .repartition(Repartitioned.with(keys, serde(CoordinatedPair.class)).withName("coordination-coordinated-pairs"))
        .process(new CampaignStep(settings, campaigns, ruleSetVersion, configHash), Named.as("coordination-campaigns-step"))
        .to(campaignsTopic, Produced.with(Topics.CAMPAIGNS.keySerde(serdeConfig), campaigns).withName("campaigns-sink"));
    builder.table(campaignsTopic, Consumed.with(Topics.CAMPAIGNS.keySerde(serdeConfig), campaigns).withName("campaigns-source"),
        Materialized.<String, Campaign, KeyValueStore<Bytes, byte[]>>as(CAMPAIGNS_STORE).withKeySerde(keys).withValueSerde(campaigns));
  }

  /** The post's shared objects, one batch per group they fall in, by group. */
  static List<KeyValue<String, ShareBatch>> scatter(SharedObjects sharedObjects, ShareGroups groups, Post post) {
    if (post == null) {
      return List.of(); // the per-post path dead-letters it, once
    }
    Map<Integer, List<ShareObject>> byGroup = new TreeMap<>();
    for (SharedObject object : sharedObjects.of(post)) {
      byGroup.computeIfAbsent(groups.groupOf(object.key()), g -> new ArrayList<>()).add(ShareObject.newBuilder()
          .setKind(object.kind()).setKey(object.key()).setLabel(object.label()).setMinHash(object.minHash()).build());
    }
    List<KeyValue<String, ShareBatch>> out = new ArrayList<>(byGroup.size());
    byGroup.forEach((group, objects) -> out.add(KeyValue.pair(ShareGroups.key(group), ShareBatch.newBuilder()
        .setPostId(post.getId()).setAccountId(post.getAuthor().getId()).setCreatedAt(post.getCreatedAt().toEpochMilli())
        .setObjects(objects).build())));
    return out;
  }

  private <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
    Serde<T> serde = AvroSerde.specific(type);
    serde.configure(serdeConfig, false);
    return serde;
  }
}
