package io.provwatch.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Files from the classpath under a URL prefix: the console's own ({@code /console/static/}) and the
 * WebJars it uses ({@code /webjars/<name>/<version>/...}, the layout every WebJar has), nothing else.
 */
final class StaticAssets implements HttpHandler {
  private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");
  private static final Map<String, String> TYPES = Map.of("js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "html", "text/html; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "json", "application/json");

  private final String urlPrefix;
  private final String resourcePrefix;

  private StaticAssets(String urlPrefix, String resourcePrefix) {
    this.urlPrefix = urlPrefix;
    this.resourcePrefix = resourcePrefix;
  }

  static final String CONSOLE_PREFIX = "/console/static/";
  static final String WEBJARS_PREFIX = "/webjars/";

  static StaticAssets console() {
    return new StaticAssets(CONSOLE_PREFIX, "io/provwatch/console/static/");
  }

  static StaticAssets webJars() {
    return new StaticAssets(WEBJARS_PREFIX, "META-INF/resources/webjars/");
  }

  /** The version of the npm WebJar {@code name} on the classpath, for its URL. */
  static String webJarVersion(String name) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream("META-INF/maven/org.webjars.npm/" + name + "/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException("the WebJar " + name + " is missing from the classpath");
      }
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the WebJar " + name + "'s version", e);
    }
  }

  /** A classpath resource as text, e.g. the page template. */
  static String text(String resource) {
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from this build");
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    if (!"GET".equals(exchange.getRequestMethod())) {
      ConsoleHttp.error(exchange, 405, "GET only");
      return;
    }
    String path = exchange.getRequestURI().getPath();
    String relative = path.startsWith(urlPrefix) ? path.substring(urlPrefix.length()) : "";
    // no "..", no empty segments: a path that is not plainly a file under the prefix is not found
    if (!SAFE_PATH.matcher(relative).matches() || relative.contains("..")) {
      ConsoleHttp.error(exchange, 404, "not found");
      return;
    }
    byte[] body;
    try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(resourcePrefix + relative)) {
      if (in == null) {
        ConsoleHttp.error(exchange, 404, "not found");
        return;
      }
      body = in.readAllBytes();
    }
    String extension = relative.substring(relative.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    // WebJar paths carry their version: they never change; the console's own files change with a build
    exchange.getResponseHeaders().set("Cache-Control", urlPrefix.equals(WEBJARS_PREFIX) ? "public, max-age=31536000, immutable" : "no-cache");
    ConsoleHttp.send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), body);
  }
}
