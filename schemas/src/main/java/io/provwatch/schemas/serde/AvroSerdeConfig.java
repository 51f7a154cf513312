package io.provwatch.schemas.serde;

import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.types.Password;

/**
 * Serde settings, under Confluent's own names so that a user's existing client config carries over.
 */
public final class AvroSerdeConfig extends AbstractConfig {
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String BASIC_AUTH_CREDENTIALS_SOURCE = "basic.auth.credentials.source";
  public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(SCHEMA_REGISTRY_URL, Type.LIST, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
          "Comma-separated registry urls (http://host:port[/path]); 'mock://<scope>' for an in-memory registry in tests.")
      .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
          "Register the writer's schema on first use. Turn off in production where schemas are registered by CI.")
      .define(USE_LATEST_VERSION, Type.BOOLEAN, false, Importance.MEDIUM,
          "Serialize with the latest registered version of the subject instead of the record's own schema.")
      .define(BASIC_AUTH_CREDENTIALS_SOURCE, Type.STRING, "USER_INFO",
          ConfigDef.ValidString.in("USER_INFO", "URL"), Importance.MEDIUM,
          "Where basic-auth credentials come from: USER_INFO (basic.auth.user.info) or URL (user:pass@host).")
      .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
          "Basic-auth credentials 'user:password' for the registry. Never logged.")
      .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, false, Importance.LOW,
          "For a deserializer made without a target class: read into the generated class the writer's schema names (true) or GenericRecord (false). Serdes made for a class always read that class.")
      .define(REQUEST_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
          "Timeout of one registry HTTP request.");

  public AvroSerdeConfig(Map<?, ?> props) {
    super(CONFIG_DEF, props, false);
  }

  public String basicAuthUserInfo() {
    Password password = getPassword(BASIC_AUTH_USER_INFO);
    return password == null ? null : password.value();
  }
}
