package io.provwatch.ingest.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes links comparable across posts: the same article shared by many accounts with different
 * tracking parameters should be one url. Scheme and host are lower-cased, a default port, an empty
 * query and tracking parameters ({@code utm_*}, {@code fbclid}, {@code gclid}, ...) are dropped;
 * everything else, including the order and encoding of the remaining parameters, stays as written.
 * The original is kept beside it ({@code Post.originalUrls}). Nothing is fetched: shorteners stay.
 */
public final class UrlNormaliser {
  /** Click and campaign identifiers that say who shared, not what is shared. Compared lower-case. */
  private static final Set<String> TRACKING = Set.of(
      "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "li_fat_id",
      "igshid", "igsh", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "vero_id", "oly_anon_id", "oly_enc_id",
      "rb_clickid", "s_cid", "_ga", "_gl", "srsltid", "wickedid", "ref_src", "ref_url");
  /** Share-tracking parameters with generic names, dropped only on the hosts that use them so. */
  private static final Set<String> YOUTUBE_OR_SPOTIFY = Set.of("youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be", "music.youtube.com", "open.spotify.com");
  private static final Set<String> TWITTER = Set.of("twitter.com", "www.twitter.com", "x.com", "mobile.twitter.com");

  private static final Pattern SCHEME_AUTHORITY = Pattern.compile("(?i)^([a-z][a-z0-9+.-]*)://([^/?#]*)(.*)$", Pattern.DOTALL);
  /** Links in plain text: with a scheme, or starting with "www."; trailing punctuation is trimmed. */
  private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>\"'`\\u00A0\\u3000]+");

  private UrlNormaliser() {}

  public static String normalise(String url) {
    String trimmed = url.strip();
    if (trimmed.regionMatches(true, 0, "www.", 0, 4)) {
      trimmed = "http://" + trimmed; // as a browser reads a bare "www." link
    }
    Matcher m = SCHEME_AUTHORITY.matcher(trimmed);
    if (!m.matches()) {
      return trimmed; // mailto:, at://, relative or garbled: nothing safe to change
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    String authority = lowerHost(m.group(2), scheme);
    String rest = m.group(3);
    int hash = rest.indexOf('#');
    String fragment = hash < 0 ? "" : rest.substring(hash);
    String beforeFragment = hash < 0 ? rest : rest.substring(0, hash);
    int question = beforeFragment.indexOf('?');
    String path = question < 0 ? beforeFragment : beforeFragment.substring(0, question);
    String query = question < 0 ? "" : stripTracking(beforeFragment.substring(question + 1), hostOf(authority));
    return scheme + "://" + authority + path + (query.isEmpty() ? "" : "?" + query) + fragment;
  }

  /** Links in plain text, in order of appearance, as written. */
  public static List<String> extract(String text) {
    List<String> links = new ArrayList<>();
    if (text == null || !mayHoldLink(text)) {
      return links;
    }
    Matcher m = LINK.matcher(text);
    while (m.find()) {
      String link = trimTrailing(m.group());
      if (link.length() > 8) {
        links.add(link);
      }
    }
    return links;
  }

  /**
   * Whether {@link #LINK} can match at all: most texts hold no link, and trying the pattern at every
   * position was a fifth of the time of parsing a Reddit comment (IngestAdapterBenchmark).
   */
  private static boolean mayHoldLink(String text) {
    if (text.contains("://")) {
      return true;
    }
    for (int i = text.indexOf('.'); i >= 3; i = text.indexOf('.', i + 1)) {
      if (text.regionMatches(true, i - 3, "www.", 0, 4)) {
        return true;
      }
    }
    return false;
  }

  private static String trimTrailing(String link) {
    int end = link.length();
    while (end > 0) {
      char c = link.charAt(end - 1);
      if (".,;:!?'\"*_…".indexOf(c) >= 0) {
        end--;
      } else if ((c == ')' || c == ']') && count(link, end, c == ')' ? '(' : '[') < count(link, end, c)) {
        end--; // a closing bracket that closes the sentence's bracket, not one in the link
      } else {
        break;
      }
    }
    return link.substring(0, end);
  }

  private static int count(String s, int end, char c) {
    int n = 0;
    for (int i = 0; i < end; i++) {
      if (s.charAt(i) == c) {
        n++;
      }
    }
    return n;
  }

  private static String lowerHost(String authority, String scheme) {
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
    String hostPort = authority.substring(at + 1).toLowerCase(Locale.ROOT);
    if (("http".equals(scheme) && hostPort.endsWith(":80")) || ("https".equals(scheme) && hostPort.endsWith(":443"))) {
      hostPort = hostPort.substring(0, hostPort.lastIndexOf(':'));
    }
    if (hostPort.endsWith(".")) {
      hostPort = hostPort.substring(0, hostPort.length() - 1);
    }
    return userInfo + hostPort;
  }

  private static String hostOf(String authority) {
    String host = authority.substring(authority.lastIndexOf('@') + 1);
    int colon = host.lastIndexOf(':');
    return colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
  }

  private static String stripTracking(String query, String host) {
    StringBuilder kept = new StringBuilder(query.length());
    for (String pair : query.split("&", -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (isTracking(name, pair.substring(eq + 1), host)) {
        continue;
      }
      if (kept.length() > 0) {
        kept.append('&');
      }
      kept.append(pair);
    }
    return kept.toString();
  }

  private static boolean isTracking(String name, String value, String host) {
    if (name.startsWith("utm_") || TRACKING.contains(name)) {
      return true;
    }
    if (YOUTUBE_OR_SPOTIFY.contains(host)) {
      return name.equals("si") || (name.equals("feature") && (value.equals("youtu.be") || value.equals("shared") || value.equals("share")));
    }
    if (TWITTER.contains(host)) {
      return name.equals("s") || name.equals("t");
    }
    return false;
  }
}
