package io.provwatch.schemas.registry;

import org.apache.avro.Schema;

/** A schema as registered under a subject: its global id, its version in the subject, and the schema. */
public record SchemaMetadata(String subject, int id, int version, Schema schema) {}
