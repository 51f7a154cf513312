package io.provwatch.scoring.links;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegistrableDomainTest {
  @Test
  void urlsAreReducedToTheirRegistrableDomainByThePublicSuffixList() {
    assertThat(RegistrableDomain.ofUrl("https://news.Example.co.uk/2026/11/story?id=1")).contains("example.co.uk");
    assertThat(RegistrableDomain.ofUrl("http://www.example.com.")).contains("example.com");
    assertThat(RegistrableDomain.ofUrl("https://alice.github.io/blog")).as("github.io is a public suffix").contains("alice.github.io");
    assertThat(RegistrableDomain.ofUrl("example.org/page")).as("no scheme, as people write it").contains("example.org");
    assertThat(RegistrableDomain.ofUrl("https://bit.ly/3xYz")).contains("bit.ly");
  }

  @Test
  void hostsWithoutRegistrableDomainStayAsTheyAreAndNonsenseGivesNothing() {
    assertThat(RegistrableDomain.ofUrl("http://192.168.1.10/admin")).contains("192.168.1.10");
    assertThat(RegistrableDomain.ofUrl("http://localhost:8080/")).contains("localhost");
    assertThat(RegistrableDomain.ofUrl("https://www.junknews.example/a")).as("unknown suffix: last two labels").contains("junknews.example");
    assertThat(RegistrableDomain.ofUrl("https://[2001:db8::1]/x")).contains("[2001:db8::1]");
    assertThat(RegistrableDomain.ofUrl("not a url at all")).isEmpty();
    assertThat(RegistrableDomain.ofUrl("mailto:bob@example.com")).isEmpty();
    assertThat(RegistrableDomain.ofUrl("")).isEmpty();
    assertThat(RegistrableDomain.ofHost("bad_host!.com")).isEmpty();
  }
}
