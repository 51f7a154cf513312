package io.provwatch.platform.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format 0.0.4, for tests: it fails on any line
 * that breaks the format's rules, not only on what a lenient scraper would skip. The rules checked:
 * metric and label names are valid; every sample belongs to a family declared by exactly one
 * {@code # HELP} and one {@code # TYPE} line, given before the family's samples; a family's lines
 * form one group; sample names fit the type (histogram {@code _bucket} with {@code le}, {@code _sum},
 * {@code _count}); values are floats, {@code NaN} or {@code ±Inf}; no series (name and label set)
 * appears twice.
 */
public final class PrometheusText {
  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

  /** One sample line. */
  public record Sample(String family, String name, Map<String, String> labels, double value) {}

  /** The parsed exposition: families with their type and help, and every sample. */
  public record Exposition(Map<String, String> types, Map<String, String> helps, List<Sample> samples) {
    /** The samples named {@code name}. */
    public List<Sample> named(String name) {
      return samples.stream().filter(s -> s.name().equals(name)).toList();
    }
  }

  private PrometheusText() {}

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the line at the first broken rule. */
  public static Exposition parse(String text) {
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new HashMap<>();
    List<Sample> samples = new ArrayList<>();
    Set<String> series = new HashSet<>();
    Set<String> closedFamilies = new HashSet<>();
    String currentFamily = null;
    String[] lines = text.split("\n", -1);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition must end with a line feed");
    }
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      String where = "line " + (i + 1) + " '" + line + "': ";
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        String[] parts = line.split(" ", 4);
        if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
          String family = parts[2];
          require(METRIC_NAME.matcher(family).matches(), where + "bad metric name");
          require(!closedFamilies.contains(family), where + "family " + family + " appears in two groups");
          if (!family.equals(currentFamily) && currentFamily != null) {
            closedFamilies.add(currentFamily);
          }
          currentFamily = family;
          if (parts[1].equals("HELP")) {
            require(helps.put(family, parts.length == 4 ? parts[3] : "") == null, where + "second HELP for " + family);
          } else {
            require(parts.length == 4 && TYPES.contains(parts[3]), where + "unknown type");
            require(types.put(family, parts[3]) == null, where + "second TYPE for " + family);
            require(samples.stream().noneMatch(s -> s.family().equals(family)), where + "TYPE after samples of " + family);
          }
        }
        continue;
      }
      Sample sample = sample(line, where, currentFamily, types);
      require(sample.family().equals(currentFamily), where + "sample outside its family's group " + currentFamily);
      require(helps.containsKey(sample.family()), where + "no HELP for " + sample.family());
      require(series.add(sample.name() + new TreeMap<>(sample.labels())), where + "duplicate series");
      samples.add(sample);
    }
    return new Exposition(types, helps, samples);
  }

  private static Sample sample(String line, String where, String family, Map<String, String> types) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    int nameEnd = brace >= 0 && brace < space ? brace : space;
    require(nameEnd > 0, where + "no value");
    String name = line.substring(0, nameEnd);
    require(METRIC_NAME.matcher(name).matches(), where + "bad metric name");
    Map<String, String> labels = new LinkedHashMap<>();
    int pos = nameEnd;
    if (brace == nameEnd) {
      pos = labels(line, brace + 1, labels, where);
    }
    require(pos < line.length() && line.charAt(pos) == ' ', where + "no space before the value");
    String[] rest = line.substring(pos + 1).split(" ");
    require(rest.length == 1 || rest.length == 2, where + "value and at most a timestamp expected");
    double value = value(rest[0], where);
    String type = family == null ? null : types.get(family);
    require(type != null, where + "no TYPE for the family of " + name);
    require(sampleFits(family, type, name, labels), where + name + " does not fit the " + type + " family " + family);
    return new Sample(family, name, labels, value);
  }

  private static int labels(String line, int start, Map<String, String> labels, String where) {
    int pos = start;
    while (true) {
      require(pos < line.length(), where + "unterminated labels");
      if (line.charAt(pos) == '}') {
        return pos + 1;
      }
      int eq = line.indexOf('=', pos);
      require(eq > pos, where + "label without '='");
      String label = line.substring(pos, eq);
      require(LABEL_NAME.matcher(label).matches() && !label.startsWith("__"), where + "bad label name " + label);
      require(eq + 1 < line.length() && line.charAt(eq + 1) == '"', where + "label value not quoted");
      StringBuilder value = new StringBuilder();
      int p = eq + 2;
      for (; p < line.length() && line.charAt(p) != '"'; p++) {
        char c = line.charAt(p);
        if (c == '\\') {
          require(p + 1 < line.length(), where + "dangling escape");
          char e = line.charAt(++p);
          require(e == '\\' || e == '"' || e == 'n', where + "bad escape \\" + e);
          value.append(e == 'n' ? '\n' : e);
        } else {
          value.append(c);
        }
      }
      require(p < line.length(), where + "unterminated label value");
      require(labels.put(label, value.toString()) == null, where + "label " + label + " twice");
      pos = p + 1;
      if (pos < line.length() && line.charAt(pos) == ',') {
        pos++;
      }
    }
  }

  private static boolean sampleFits(String family, String type, String name, Map<String, String> labels) {
    return switch (type) {
      case "histogram" -> name.equals(family + "_bucket") && labels.containsKey("le")
          || name.equals(family + "_sum") || name.equals(family + "_count");
      case "summary" -> name.equals(family) && labels.containsKey("quantile") || name.equals(family + "_sum") || name.equals(family + "_count");
      case "counter" -> name.equals(family) || name.equals(family + "_total");
      default -> name.equals(family);
    };
  }

  private static double value(String text, String where) {
    return switch (text) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> {
        try {
          yield Double.parseDouble(text);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(where + "value is not a float");
        }
      }
    };
  }

  private static void require(boolean rule, String message) {
    if (!rule) {
      throw new IllegalArgumentException(message);
    }
  }
}
