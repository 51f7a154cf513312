package io.provwatch.scoring;

import io.provwatch.platform.config.ProvwatchConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The lineage hash of the effective scoring configuration, recorded in every assessment: two
 * assessments with the same hash were scored under the same settings. The canonical text is one
 * {@code key=value} line per setting, sorted: every {@code scoring.*} key and the alert policy keys
 * ({@code sink.severity.*}, {@code sink.min.risk}) with their effective values (defaults included),
 * the weight of each signal, and the model version. Left out: application ids (names, not behaviour),
 * passwords, and the user-info and query of urls (they may carry credentials).
 */
public final class ScoringConfigHash {
  private static final List<String> PREFIXES = List.of("scoring.", "sink.severity.", "sink.min.risk");
  /** Hex digits kept of the sha256: 64 bits are plenty to tell configurations apart. */
  private static final int HEX_DIGITS = 16;

  private ScoringConfigHash() {}

  public static String of(ProvwatchConfig config, RiskCombiner combiner, String modelVersion) {
    return hash(canonicalText(config, combiner, modelVersion));
  }

  static String canonicalText(ProvwatchConfig config, RiskCombiner combiner, String modelVersion) {
    Map<String, String> lines = new TreeMap<>();
    Map<String, ConfigDef.ConfigKey> keys = ProvwatchConfig.CONFIG_DEF.configKeys();
    for (Map.Entry<String, ?> entry : config.values().entrySet()) {
      String key = entry.getKey();
      ConfigDef.ConfigKey def = keys.get(key);
      if (def == null || def.type == ConfigDef.Type.PASSWORD || key.endsWith(".application.id")
          || PREFIXES.stream().noneMatch(key::startsWith)) {
        continue;
      }
      lines.put(key, canonicalValue(entry.getValue()));
    }
    combiner.weights().forEach((signal, weight) -> lines.put("weight." + signal, Double.toString(weight)));
    lines.put("weight.default", Double.toString(RiskCombiner.DEFAULT_WEIGHT));
    lines.put("model.version", modelVersion);
    StringBuilder text = new StringBuilder();
    lines.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString();
  }

  private static String canonicalValue(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    String text = String.valueOf(value);
    return text.contains("://") ? withoutCredentials(text) : text;
  }

  private static String withoutCredentials(String url) {
    try {
      URI uri = new URI(url);
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
    } catch (URISyntaxException e) {
      return "<unparsable url>";
    }
  }

  static String hash(String canonicalText) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalText.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
