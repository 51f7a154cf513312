package io.provwatch.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A client for the Confluent Schema Registry REST API, speaking
 * {@code application/vnd.schemaregistry.v1+json}. Works against Confluent's registry, Apicurio's
 * ccompat API and provwatch's in-process registry. Tries each url in turn when one is unreachable;
 * error bodies {@code {"error_code","message"}} become {@link SchemaRegistryException}s.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9, application/json; qs=0.5";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<URI> baseUrls;
  private final String authorization;
  private final Duration timeout;
  private final HttpClient http;
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();

  /**
   * @param urls registry base urls, e.g. {@code http://127.0.0.1:8081} or
   *     {@code http://127.0.0.1:8080/apis/ccompat/v7}
   * @param userInfo {@code user:password} for basic auth, or null
   */
  public RestSchemaRegistryClient(List<String> urls, String userInfo, Duration timeout) {
    if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("No schema registry url given");
    }
    List<URI> parsed = new ArrayList<>();
    String authFromUrl = null;
    for (String url : urls) {
      URI uri = parseUrl(url.trim());
      if (uri.getRawUserInfo() != null) {
        authFromUrl = uri.getUserInfo();
        uri = withoutUserInfo(uri);
      }
      parsed.add(uri);
    }
    this.baseUrls = List.copyOf(parsed);
    String credentials = userInfo != null ? userInfo : authFromUrl;
    this.authorization = credentials == null ? null
        : "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public RestSchemaRegistryClient(String url) {
    this(List.of(url), null, Duration.ofSeconds(10));
  }

  @Override
  public int register(String subject, Schema schema) {
    JsonNode reply = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
    int id = reply.path("id").asInt();
    schemasById.putIfAbsent(id, schema);
    return id;
  }

  @Override
  public Schema getById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    JsonNode reply = send("GET", "/schemas/ids/" + id, null);
    Schema schema = parse(reply.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    return schema;
  }

  @Override
  public SchemaMetadata getLatest(String subject) {
    return metadata(subject, send("GET", "/subjects/" + encode(subject) + "/versions/latest", null));
  }

  @Override
  public SchemaMetadata lookup(String subject, Schema schema) {
    return metadata(subject, send("POST", "/subjects/" + encode(subject), schemaBody(schema)));
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    try {
      JsonNode reply = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
      return reply.path("is_compatible").asBoolean(false);
    } catch (SchemaRegistryException e) {
      // A subject with no versions yet accepts anything, as registering would.
      if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
          || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
        return true;
      }
      throw e;
    }
  }

  @Override
  public CompatibilityLevel getCompatibility(String subject) {
    if (subject == null) {
      return level(send("GET", "/config", null));
    }
    try {
      return level(send("GET", "/config/" + encode(subject) + "?defaultToGlobal=true", null));
    } catch (SchemaRegistryException e) {
      // Registries without defaultToGlobal answer 40408 (Confluent) or 40401 (Apicurio, unknown subject)
      // for a subject with no level of its own: the global level is the one that applies to it.
      if (e.errorCode() == SchemaRegistryException.SUBJECT_LEVEL_NOT_CONFIGURED
          || e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND) {
        return level(send("GET", "/config", null));
      }
      throw e;
    }
  }

  private static CompatibilityLevel level(JsonNode reply) {
    // Confluent answers {"compatibilityLevel": ...} on GET and {"compatibility": ...} on PUT; accept both.
    String level = reply.hasNonNull("compatibilityLevel")
        ? reply.get("compatibilityLevel").asText()
        : reply.path("compatibility").asText();
    try {
      return CompatibilityLevel.valueOf(level);
    } catch (IllegalArgumentException e) {
      throw new SchemaRegistryException(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL, 200,
          "Registry answered an unknown compatibility level '" + level + "'", e);
    }
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    ObjectNode body = JSON.createObjectNode().put("compatibility", level.name());
    send("PUT", subject == null ? "/config" : "/config/" + encode(subject), body);
  }

  private SchemaMetadata metadata(String subject, JsonNode reply) {
    int id = reply.path("id").asInt();
    Schema schema = parse(reply.path("schema").asText());
    schemasById.putIfAbsent(id, schema);
    return new SchemaMetadata(reply.path("subject").asText(subject), id, reply.path("version").asInt(), schema);
  }

  private static ObjectNode schemaBody(Schema schema) {
    // schemaType is omitted: AVRO is the default, and older registries reject the field.
    return JSON.createObjectNode().put("schema", schema.toString());
  }

  private static Schema parse(String schema) {
    try {
      return new Schema.Parser().parse(schema);
    } catch (RuntimeException e) {
      throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, 422,
          "Registry returned a schema that does not parse: " + e.getMessage(), e);
    }
  }

  private JsonNode send(String method, String path, JsonNode body) {
    SchemaRegistryException lastUnreachable = null;
    for (URI base : baseUrls) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
          .timeout(timeout)
          .header("Accept", ACCEPT);
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      if (body != null) {
        request.header("Content-Type", CONTENT_TYPE)
            .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
      HttpResponse<String> response;
      try {
        response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        lastUnreachable = new SchemaRegistryException(SchemaRegistryException.UNREACHABLE, 0,
            "Schema registry at " + base + " is unreachable: " + e, e);
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException(SchemaRegistryException.UNREACHABLE, 0, "Interrupted calling " + base, e);
      }
      return parseReply(method, base, path, response);
    }
    throw lastUnreachable;
  }

  private static JsonNode parseReply(String method, URI base, String path, HttpResponse<String> response) {
    int status = response.statusCode();
    JsonNode json;
    try {
      json = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      json = null;
    }
    if (status >= 200 && status < 300 && json != null) {
      return json;
    }
    int code = status;
    String message = "HTTP " + status + " from " + method + " " + base + path;
    if (json != null && json.has("error_code")) {
      // Apicurio answers some failures with error_code 0: keep the HTTP status then.
      int given = json.get("error_code").asInt(0);
      code = given > 0 ? given : status;
      message = json.path("message").asText(message);
    } else if (json == null) {
      message += ": unreadable reply body";
    }
    throw new SchemaRegistryException(code, status, message);
  }

  /** The urls without credentials; never the password. */
  @Override
  public String toString() {
    return "RestSchemaRegistryClient" + baseUrls + (authorization == null ? "" : " with basic auth");
  }

  private static URI parseUrl(String url) {
    String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    try {
      URI uri = new URI(trimmed);
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new URISyntaxException(redact(trimmed), "needs scheme and host, e.g. http://127.0.0.1:8081");
      }
      return uri;
    } catch (URISyntaxException e) {
      // The JDK's message quotes the whole input, credentials included: say what is wrong without it.
      throw new IllegalArgumentException("Invalid schema registry url '" + redact(trimmed) + "': " + e.getReason());
    }
  }

  private static URI withoutUserInfo(URI uri) {
    try {
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Invalid schema registry url '" + redact(uri.toString()) + "': " + e.getReason());
    }
  }

  /** The url with anything between "://" and the last "@" of the authority replaced. */
  static String redact(String url) {
    int scheme = url.indexOf("://");
    int start = scheme < 0 ? 0 : scheme + 3;
    int pathStart = url.indexOf('/', start);
    int authorityEnd = pathStart < 0 ? url.length() : pathStart;
    int at = url.lastIndexOf('@', authorityEnd - 1);
    return at < start ? url : url.substring(0, start) + "***@" + url.substring(at + 1);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
