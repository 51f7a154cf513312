package io.provwatch.app;

import io.provwatch.platform.config.ConfigLoader;
import io.provwatch.platform.config.ProvwatchConfig;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Shows the effective configuration (secrets masked) or the reference of every key. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Validate and print the effective configuration (secrets hidden), or the reference of all keys with --reference.")
final class ConfigCommand implements Callable<Integer> {
  @Mixin ConfigOptions options;
  @Spec CommandSpec spec;

  @Option(names = "--reference", description = "Print every key with type, default and meaning as a Markdown table.")
  boolean reference;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (reference) {
      out.print(referenceMarkdown());
      out.flush();
      return 0;
    }
    ConfigLoader loader = options.loader(System.getenv());
    ProvwatchConfig config = loader.load();
    out.println("# effective provwatch configuration (valid)");
    for (Map.Entry<String, ?> e : new java.util.TreeMap<String, Object>(config.values()).entrySet()) {
      out.println(e.getKey() + "=" + ConfigLoader.mask(e.getKey(), render(e.getValue())));
    }
    Map<String, String> given = loader.describe();
    if (!given.isEmpty()) {
      out.println("# set explicitly");
      given.forEach((k, v) -> out.println("#   " + k + "=" + v));
    }
    out.flush();
    return 0;
  }

  static String referenceMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("| key | type | default | meaning |\n|---|---|---|---|\n");
    List<ConfigDef.ConfigKey> keys = ProvwatchConfig.CONFIG_DEF.configKeys().values().stream()
        .sorted(java.util.Comparator.comparing(k -> k.name)).toList();
    for (ConfigDef.ConfigKey key : keys) {
      String def = key.hasDefault() ? render(key.defaultValue) : "(required)";
      md.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase()).append(" | `")
          .append(def.isEmpty() ? " " : def).append("` | ").append(key.documentation.replace("|", "\\|"))
          .append(key.validator != null && !(key.validator instanceof ConfigDef.NonEmptyString) ? " Valid: " + key.validator + "." : "")
          .append(" |\n");
    }
    return md.toString();
  }

  private static String render(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
  }
}
