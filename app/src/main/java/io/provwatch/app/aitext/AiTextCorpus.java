package io.provwatch.app.aitext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the labelled human/machine text sets of {@code shared/data/ai-text} (see its README), one
 * reader per format, into {@link LabelledText}s with the group that keeps related texts on one side
 * of a split:
 *
 * <ul>
 *   <li>TweepFake ({@code tweepfake_*.csv}, {@code ;}-separated): account type bot/human, generator
 *       from {@code class_type}; grouped by author {@code screen_name}, a bot together with the account
 *       it imitates. The published train/validation split shares authors, so both files are pooled
 *       and split again by author.
 *   <li>HC3 ({@code hc3/*.jsonl}): human vs ChatGPT answers, grouped by question. Its tokenisation
 *       artefacts (a space before punctuation in human answers, literal {@code \n} in ChatGPT ones) are
 *       removed from both sides, or a model would learn them instead of style.
 *   <li>GRiD ({@code grid_reddit.csv}): Reddit answers, label 1 = GPT-3.5. No group key in the data:
 *       each text is its own group.
 *   <li>Fast-DetectGPT ({@code fast_detect_gpt/<source>_<generator>.raw_data.json}): pairs of an
 *       original and a machine continuation of its opening. The shared opening is cut from both
 *       (it is human text in both), and the group is the source document, which recurs across the
 *       generator files; its human text is kept once.
 *   <li>The sets in the shared JSONL format ({@link #SHARED_FORMAT_SETS}: DetectRL, OUTFOX, MixSet,
 *       AuthorMimic tweets, multilingual GPT-4 hotel reviews): {@code text}, {@code label},
 *       {@code generator}, {@code domain}, {@code group}, {@code op}, {@code mixed} and, for the
 *       reviews, {@code lang}, taken as they are.
 * </ul>
 *
 * Exact duplicate texts are kept once.
 */
public final class AiTextCorpus {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FAST_DETECT_FILE = Pattern.compile("([a-z]+)_(.+)\\.raw_data\\.json");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" +([,.;:!?)%])");
  private static final Pattern SPACE_AFTER_BRACKET = Pattern.compile("\\( +");
  private static final Pattern SPACES = Pattern.compile("[ \\t]{2,}");
  private static final int MIN_REMAINDER = 20;
  /**
   * TweepFake's bots each imitate a human account of the set (their tweet counts match it). A bot is
   * grouped with the account it imitates: split apart, the model would learn that account's style as
   * "human" in training and then meet the bot imitating it in the test, which measures author
   * identity, not machine writing.
   */
  private static final Map<String, String> TWEEPFAKE_IMITATES = Map.ofEntries(
      Map.entry("kevinhookebot", "kevinhooke"), Map.entry("dril_gpt2", "dril"), Map.entry("DrilRnn", "dril"),
      Map.entry("zawarbot", "zawvrk"), Map.entry("imranyebot", "imranye"), Map.entry("AINarendraModi", "narendramodi"),
      Map.entry("theJadenTrudeau", "JustinTrudeau"), Map.entry("jaden", "JustinTrudeau"), Map.entry("ahadsheriffbot", "ahadsheriff"),
      Map.entry("gpt2_trump", "realDonaldTrump"), Map.entry("botustrump", "realDonaldTrump"), Map.entry("DeepDrumpf", "realDonaldTrump"),
      Map.entry("sarcastic_trump", "realDonaldTrump"), Map.entry("deep_potus", "realDonaldTrump"), Map.entry("Gpt2Wint", "realDonaldTrump"),
      Map.entry("whalefakes", "awhalefact"), Map.entry("nsp_gpt2", "ninjasexparty"), Map.entry("GenePark_GPT2", "GenePark"),
      Map.entry("calebgamman2", "calebgamman"), Map.entry("VBoterin", "VitalikButerin"), Map.entry("deep_thorin", "Thorin"),
      Map.entry("utilitylimbgpt2", "UtilityLimb"), Map.entry("DeepElonMusk", "elonmusk"), Map.entry("Musk_from_Mars", "elonmusk"));

  /** Folder of each set in the shared JSONL format, and the source name it is reported under. */
  static final Map<String, String> SHARED_FORMAT_SETS = new java.util.LinkedHashMap<>();

  static {
    SHARED_FORMAT_SETS.put("detectrl", "detectrl");
    SHARED_FORMAT_SETS.put("outfox", "outfox");
    SHARED_FORMAT_SETS.put("mixset", "mixset");
    SHARED_FORMAT_SETS.put("authormimic_tweets", "authormimic");
    SHARED_FORMAT_SETS.put("hotel_reviews_gpt4", "hotel-reviews");
  }

  /** The {@code lang} values of the hotel reviews, as BCP-47 codes. */
  private static final Map<String, String> LANGUAGE_CODES = Map.of("english", "en", "chinese", "zh", "french", "fr",
      "german", "de", "italian", "it", "korean", "ko", "romanian", "ro", "russian", "ru", "spanish", "es", "turkish", "tr");

  private AiTextCorpus() {}

  /** Everything readable under {@code dir}; at least one set must be there. */
  public static List<LabelledText> read(Path dir, PrintStream progress) {
    if (!Files.isDirectory(dir)) {
      throw new DataException("data directory " + dir.toAbsolutePath().normalize() + " does not exist: give the folder that holds"
          + " tweepfake_*.csv, hc3/, grid_reddit.csv and fast_detect_gpt/ with --data");
    }
    List<LabelledText> all = new ArrayList<>();
    try {
      List<Path> tweepfake = list(dir, "tweepfake_*.csv");
      if (!tweepfake.isEmpty()) {
        all.addAll(tweepfake(tweepfake));
      }
      List<Path> hc3 = list(dir.resolve("hc3"), "*.jsonl");
      for (Path file : hc3) {
        all.addAll(hc3(file));
      }
      Path grid = dir.resolve("grid_reddit.csv");
      if (Files.isRegularFile(grid)) {
        all.addAll(grid(grid));
      }
      List<Path> fastDetect = list(dir.resolve("fast_detect_gpt"), "*.raw_data.json");
      if (!fastDetect.isEmpty()) {
        all.addAll(fastDetectGpt(fastDetect));
      }
      for (Map.Entry<String, String> set : SHARED_FORMAT_SETS.entrySet()) {
        for (Path file : list(dir.resolve(set.getKey()), "*.jsonl")) {
          all.addAll(sharedFormat(file, set.getValue()));
        }
      }
    } catch (IOException e) {
      throw new DataException("cannot read " + dir + ": " + e.getMessage(), e);
    }
    if (all.isEmpty()) {
      throw new DataException("no labelled data in " + dir.toAbsolutePath().normalize()
          + ": expected tweepfake_*.csv, hc3/*.jsonl, grid_reddit.csv, fast_detect_gpt/*.raw_data.json or "
          + String.join(", ", SHARED_FORMAT_SETS.keySet()) + " folders of *.jsonl");
    }
    List<LabelledText> unique = dedupe(all);
    progress.printf("data: %,d texts (%,d duplicates dropped) from %s%n", unique.size(), all.size() - unique.size(), dir);
    Map<String, int[]> counts = new TreeMap<>();
    for (LabelledText t : unique) {
      counts.computeIfAbsent(t.dataset(), k -> new int[2])[t.machine() ? 1 : 0]++;
    }
    counts.forEach((dataset, c) -> progress.printf("data:   %-30s %,6d human %,6d machine%n", dataset, c[0], c[1]));
    return unique;
  }

  private static List<Path> list(Path dir, String glob) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
      stream.forEach(files::add);
    }
    files.sort(null); // directory order differs between file systems; the corpus order must not
    return files;
  }

  private static List<LabelledText> dedupe(List<LabelledText> all) {
    Set<String> seen = new HashSet<>();
    List<LabelledText> unique = new ArrayList<>(all.size());
    for (LabelledText t : all) {
      if (seen.add(t.text())) {
        unique.add(t);
      }
    }
    return unique;
  }

  static List<LabelledText> tweepfake(List<Path> files) throws IOException {
    List<LabelledText> out = new ArrayList<>();
    for (Path file : files) {
      try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        Csv csv = new Csv(reader, ';');
        Map<String, Integer> header = header(csv.next(), file, "screen_name", "text", "account.type", "class_type");
        int line = 1;
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
          line++;
          if (row.size() < header.size()) {
            continue; // a blank line
          }
          String author = row.get(header.get("screen_name"));
          String text = row.get(header.get("text")).strip();
          String type = row.get(header.get("account.type"));
          String generator = row.get(header.get("class_type"));
          boolean machine = switch (type) {
            case "bot" -> true;
            case "human" -> false;
            default -> throw new DataException(file + " record " + line + ": account.type '" + type + "' is neither bot nor human");
          };
          add(out, text, machine, "tweepfake", "tweepfake",
              machine ? ("others".equals(generator) ? "other-bots" : generator) : LabelledText.HUMAN,
              TWEEPFAKE_IMITATES.getOrDefault(author, author));
        }
      }
    }
    return out;
  }

  static List<LabelledText> hc3(Path file) throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.jsonl$", "");
    List<LabelledText> out = new ArrayList<>();
    readJsonLines(file, (node, line) -> {
      String question = node.path("question").asText("");
      for (JsonNode answer : node.path("human_answers")) {
        add(out, cleanHc3(answer.asText("")), false, "hc3", "hc3/" + name, LabelledText.HUMAN, name + ":" + question);
      }
      for (JsonNode answer : node.path("chatgpt_answers")) {
        add(out, cleanHc3(answer.asText("")), true, "hc3", "hc3/" + name, "chatgpt", name + ":" + question);
      }
    });
    return out;
  }

  /** Receives one JSON object of a JSONL file with its line number. */
  private interface JsonLine {
    void accept(JsonNode node, int line);
  }

  /** Each non-blank line of a JSONL file, parsed; a line that is not JSON is a {@link DataException} naming it. */
  private static void readJsonLines(Path file, JsonLine handler) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      int line = 0;
      for (String json = reader.readLine(); json != null; json = reader.readLine()) {
        line++;
        if (json.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(json);
        } catch (IOException e) {
          throw new DataException(file + " line " + line + " is not JSON: " + e.getMessage(), e);
        }
        handler.accept(node, line);
      }
    }
  }

  static String cleanHc3(String text) {
    String s = text.replace("\\n", "\n");
    s = SPACE_BEFORE_PUNCTUATION.matcher(s).replaceAll("$1");
    s = SPACE_AFTER_BRACKET.matcher(s).replaceAll("(");
    s = SPACES.matcher(s).replaceAll(" ");
    return s.strip();
  }

  static List<LabelledText> grid(Path file) throws IOException {
    List<LabelledText> out = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Csv csv = new Csv(reader, ',');
      Map<String, Integer> header = header(csv.next(), file, "Data", "Labels");
      int line = 1;
      for (List<String> row = csv.next(); row != null; row = csv.next()) {
        line++;
        if (row.size() < header.size()) {
          continue;
        }
        String text = row.get(header.get("Data")).strip();
        String label = row.get(header.get("Labels")).strip();
        boolean machine = switch (label) {
          case "1" -> true;
          case "0" -> false;
          default -> throw new DataException(file + " record " + line + ": Labels '" + label + "' is neither 0 nor 1");
        };
        add(out, text, machine, "grid", "grid/reddit", machine ? "gpt-3.5" : LabelledText.HUMAN, "grid:" + text);
      }
    }
    return out;
  }

  static List<LabelledText> fastDetectGpt(List<Path> files) throws IOException {
    List<LabelledText> out = new ArrayList<>();
    Set<String> humanGroups = new HashSet<>();
    for (Path file : files) {
      Matcher m = FAST_DETECT_FILE.matcher(file.getFileName().toString());
      if (!m.matches()) {
        throw new DataException(file + ": expected a name <source>_<generator>.raw_data.json");
      }
      String source = m.group(1);
      String generator = m.group(2);
      JsonNode root;
      try {
        root = JSON.readTree(file.toFile());
      } catch (IOException e) {
        throw new DataException(file + " is not JSON: " + e.getMessage(), e);
      }
      JsonNode original = root.path("original");
      JsonNode sampled = root.path("sampled");
      if (!original.isArray() || !sampled.isArray() || original.size() != sampled.size()) {
        throw new DataException(file + ": expected arrays 'original' and 'sampled' of the same length");
      }
      for (int i = 0; i < original.size(); i++) {
        String human = original.get(i).asText("");
        String machine = sampled.get(i).asText("");
        int cut = sharedOpening(human, machine);
        String group = source + ":" + opening(human);
        if (humanGroups.add(group)) {
          add(out, human.substring(cut).strip(), false, "fast-detect-gpt", "fast-detect-gpt/" + source, LabelledText.HUMAN, group);
        }
        add(out, machine.substring(cut).strip(), true, "fast-detect-gpt", "fast-detect-gpt/" + source, generator, group);
      }
    }
    return out;
  }

  /**
   * One file of the shared JSONL format (one object a line). The dataset is the source and the
   * domain; the language comes from {@code lang} when there is one, else English.
   */
  static List<LabelledText> sharedFormat(Path file, String source) throws IOException {
    List<LabelledText> out = new ArrayList<>();
    readJsonLines(file, (node, line) -> {
      String label = node.path("label").asText("");
      boolean machine = switch (label) {
        case "machine" -> true;
        case "human" -> false;
        default -> throw new DataException(file + " line " + line + ": label '" + label + "' is neither human nor machine");
      };
      String group = node.path("group").asText("");
      if (group.isEmpty()) {
        throw new DataException(file + " line " + line + ": no group (texts must be split by group)");
      }
      String generator = machine ? node.path("generator").asText("unknown").toLowerCase(java.util.Locale.ROOT) : LabelledText.HUMAN;
      String domain = node.path("domain").asText("unknown");
      String lang = node.path("lang").asText(LabelledText.ENGLISH).toLowerCase(java.util.Locale.ROOT);
      String text = node.path("text").asText("").strip();
      if (text.length() >= MIN_REMAINDER) {
        out.add(new LabelledText(text, machine, source, source + "/" + domain, generator, group, node.path("mixed").asBoolean(false),
            node.path("op").asText(""), LANGUAGE_CODES.getOrDefault(lang, lang)));
      }
    });
    return out;
  }

  /** Length of the opening two texts share, backed off to a word boundary. */
  static int sharedOpening(String a, String b) {
    int n = 0;
    int max = Math.min(a.length(), b.length());
    while (n < max && a.charAt(n) == b.charAt(n)) {
      n++;
    }
    if (n == 0 || n == max) {
      return n;
    }
    while (n > 0 && !Character.isWhitespace(a.charAt(n - 1))) {
      n--;
    }
    return n;
  }

  /** The first 60 characters, white space collapsed: the same source document in every generator's file. */
  private static String opening(String text) {
    String collapsed = text.strip().replaceAll("\\s+", " ");
    return collapsed.substring(0, Math.min(60, collapsed.length()));
  }

  private static void add(List<LabelledText> out, String text, boolean machine, String source, String dataset, String generator, String group) {
    if (text.length() >= MIN_REMAINDER) {
      out.add(new LabelledText(text, machine, source, dataset, generator, group));
    }
  }

  private static Map<String, Integer> header(List<String> row, Path file, String... required) {
    if (row == null) {
      throw new DataException(file + " is empty");
    }
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < row.size(); i++) {
      columns.put(row.get(i).strip().replace("\uFEFF", ""), i);
    }
    for (String column : required) {
      if (!columns.containsKey(column)) {
        throw new DataException(file + ": no column '" + column + "' in the header " + row);
      }
    }
    return columns;
  }
}
