package io.provwatch.app.alertbudget;

import io.provwatch.app.aitext.AiTextCorpus;
import io.provwatch.app.aitext.LabelledText;
import io.provwatch.app.aitext.Split;
import io.provwatch.app.alertbudget.EvalPost.Role;
import io.provwatch.app.claims.Paraphrase;
import io.provwatch.app.reference.ImportedRow;
import io.provwatch.app.reference.LiarTsvImporter;
import io.provwatch.avro.Author;
import io.provwatch.avro.FactCheck;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import io.provwatch.ingest.formats.CanonicalFormat;
import io.provwatch.scoring.Reshares;
import io.provwatch.scoring.aitext.AiTextModel;
import io.provwatch.scoring.claims.ClaimMatchScorer;
import io.provwatch.scoring.similarity.TextFingerprint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts that must open (or join) an alert, by category: the demo sample's planted cases, copies of real
 * posts by other accounts, paraphrases of claims fact-checkers rated false, and machine-written texts.
 * (Coordinated pairs come with the German elections slice, see {@link OrdinaryTraffic}; CheckThat! tweets
 * repeating fact-checked claims, see {@link CheckThatCases}.)
 */
public final class MustAlertCases {
  static final String COORDINATED_PAIRS = "must alert: coordinated pairs (german elections 2021, batch oracle)";
  static final String CO_SHARES = "context: german elections 2021, co-shares of coordinated pairs";
  static final String COPIES = "must alert: copies of real posts";
  static final String CLAIMS = "must alert: false claims (LIAR-PLUS validation, paraphrased)";
  static final String MACHINE_WRITTEN = "must alert: machine-written (ai-text test split)";
  static final String SAMPLE = "/sample/posts.jsonl";
  static final String PLANTED = "/sample/planted.csv";
  /** The LIAR-PLUS file whose claims are the bank and whose false claims are paraphrased into posts. */
  public static final String LIAR_PLUS = "liarplus_val2.tsv";
  /** Synthetic cases are published one a minute from these times, so that none is a burst of another. */
  private static final Instant CLAIMS_FROM = Instant.parse("2026-01-05T09:00:00Z");
  /** A copy of a real post comes this long after its original. */
  private static final Duration COPY_DELAY = Duration.ofHours(1);
  private static final Instant MACHINE_WRITTEN_FROM = Instant.parse("2026-01-12T09:00:00Z");

  private MustAlertCases() {}

  /** Group of the sample's planted copies. */
  public static final String SAMPLE_COPIES = "must alert: sample copy";

