package io.provwatch.app;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.ApiKeys;
import io.provwatch.platform.http.HttpScope;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** API keys of the HTTP servers; {@code token new} makes one. */
@Command(name = "token", mixinStandardHelpOptions = true, subcommands = TokenCommand.New.class,
    description = "API keys of the HTTP servers (docs/security.md).")
final class TokenCommand {

  /** Makes an API key: a random token for the client, and the digest entry for {@code http.auth.keys}. */
  @Command(name = "new", mixinStandardHelpOptions = true,
      description = {"Make a new API key: prints the token (give it to the client, once) and the entry to add to",
          "http.auth.keys, which holds only the token's SHA-256."})
  static final class New implements Callable<Integer> {
    /** 32 random bytes: a digest of such a token cannot be reversed by guessing. */
    private static final int TOKEN_BYTES = 32;

    @Parameters(index = "0", paramLabel = "NAME", description = "Name of the key (a lower-case letter, then letters, digits, '_', '.', '-').")
    String name;

    @Option(names = "--scopes", split = ",", required = true, paramLabel = "SCOPE",
        description = "Comma-separated scopes: ingest, explain, metrics, health, admin.")
    List<String> scopes;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Set<HttpScope> granted = EnumSet.noneOf(HttpScope.class);
      try {
        scopes.forEach(s -> granted.add(HttpScope.fromConfigName(s.trim())));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--scopes: " + e.getMessage());
      }
      byte[] random = new byte[TOKEN_BYTES];
      new SecureRandom().nextBytes(random);
      String token = "pw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      String entry = ApiKeys.entryFor(name, granted, token);
      if (!ApiKeys.ENTRY.matcher(entry).matches()) {
        throw new ParameterException(spec.commandLine(), "Key name '" + name + "' is not a lower-case letter followed by letters, digits, '_', '.' or '-'.");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println("token (give it to the client; it is not stored anywhere): " + token);
      out.println("add to " + ProvwatchConfig.HTTP_AUTH_KEYS + " (comma-separated with the others): " + entry);
      out.flush();
      return 0;
    }
  }
}
