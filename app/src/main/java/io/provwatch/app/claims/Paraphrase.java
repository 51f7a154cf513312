package io.provwatch.app.claims;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A light, deterministic rewrite of a claim statement, as a post repeating it might read: the
 * fact-checker's "Says" dropped, some words swapped for near-synonyms, one filler word left out, and
 * a social-media frame around it. The choices follow a hash of the claim id, so a run is repeatable.
 * It stands in for posts that paraphrase a known claim; it is no model of real paraphrase.
 */
public final class Paraphrase {
  private static final Map<String, String> SWAPS = Map.ofEntries(
      Map.entry("says", "claims"), Map.entry("percent", "%"), Map.entry("million", "m"), Map.entry("billion", "bn"),
      Map.entry("president", "pres"), Map.entry("government", "govt"), Map.entry("more", "over"), Map.entry("than", "then"),
      Map.entry("voted", "votes"), Map.entry("wants", "plans"), Map.entry("people", "folks"), Map.entry("because", "bc"),
      Map.entry("increase", "rise"), Map.entry("nearly", "almost"), Map.entry("only", "just"), Map.entry("state", "state's"));
  private static final List<String> FILLERS = List.of("the", "a", "that", "of", "in", "to");
  private static final List<String[]> FRAMES = List.of(
      new String[] {"", ""}, new String[] {"Did you know? ", " Share this!"}, new String[] {"", " #truth"},
      new String[] {"Wow. ", ""}, new String[] {"RT if you agree: ", ""}, new String[] {"", " Unbelievable."});

  private Paraphrase() {}

  public static String of(String statement, String seedKey) {
    int seed = Math.abs(seedKey.hashCode());
    String s = statement.strip();
    if (s.regionMatches(true, 0, "Says that ", 0, 10)) {
      s = s.substring(10);
    } else if (s.regionMatches(true, 0, "Says ", 0, 5)) {
      s = s.substring(5);
    }
    List<String> words = new ArrayList<>(List.of(s.split("\\s+")));
    boolean dropped = false;
    for (int i = 0; i < words.size(); i++) {
      String lower = words.get(i).toLowerCase(Locale.ROOT);
      if (SWAPS.containsKey(lower) && (seed + i) % 2 == 0) {
        words.set(i, SWAPS.get(lower));
      } else if (!dropped && FILLERS.contains(lower) && (seed + i) % 3 == 0) {
        words.remove(i);
        dropped = true;
        i--;
      }
    }
    String[] frame = FRAMES.get(seed % FRAMES.size());
    return frame[0] + String.join(" ", words) + frame[1];
  }
}
