package io.provwatch.app.replay;

import io.provwatch.scoring.PostAssessor;
import io.provwatch.scoring.aitext.AiTextModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The AI-text model a replay scores with: a model shipped in provwatch, named by its version, or a
 * model file written by {@code provwatch model train}. No choice means the shipped default.
 */
public final class ModelChoice {
  private ModelChoice() {}

  /** Versions of the models shipped in this provwatch. */
  public static List<String> shippedVersions() {
    return List.of(AiTextModel.defaultModel().version());
  }

  public static AiTextModel resolve(String choice) {
    if (choice == null || choice.isBlank()) {
      return AiTextModel.defaultModel();
    }
    AiTextModel shipped = AiTextModel.defaultModel();
    if (choice.equals(shipped.version()) || choice.equals(PostAssessor.modelVersion(shipped))) {
      return shipped;
    }
    Path file = Path.of(choice);
    if (Files.isRegularFile(file)) {
      try {
        return AiTextModel.load(file);
      } catch (IOException | RuntimeException e) {
        throw new ReplayException("cannot read model file " + file + ": " + e.getMessage(), e);
      }
    }
    throw new ReplayException("unknown model '" + choice + "': available are " + String.join(", ", shippedVersions())
        + " (shipped) or a model file written by `provwatch model train`");
  }
}
