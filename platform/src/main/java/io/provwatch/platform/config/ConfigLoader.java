package io.provwatch.platform.config;

import io.provwatch.schemas.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds a {@link ProvwatchConfig} from, lowest precedence first: defaults, a properties file,
 * {@code PROVWATCH_*} environment variables ({@code PROVWATCH_BOOTSTRAP_SERVERS} is
 * {@code bootstrap.servers}) and {@code key=value} flags. Everything is validated at once, and an
 * error names the key and where its value came from.
 */
public final class ConfigLoader {
  public static final String ENV_PREFIX = "PROVWATCH_";
  /**
   * Variables of the launchers, not settings, with what reads them: the loader ignores them ({@code config --reference}
   * and docs/configuration.md list them). A name here must never become a setting's environment name.
   */
  public static final Map<String, String> LAUNCHER_VARIABLES = launcherVariables();

  private static Map<String, String> launcherVariables() {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put("PROVWATCH_JAVA_OPTS", "options of the JVM that the `./provwatch` script starts, e.g. `-Xmx384m`");
    vars.put("PROVWATCH_DEBUG", "`1` makes the command line print the stack trace of an error");
    vars.put("PROVWATCH_TAG", "the image tag docker-compose.yml runs (default: the project version)");
    return Collections.unmodifiableMap(vars);
  }
  private static final Pattern SOURCE_KEY = Pattern.compile(Pattern.quote(SourceConfig.PREFIX) + "([^.]+)\\.(.+)");
  private static final Pattern SECRET_KEY = Pattern.compile("password|secret|jaas|user\\.info|token|credentials|\\.key$");

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> origins = new LinkedHashMap<>();

  /** Reads a Java properties file; a missing or unreadable file is a config error naming it. */
  public ConfigLoader file(Path file) {
    if (file == null) {
      return this;
    }
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException("Cannot read config file " + file + ": " + e.getMessage());
    }
    props.stringPropertyNames().forEach(k -> put(k, props.getProperty(k).trim(), "file " + file));
    return this;
  }

  /** Takes every {@code PROVWATCH_FOO_BAR} variable as {@code foo.bar}, but for the {@link #LAUNCHER_VARIABLES}. */
  public ConfigLoader environment(Map<String, String> env) {
    new TreeMap<>(env).forEach((name, value) -> {
      if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length() && !LAUNCHER_VARIABLES.containsKey(name)) {
        put(envToKey(name), value, "environment variable " + name);
      }
    });
    return this;
  }

  /** Flags of the form {@code key=value}, e.g. from {@code --set}. */
  public ConfigLoader flags(List<String> assignments) {
    for (String assignment : assignments) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("Expected key=value but got '" + assignment + "'");
      }
      put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), "flag --set");
    }
    return this;
  }

  /** One setting from the command line's own options (e.g. {@code --data-dir}). */
  public ConfigLoader set(String key, Object value, String origin) {
    if (value != null) {
      put(key, String.valueOf(value), origin);
    }
    return this;
  }

  /** Validates and builds the config. */
  public ProvwatchConfig load() {
    List<String> unknown = new ArrayList<>();
    for (String key : values.keySet()) {
      if (!isKnown(key)) {
        unknown.add("'" + key + "' (from " + origins.get(key) + ")" + suggestion(key));
      }
    }
    if (!unknown.isEmpty()) {
      throw new ConfigException("Unknown configuration key" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
          + ". Kafka client settings go under 'kafka.' (e.g. kafka.security.protocol); run 'provwatch config' to list keys.");
    }
    try {
      return new ProvwatchConfig(values);
    } catch (ConfigException e) {
      String origin = origins.entrySet().stream().filter(en -> e.getMessage() != null && e.getMessage().contains(en.getKey()))
          .max(Comparator.comparingInt(en -> en.getKey().length()))
          .map(en -> " (set by " + en.getValue() + ")").orElse("");
      throw new ConfigException(e.getMessage() + origin);
    }
  }

  /** The settings given, secrets masked, with where each came from: safe to print or log. */
  public Map<String, String> describe() {
    Map<String, String> out = new TreeMap<>();
    values.forEach((k, v) -> out.put(k, mask(k, v) + "  [" + origins.get(k) + "]"));
    return out;
  }

  /** {@code value}, or {@code [hidden]} when the key names a secret. */
  public static String mask(String key, Object value) {
    return value != null && SECRET_KEY.matcher(key.toLowerCase(Locale.ROOT)).find() ? "[hidden]" : String.valueOf(value);
  }

  static String envToKey(String name) {
    return name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static boolean isKnown(String key) {
    return ProvwatchConfig.CONFIG_DEF.names().contains(key)
        || key.startsWith(ProvwatchConfig.KAFKA_PREFIX)
        || AvroSerdeConfig.CONFIG_DEF.names().contains(key)
        || isSourceKey(key);
  }

  /** {@code ingest.source.<name>.<key>} with a key of {@link SourceConfig#CONFIG_DEF}. */
  private static boolean isSourceKey(String key) {
    Matcher m = SOURCE_KEY.matcher(key);
    return m.matches() && SourceConfig.CONFIG_DEF.names().contains(m.group(2));
  }

  private static String suggestion(String key) {
    Matcher source = SOURCE_KEY.matcher(key);
    if (source.matches()) { // a source's key: compare the part after its name
      return closest(source.group(2), SourceConfig.CONFIG_DEF.names()).map(k -> " — did you mean '" + SourceConfig.PREFIX + source.group(1) + "." + k + "'?").orElse("");
    }
    return closest(key, ProvwatchConfig.CONFIG_DEF.names()).map(k -> " — did you mean '" + k + "'?").orElse("");
  }

  private static Optional<String> closest(String key, Set<String> names) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String known : names) {
      int d = distance(key, known);
      if (d < bestDistance) {
        bestDistance = d;
        best = known;
      }
    }
    return best != null && bestDistance <= Math.max(2, key.length() / 4) ? Optional.of(best) : Optional.empty();
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private void put(String key, String value, String origin) {
    values.put(key, value);
    origins.put(key, origin);
  }
}
