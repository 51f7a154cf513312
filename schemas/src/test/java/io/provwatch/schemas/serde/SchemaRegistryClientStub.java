package io.provwatch.schemas.serde;

import io.provwatch.schemas.registry.CompatibilityLevel;
import io.provwatch.schemas.registry.SchemaMetadata;
import io.provwatch.schemas.registry.SchemaRegistryClient;
import org.apache.avro.Schema;

/** Hands out one fixed id for one schema, so that tests can check the header bytes by hand. */
final class SchemaRegistryClientStub implements SchemaRegistryClient {
  private final int id;
  private final Schema schema;
  String registeredSubject;

  SchemaRegistryClientStub(int id, Schema schema) {
    this.id = id;
    this.schema = schema;
  }

  @Override
  public int register(String subject, Schema s) {
    registeredSubject = subject;
    return id;
  }

  @Override
  public Schema getById(int requested) {
    return schema;
  }

  @Override
  public SchemaMetadata getLatest(String subject) {
    return new SchemaMetadata(subject, id, 1, schema);
  }

  @Override
  public SchemaMetadata lookup(String subject, Schema s) {
    return getLatest(subject);
  }

  @Override
  public boolean testCompatibility(String subject, Schema s) {
    return true;
  }

  @Override
  public CompatibilityLevel getCompatibility(String subject) {
    return CompatibilityLevel.BACKWARD;
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {}
}
