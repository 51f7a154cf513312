package io.provwatch.ingest.formats;

import static io.provwatch.ingest.formats.FormatFixtures.NORMALISER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostFormatsTest {
  private static final Map<String, String> OPTIONS = Map.of("instance", "mastodon.social", "columns", "platform=x,id=i,author.id=a,createdAt=t");

  @Test
  void everyNameMakesTheFormatOfThatName() {
    for (String name : PostFormats.NAMES) {
      assertThat(PostFormats.create(name, OPTIONS, NORMALISER).name()).isEqualTo(name);
    }
    assertThat(PostFormats.create("reddit-pushshift", Map.of(), NORMALISER).framing()).isEqualTo(PostFormat.Framing.JSON_LINES);
    assertThat(PostFormats.create("feed", Map.of(), NORMALISER).framing()).isEqualTo(PostFormat.Framing.DOCUMENT);
  }

  @Test
  void unknownNamesAndMissingOptionsSayWhatIsPossible() {
    assertThatThrownBy(() -> PostFormats.create("myspace", OPTIONS, NORMALISER)).hasMessageContaining("unknown format 'myspace'").hasMessageContaining("bluesky-jetstream");
    assertThatThrownBy(() -> PostFormats.create("mastodon", Map.of(), NORMALISER)).hasMessageContaining("needs option 'instance'");
    assertThatThrownBy(() -> PostFormats.create("csv", Map.of(), NORMALISER)).hasMessageContaining("needs option 'columns'");
  }
}
