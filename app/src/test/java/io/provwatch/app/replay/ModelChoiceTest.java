package io.provwatch.app.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.provwatch.scoring.PostAssessor;
import io.provwatch.scoring.aitext.AiTextModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelChoiceTest {
  @TempDir Path dir;

  @Test
  void theShippedModelByDefaultByItsVersionOrByTheRecordedModelVersion() {
    AiTextModel shipped = AiTextModel.defaultModel();
    assertThat(ModelChoice.resolve(null)).isSameAs(shipped);
    assertThat(ModelChoice.resolve(shipped.version())).isSameAs(shipped);
    assertThat(ModelChoice.resolve(PostAssessor.modelVersion(shipped))).isSameAs(shipped);
  }

  @Test
  void aModelFileIsLoadedAndAnythingElseIsRefusedNamingWhatIsAvailable() throws Exception {
    Path file = dir.resolve("model.bin.gz");
    AiTextModel.defaultModel().save(file);
    assertThat(ModelChoice.resolve(file.toString()).version()).isEqualTo(AiTextModel.defaultModel().version());
    assertThatThrownBy(() -> ModelChoice.resolve("aitext-0")).isInstanceOf(ReplayException.class)
        .hasMessage("unknown model 'aitext-0': available are " + AiTextModel.defaultModel().version()
            + " (shipped) or a model file written by `provwatch model train`");
    Path junk = Files.writeString(dir.resolve("junk.bin.gz"), "not a model");
    assertThatThrownBy(() -> ModelChoice.resolve(junk.toString())).isInstanceOf(ReplayException.class)
        .hasMessageStartingWith("cannot read model file " + junk);
  }
}
