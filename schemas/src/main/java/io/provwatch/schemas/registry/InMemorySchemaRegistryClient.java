package io.provwatch.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * A registry held in memory, for {@code mock://<scope>} urls: unit tests and TopologyTestDriver runs
 * share one instance per scope, as Confluent's mock registry does. Checks BACKWARD compatibility
 * against the latest version, like the real default.
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
  private static final Map<String, InMemorySchemaRegistryClient> SCOPES = new ConcurrentHashMap<>();

  private final Map<Integer, Schema> byId = new HashMap<>();
  private final Map<Schema, Integer> idBySchema = new HashMap<>();
  private final Map<String, List<Schema>> versions = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
  private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

  /** The shared instance for a {@code mock://} scope. */
  public static InMemorySchemaRegistryClient forScope(String scope) {
    return SCOPES.computeIfAbsent(scope, s -> new InMemorySchemaRegistryClient());
  }

  /** Forgets a scope, so that the next test starts empty. */
  public static void dropScope(String scope) {
    SCOPES.remove(scope);
  }

  @Override
  public synchronized int register(String subject, Schema schema) {
    List<Schema> subjectVersions = versions.computeIfAbsent(subject, s -> new ArrayList<>());
    if (subjectVersions.contains(schema)) {
      return idBySchema.get(schema);
    }
    if (!subjectVersions.isEmpty() && !compatible(subject, schema)) {
      throw new SchemaRegistryException(
          SchemaRegistryException.INCOMPATIBLE_SCHEMA, 409,
          "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\"");
    }
    int id = idBySchema.computeIfAbsent(schema, s -> {
      int next = byId.size() + 1;
      byId.put(next, s);
      return next;
    });
    subjectVersions.add(schema);
    return id;
  }

  @Override
  public synchronized Schema getById(int id) {
    Schema schema = byId.get(id);
    if (schema == null) {
      throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, 404, "Schema " + id + " not found");
    }
    return schema;
  }

  @Override
  public synchronized SchemaMetadata getLatest(String subject) {
    List<Schema> subjectVersions = subjectVersions(subject);
    Schema latest = subjectVersions.get(subjectVersions.size() - 1);
    return new SchemaMetadata(subject, idBySchema.get(latest), subjectVersions.size(), latest);
  }

  @Override
  public synchronized SchemaMetadata lookup(String subject, Schema schema) {
    List<Schema> subjectVersions = subjectVersions(subject);
    int index = subjectVersions.indexOf(schema);
    if (index < 0) {
      throw new SchemaRegistryException(SchemaRegistryException.SCHEMA_NOT_FOUND, 404, "Schema not found");
    }
    return new SchemaMetadata(subject, idBySchema.get(schema), index + 1, schema);
  }

  @Override
  public synchronized boolean testCompatibility(String subject, Schema schema) {
    return !versions.containsKey(subject) || compatible(subject, schema);
  }

  @Override
  public synchronized CompatibilityLevel getCompatibility(String subject) {
    return subject == null ? globalLevel : subjectLevels.getOrDefault(subject, globalLevel);
  }

  @Override
  public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
    if (subject == null) {
      globalLevel = level;
    } else {
      subjectLevels.put(subject, level);
    }
  }

  private List<Schema> subjectVersions(String subject) {
    List<Schema> subjectVersions = versions.get(subject);
    if (subjectVersions == null || subjectVersions.isEmpty()) {
      throw new SchemaRegistryException(
          SchemaRegistryException.SUBJECT_NOT_FOUND, 404, "Subject '" + subject + "' not found.");
    }
    return subjectVersions;
  }

  private boolean compatible(String subject, Schema candidate) {
    return AvroCompatibility.isCompatible(getCompatibility(subject), candidate, versions.get(subject));
  }
}
