package io.provwatch.app;

import io.provwatch.platform.config.ConfigLoader;
import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.config.SourceConfig;
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
    config.sources().values().forEach(source -> source.describe().forEach((k, v) -> out.println(k + "=" + v)));
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
    table(md, ProvwatchConfig.CONFIG_DEF, "");
    md.append("\n### Keys of each live source\n\nEach name in `").append(ProvwatchConfig.INGEST_SOURCES)
        .append("` (a lower-case letter, then letters and digits) is set up by keys `").append(SourceConfig.PREFIX)
        .append("<name>.<key>`, e.g. `").append(SourceConfig.PREFIX).append("masto.url`; keys of a name not listed are ignored.\n\n");
    table(md, SourceConfig.CONFIG_DEF, SourceConfig.PREFIX + "<name>.");
    md.append("\n### Launcher variables (not settings)\n\nThese `PROVWATCH_*` environment variables are read by the launchers, ")
        .append("not by the configuration; the loader ignores them. Any other `PROVWATCH_*` variable is a setting, and an ")
        .append("unknown one is an error.\n\n| variable | what it does |\n|---|---|\n");
    ConfigLoader.LAUNCHER_VARIABLES.forEach((name, meaning) -> md.append("| `").append(name).append("` | ").append(meaning).append(" |\n"));
    return md.toString();
  }

  private static void table(StringBuilder md, ConfigDef def, String prefix) {
    md.append("| key | type | default | meaning |\n|---|---|---|---|\n");
    List<ConfigDef.ConfigKey> keys = def.configKeys().values().stream()
        .sorted(java.util.Comparator.comparing(k -> k.name)).toList();
    for (ConfigDef.ConfigKey key : keys) {
      String defaultValue = key.hasDefault() ? render(key.defaultValue) : "(required)";
      md.append("| `").append(prefix).append(key.name).append("` | ").append(key.type.name().toLowerCase()).append(" | `")
          .append(defaultValue.isEmpty() ? " " : defaultValue).append("` | ").append(key.documentation.replace("|", "\\|"))
          .append(key.validator != null && !(key.validator instanceof ConfigDef.NonEmptyString) ? " Valid: " + key.validator + "." : "")
          .append(" |\n");
    }
  }

  private static String render(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
  }
}
