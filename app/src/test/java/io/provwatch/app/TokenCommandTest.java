package io.provwatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.ApiKeys;
import io.provwatch.platform.http.HttpScope;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TokenCommandTest {
  @Test
  void printsATokenAndAConfigEntryThatAcceptsIt() {
    CliRun run = CliRun.of("token", "new", "feeder", "--scopes", "ingest,explain");
    assertThat(run.exitCode()).as(run.err()).isZero();
    Matcher token = Pattern.compile("token \\(.*\\): (pw_[A-Za-z0-9_-]{43})").matcher(run.out());
    Matcher entry = Pattern.compile("http.auth.keys .*: (\\S+)").matcher(run.out());
    assertThat(token.find()).as(run.out()).isTrue();
    assertThat(entry.find()).as(run.out()).isTrue();
    assertThat(entry.group(1)).startsWith("feeder:ingest+explain:").doesNotContain(token.group(1));
    ApiKeys keys = ApiKeys.parse(new ProvwatchConfig(Map.of(ProvwatchConfig.HTTP_AUTH_KEYS, entry.group(1))).getList(ProvwatchConfig.HTTP_AUTH_KEYS));
    ApiKeys.Key key = keys.authenticate("Bearer " + token.group(1)).orElseThrow();
    assertThat(key.grants(HttpScope.EXPLAIN)).isTrue();
    assertThat(key.grants(HttpScope.METRICS)).isFalse();
  }

  @Test
  void anUnknownScopeOrBadNameIsAUsageError() {
    CliRun scope = CliRun.of("token", "new", "feeder", "--scopes", "root");
    assertThat(scope.exitCode()).isNotZero();
    assertThat(scope.err()).contains("unknown scope 'root'").doesNotContain("Exception");
    CliRun name = CliRun.of("token", "new", "Feeder!", "--scopes", "ingest");
    assertThat(name.exitCode()).isNotZero();
    assertThat(name.err()).contains("is not a lower-case letter").doesNotContain("pw_");
  }
}
