package io.provwatch.app;

import io.provwatch.app.aitext.DataException;
import io.provwatch.platform.PlatformStartupException;
import io.provwatch.schemas.registry.SchemaRegistryException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line on stderr and an exit code; the stack trace only with
 * {@code PROVWATCH_DEBUG=1}. A user sees what went wrong and which setting to change.
 */
final class CliErrors implements IExecutionExceptionHandler {
  static final int CONFIG_ERROR = 2;
  static final int STARTUP_ERROR = 3;
  static final int RUNTIME_ERROR = 1;
  /** The command ran to its end but could not account for all its input (an incomplete audit replay). */
  static final int INCOMPLETE = 4;

  @Override
  public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
    var err = commandLine.getErr();
    int code;
    String prefix;
    if (ex instanceof ConfigException) {
      prefix = "configuration error: ";
      code = CONFIG_ERROR;
    } else if (ex instanceof DataException) {
      prefix = "data error: ";
      code = CONFIG_ERROR;
    } else if (ex instanceof PlatformStartupException) {
      prefix = "cannot start: ";
      code = STARTUP_ERROR;
    } else if (ex instanceof SchemaRegistryException) {
      prefix = "schema registry error: ";
      code = RUNTIME_ERROR;
    } else if (ex instanceof KafkaException) {
      prefix = "kafka error: ";
      code = RUNTIME_ERROR;
    } else {
      prefix = "error: ";
      code = RUNTIME_ERROR;
    }
    err.println(commandLine.getColorScheme().errorText("provwatch: " + prefix + message(ex)));
    if ("1".equals(System.getenv("PROVWATCH_DEBUG"))) {
      ex.printStackTrace(err);
    } else {
      err.println("(set PROVWATCH_DEBUG=1 for the stack trace)");
    }
    err.flush();
    return code;
  }

  static String message(Throwable ex) {
    String message = ex.getMessage();
    Throwable cause = ex.getCause();
    if ((message == null || message.isBlank()) && cause != null) {
      return message(cause);
    }
    return message == null ? ex.getClass().getSimpleName() : message;
  }
}
