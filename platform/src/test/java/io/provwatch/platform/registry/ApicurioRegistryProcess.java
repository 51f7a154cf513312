package io.provwatch.platform.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Apicurio Registry (unpacked by the build into {@code target/apicurio-<version>}) as a child JVM on
 * 127.0.0.1 and a free port, with its default in-memory H2 storage. Ready once {@code /health/ready}
 * answers 200; killed by {@link #close()} and, should the test JVM end first, by a shutdown hook.
 */
final class ApicurioRegistryProcess implements AutoCloseable {
  static final String HOME_PROPERTY = "apicurio.home";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private final Process process;
  private final Thread killer;
  private final int port;
  private final Path logFile;
  private final Duration startTime;

  private ApicurioRegistryProcess(Process process, Thread killer, int port, Path logFile, Duration startTime) {
    this.process = process;
    this.killer = killer;
    this.port = port;
    this.logFile = logFile;
    this.startTime = startTime;
  }

  static ApicurioRegistryProcess start() throws IOException, InterruptedException {
    String home = System.getProperty(HOME_PROPERTY);
    if (home == null) {
      throw new IllegalStateException("System property " + HOME_PROPERTY + " is not set: run through failsafe (mvn verify)");
    }
    Path runner = findRunner(Paths.get(home));
    int port = freePort();
    Path logFile = Paths.get(home).resolveSibling("apicurio-" + port + ".log");
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dquarkus.http.host=127.0.0.1",
        "-Dquarkus.http.port=" + port,
        "-Dquarkus.management.enabled=false",
        "-Dquarkus.log.level=WARN",
        "-jar", runner.toString()));
    long begin = System.nanoTime();
    Process process = new ProcessBuilder(command)
        .directory(runner.getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(logFile.toFile())
        .start();
    Thread killer = new Thread(process::destroyForcibly, "apicurio-killer");
    Runtime.getRuntime().addShutdownHook(killer);
    ApicurioRegistryProcess started;
    try {
      awaitReady(process, port, logFile);
      started = new ApicurioRegistryProcess(process, killer, port, logFile, Duration.ofNanos(System.nanoTime() - begin));
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.destroyForcibly();
      Runtime.getRuntime().removeShutdownHook(killer);
      throw e;
    }
    System.out.printf("Apicurio Registry ready on port %d in %d ms (log %s)%n", port, started.startTime.toMillis(), logFile);
    return started;
  }

  /** The Confluent-compatible API. */
  String ccompatUrl() {
    return "http://127.0.0.1:" + port + "/apis/ccompat/v7";
  }

  Duration startTime() {
    return startTime;
  }

  Path logFile() {
    return logFile;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(15, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killer);
    } catch (IllegalStateException e) {
      // already shutting down: the hook runs anyway
    }
  }

  private static Path findRunner(Path home) throws IOException {
    if (!Files.isDirectory(home)) {
      throw new IllegalStateException("Apicurio is not unpacked at " + home
          + " (the maven-dependency-plugin unpack-apicurio execution runs in pre-integration-test)");
    }
    try (Stream<Path> files = Files.list(home)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
          .orElseThrow(() -> new IllegalStateException("No *-runner.jar in " + home));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitReady(Process process, int port, Path logFile) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Apicurio exited with " + process.exitValue() + " before it was ready; see " + logFile);
      }
      try {
        if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("Apicurio not ready within " + START_TIMEOUT + "; see " + logFile);
  }
}
