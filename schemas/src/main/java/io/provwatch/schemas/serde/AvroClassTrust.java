package io.provwatch.schemas.serde;

import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Avro 1.12 refuses to load classes named in schemas unless they are trusted, and that includes
 * provwatch's own generated classes: reading a specific record, or building a {@code Post} whose
 * {@code media} default is resolved, fails with "Forbidden io.provwatch.avro.Media!". This adds
 * {@code io.provwatch.avro} to the trusted classes, keeping whatever was trusted before.
 *
 * <p>The serializer and deserializer call it when loaded; a program that builds records before it
 * touches a serde calls it first (or sets {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=io.provwatch.avro}).
 */
public final class AvroClassTrust {
  static final String GENERATED_PACKAGE = "io.provwatch.avro.";
  private static boolean installed;

  private AvroClassTrust() {}

  public static synchronized void trustProvwatchClasses() {
    if (installed) {
      return;
    }
    ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
    ClassSecurityPredicate provwatch = type -> type.getName().startsWith(GENERATED_PACKAGE);
    ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, provwatch));
    installed = true;
  }
}
