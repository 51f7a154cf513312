package io.provwatch.platform.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The API keys an HTTP server accepts, held as SHA-256 digests only: configuration never holds a
 * token. A client presents its token as {@code Authorization: Bearer <token>}, or as the password of
 * {@code Authorization: Basic} (what schema registry clients send with {@code basic.auth.user.info}).
 * Every configured digest is compared, in constant time, whatever matches: the time taken says
 * nothing about which key or how much of it matched.
 */
public final class ApiKeys {
  /** A configured key: {@code name:scope+scope:<64 hex digits of SHA-256(token)>}. */
  public static final Pattern ENTRY = Pattern.compile("([a-z][a-z0-9_.-]{0,63}):([a-z+]+):([0-9a-fA-F]{64})");
  /** No key configured: the server is open, every route served to anyone. */
  public static final ApiKeys NONE = new ApiKeys(List.of());

  /** One key: its name (for logs and metrics, never the token), scopes and token digest. */
  public record Key(String name, Set<HttpScope> scopes, byte[] digest) {
    public boolean grants(HttpScope required) {
      return scopes.stream().anyMatch(s -> s.grants(required));
    }

    @Override
    public String toString() {
      return "Key[" + name + " " + scopes + "]";
    }
  }

  private final List<Key> keys;

  private ApiKeys(List<Key> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * Parses configured entries.
   *
   * @throws IllegalArgumentException naming the entry (by position and name, never its digest) that is malformed
   */
  public static ApiKeys parse(List<String> entries) {
    List<Key> keys = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Matcher m = ENTRY.matcher(entries.get(i).trim());
      if (!m.matches()) {
        throw new IllegalArgumentException("entry " + (i + 1) + " is not name:scope+scope:<sha-256 hex of the token>");
      }
      if (!names.add(m.group(1))) {
        throw new IllegalArgumentException("key name '" + m.group(1) + "' is used twice");
      }
      Set<HttpScope> scopes = EnumSet.noneOf(HttpScope.class);
      for (String scope : m.group(2).split("\\+")) {
        try {
          scopes.add(HttpScope.fromConfigName(scope));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("key '" + m.group(1) + "': " + e.getMessage(), e);
        }
      }
      keys.add(new Key(m.group(1), scopes, HexFormat.of().parseHex(m.group(3).toLowerCase(Locale.ROOT))));
    }
    return new ApiKeys(keys);
  }

  /** True when no key is configured (the server is open). */
  public boolean isEmpty() {
    return keys.isEmpty();
  }

  /** The key whose token {@code authorization} (an {@code Authorization} header value) carries, if any. */
  public Optional<Key> authenticate(String authorization) {
    String token = token(authorization);
    if (token == null) {
      return Optional.empty();
    }
    byte[] presented = sha256(token);
    Key found = null;
    for (Key key : keys) { // no early exit: every digest is compared
      if (MessageDigest.isEqual(presented, key.digest()) && found == null) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  /** The configuration entry for a token: {@code name:scopes:sha256hex}. */
  public static String entryFor(String name, Set<HttpScope> scopes, String token) {
    return name + ':' + scopes.stream().map(HttpScope::configName).collect(Collectors.joining("+"))
        + ':' + HexFormat.of().formatHex(sha256(token));
  }

  private static String token(String authorization) {
    if (authorization == null) {
      return null;
    }
    String value = authorization.trim();
    int space = value.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String scheme = value.substring(0, space);
    String credentials = value.substring(space + 1).trim();
    if (scheme.equalsIgnoreCase("Bearer")) {
      return credentials.isEmpty() ? null : credentials;
    }
    if (scheme.equalsIgnoreCase("Basic")) {
      try {
        String userPassword = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
        int colon = userPassword.indexOf(':');
        return colon < 0 || colon == userPassword.length() - 1 ? null : userPassword.substring(colon + 1);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
