package io.provwatch.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code provwatch} command line. */
@Command(name = "provwatch", mixinStandardHelpOptions = true, versionProvider = ProvwatchCommand.Version.class,
    description = "Watches social-media streams for AI-generated text, disinformation signals and provenance gaps.",
    subcommands = {DemoCommand.class, RunCommand.class, IngestCommand.class, AlertsCommand.class, DeadLettersCommand.class, ReplayCommand.class, BenchCommand.class,
        ModelCommand.class, ConfigCommand.class, TokenCommand.class, C2paCommand.class, ReferenceImportCommands.Factchecks.class,
        ReferenceImportCommands.Domains.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class ProvwatchCommand {

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The command line with provwatch's error handling; tests run it in-process. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new ProvwatchCommand())
        .setExecutionExceptionHandler(new CliErrors())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ProvwatchCommand.class.getPackage().getImplementationVersion();
      return new String[] {"provwatch " + (version == null ? "development build" : version)};
    }
  }
}
