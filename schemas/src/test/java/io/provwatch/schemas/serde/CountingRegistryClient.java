package io.provwatch.schemas.serde;

import io.provwatch.schemas.registry.CompatibilityLevel;
import io.provwatch.schemas.registry.SchemaMetadata;
import io.provwatch.schemas.registry.SchemaRegistryClient;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;

/** Counts the calls that reach a registry, to prove what the serde caches. */
final class CountingRegistryClient implements SchemaRegistryClient {
  final SchemaRegistryClient delegate;
  final AtomicInteger registers = new AtomicInteger();
  final AtomicInteger lookups = new AtomicInteger();
  final AtomicInteger byIds = new AtomicInteger();
  final AtomicInteger latests = new AtomicInteger();

  CountingRegistryClient(SchemaRegistryClient delegate) {
    this.delegate = delegate;
  }

  @Override
  public int register(String subject, Schema schema) {
    registers.incrementAndGet();
    return delegate.register(subject, schema);
  }

  @Override
  public Schema getById(int id) {
    byIds.incrementAndGet();
    return delegate.getById(id);
  }

  @Override
  public SchemaMetadata getLatest(String subject) {
    latests.incrementAndGet();
    return delegate.getLatest(subject);
  }

  @Override
  public SchemaMetadata lookup(String subject, Schema schema) {
    lookups.incrementAndGet();
    return delegate.lookup(subject, schema);
  }

  @Override
  public boolean testCompatibility(String subject, Schema schema) {
    return delegate.testCompatibility(subject, schema);
  }

  @Override
  public CompatibilityLevel getCompatibility(String subject) {
    return delegate.getCompatibility(subject);
  }

  @Override
  public void setCompatibility(String subject, CompatibilityLevel level) {
    delegate.setCompatibility(subject, level);
  }
}
