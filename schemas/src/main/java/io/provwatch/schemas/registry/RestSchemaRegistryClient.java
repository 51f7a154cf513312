package io.provwatch.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
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
    List<URI> parsed = new ArrayList<>();
    String authFromUrl = null;
    for (String url : urls) {
      URI uri = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (uri.getUserInfo() != null) {
        authFromUrl = uri.getUserInfo();
        uri = URI.create(uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
            + (uri.getRawPath() == null ? "" : uri.getRawPath()));
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
    String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
    JsonNode reply = send("GET", path, null);
    // Confluent answers {"compatibilityLevel": ...} on GET and {"compatibility": ...} on PUT; accept both.
    String level = reply.hasNonNull("compatibilityLevel")
        ? reply.get("compatibilityLevel").asText()
        : reply.path("compatibility").asText();
    return CompatibilityLevel.valueOf(level);
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
      code = json.get("error_code").asInt(status);
      message = json.path("message").asText(message);
    } else if (json == null) {
      message += ": unreadable reply body";
    }
    throw new SchemaRegistryException(code, status, message);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
