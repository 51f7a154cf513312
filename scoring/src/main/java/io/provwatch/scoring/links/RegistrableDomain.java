package io.provwatch.scoring.links;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reduces a url or host name to its registrable domain with the Public Suffix List (Guava's
 * {@link InternetDomainName}): {@code news.example.co.uk} and {@code www.example.co.uk} both become
 * {@code example.co.uk}, while {@code user.github.io} stays itself because {@code github.io} is a
 * public suffix. An ip address or a single label is kept as it is, lower case; a host under a suffix
 * the list does not know (the reserved {@code .example}, an intranet's {@code .corp}) is reduced to its
 * last two labels, as if that suffix were public.
 */
public final class RegistrableDomain {
  /** A scheme without "//" (mailto:, tel:, urn:); a colon followed by a digit is a port instead. */
  private static final Pattern OTHER_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*:(?!\\d)");
  private RegistrableDomain() {}

  /** The registrable domain of an http(s) url; empty when it is no url with a host. */
  public static Optional<String> ofUrl(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String candidate = url.strip();
    if (!candidate.contains("://")) {
      if (OTHER_SCHEME.matcher(candidate).lookingAt()) {
        return Optional.empty(); // mailto:, tel:, ...
      }
      candidate = "http://" + candidate; // "example.com/page" as people write it
    }
    try {
      String host = URI.create(candidate).getHost();
      return host == null ? Optional.empty() : ofHost(host);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** The registrable domain of a host name; empty when it is no valid host name. */
  public static Optional<String> ofHost(String host) {
    if (host == null) {
      return Optional.empty();
    }
    String h = host.strip().toLowerCase(Locale.ROOT);
    while (h.endsWith(".")) {
      h = h.substring(0, h.length() - 1);
    }
    if (h.isEmpty()) {
      return Optional.empty();
    }
    if (InetAddresses.isUriInetAddress(h)) {
      return Optional.of(h);
    }
    if (!InternetDomainName.isValid(h)) {
      return Optional.empty();
    }
    InternetDomainName name = InternetDomainName.from(h);
    if (name.isUnderPublicSuffix()) {
      return Optional.of(name.topPrivateDomain().toString());
    }
    if (name.hasPublicSuffix() || name.parts().size() <= 2) {
      return Optional.of(h); // a public suffix itself, or already two labels
    }
    return Optional.of(String.join(".", name.parts().subList(name.parts().size() - 2, name.parts().size())));
  }
}