  /** The demo sample: planted cases ({@code planted.csv}) must alert, the rest is context. */
  public static List<EvalPost> sample() throws IOException {
    Map<String, String> planted = new HashMap<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(resource(PLANTED), StandardCharsets.UTF_8))) {
      in.readLine(); // header postId,case
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split(",", 2);
        planted.putIfAbsent(f[0], f[1]);
      }
    }
    CollectedPosts posts = new CollectedPosts();
    try (InputStream in = resource(SAMPLE)) {
      posts.read(new CanonicalFormat(Clock.systemUTC()), in, "sample/posts.jsonl");
    }
    return posts.posts().stream().map(p -> planted.containsKey(p.getId())
        ? new EvalPost(p, "must alert: sample " + planted.get(p.getId()), Role.MUST_ALERT)
        : new EvalPost(p, "context: sample, not planted", Role.CONTEXT)).toList();
  }

  /**
   * Up to {@code count} copies of real posts: the text (with links and tags) of an original with a
   * fingerprint, an hour later by another account, without crediting it. The copy is also read an hour
   * after its original ({@code observedAt}): the copy check takes a text read well before another for
   * the original, whatever either claims as {@code createdAt}.
   */
  public static List<EvalPost> copies(List<EvalPost> ordinary, int count) {
    List<EvalPost> copies = new ArrayList<>();
    for (EvalPost original : ordinary) {
      Post post = original.post();
      if (copies.size() >= count) {
        break;
      }
      if (Reshares.isReshare(post) || TextFingerprint.of(post.getText()).isEmpty()) {
        continue;
      }
      int i = copies.size();
      Post copy = Post.newBuilder(post).setId(post.getPlatform() + ":eval-copy-" + i)
          .setAuthor(Author.newBuilder(post.getAuthor()).setId("eval-copier-" + i).setHandle("eval-copier-" + i).setDisplayName(null).build())
          .setCreatedAt(post.getCreatedAt().plus(COPY_DELAY)).setObservedAt(post.getObservedAt().plus(COPY_DELAY))
          .setEditedAt(null).setReplyTo(null).setRepostOf(null).setQuoteOf(null)
          .setSource(SourcePosition.newBuilder().setConnector("eval").setPosition("copy of " + post.getId()).build())
          .build();
      copies.add(new EvalPost(copy, COPIES, Role.MUST_ALERT));
    }
    return copies;
  }

  /** Every claim of the LIAR-PLUS file: the claim bank of the run. */
  public static List<FactCheck> liarPlusClaims(Path misinfo) throws IOException {
    List<FactCheck> claims = new ArrayList<>();
    try (Reader in = Files.newBufferedReader(misinfo.resolve(LIAR_PLUS), StandardCharsets.UTF_8)) {
      new LiarTsvImporter().read(in, LIAR_PLUS, row -> {
        if (row instanceof ImportedRow.Accepted<FactCheck> accepted) {
          claims.add(accepted.value());
        }
      });
    }
    return claims;
  }

  /** Posts paraphrasing the first {@code count} claims rated false or mostly false (as the claim evaluation rewrites them). */
  public static List<EvalPost> falseClaims(List<FactCheck> bank, int count) {
    List<EvalPost> posts = new ArrayList<>();
    for (FactCheck claim : bank) {
      if (posts.size() >= count) {
        break;
      }
      if (ClaimMatchScorer.falseness(claim.getVerdict()) > 0) {
        posts.add(new EvalPost(synthetic("claim", posts.size(), CLAIMS_FROM, Paraphrase.of(claim.getClaim(), claim.getId())), CLAIMS, Role.MUST_ALERT));
      }
    }
    return posts;
  }

  /**
   * Up to {@code count} machine-written texts of the AI-text test split (never trained on) that are long
   * enough for the model, taken in the order of their hash so that every set and generator is drawn from.
   */
  public static List<EvalPost> machineWritten(Path aiText, int count, PrintStream progress) {
    int minChars = AiTextModel.defaultModel().minChars();
    List<LabelledText> texts = AiTextCorpus.read(aiText, progress).stream()
        .filter(t -> t.machine() && Split.of(t) == Split.TEST && t.text().length() >= minChars)
        .sorted(Comparator.comparingInt((LabelledText t) -> t.text().hashCode()).thenComparing(LabelledText::text))
        .limit(count).toList();
    List<EvalPost> posts = new ArrayList<>();
    for (LabelledText text : texts) {
      posts.add(new EvalPost(synthetic("ai", posts.size(), MACHINE_WRITTEN_FROM, text.text()), MACHINE_WRITTEN, Role.MUST_ALERT));
    }
    return posts;
  }

  /** A post {@code eval:<kind>-<i>} by its own account, published {@code i} minutes after {@code from}. */
  static Post synthetic(String kind, int i, Instant from, String text) {
    String id = kind + "-" + i;
    Instant at = from.plus(Duration.ofMinutes(i));
    return Post.newBuilder().setId("eval:" + id).setPlatform("eval")
        .setAuthor(Author.newBuilder().setId("eval-" + id).setHandle("eval-" + id).build())
        .setCreatedAt(at).setObservedAt(at).setText(text)
        .setSource(SourcePosition.newBuilder().setConnector("eval").setPosition(id).build())
        .build();
  }

  private static InputStream resource(String name) {
    InputStream in = MustAlertCases.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("the sample " + name + " is missing from this build");
    }
    return in;
  }
}
