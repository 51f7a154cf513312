package io.provwatch.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.provwatch.schemas.registry.CompatibilityLevel;
import io.provwatch.schemas.registry.SchemaRegistryException;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Confluent REST API subset over a {@link SchemaStore}: subjects, versions, schemas by id, lookup,
 * compatibility and config. Replies in {@code application/vnd.schemaregistry.v1+json}; failures as
 * {@code {"error_code","message"}} with Confluent's codes and HTTP statuses.
 */
final class RegistryHttpHandler implements HttpHandler {
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_BODY = 4 * 1024 * 1024;

  private final SchemaStore store;

  RegistryHttpHandler(SchemaStore store) {
    this.store = store;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      int status = 200;
      JsonNode reply;
      try {
        reply = route(exchange.getRequestMethod(), segments(exchange.getRequestURI().getRawPath()),
            exchange.getRequestURI().getRawQuery(), exchange);
      } catch (SchemaRegistryException e) {
        status = e.httpStatus();
        reply = error(e.errorCode(), stripCode(e.getMessage()));
      } catch (HttpError e) {
        status = e.status;
        reply = error(e.code, e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("Registry request {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
        status = 500;
        reply = error(SchemaRegistryException.BACKEND_STORE_ERROR, "Error in the backend data store: " + e.getMessage());
      }
      byte[] body = JSON.writeValueAsBytes(reply);
      exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /**
   * Whether the request changes the registry: registering a version ({@code POST /subjects/{s}/versions})
   * or a compatibility level ({@code PUT /config[/{s}]}), or any method other than GET and POST. Lookups
   * and compatibility checks are POSTs that change nothing.
   */
  static boolean isWrite(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    if (method.equals("GET")) {
      return false;
    }
    List<String> path = segments(exchange.getRequestURI().getRawPath());
    boolean lookupOrCheck = method.equals("POST") && !path.isEmpty()
        && ((path.get(0).equals("subjects") && path.size() == 2) || path.get(0).equals("compatibility"));
    return !lookupOrCheck;
  }

  private JsonNode route(String method, List<String> path, String query, HttpExchange exchange) throws IOException {
    int n = path.size();
    String first = n == 0 ? "" : path.get(0);
    switch (first) {
      case "subjects" -> {
        if (n == 1 && method.equals("GET")) {
          return strings(store.subjects());
        }
        String subject = n > 1 ? path.get(1) : null;
        if (n == 2 && method.equals("POST")) {
          return version(store.lookup(subject, schemaText(exchange)));
        }
        if (n == 3 && path.get(2).equals("versions")) {
          if (method.equals("GET")) {
            ArrayNode versions = JSON.createArrayNode();
            store.versions(subject).forEach(versions::add);
            return versions;
          }
          if (method.equals("POST")) {
            return JSON.createObjectNode().put("id", store.register(subject, schemaText(exchange)).id());
          }
        }
        if (n == 4 && path.get(2).equals("versions") && method.equals("GET")) {
          return version(store.version(subject, path.get(3)));
        }
      }
      case "schemas" -> {
        if (n == 3 && path.get(1).equals("ids") && method.equals("GET")) {
          return JSON.createObjectNode().put("schema", store.schemaById(parseId(path.get(2))));
        }
      }
      case "compatibility" -> {
        if (n == 5 && path.get(1).equals("subjects") && path.get(3).equals("versions") && method.equals("POST")) {
          boolean compatible = store.isCompatible(path.get(2), path.get(4), schemaText(exchange));
          return JSON.createObjectNode().put("is_compatible", compatible);
        }
      }
      case "config" -> {
        String subject = n == 2 ? path.get(1) : null;
        if (n <= 2 && method.equals("GET")) {
          return JSON.createObjectNode().put("compatibilityLevel", levelOf(subject, query).name());
        }
        if (n <= 2 && method.equals("PUT")) {
          JsonNode body = body(exchange);
          CompatibilityLevel level = store.setLevel(subject, body.path("compatibility").asText(null));
          return JSON.createObjectNode().put("compatibility", level.name());
        }
      }
      case "" -> {
        if (method.equals("GET")) {
          return JSON.createObjectNode();
        }
      }
      default -> { /* falls through to 404 below */ }
    }
    throw new HttpError(404, 404, "HTTP 404 Not Found: " + method + " /" + String.join("/", path));
  }

  private CompatibilityLevel levelOf(String subject, String query) {
    if (subject == null) {
      return store.globalLevel();
    }
    Optional<CompatibilityLevel> own = store.subjectLevel(subject);
    if (own.isPresent()) {
      return own.get();
    }
    if (query != null && query.contains("defaultToGlobal=true")) {
      return store.globalLevel();
    }
    throw new HttpError(404, SchemaRegistryException.SUBJECT_LEVEL_NOT_CONFIGURED, "Subject '" + subject + "' does not have subject-level compatibility configured");
  }

  private static String schemaText(HttpExchange exchange) throws IOException {
    JsonNode body = body(exchange);
    String type = body.path("schemaType").asText("AVRO");
    if (!type.equals("AVRO")) {
      throw new HttpError(422, SchemaRegistryException.INVALID_SCHEMA, "Only AVRO schemas are supported, not " + type);
    }
    JsonNode schema = body.get("schema");
    if (schema == null || !schema.isTextual()) {
      throw new HttpError(422, SchemaRegistryException.INVALID_SCHEMA, "Request body has no \"schema\" string");
    }
    return schema.asText();
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes;
    try (InputStream in = exchange.getRequestBody()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new HttpError(413, 413, "Request body larger than " + MAX_BODY + " bytes");
    }
    try {
      JsonNode node = JSON.readTree(bytes);
      if (node == null || !node.isObject()) {
        throw new HttpError(400, 400, "Request body must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new HttpError(400, 400, "Unrecognized JSON body: " + e.getOriginalMessage());
    } catch (CharConversionException e) { // Jackson's encoding detection gave up (e.g. "UCS-4" byte orders)
      throw new HttpError(400, 400, "Unrecognized JSON body: not JSON in UTF-8 (" + e.getMessage() + ")");
    }
  }

  private static ObjectNode version(SchemaStore.Version v) {
    return JSON.createObjectNode().put("subject", v.subject()).put("version", v.version())
        .put("id", v.id()).put("schema", v.schema());
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode array = JSON.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  private static int parseId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new HttpError(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema " + text + " not found");
    }
  }

  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        segments.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
      }
    }
    return segments;
  }

  private static ObjectNode error(int code, String message) {
    return JSON.createObjectNode().put("error_code", code).put("message", message);
  }

  /** SchemaRegistryException appends " (error code N)" for callers; the wire message goes without it. */
  private static String stripCode(String message) {
    int at = message.lastIndexOf(" (error code ");
    return at < 0 ? message : message.substring(0, at);
  }

  /** A failure of the request itself (route, body), before the store is asked. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final int code;

    HttpError(int status, int code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }
}
