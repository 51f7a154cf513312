package io.provwatch.scoring.links;

import io.provwatch.avro.DomainCredibility;
import io.provwatch.avro.DomainRating;
import io.provwatch.avro.LinkDomain;
import io.provwatch.scoring.PostContext;
import io.provwatch.scoring.Scorer;
import io.provwatch.scoring.SignalResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The post links to sites the domains list rates poorly. The score is that of the worst link: LOW
 * 1.0, MIXED 0.5, SATIRE 0.3 (satire passed on as news misleads, but is not made to), HIGH 0; a
 * known shortener 0.1, since it hides its destination from this very check. Every rated or shortened
 * link is named in the reasons with its domain, rating and the rating's source.
 */
public final class LinkCredibilityScorer implements Scorer {
  public static final String NAME = "link-credibility";
  static final double SHORTENER_SCORE = 0.1;

  @Override
  public String name() {
    return NAME;
  }

  static double score(DomainCredibility rating) {
    return switch (rating) {
      case LOW -> 1.0;
      case MIXED -> 0.5;
      case SATIRE -> 0.3;
      case HIGH -> 0.0;
    };
  }

  @Override
  public SignalResult score(PostContext context) {
    double worst = 0.0;
    List<String> reasons = new ArrayList<>();
    Map<String, String> evidence = new TreeMap<>();
    List<String> shorteners = new ArrayList<>();
    for (LinkDomain link : context.links()) {
      DomainRating rating = link.getRating();
      if (rating != null) {
        worst = Math.max(worst, score(rating.getRating()));
        reasons.add("links to " + link.getDomain() + ", rated " + rating.getRating() + " by " + rating.getSource()
            + (rating.getNote() != null ? " (" + rating.getNote() + ")" : ""));
        evidence.put("domain." + link.getDomain(), rating.getRating().name() + " by " + rating.getSource());
      }
      if (link.getShortener()) {
        worst = Math.max(worst, SHORTENER_SCORE);
        reasons.add("links through the shortener " + link.getDomain() + " (" + link.getUrl() + "), which hides where the link leads");
        shorteners.add(link.getDomain());
      }
    }
    if (!shorteners.isEmpty()) {
      evidence.put("shorteners", String.join(",", shorteners));
    }
    return reasons.isEmpty() ? SignalResult.none() : new SignalResult(worst, reasons, evidence);
  }
}
