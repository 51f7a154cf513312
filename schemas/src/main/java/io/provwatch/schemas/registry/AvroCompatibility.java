package io.provwatch.schemas.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Compatibility rules of the Confluent registry, decided by Avro's own {@link SchemaCompatibility}.
 * Shared by the in-memory client and the in-process registry so that both judge alike.
 */
public final class AvroCompatibility {
  private AvroCompatibility() {}

  /**
   * Whether {@code candidate} may follow {@code existing} (oldest first) under {@code level}.
   * Non-transitive levels compare with the latest version only.
   */
  public static boolean isCompatible(CompatibilityLevel level, Schema candidate, List<Schema> existing) {
    if (level == CompatibilityLevel.NONE || existing.isEmpty()) {
      return true;
    }
    List<Schema> against = switch (level) {
      case BACKWARD_TRANSITIVE, FORWARD_TRANSITIVE, FULL_TRANSITIVE -> existing;
      default -> List.of(existing.get(existing.size() - 1));
    };
    for (Schema old : against) {
      boolean ok = switch (level) {
        case BACKWARD, BACKWARD_TRANSITIVE -> canRead(candidate, old);
        case FORWARD, FORWARD_TRANSITIVE -> canRead(old, candidate);
        case FULL, FULL_TRANSITIVE -> canRead(candidate, old) && canRead(old, candidate);
        case NONE -> true;
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean canRead(Schema reader, Schema writer) {
    return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType()
        == SchemaCompatibilityType.COMPATIBLE;
  }
}
