package io.provwatch.scoring.coordination;

import io.provwatch.avro.CoSharer;
import io.provwatch.avro.CoordinationFacts;
import io.provwatch.avro.ObjectFact;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Signal {@code coordination}: other accounts shared the same object (link, media, hashtags,
 * near-identical text) within the time window of this post, and each of them did so
 * with this account at least min_repetition times (CooRTweet's coordinated pairs). The score grows
 * with the number of such partner accounts: {@value #CERTAIN_AT} or more score 1. Evidence names the
 * campaign ({@code campaignId}, by which the sink groups alerts) and the accounts.
 */
public final class CoordinationScorer implements Scorer {
  public static final String NAME = "coordination";
  /** Partner accounts from which coordination is certain. */
  public static final int CERTAIN_AT = 5;
  /** Accounts named in the evidence. */
  static final int MAX_NAMED_ACCOUNTS = 20;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public SignalResult score(PostContext context) {
    if (context.coordination().isEmpty()) {
      return SignalResult.none();
    }
    CoordinationFacts facts = context.coordination().get();
    Map<String, Integer> repetitions = facts.getPartnerRepetitions();
    TreeSet<String> partners = new TreeSet<>();
    ObjectFact strongest = null;
    int strongestCount = 0;
    ObjectFact late = null;
    for (ObjectFact fact : facts.getObjects()) {
      if (fact.getTooLate()) {
        late = late == null || fact.getLateByMs() > late.getLateByMs() ? fact : late;
        continue;
      }
      TreeSet<String> here = new TreeSet<>();
      for (CoSharer co : fact.getCoSharers()) {
        if (repetitions.getOrDefault(co.getAccountId(), 0) >= facts.getMinRepetition()) {
          here.add(co.getAccountId());
        }
      }
      partners.addAll(here);
      if (here.size() > strongestCount || (here.size() == strongestCount && strongest != null && strongest.getCampaignId() == null
          && fact.getCampaignId() != null)) {
        strongest = fact;
        strongestCount = here.size();
      }
    }
    if (partners.isEmpty()) {
      if (late == null) {
        return SignalResult.none();
      }
      return SignalResult.of(0.0, "published " + ModeratorWords.duration(late.getLateByMs()) + " before the newest share of "
              + ModeratorWords.object(late.getKind(), late.getLabel()) + ": too late for the window, not compared with other accounts",
          Map.of("tooLate", late.getKey(), "lateByMs", Long.toString(late.getLateByMs())));
    }
    String window = ModeratorWords.duration(facts.getTimeWindowMs());
    List<String> reasons = new ArrayList<>();
    reasons.add(ModeratorWords.sharing(strongest.getKind(), strongest.getLabel()) + " as " + strongestCount + " other account"
        + (strongestCount == 1 ? "" : "s") + " within " + window
        + (facts.getMinRepetition() > 1 ? ", each of which did so with this account at least " + facts.getMinRepetition() + " times" : ""));
    if (partners.size() > strongestCount) {
      reasons.add("in all, " + partners.size() + " accounts shared something with it within " + window);
    }
    Map<String, String> evidence = new TreeMap<>();
    if (strongest.getCampaignId() != null) {
      evidence.put("campaignId", strongest.getCampaignId());
    } else {
      facts.getObjects().stream().filter(f -> f.getCampaignId() != null).findFirst().ifPresent(f -> evidence.put("campaignId", f.getCampaignId()));
    }
    evidence.put("accounts", String.join(",", partners.stream().limit(MAX_NAMED_ACCOUNTS).toList()));
    evidence.put("accountCount", Integer.toString(partners.size()));
    evidence.put("objectKind", strongest.getKind());
    evidence.put("object", strongest.getLabel());
    evidence.put("timeWindowMs", Long.toString(facts.getTimeWindowMs()));
    return new SignalResult(Math.min(1.0, partners.size() / (double) CERTAIN_AT), reasons, evidence);
  }
}
