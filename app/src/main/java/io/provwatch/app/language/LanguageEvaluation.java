package io.provwatch.app.language;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provwatch.app.alertbudget.EvalPost;
import io.provwatch.app.alertbudget.OrdinaryTraffic;
import io.provwatch.ingest.formats.LanguageDetector;
import io.provwatch.ingest.formats.PostNormaliser;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How often each language detector names the right language of real text whose language is known:
 * the hotel reviews of {@code ai-text/hotel_reviews_gpt4} (ten languages, human and GPT-4 reviews;
 * whole and cut to their first {@value #SHORT_CHARS} characters, as short as many posts), and the
 * posts of {@code formats} whose platform declared their language.
 */
public final class LanguageEvaluation {
  /** The hotel reviews under the ai-text folder. */
  public static final String HOTEL_REVIEWS_PATH = "hotel_reviews_gpt4/hotel_reviews_gpt4.jsonl";
  /** Cut for the short variant: about a short tweet. */
  static final int SHORT_CHARS = 60;
  private static final Map<String, String> HOTEL_LANGUAGES = Map.of("English", "en", "Chinese", "zh", "French", "fr", "German", "de",
      "Italian", "it", "Korean", "ko", "Romanian", "ro", "Russian", "ru", "Spanish", "es", "Turkish", "tr");

  /** A text whose language is known, and the set it comes from. */
  public record Sample(String set, String language, String text) {}

  /** One detector's figures on one set and language. */
  public record Cell(int texts, int answered, int correct) {
    /** Share of texts given the right language (unanswered count as wrong). */
    public double accuracy() {
      return texts == 0 ? 0 : (double) correct / texts;
    }

    /** Share of answers that are right. */
    public double precision() {
      return answered == 0 ? 0 : (double) correct / answered;
    }
  }

  /** One detector's figures: per set, per language, and its time per text. */
  public record DetectorResult(String detector, Map<String, Map<String, Cell>> cells, Map<String, Cell> totals, double microsPerText) {}

  /** Every detector's figures over the same samples. */
  public record Report(int samples, List<DetectorResult> detectors) {}

  private LanguageEvaluation() {}

  /** The hotel reviews, at most {@code perLanguage} per language (in file order), whole and cut short. */
  public static List<Sample> hotelReviews(Path aiText, int perLanguage) throws IOException {
    List<Sample> samples = new ArrayList<>();
    Map<String, Integer> taken = new TreeMap<>();
    ObjectMapper json = new ObjectMapper();
    try (BufferedReader lines = Files.newBufferedReader(aiText.resolve(HOTEL_REVIEWS_PATH), StandardCharsets.UTF_8)) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        JsonNode row = json.readTree(line);
        String language = HOTEL_LANGUAGES.get(row.path("lang").asText());
        if (language == null || taken.merge(language, 1, Integer::sum) > perLanguage) {
          continue;
        }
        String text = row.path("text").asText();
        samples.add(new Sample("hotel reviews", language, text));
        samples.add(new Sample("hotel reviews, first " + SHORT_CHARS + " chars", language, shortened(text)));
      }
    }
    return samples;
  }

  /** The posts of the real platform payloads whose platform declared their language, with that language. */
  public static List<Sample> declaredPosts(Path formats) throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (EvalPost p : OrdinaryTraffic.formats(formats, new PostNormaliser(Clock.systemUTC(), LanguageDetector.none()))) {
      String declared = p.post().getLanguage();
      if (declared != null && !p.post().getText().isBlank()) {
        samples.add(new Sample("declared posts", declared.split("-")[0].toLowerCase(Locale.ROOT), p.post().getText()));
      }
    }
    return samples;
  }

  /** The text cut to at most {@value #SHORT_CHARS} characters, at a space when there is one. */
  static String shortened(String text) {
    if (text.length() <= SHORT_CHARS) {
      return text;
    }
    int space = text.lastIndexOf(' ', SHORT_CHARS);
    return text.substring(0, space > SHORT_CHARS / 2 ? space : SHORT_CHARS);
  }

  /** Each detector over all samples: a wrong or missing answer counts against accuracy. */
  public static Report run(Map<String, LanguageDetector> detectors, List<Sample> samples) {
    List<DetectorResult> results = new ArrayList<>();
    detectors.forEach((name, detector) -> {
      detector.preload();
      Map<String, Map<String, int[]>> counts = new LinkedHashMap<>();
      long started = System.nanoTime();
      for (Sample s : samples) {
        LanguageDetector.Detected detected = detector.detect(s.text());
        int[] c = counts.computeIfAbsent(s.set(), k -> new TreeMap<>()).computeIfAbsent(s.language(), k -> new int[3]);
        c[0]++;
        if (detected != null) {
          c[1]++;
          if (detected.language().equals(s.language())) {
            c[2]++;
          }
        }
      }
      double micros = samples.isEmpty() ? 0 : (System.nanoTime() - started) / 1e3 / samples.size();
      Map<String, Map<String, Cell>> cells = new LinkedHashMap<>();
      Map<String, Cell> totals = new LinkedHashMap<>();
      counts.forEach((set, byLanguage) -> {
        Map<String, Cell> row = new TreeMap<>();
        int[] sum = new int[3];
        byLanguage.forEach((language, c) -> {
          row.put(language, new Cell(c[0], c[1], c[2]));
          for (int i = 0; i < 3; i++) {
            sum[i] += c[i];
          }
        });
        cells.put(set, row);
        totals.put(set, new Cell(sum[0], sum[1], sum[2]));
      });
      results.add(new DetectorResult(name, cells, totals, micros));
    });
    return new Report(samples.size(), results);
  }

  /** The report as text: per set, a line per language with each detector's accuracy, then the totals. */
  public static List<String> describe(Report report) {
    List<String> lines = new ArrayList<>();
    List<DetectorResult> detectors = report.detectors();
    if (detectors.isEmpty()) {
      return lines;
    }
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-10s %6s", "language", "texts"));
    detectors.forEach(d -> header.append(String.format(Locale.ROOT, " %22s", d.detector())));
    for (String set : detectors.get(0).cells().keySet()) {
      lines.add("");
      lines.add(set + ": accuracy (share answered)");
      lines.add(header.toString());
      for (String language : detectors.get(0).cells().get(set).keySet()) {
        lines.add(row(language, detectors, d -> d.cells().get(set).get(language)));
      }
      lines.add(row("all", detectors, d -> d.totals().get(set)));
    }
    lines.add("");
    StringBuilder time = new StringBuilder(String.format(Locale.ROOT, "%-17s", "µs per text"));
    detectors.forEach(d -> time.append(String.format(Locale.ROOT, " %22.1f", d.microsPerText())));
    lines.add(time.toString());
    return lines;
  }

  private static String row(String label, List<DetectorResult> detectors, java.util.function.Function<DetectorResult, Cell> cell) {
    Cell first = cell.apply(detectors.get(0));
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %6d", label, first.texts()));
    for (DetectorResult d : detectors) {
      Cell c = cell.apply(d);
      line.append(String.format(Locale.ROOT, " %13.3f (%5.3f)", c.accuracy(), c.texts() == 0 ? 0 : (double) c.answered() / c.texts()));
    }
    return line.toString();
  }
}
