package io.provwatch.platform.kafka;

import io.provwatch.platform.PlatformStartupException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) inside this JVM.
 *
 * <p>Storage is formatted on first start only, so topics, offsets and committed transactions survive
 * a restart on the same log directory. Any start failure shuts down what was started and surfaces as
 * a {@link PlatformStartupException} naming the cause, e.g. a port already in use.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path logDir;

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers, Path logDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.logDir = logDir;
  }

  /**
   * Formats {@code logDir} if it is new, starts the broker and waits until it answers.
   *
   * @param port client listener port, 0 for a free one
   * @param controllerPort KRaft controller listener port, 0 for a free one
   * @param overrides extra broker settings, applied last
   */
  public static EmbeddedKafkaBroker start(Path logDir, String bindAddress, int port, int controllerPort,
      Map<String, String> overrides) {
    return start(logDir, bindAddress, port, controllerPort, overrides, null);
  }

  /**
   * A client listener that speaks TLS and asks every client for SCRAM-SHA-512 credentials
   * ({@code SASL_SSL}); the broker talks to itself over it as {@code brokerUser}. Users are created
   * when the storage is formatted (first start): later starts on the same directory keep those of
   * the first. The KRaft controller listener stays plain: bind it to loopback.
   *
   * @param keyStore PKCS#12 key store with the broker's key and certificate chain
   * @param trustStorePem the CA certificate(s) of that chain, PEM: the broker checks with them that its own listener can be reached
   * @param users SCRAM-SHA-512 user name to password (letters, digits, {@code -_.} only); {@code brokerUser} among them
   * @param authorizer with ACLs enforced (KRaft's StandardAuthorizer): only {@code brokerUser} is a
   *     super user, everyone else needs ACLs; without, any authenticated user may do anything
   */
  public record SaslSsl(Path keyStore, String keyStorePassword, Path trustStorePem, String brokerUser, Map<String, String> users, boolean authorizer) {
    public SaslSsl {
      users = Map.copyOf(users);
      if (!users.containsKey(brokerUser)) {
        throw new IllegalArgumentException("the broker's own user '" + brokerUser + "' needs a password in users");
      }
      users.forEach((name, password) -> {
        if (!name.matches("[A-Za-z0-9_.-]+") || !password.matches("[A-Za-z0-9_.-]+")) {
          throw new IllegalArgumentException("SCRAM user '" + name + "': names and passwords of letters, digits, '-', '_', '.' only");
        }
      });
    }

    /** What a client of {@code user} sets (under {@code kafka.} in provwatch's config), trusting {@code trustStorePem}. */
    public static Map<String, String> clientProperties(String user, String password, Path trustStorePem) {
      return Map.of(
          "security.protocol", "SASL_SSL",
          "sasl.mechanism", MECHANISM,
          "sasl.jaas.config", jaas(user, password),
          "ssl.truststore.type", "PEM",
          "ssl.truststore.location", trustStorePem.toAbsolutePath().toString());
    }

    private Map<String, Object> brokerClientProperties() {
      Map<String, Object> props = new java.util.HashMap<>();
      props.put("security.protocol", "SASL_SSL");
      props.put("sasl.mechanism", MECHANISM);
      props.put("sasl.jaas.config", jaas(brokerUser, users.get(brokerUser)));
      props.put("ssl.truststore.type", "PEM");
      props.put("ssl.truststore.location", trustStorePem.toAbsolutePath().toString());
      return props;
    }
  }

  static final String MECHANISM = "SCRAM-SHA-512";

  private static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
  }

  /** As {@link #start(Path, String, int, int, Map)}, with a {@code SASL_SSL} client listener when {@code saslSsl} is given. */
  public static EmbeddedKafkaBroker start(Path logDir, String bindAddress, int port, int controllerPort,
      Map<String, String> overrides, SaslSsl saslSsl) {
    int[] free = freePorts(bindAddress, 2);
    int clientPort = port == 0 ? free[0] : checkPortFree(bindAddress, port, "Kafka");
    int quorumPort = controllerPort == 0 ? free[1] : checkPortFree(bindAddress, controllerPort, "Kafka controller");
    String host = hostForUrl(bindAddress);
    Properties props = nodeProperties(NODE_ID, NODE_ID + "@" + host + ":" + quorumPort, logDir, bindAddress, clientPort, quorumPort, 1);
    if (saslSsl != null) {
      secure(props, bindAddress, clientPort, saslSsl);
    }
    overrides.forEach(props::setProperty);
    KafkaConfig config;
    try {
      config = KafkaConfig.fromProps(props, false);
    } catch (RuntimeException e) {
      throw new PlatformStartupException("Invalid embedded broker setting: " + e.getMessage(), e);
    }
    format(logDir, NODE_ID, Uuid.randomUuid().toString(), saslSsl == null ? List.of() : saslSsl.users().entrySet().stream()
        .map(u -> MECHANISM + "=[name=" + u.getKey() + ",password=" + u.getValue() + "]").toList());
    String bootstrap = hostForUrl(bindAddress) + ":" + clientPort;
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      server.startup();
      awaitReady(bootstrap, saslSsl == null ? Map.of() : saslSsl.brokerClientProperties());
    } catch (RuntimeException e) {
      shutdownQuietly(server);
      throw new PlatformStartupException("Embedded Kafka broker failed to start on " + bootstrap + ": " + rootMessage(e), e);
    }
    LOG.info("Embedded Kafka broker ready on {} (data in {})", bootstrap, logDir);
    return new EmbeddedKafkaBroker(server, bootstrap, logDir);
  }

  /** {@code host:port} of the client listener. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  public Path logDir() {
    return logDir;
  }

  @Override
  public void close() {
    shutdownQuietly(server);
    LOG.info("Embedded Kafka broker on {} stopped", bootstrapServers);
  }

  /**
   * Settings of one combined broker and controller node.
   *
   * @param voters the KRaft controller quorum, {@code id@host:port,...}
   * @param replicas nodes of the cluster: replication factor of the internal topics and the default
   *     of new ones; with 3 or more, {@code min.insync.replicas} 2 so that an acknowledged write survives one node
   */
  static Properties nodeProperties(int nodeId, String voters, Path logDir, String bindAddress, int clientPort, int controllerPort, int replicas) {
    String host = hostForUrl(bindAddress);
    String rf = Integer.toString(Math.min(replicas, 3));
    String minIsr = replicas >= 3 ? "2" : "1";
    Properties p = new Properties();
    p.setProperty("process.roles", "broker,controller");
    p.setProperty("node.id", Integer.toString(nodeId));
    p.setProperty("controller.quorum.voters", voters);
    p.setProperty("listeners", "PLAINTEXT://" + host + ":" + clientPort + ",CONTROLLER://" + host + ":" + controllerPort);
    p.setProperty("advertised.listeners", "PLAINTEXT://" + host + ":" + clientPort);
    p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.setProperty("controller.listener.names", "CONTROLLER");
    p.setProperty("inter.broker.listener.name", "PLAINTEXT");
    p.setProperty("log.dirs", logDir.toAbsolutePath().toString());
    // every internal topic must be satisfiable by the nodes there are
    p.setProperty("offsets.topic.replication.factor", rf);
    p.setProperty("offsets.topic.num.partitions", "5");
    p.setProperty("transaction.state.log.replication.factor", rf);
    p.setProperty("transaction.state.log.min.isr", minIsr);
    p.setProperty("transaction.state.log.num.partitions", "5");
    p.setProperty("share.coordinator.state.topic.replication.factor", rf);
    p.setProperty("share.coordinator.state.topic.min.isr", minIsr);
    p.setProperty("min.insync.replicas", minIsr);
    p.setProperty("default.replication.factor", rf);
    p.setProperty("num.partitions", "1");
    // topics come from the catalog or Kafka Streams; a typo must not create a topic
    p.setProperty("auto.create.topics.enable", "false");
    p.setProperty("group.initial.rebalance.delay.ms", "0");
    // the default 128 MiB cleaner buffer is too much for a laptop-sized embedded broker
    p.setProperty("log.cleaner.dedupe.buffer.size", "4194304");
    return p;
  }

  /** Turns the client listener into SASL_SSL, which the broker uses for itself too. */
  private static void secure(Properties p, String bindAddress, int clientPort, SaslSsl saslSsl) {
    String host = hostForUrl(bindAddress);
    p.setProperty("listeners", "SASL_SSL://" + host + ":" + clientPort + ",CONTROLLER://" + p.getProperty("controller.quorum.voters").split("@")[1]);
    p.setProperty("advertised.listeners", "SASL_SSL://" + host + ":" + clientPort);
    p.setProperty("listener.security.protocol.map", "SASL_SSL:SASL_SSL,CONTROLLER:PLAINTEXT");
    p.setProperty("inter.broker.listener.name", "SASL_SSL");
    p.setProperty("sasl.enabled.mechanisms", MECHANISM);
    p.setProperty("sasl.mechanism.inter.broker.protocol", MECHANISM);
    p.setProperty("listener.name.sasl_ssl." + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
        jaas(saslSsl.brokerUser(), saslSsl.users().get(saslSsl.brokerUser())));
    p.setProperty("ssl.keystore.type", "PKCS12");
    p.setProperty("ssl.keystore.location", saslSsl.keyStore().toAbsolutePath().toString());
    p.setProperty("ssl.keystore.password", saslSsl.keyStorePassword());
    p.setProperty("ssl.key.password", saslSsl.keyStorePassword());
    p.setProperty("ssl.truststore.type", "PEM");
    p.setProperty("ssl.truststore.location", saslSsl.trustStorePem().toAbsolutePath().toString());
    if (saslSsl.authorizer()) {
      p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
      // ANONYMOUS is the broker itself on the plain controller listener
      p.setProperty("super.users", "User:" + saslSsl.brokerUser() + ";User:ANONYMOUS");
      p.setProperty("allow.everyone.if.no.acl.found", "false");
    }
  }

  /** Formats {@code logDir} for node {@code nodeId} of cluster {@code clusterId}, unless an earlier run did. */
  static void format(Path logDir, int nodeId, String clusterId, List<String> scramArguments) {
    try {
      Files.createDirectories(logDir);
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return; // formatted by an earlier run: keep its cluster id and data
      }
      new Formatter()
          .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
          .setClusterId(clusterId)
          .setNodeId(nodeId)
          .addDirectory(logDir.toAbsolutePath().toString())
          .setMetadataLogDirectory(logDir.toAbsolutePath().toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setIgnoreFormatted(true)
          .setScramArguments(scramArguments)
          .run();
    } catch (Exception e) {
      throw new PlatformStartupException("Cannot format Kafka storage in " + logDir + ": " + rootMessage(e), e);
    }
  }

  static void awaitReady(String bootstrap, Map<String, Object> security) {
    Map<String, Object> props = new java.util.HashMap<>(security);
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READY_TIMEOUT.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PlatformStartupException("Interrupted while waiting for the embedded broker", e);
    } catch (Exception e) {
      throw new PlatformStartupException("Embedded broker did not answer within " + READY_TIMEOUT.toSeconds() + "s: " + rootMessage(e), e);
    }
  }

  /** Fails fast with a clear message: a broker that cannot bind would otherwise fail deep in its startup. */
  static int checkPortFree(String bindAddress, int port, String what) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port));
      return port;
    } catch (IOException e) {
      throw new PlatformStartupException(what + " port " + port + " on " + bindAddress
          + " is not available (" + e.getMessage() + "). Stop whatever uses it or choose another port.", e);
    }
  }

  /** Distinct free ports: all sockets stay open until each has its port, so the OS cannot hand one out twice. */
  static int[] freePorts(String bindAddress, int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket();
        sockets[i].bind(new InetSocketAddress(InetAddress.getByName(bindAddress), 0));
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new PlatformStartupException("Cannot find a free port on " + bindAddress + ": " + e.getMessage(), e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          if (socket != null) {
            socket.close();
          }
        } catch (IOException ignored) {
          // only probing
        }
      }
    }
  }

  static String hostForUrl(String bindAddress) {
    return bindAddress.contains(":") && !bindAddress.startsWith("[") ? "[" + bindAddress + "]" : bindAddress;
  }

  static void shutdownQuietly(KafkaRaftServer server) {
    try {
      server.shutdown();
      server.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("Embedded broker shutdown: {}", e.getMessage());
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
