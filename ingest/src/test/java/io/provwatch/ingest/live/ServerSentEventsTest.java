package io.provwatch.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSentEventsTest {
  private final ServerSentEvents parser = new ServerSentEvents();

  private List<ServerSentEvents.Event> feed(String text) {
    List<ServerSentEvents.Event> events = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      ServerSentEvents.Event event = parser.line(line);
      if (event != null) {
        events.add(event);
      }
    }
    return events;
  }

  @Test
  void namedEventsMultiLineDataIdsAndHeartbeats() {
    List<ServerSentEvents.Event> events = feed(":thump\nevent: update\ndata: {\"id\":\"1\",\ndata:\"content\":\"<p>hi</p>\"}\nid: 41\n\n"
        + ":thump\n\nevent: delete\ndata: 109\n\ndata: no name\nretry: 2500\n\n");
    assertThat(events).containsExactly(
        new ServerSentEvents.Event("update", "{\"id\":\"1\",\n\"content\":\"<p>hi</p>\"}", "41"),
        new ServerSentEvents.Event("delete", "109", "41"),
        new ServerSentEvents.Event("message", "no name", "41"));
    assertThat(parser.lastEventId()).isEqualTo("41");
    assertThat(parser.retryMs()).isEqualTo(2500L);
  }

  @Test
  void anEventWithoutDataOrCutOffByTheEndIsNotDispatched() {
    assertThat(feed("event: update\n\nid\ndata\n\n")).containsExactly(new ServerSentEvents.Event("message", "", ""));
    assertThat(feed("event: update\ndata: {\"id\":")).isEmpty();
    parser.end();
    assertThat(feed("\n")).as("the cut-off event is gone after the end of its stream").isEmpty();
  }
}
