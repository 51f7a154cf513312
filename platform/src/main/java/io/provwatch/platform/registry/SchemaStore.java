package io.provwatch.platform.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.provwatch.schemas.registry.AvroCompatibility;
import io.provwatch.schemas.registry.CompatibilityLevel;
import io.provwatch.schemas.registry.SchemaRegistryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * The state of the in-process registry: schemas by global id, the versions of each subject, and the
 * compatibility levels. Knows nothing of HTTP or Kafka; every change is first appended to a
 * {@link SchemaStoreLog} and applied only once that returned, and {@link #apply} replays the log.
 *
 * <p>Ids are global, as in Confluent's registry: the same schema text (after Avro's normalisation)
 * gets the same id under every subject. Records use Confluent's {@code _schemas} layout (JSON keys
 * with {@code keytype} SCHEMA or CONFIG), so the topic reads like Confluent's.
 *
 * <p>Single writer: this process assumes it is the only one appending to the log. Two registries on
 * one topic would hand out the same id twice.
 */
public final class SchemaStore {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One version of a subject. {@code schema} is the normalised text. */
  public record Version(String subject, int version, int id, String schema) {}

  private final SchemaStoreLog log;
  private final Map<Integer, String> schemaById = new HashMap<>();
  private final Map<String, Integer> idBySchema = new HashMap<>();
  private final Map<Integer, Schema> parsedById = new HashMap<>();
  private final Map<String, TreeMap<Integer, Integer>> versionsBySubject = new TreeMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

  public SchemaStore(SchemaStoreLog log) {
    this.log = log;
  }

  /**
   * Registers a schema under a subject, or returns the existing version when the subject already has
   * it. 42201 if the text is not an Avro schema, 409 if the subject's compatibility level rejects it.
   */
  public synchronized Version register(String subject, String schemaText) {
    Schema schema = parse(schemaText);
    String normalised = schema.toString();
    Optional<Version> existing = find(subject, normalised);
    if (existing.isPresent()) {
      return existing.get();
    }
    List<Schema> earlier = schemasOf(subject);
    if (!AvroCompatibility.isCompatible(level(subject), schema, earlier)) {
      throw new SchemaRegistryException(SchemaRegistryException.INCOMPATIBLE_SCHEMA, 409,
          "Schema being registered is incompatible with an earlier schema for subject \"" + subject
              + "\" under compatibility level " + level(subject));
    }
    Integer known = idBySchema.get(normalised);
    int id = known != null ? known : schemaById.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
    int version = versions == null || versions.isEmpty() ? 1 : versions.lastKey() + 1;
    Version registered = new Version(subject, version, id, normalised);
    String key = schemaKey(subject, version);
    String value = json(JSON.createObjectNode()
        .put("subject", subject).put("version", version).put("id", id)
        .put("schema", normalised).put("deleted", false));
    append(key, value);
    apply(key, value);
    return registered;
  }

