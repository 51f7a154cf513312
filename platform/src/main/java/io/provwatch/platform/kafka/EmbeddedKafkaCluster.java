package io.provwatch.platform.kafka;

import io.provwatch.platform.PlatformStartupException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several real Kafka nodes in this JVM, each a combined KRaft broker and controller, together one
 * cluster with a static controller quorum of all of them: with three, the cluster and its quorum
 * survive one node down, internal topics have 3 replicas and {@code min.insync.replicas} is 2.
 * For tests of failures (a node stopped and started again on the same log directory and ports); the
 * demo runs the single {@link EmbeddedKafkaBroker}.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  /** How long {@link #close} waits for the nodes to stop. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(60);

  private final Path root;
  private final String bindAddress;
  private final String clusterId;
  private final int[] clientPorts;
  private final int[] controllerPorts;
  private final KafkaRaftServer[] servers;

  private EmbeddedKafkaCluster(Path root, String bindAddress, int nodes) {
    this.root = root;
    this.bindAddress = bindAddress;
    this.clusterId = Uuid.randomUuid().toString();
    int[] ports = EmbeddedKafkaBroker.freePorts(bindAddress, 2 * nodes);
    this.clientPorts = IntStream.range(0, nodes).map(i -> ports[2 * i]).toArray();
    this.controllerPorts = IntStream.range(0, nodes).map(i -> ports[2 * i + 1]).toArray();
    this.servers = new KafkaRaftServer[nodes];
  }

  /**
   * Formats and starts {@code nodes} nodes (ids 1..nodes, data under {@code root/node-<id>}) on free
   * ports and waits until every one answers. Nodes start together: none is ready before a majority of the quorum is up.
   */
  public static EmbeddedKafkaCluster start(Path root, String bindAddress, int nodes) {
    if (nodes < 1) {
      throw new IllegalArgumentException("a cluster needs at least one node");
    }
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(root, bindAddress, nodes);
    try {
      CompletableFuture.allOf(IntStream.rangeClosed(1, nodes)
          .mapToObj(id -> CompletableFuture.runAsync(() -> cluster.startNode(id)))
          .toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      cluster.close();
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw cause instanceof PlatformStartupException p ? p : new PlatformStartupException("Embedded Kafka cluster failed to start: " + cause.getMessage(), cause);
    }
    LOG.info("Embedded Kafka cluster of {} nodes ready on {}", nodes, cluster.bootstrapServers());
    return cluster;
  }

  /** {@code host:port} of every node's client listener. */
  public String bootstrapServers() {
    return IntStream.range(0, servers.length).mapToObj(i -> address(clientPorts[i])).collect(Collectors.joining(","));
  }

  public int size() {
    return servers.length;
  }

  /** Whether node {@code nodeId} (1..size) runs. */
  public synchronized boolean isRunning(int nodeId) {
    return servers[nodeId - 1] != null;
  }

  /**
   * Stops node {@code nodeId}, broker and controller, as its own shutdown does it (the JVM lives on,
   * so this is the closest an in-process node comes to a crash). Its data stays for {@link #startNode}.
   */
  public void stopNode(int nodeId) {
    KafkaRaftServer server;
    synchronized (this) {
      server = servers[nodeId - 1];
      servers[nodeId - 1] = null;
    }
    if (server != null) {
      EmbeddedKafkaBroker.shutdownQuietly(server);
      LOG.info("Embedded Kafka node {} stopped", nodeId);
    }
  }

  /** Starts node {@code nodeId} on its log directory and ports (formatting them on the first start) and waits until it answers. */
  public void startNode(int nodeId) {
    synchronized (this) {
      if (servers[nodeId - 1] != null) {
        return;
      }
    }
    Path logDir = root.resolve("node-" + nodeId);
    Properties props = EmbeddedKafkaBroker.nodeProperties(nodeId, voters(), logDir, bindAddress,
        clientPorts[nodeId - 1], controllerPorts[nodeId - 1], servers.length);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    EmbeddedKafkaBroker.format(logDir, nodeId, clusterId, List.of());
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    synchronized (this) {
      servers[nodeId - 1] = server;
    }
    String bootstrap = address(clientPorts[nodeId - 1]);
    try {
      server.startup();
      EmbeddedKafkaBroker.awaitReady(bootstrap, Map.of());
    } catch (RuntimeException e) {
      stopNode(nodeId);
      throw new PlatformStartupException("Embedded Kafka node " + nodeId + " failed to start on " + bootstrap + ": "
          + EmbeddedKafkaBroker.rootMessage(e), e);
    }
    LOG.info("Embedded Kafka node {} ready on {}", nodeId, bootstrap);
  }

  @Override
  public void close() {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (int id = 1; id <= servers.length; id++) {
      int node = id;
      stops.add(CompletableFuture.runAsync(() -> stopNode(node)));
    }
    // together: a node waiting for a quorum that the others already left would wait long (its broker's
    // controlled shutdown waits up to 5 minutes for an approval no controller can give); past a minute the
    // rest finishes on daemon threads, so a test run does not pay for it
    try {
      CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).get(CLOSE_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      LOG.warn("Embedded Kafka cluster: a node still shutting down after {} s (waiting for a controller quorum); left to finish", CLOSE_WAIT.toSeconds());
    } catch (ExecutionException e) {
      LOG.warn("Embedded Kafka cluster: a node failed to shut down: {}", e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String voters() {
    return IntStream.range(0, servers.length).mapToObj(i -> (i + 1) + "@" + address(controllerPorts[i])).collect(Collectors.joining(","));
  }

  private String address(int port) {
    return EmbeddedKafkaBroker.hostForUrl(bindAddress) + ":" + port;
  }
}
