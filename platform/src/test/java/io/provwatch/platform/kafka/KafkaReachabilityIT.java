package io.provwatch.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.provwatch.platform.config.ProvwatchConfig;
import io.provwatch.platform.http.HttpServerHost;
import io.provwatch.platform.testing.SharedKafkaCluster;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code /health} of a stage reports Kafka DOWN (503) while the cluster does not answer, UP when it does. */
class KafkaReachabilityIT {
  @Test
  void healthIsDownWhileKafkaIsUnreachableAndUpWhenItAnswers() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ProvwatchConfig nowhere = new ProvwatchConfig(Map.of(ProvwatchConfig.BOOTSTRAP_SERVERS, "127.0.0.1:" + closedPort));
    HttpClient client = HttpClient.newHttpClient();
    try (KafkaReachability down = KafkaReachability.start(nowhere);
        KafkaReachability up = KafkaReachability.start(SharedKafkaCluster.get().config());
        HttpServerHost host = HttpServerHost.start("127.0.0.1", 0)) {
      host.healthCheck("kafka", down::isReachable);
      await().atMost(Duration.ofSeconds(60)).until(up::isReachable);
      HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(host.url() + "/health")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(503);
      assertThat(health.body()).contains("\"kafka\":\"DOWN\"");
      assertThat(down.isReachable()).isFalse();
    }
  }
}
