package io.provwatch.platform.registry;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.platform.testing.RecordedExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Set;

/**
 * The embedded registry's request parsing and routing (path, query, JSON body, the Avro schema in
 * it) on hostile requests. Property: every request gets an answer with a status the registry
 * documents and a JSON error body ({@code error_code}, {@code message}) when it is not 200; a 500
 * (an unchecked exception caught as the last resort) is a finding. The store is in memory and
 * shared between inputs, so registered subjects accumulate as they would in a running registry.
 */
class RegistryHttpHandlerFuzzTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RegistryHttpHandler HANDLER = new RegistryHttpHandler(new SchemaStore(SchemaStoreLog.NONE));
  private static final String[] METHODS = {"GET", "POST", "PUT", "DELETE"};
  private static final String[] PATHS = {"/subjects", "/subjects/s/versions", "/subjects/s", "/subjects/s/versions/latest",
      "/subjects/s/versions/1", "/schemas/ids/1", "/compatibility/subjects/s/versions/latest", "/config", "/config/s", "/"};
  private static final Set<Integer> DOCUMENTED = Set.of(200, 400, 404, 409, 413, 422);

  @DictionaryEntries({"\"schema\"", "\"schemaType\"", "\"AVRO\"", "\"compatibility\"", "\"BACKWARD\"", "\"NONE\"", "\"type\"",
      "\"record\"", "\"name\"", "\"fields\"", "\"string\"", "\"array\"", "\"items\"", "\"map\"", "\"values\"", "\"enum\"",
      "\"symbols\"", "\"union\"", "\"default\"", "\"namespace\"", "\"fixed\"", "\"size\"", "\\\"", "defaultToGlobal=true"})
  @FuzzTest(maxDuration = FuzzBudget.PER_TARGET)
  void handle(FuzzedDataProvider data) throws IOException {
    String method = data.pickValue(METHODS);
    // a request line's target is an absolute path: one leading slash (more would read as an authority)
    String path = data.consumeBoolean() ? data.pickValue(PATHS) : "/" + data.consumeString(80).replaceFirst("^/+", "");
    String query = data.consumeBoolean() ? data.consumeString(30) : null;
    URI uri;
    try {
      uri = new URI(null, null, path, query, null);
    } catch (URISyntaxException notARequestLine) {
      return; // the JDK server never hands the handler such a request
    }
    RecordedExchange exchange = new RecordedExchange(method, uri, Map.of("Content-Type", RegistryHttpHandler.CONTENT_TYPE),
        data.consumeRemainingAsBytes());

    HANDLER.handle(exchange);

    if (!DOCUMENTED.contains(exchange.status())) {
      throw new AssertionError("status " + exchange.status() + " for " + method + " " + uri + ": " + new String(exchange.responseBody()));
    }
    JsonNode reply = JSON.readTree(exchange.responseBody());
    if (exchange.status() != 200 && (!reply.path("error_code").isInt() || reply.path("message").asText("").isBlank())) {
      throw new AssertionError("error without error_code and message: " + reply);
    }
  }
}