  /** The schema text with a global id; 40403 if there is none. */
  public synchronized String schemaById(int id) {
    String schema = schemaById.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, 404, "Schema " + id + " not found");
    }
    return schema;
  }

  public synchronized List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    versionsBySubject.forEach((subject, versions) -> {
      if (!versions.isEmpty()) {
        subjects.add(subject);
      }
    });
    return subjects;
  }

  /** The version numbers of a subject, oldest first; 40401 if it has none. */
  public synchronized List<Integer> versions(String subject) {
    return new ArrayList<>(versionsOf(subject).keySet());
  }

  /** A version of a subject by number or {@code latest}; 40401, 40402, or 42202 for a bad version. */
  public synchronized Version version(String subject, String versionSpec) {
    TreeMap<Integer, Integer> versions = versionsOf(subject);
    int version = parseVersion(versionSpec, versions);
    Integer id = versions.get(version);
    if (id == null) {
      throw new SchemaRegistryException(SchemaRegistryException.VERSION_NOT_FOUND, 404,
          "Version " + versionSpec + " not found.");
    }
    return new Version(subject, version, id, schemaById.get(id));
  }

  /** The version of a subject holding this schema; 40401 for an unknown subject, 40403 if absent. */
  public synchronized Version lookup(String subject, String schemaText) {
    versionsOf(subject);
    String normalised = parse(schemaText).toString();
    return find(subject, normalised).orElseThrow(() -> new SchemaRegistryException(
        SchemaRegistryException.SCHEMA_NOT_FOUND, 404, "Schema not found"));
  }

  /**
   * Whether the schema could follow the given version ({@code latest}: all that the subject's level
   * compares with). A subject without versions accepts anything when asked about {@code latest}, as
   * Confluent 7 does; a numbered version of it is 40401.
   */
  public synchronized boolean isCompatible(String subject, String versionSpec, String schemaText) {
    Schema candidate = parse(schemaText);
    TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
    if ((versions == null || versions.isEmpty()) && "latest".equals(versionSpec)) {
      return true;
    }
    if ("latest".equals(versionSpec)) {
      return AvroCompatibility.isCompatible(level(subject), candidate, schemasOf(subject));
    }
    Version against = version(subject, versionSpec);
    return AvroCompatibility.isCompatible(level(subject), candidate, List.of(parsedById.get(against.id())));
  }

  public synchronized CompatibilityLevel globalLevel() {
    return globalLevel;
  }

  /** The level set on the subject itself, if any. */
  public synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
    return Optional.ofNullable(subjectLevels.get(subject));
  }

  /** The level that applies to a subject: its own, or the global one. */
  public synchronized CompatibilityLevel level(String subject) {
    return subjectLevels.getOrDefault(subject, globalLevel);
  }

  /** Sets the level of a subject, or the global one when {@code subject} is null; 42203 for an unknown level. */
  public synchronized CompatibilityLevel setLevel(String subject, String levelName) {
    CompatibilityLevel level = parseLevel(levelName);
    ObjectNode key = JSON.createObjectNode().put("keytype", "CONFIG");
    if (subject == null) {
      key.putNull("subject");
    } else {
      key.put("subject", subject);
    }
    key.put("magic", 0);
    String keyText = json(key);
    String value = json(JSON.createObjectNode().put("compatibilityLevel", level.name()));
    append(keyText, value);
    apply(keyText, value);
    return level;
  }

  /**
   * Applies one record of the log: on start-up for every record of the topic, and after each append
   * of this process. Records of kinds it does not know (Confluent's NOOP, modes) are skipped.
   */
  public synchronized void apply(String key, String value) {
    JsonNode k = read(key);
    String keytype = k.path("keytype").asText("");
    switch (keytype) {
      case "SCHEMA" -> applySchema(k, value);
      case "CONFIG" -> applyConfig(k, value);
      default -> { /* not ours */ }
    }
  }

  private void applySchema(JsonNode key, String value) {
    String subject = key.path("subject").asText();
    int version = key.path("version").asInt();
    JsonNode v = value == null ? null : read(value);
    if (v == null || v.path("deleted").asBoolean(false)) {
      TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
      if (versions != null) {
        versions.remove(version);
      }
      return;
    }
    int id = v.path("id").asInt();
    String schemaText = v.path("schema").asText();
    Schema schema = parse(schemaText);
    String normalised = schema.toString();
    schemaById.put(id, normalised);
    parsedById.put(id, schema);
    idBySchema.putIfAbsent(normalised, id);
    versionsBySubject.computeIfAbsent(subject, s -> new TreeMap<>()).put(version, id);
  }

  private void applyConfig(JsonNode key, String value) {
    JsonNode subjectNode = key.get("subject");
    String subject = subjectNode == null || subjectNode.isNull() ? null : subjectNode.asText();
    if (value == null) {
      if (subject != null) {
        subjectLevels.remove(subject);
      }
      return;
    }
    CompatibilityLevel level = parseLevel(read(value).path("compatibilityLevel").asText());
    if (subject == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private Optional<Version> find(String subject, String normalised) {
    TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
    if (versions == null) {
      return Optional.empty();
    }
    for (Map.Entry<Integer, Integer> e : versions.entrySet()) {
      if (schemaById.get(e.getValue()).equals(normalised)) {
        return Optional.of(new Version(subject, e.getKey(), e.getValue(), normalised));
      }
    }
    return Optional.empty();
  }

  private List<Schema> schemasOf(String subject) {
    TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
    List<Schema> schemas = new ArrayList<>();
    if (versions != null) {
      versions.values().forEach(id -> schemas.add(parsedById.get(id)));
    }
    return schemas;
  }

  private TreeMap<Integer, Integer> versionsOf(String subject) {
    TreeMap<Integer, Integer> versions = versionsBySubject.get(subject);
    if (versions == null || versions.isEmpty()) {
      throw new SchemaRegistryException(SchemaRegistryException.SUBJECT_NOT_FOUND, 404,
          "Subject '" + subject + "' not found.");
    }
    return versions;
  }

  private static int parseVersion(String versionSpec, TreeMap<Integer, Integer> versions) {
    if ("latest".equals(versionSpec) || "-1".equals(versionSpec)) {
      return versions.lastKey();
    }
    try {
      int version = Integer.parseInt(versionSpec);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // falls through to the error below
    }
    throw new SchemaRegistryException(SchemaRegistryException.INVALID_VERSION, 422,
        "The specified version '" + versionSpec + "' is not a valid version id. "
            + "Allowed values are between [1, 2^31-1] and the string \"latest\"");
  }

  private static CompatibilityLevel parseLevel(String name) {
    if (name != null) {
      try {
        return CompatibilityLevel.valueOf(name.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        // falls through to the error below
      }
    }
    throw new SchemaRegistryException(SchemaRegistryException.INVALID_COMPATIBILITY_LEVEL, 422,
        "Invalid compatibility level '" + name + "'. Valid values are none, backward, forward, full, "
            + "backward_transitive, forward_transitive, and full_transitive");
  }

  static Schema parse(String schemaText) {
    if (schemaText == null || schemaText.isBlank()) {
      throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, 422, "Empty schema");
    }
    try {
      return new Schema.Parser().parse(schemaText);
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw new SchemaRegistryException(SchemaRegistryException.INVALID_SCHEMA, 422,
          "Invalid schema: " + e.getMessage(), e);
    }
  }

  private void append(String key, String value) {
    try {
      log.append(key, value);
    } catch (RuntimeException e) {
      throw new SchemaRegistryException(SchemaRegistryException.BACKEND_STORE_ERROR, 500,
          "Could not store the change in the schema log: " + e.getMessage(), e);
    }
  }

  private static String schemaKey(String subject, int version) {
    return json(JSON.createObjectNode().put("keytype", "SCHEMA").put("subject", subject)
        .put("version", version).put("magic", 1));
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static String json(JsonNode node) {
    return node.toString();
  }
}
