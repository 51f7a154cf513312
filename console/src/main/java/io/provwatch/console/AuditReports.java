package io.provwatch.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The replay reports ({@code audit-<run-id>.json} and {@code .html}, written by {@code provwatch replay
 * --report DIR}) in one directory: listed newest first with their summary, read by file name. Only
 * names of that form are ever opened.
 */
final class AuditReports {
  private static final Pattern REPORT = Pattern.compile("audit-[A-Za-z0-9._-]+\\.(json|html)");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;

  AuditReports(Path dir) {
    this.dir = dir;
  }

  /** {@code [{"file", "runId", "status", "from", "to", "counts"}]}, newest report first; a report that cannot be read says why. */
  ArrayNode list() throws IOException {
    ArrayNode list = JSON.createArrayNode();
    if (!Files.isDirectory(dir)) {
      return list;
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(dir)) {
      files = entries.filter(p -> p.getFileName().toString().endsWith(".json") && REPORT.matcher(p.getFileName().toString()).matches())
          .sorted(Comparator.comparing(AuditReports::modified).reversed()).toList();
    }
    for (Path file : files) {
      ObjectNode entry = list.addObject().put("file", file.getFileName().toString());
      try {
        JsonNode report = JSON.readTree(file.toFile());
        for (String field : List.of("runId", "status", "from", "to", "writtenAt")) {
          entry.set(field, report.path(field));
        }
        entry.set("counts", report.path("counts"));
      } catch (IOException e) {
        entry.put("error", "not readable as JSON: " + e.getMessage());
      }
    }
    return list;
  }

  /** The report file {@code name}, when the name is a report's and it exists here. */
  Optional<byte[]> read(String name) throws IOException {
    if (!REPORT.matcher(name).matches()) {
      return Optional.empty();
    }
    Path file = dir.resolve(name);
    return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
  }

  Path dir() {
    return dir;
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
