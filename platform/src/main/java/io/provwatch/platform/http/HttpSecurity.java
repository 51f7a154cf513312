package io.provwatch.platform.http;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.provwatch.platform.PlatformStartupException;
import io.provwatch.platform.config.ProvwatchConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.types.Password;

/**
 * How provwatch's HTTP servers (stages, explain API, embedded registry) authenticate and encrypt:
 * the API keys and the scopes anyone has without one ({@link AccessFilter}), the TLS context of the
 * server, and the TLS trust of the client that forwards explain queries to other instances.
 */
public final class HttpSecurity {
  /** No keys and no TLS: every route open, plain HTTP. The demo's default on loopback, and tests'. */
  public static final HttpSecurity OPEN = new HttpSecurity(ApiKeys.NONE, EnumSet.allOf(HttpScope.class), null, null);

  private final ApiKeys keys;
  private final Set<HttpScope> anonymous;
  private final SSLContext server;
  private final SSLContext client;

  private HttpSecurity(ApiKeys keys, Set<HttpScope> anonymous, SSLContext server, SSLContext client) {
    this.keys = keys;
    this.anonymous = Set.copyOf(anonymous);
    this.server = server;
    this.client = client;
  }

  /**
   * @param server TLS context of the server, or null for plain HTTP
   * @param client TLS context for forwarding to other instances, or null for the JVM's default trust
   */
  public static HttpSecurity of(ApiKeys keys, Set<HttpScope> anonymous, SSLContext server, SSLContext client) {
    return new HttpSecurity(keys, anonymous, server, client);
  }

  /**
   * The security {@code config} asks for, after checking that a server on {@value ProvwatchConfig#BIND_ADDRESS}
   * would not be reachable beyond this machine without keys and TLS (unless {@value ProvwatchConfig#HTTP_INSECURE}).
   *
   * @throws PlatformStartupException for an unsafe bind or a key or trust store that cannot be read
   */
  public static HttpSecurity fromConfig(ProvwatchConfig config) {
    ApiKeys keys = ApiKeys.parse(config.getList(ProvwatchConfig.HTTP_AUTH_KEYS));
    Set<HttpScope> anonymous = EnumSet.noneOf(HttpScope.class);
    config.getList(ProvwatchConfig.HTTP_AUTH_ANONYMOUS_SCOPES).forEach(s -> anonymous.add(HttpScope.fromConfigName(s)));
    String keyStore = config.getString(ProvwatchConfig.HTTP_TLS_KEYSTORE_LOCATION);
    String trustStore = config.getString(ProvwatchConfig.HTTP_TLS_TRUSTSTORE_LOCATION);
    String bind = config.getString(ProvwatchConfig.BIND_ADDRESS);
    if (!isLoopback(bind) && !config.getBoolean(ProvwatchConfig.HTTP_INSECURE) && (keys.isEmpty() || keyStore == null)) {
      throw new PlatformStartupException("Refusing to serve HTTP on " + bind + " (beyond loopback) without "
          + (keys.isEmpty() && keyStore == null ? "API keys and TLS" : keys.isEmpty() ? "API keys" : "TLS")
          + ": set " + ProvwatchConfig.HTTP_AUTH_KEYS + " and " + ProvwatchConfig.HTTP_TLS_KEYSTORE_LOCATION
          + " (docs/security.md), or pass --insecure to accept an open, unencrypted server.");
    }
    SSLContext server = null;
    SSLContext client = null;
    try {
      if (keyStore != null) {
        server = TlsStores.serverContext(Path.of(keyStore), config.getString(ProvwatchConfig.HTTP_TLS_KEYSTORE_TYPE),
            chars(config.getPassword(ProvwatchConfig.HTTP_TLS_KEYSTORE_PASSWORD)));
      }
      if (trustStore != null) {
        client = TlsStores.clientContext(Path.of(trustStore), config.getString(ProvwatchConfig.HTTP_TLS_TRUSTSTORE_TYPE),
            chars(config.getPassword(ProvwatchConfig.HTTP_TLS_TRUSTSTORE_PASSWORD)));
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new PlatformStartupException("HTTP TLS: " + (server == null ? ProvwatchConfig.HTTP_TLS_KEYSTORE_LOCATION + " " + keyStore
          : ProvwatchConfig.HTTP_TLS_TRUSTSTORE_LOCATION + " " + trustStore) + " cannot be read: " + e.getMessage(), e);
    }
    return new HttpSecurity(keys, keys.isEmpty() ? EnumSet.allOf(HttpScope.class) : anonymous, server, client);
  }

  /** {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return server == null ? "http" : "https";
  }

  /** Whether the server asks for no key at all. */
  public boolean isOpen() {
    return keys.isEmpty();
  }

  /** A plain or TLS server on {@code address}, not yet started. */
  public HttpServer bind(InetSocketAddress address, int backlog) throws IOException {
    if (server == null) {
      return HttpServer.create(address, backlog);
    }
    HttpsServer https = HttpsServer.create(address, backlog);
    https.setHttpsConfigurator(new HttpsConfigurator(server));
    return https;
  }

  /** The filter that admits an exchange when the caller holds the scope {@code required} names for it (null: public). */
  public Filter filter(Function<HttpExchange, HttpScope> required) {
    return new AccessFilter(keys, anonymous, required);
  }

  /** An HTTP client builder trusting what this instance's peers present (the configured trust store). */
  public HttpClient.Builder clientBuilder() {
    HttpClient.Builder builder = HttpClient.newBuilder();
    return client == null ? builder : builder.sslContext(client);
  }

  static boolean isLoopback(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false; // the bind itself reports it
    }
  }

  private static char[] chars(Password password) {
    return password == null ? null : password.value().toCharArray();
  }
}
