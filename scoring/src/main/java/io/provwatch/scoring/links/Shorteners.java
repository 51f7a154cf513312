package io.provwatch.scoring.links;

import java.util.Set;

/**
 * Registrable domains of well-known link shorteners. A shortened link hides where it leads, so the
 * domains list cannot judge it; the link-credibility signal says so in its reasons.
 */
public final class Shorteners {
  private static final Set<String> DOMAINS = Set.of(
      "bit.ly", "bitly.com", "t.co", "tinyurl.com", "goo.gl", "ow.ly", "buff.ly", "is.gd", "v.gd", "tiny.cc",
      "rebrand.ly", "cutt.ly", "shorturl.at", "rb.gy", "t.ly", "bl.ink", "lnkd.in", "dlvr.it", "ift.tt", "trib.al",
      "fb.me", "youtu.be", "amzn.to", "s.id", "soo.gd", "shorte.st", "adf.ly", "po.st", "qr.ae", "tr.im");

  private Shorteners() {}

  public static boolean isShortener(String registrableDomain) {
    return DOMAINS.contains(registrableDomain);
  }
}
