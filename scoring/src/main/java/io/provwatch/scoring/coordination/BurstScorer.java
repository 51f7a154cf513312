package io.provwatch.scoring.coordination;

import io.provwatch.avro.CoordinationFacts;
import io.provwatch.avro.ObjectFact;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Signal {@code burst}: a rate anomaly. The author posted at least the configured ceiling within the
 * burst window and at least the baseline factor times their own average per window; or an object
 * of the post was shared by at least the configured number of accounts within the time window.
 * At the ceiling the score is 0.5, rising to 1 at twice the ceiling.
 */
public final class BurstScorer implements Scorer {
  public static final String NAME = "burst";

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
    double score = 0;
    List<String> reasons = new ArrayList<>();
    Map<String, String> evidence = new TreeMap<>();
    Set<String> seen = new HashSet<>();
    for (ObjectFact fact : facts.getObjects()) {
      if (fact.getTooLate() || !seen.add(fact.getKind() + "\u0000" + fact.getLabel())) {
        continue; // the bands of one text are one object here
      }
      if (SharedObject.AUTHOR.equals(fact.getKind())) {
        int posts = fact.getSharesInWindow();
        double usual = fact.getBaselinePerWindow();
        if (posts >= facts.getBurstAuthorMaxPosts() && posts >= facts.getBurstBaselineFactor() * usual) {
          score = Math.max(score, aboveCeiling(posts, facts.getBurstAuthorMaxPosts()));
          reasons.add("the author posted " + posts + " times within " + ModeratorWords.duration(facts.getBurstWindowMs())
              + (usual > 0 ? String.format(Locale.ROOT, ", %.0f times their usual rate", posts / usual) : ", with no earlier history to compare"));
          evidence.put("authorPostsInWindow", Integer.toString(posts));
          evidence.put("authorUsualPerWindow", String.format(Locale.ROOT, "%.2f", usual));
          evidence.put("burstWindowMs", Long.toString(facts.getBurstWindowMs()));
        }
      } else if (fact.getDistinctAccountsInWindow() >= facts.getBurstObjectMaxAccounts()) {
        double s = aboveCeiling(fact.getDistinctAccountsInWindow(), facts.getBurstObjectMaxAccounts());
        if (s > score || !evidence.containsKey("objectAccountsInWindow")) {
          evidence.put("objectAccountsInWindow", Integer.toString(fact.getDistinctAccountsInWindow()));
          evidence.put("object", fact.getLabel());
        }
        score = Math.max(score, s);
        reasons.add(capitalised(ModeratorWords.object(fact.getKind(), fact.getLabel())) + " was posted by "
            + fact.getDistinctAccountsInWindow() + " accounts within " + ModeratorWords.duration(facts.getTimeWindowMs()));
      }
    }
    return score == 0 ? SignalResult.none() : new SignalResult(score, reasons, evidence);
  }

  /** 0.5 at the ceiling, 1 at twice the ceiling and above. */
  static double aboveCeiling(int count, int ceiling) {
    return Math.min(1.0, 0.5 + 0.5 * (count - ceiling) / (double) ceiling);
  }

  private static String capitalised(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
