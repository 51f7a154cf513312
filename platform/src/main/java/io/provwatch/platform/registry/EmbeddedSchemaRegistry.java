package io.provwatch.platform.registry;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpServer;
import io.provwatch.platform.PlatformStartupException;
import io.provwatch.platform.http.BoundedHttpExecutor;
import io.provwatch.platform.http.HttpScope;
import io.provwatch.platform.http.HttpSecurity;
import io.provwatch.platform.http.HttpServers;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Confluent-compatible schema registry inside the provwatch process (the REST subset provwatch's
 * client uses), stored in the compacted {@code _schemas} topic so that ids survive restarts.
 *
 * <p>On start it reads the topic to its end, then serves. Each registration or config change is
 * written to the topic (acks=all, idempotent producer) and applied only once acknowledged, before
 * the reply. This process must be the only writer of the topic: a second registry on the same
 * topic would not see the first one's changes and could hand out the same id twice.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  /** Requests served at once, and waiting for a worker (one more is answered 503): a registry is asked rarely, by few clients. */
  private static final int WORKERS = 4;
  private static final int QUEUE_CAPACITY = 64;

  private final HttpServer server;
  private final BoundedHttpExecutor executor;
  private final SchemaStoreLog log;
  private final String url;

  private EmbeddedSchemaRegistry(HttpServer server, BoundedHttpExecutor executor, SchemaStoreLog log, String url) {
    this.server = server;
    this.executor = executor;
    this.log = log;
    this.url = url;
  }

  /**
   * Starts a registry stored in Kafka, served with {@code security}'s TLS, and its keys guarding every write
   * (registering a schema, setting a compatibility level): those need the {@link HttpScope#ADMIN} scope;
   * reads stay open, as every consumer needs them.
   *
   * @param kafkaClientProps {@code bootstrap.servers} and any security settings of the cluster
   * @param bindAddress address to listen on, normally {@code 127.0.0.1}
   * @param port port to listen on, 0 for a free one
   * @throws PlatformStartupException if the port is taken or the topic cannot be read
   */
  public static EmbeddedSchemaRegistry start(Map<String, Object> kafkaClientProps, String bindAddress, int port, HttpSecurity security) {
    HttpServer server = bind(bindAddress, port, security);
    KafkaSchemaStoreLog log = null;
    try {
      log = KafkaSchemaStoreLog.open(kafkaClientProps);
      SchemaStore store = new SchemaStore(log);
      log.replay(store::apply);
      return serve(server, store, log, security);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.stop(0);
      closeQuietly(log);
      throw new PlatformStartupException("Interrupted while starting the schema registry", e);
    } catch (Exception e) {
      server.stop(0);
      closeQuietly(log);
      throw new PlatformStartupException("Schema registry could not read or create its topic: " + e.getMessage(), e);
    }
  }

  /** Starts a registry that keeps its state in memory only: for tests and throwaway runs. */
  public static EmbeddedSchemaRegistry startInMemory(String bindAddress, int port) {
    return startInMemory(bindAddress, port, HttpSecurity.OPEN);
  }

  /** {@link #startInMemory(String, int)} with {@code security} as in {@link #start}. */
  public static EmbeddedSchemaRegistry startInMemory(String bindAddress, int port, HttpSecurity security) {
    return serve(bind(bindAddress, port, security), new SchemaStore(SchemaStoreLog.NONE), SchemaStoreLog.NONE, security);
  }

  /** The base url, e.g. {@code http://127.0.0.1:41234}, with the actual port. */
  public String url() {
    return url;
  }

  @Override
  public void close() {
    HttpServers.stop(server, executor.pools());
    closeQuietly(log);
  }

  private static HttpServer bind(String bindAddress, int port, HttpSecurity security) {
    try {
      return security.bind(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 50);
    } catch (BindException e) {
      throw new PlatformStartupException(
          "Schema registry cannot listen on " + bindAddress + ":" + port + " (port in use or address not local): " + e.getMessage(), e);
    } catch (IOException e) {
      throw new PlatformStartupException("Schema registry cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static EmbeddedSchemaRegistry serve(HttpServer server, SchemaStore store, SchemaStoreLog log, HttpSecurity security) {
    // bounded like provwatch's other HTTP servers: 4 workers, 64 waiting, then 503 (never an unbounded queue)
    BoundedHttpExecutor executor = new BoundedHttpExecutor(WORKERS, QUEUE_CAPACITY);
    List<Filter> filters = server.createContext("/", new RegistryHttpHandler(store)).getFilters();
    filters.add(BoundedHttpExecutor.overloadFilter());
    filters.add(security.filter(exchange -> RegistryHttpHandler.isWrite(exchange) ? HttpScope.ADMIN : null));
    server.setExecutor(executor);
    server.start();
    String url = HttpServers.url(server);
    LOG.info("Schema registry listening on {}", url);
    return new EmbeddedSchemaRegistry(server, executor, log, url);
  }

  private static void closeQuietly(SchemaStoreLog log) {
    if (log == null) {
      return;
    }
    try {
      log.close();
    } catch (Exception e) {
      LOG.warn("Closing the schema log failed: {}", e.getMessage());
    }
  }
}
