package io.provwatch.app.aitext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Small hand-made files in the formats of shared/data/ai-text, and where the real folder is when present. */
final class AiTextFixtures {
  private AiTextFixtures() {}

  static final String HUMAN_1 = "ok so the bus was late AGAIN and the driver just shrugged at us lol, third time this week. "
      + "i swear if i miss another standup because of route 12 im buying a bike, rain or no rain. anyone else on that line?? "
      + "the app said on time the whole while which is honestly the funniest part";
  static final String HUMAN_2 = "Finally finished the shed roof! Took me two weekends, one bruised thumb and way too many trips to "
      + "the hardware store, but it doesn't leak anymore. My neighbour says the pitch is wrong. My neighbour can mind his own "
      + "shed. Next job: the gate, hanging off one hinge since March.";
  static final String MACHINE_1 = "It is important to note that regular exercise offers numerous benefits for both physical and "
      + "mental health. Additionally, it can help to improve cardiovascular fitness and maintain a healthy weight. Overall, it is "
      + "generally recommended to aim for at least 150 minutes of moderate activity per week.";
  static final String MACHINE_2 = "There are several factors to consider when choosing a programming language. First, it is "
      + "important to evaluate the specific requirements of the project. Additionally, the availability of libraries can play a "
      + "significant role. Overall, the best choice depends on the goals and constraints of the team.";

  /** One small file per format, under {@code dir}. */
  static void write(Path dir) throws IOException {
    Files.writeString(dir.resolve("tweepfake_train.csv"), String.join("\n",
        "screen_name;text;account.type;class_type",
        "kevinhooke;\"" + HUMAN_1.replace("\"", "\"\"") + "\";human;human",
        "kevinhookebot;\"" + MACHINE_1 + "\nwith a line break; and a \"\"quote\"\"\";bot;rnn",
        "imranyebot;" + MACHINE_2 + ";bot;others",
        "dril;" + HUMAN_2 + ";human;human",
        "dril;" + HUMAN_2 + ";human;human") + "\n");
    Files.createDirectories(dir.resolve("hc3"));
    Files.writeString(dir.resolve("hc3/open_qa.jsonl"),
        "{\"question\":\"who kill franz ferdinand\",\"human_answers\":[\"On 28 June 1914 , Archduke Franz Ferdinand of Austria ,"
            + " heir presumptive ( the heir ) , was shot dead in Sarajevo .\"],\"chatgpt_answers\":[\"Gavrilo Princip killed him.\\\\n\\\\n"
            + "This event is widely regarded as the spark that ignited World War I.\"]}\n");
    Files.writeString(dir.resolve("grid_reddit.csv"), "Data,Labels\n\"" + HUMAN_2 + ", \"\"quoted\"\"\",0\n\"" + MACHINE_2 + " Hope this helps!\",1\n");
    Files.createDirectories(dir.resolve("fast_detect_gpt"));
    String opening = "The ferry timetable changes from Monday because of the harbour works, the council said on";
    Files.writeString(dir.resolve("fast_detect_gpt/xsum_gpt2-xl.raw_data.json"),
        "{\"original\": [\"" + opening + " Tuesday. Passengers should check the new times online before travelling.\"],"
            + " \"sampled\": [\"" + opening + " Thursday evening.\\n\\nThe new schedule will remain in place until the works end.\"]}");
    Files.writeString(dir.resolve("fast_detect_gpt/xsum_opt-2.7b.raw_data.json"),
        "{\"original\": [\"" + opening + " Tuesday. Passengers should check the new times online.\"],"
            + " \"sampled\": [\"" + opening + " Wednesday, adding that the changes were necessary for safety reasons.\"]}");
    Files.createDirectories(dir.resolve("detectrl"));
    Files.writeString(dir.resolve("detectrl/detectrl_ChatGPT.jsonl"), String.join("\n",
        "{\"text\": \"" + HUMAN_1 + " (xsum)\", \"label\": \"human\", \"generator\": \"human\", \"domain\": \"xsum\","
            + " \"group\": \"detectrl-g1\", \"op\": \"original\", \"mixed\": false}",
        "{\"text\": \"" + MACHINE_1 + " (xsum)\", \"label\": \"machine\", \"generator\": \"ChatGPT\", \"domain\": \"xsum\","
            + " \"group\": \"detectrl-g1\", \"op\": \"direct_prompt\", \"mixed\": false}",
        "{\"text\": \"" + HUMAN_2 + " Polished.\", \"label\": \"human\", \"generator\": \"ChatGPT\", \"domain\": \"xsum\","
            + " \"group\": \"detectrl-g1\", \"op\": \"paraphrase_polish_human\", \"mixed\": true}",
        "") + "\n");
    Files.createDirectories(dir.resolve("hotel_reviews_gpt4"));
    Files.writeString(dir.resolve("hotel_reviews_gpt4/hotel_reviews_gpt4.jsonl"),
        "{\"text\": \"Personnel tr\u00e8s aimable.\\nLe petit d\u00e9jeuner \u00e9tait froid.\", \"label\": \"human\","
            + " \"generator\": \"human\", \"domain\": \"hotel_review\", \"group\": \"hotelrev-french-1\", \"op\": \"real_review\","
            + " \"mixed\": false, \"lang\": \"French\"}\n");
  }

  /** shared/data/ai-text beside the project root (found by walking up from the working directory), if present. */
  static Optional<Path> sharedData() {
    for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve("ai-text");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
