package io.provwatch.ingest.formats;

import io.provwatch.avro.Author;
import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.ingest.PostRejection.Code;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place where every adapter's {@link PostDraft} becomes a {@code Post}: required fields are
 * checked, text is NFC with invisible characters counted ({@link TextNormaliser}), links are
 * normalised with their originals kept ({@link UrlNormaliser}), hashtags lower-cased, duplicates
 * dropped, the language declared or detected ({@link LanguageDetector}).
 */
public final class PostNormaliser {
  /** As for canonical JSON: longer is not a post but a document. */
  public static final int MAX_TEXT_CHARS = 100_000;

  private final Clock clock;
  private final LanguageDetector languages;
  private final CreatedAtBounds bounds;

  /**
   * A normaliser that takes any {@code createdAt} (imports, tests).
   *
   * @param clock gives {@code observedAt}
   * @param languages guesses the language of posts that declare none ({@link LanguageDetector#none()}
   *     for bulk back-fills where it does not matter)
   */
  public PostNormaliser(Clock clock, LanguageDetector languages) {
    this(clock, languages, CreatedAtBounds.NONE);
  }

  /** {@link #PostNormaliser(Clock, LanguageDetector)} rejecting a {@code createdAt} outside {@code bounds} (live sources). */
  public PostNormaliser(Clock clock, LanguageDetector languages, CreatedAtBounds bounds) {
    this.clock = clock;
    this.languages = languages;
    this.bounds = bounds;
  }

  /**
   * @param clock gives {@code observedAt}
   * @param detectLanguage guess undeclared languages with the default detector ({@link LanguageDetector#standard()})
   */
  public PostNormaliser(Clock clock, boolean detectLanguage) {
    this(clock, detectLanguage ? LanguageDetector.standard() : LanguageDetector.none());
  }

  /** The {@code createdAt} window posts must fall in. */
  public CreatedAtBounds bounds() {
    return bounds;
  }

  /** The clock that gives {@code observedAt}. */
  public Clock clock() {
    return clock;
  }

  Post toPost(PostDraft draft) {
    if (draft.nativeId == null || draft.nativeId.isBlank()) {
      throw InvalidInput.missing("id");
    }
    if (draft.authorId == null || draft.authorId.isBlank()) {
      throw InvalidInput.missing("author id");
    }
    if (draft.createdAt == null) {
      throw InvalidInput.missing("creation time");
    }
    Instant observedAt = clock.instant();
    bounds.check(draft.createdAt, observedAt).ifPresent(rejection -> {
      throw new InvalidInput(rejection.code(), rejection.message());
    });
    String raw = draft.text == null ? "" : draft.text;
    if (raw.length() > MAX_TEXT_CHARS) {
      throw new InvalidInput(Code.TOO_LARGE, "text of post " + draft.nativeId + " has " + raw.length() + " characters, more than " + MAX_TEXT_CHARS);
    }
    TextNormaliser.Result text = TextNormaliser.normalise(raw);
    List<String> urls = new ArrayList<>();
    List<String> originals = new ArrayList<>();
    for (String original : draft.urls) {
      if (original == null || original.isBlank()) {
        continue;
      }
      String normalised = UrlNormaliser.normalise(original);
      if (!urls.contains(normalised)) {
        urls.add(normalised);
        originals.add(original.strip());
      }
    }
    Set<String> hashtags = new LinkedHashSet<>();
    for (String tag : draft.hashtags) {
      String t = tag == null ? "" : nfc(tag.startsWith("#") ? tag.substring(1) : tag).strip().toLowerCase(Locale.ROOT);
      if (!t.isEmpty()) {
        hashtags.add(t);
      }
    }
    Set<String> mentions = new LinkedHashSet<>();
    for (String mention : draft.mentions) {
      if (mention != null && !mention.isBlank()) {
        mentions.add(nfc(mention.strip()));
      }
    }
    LanguageDetector.Resolved language = languages.resolve(draft.declaredLanguage, text.text());
    return Post.newBuilder()
        .setId(draft.platform + ":" + draft.nativeId)
        .setPlatform(draft.platform)
        .setAuthor(Author.newBuilder()
            .setId(draft.authorId)
            .setHandle(draft.authorHandle)
            .setDisplayName(draft.authorDisplayName == null ? null : nfc(draft.authorDisplayName))
            .setCreatedAt(draft.authorCreatedAt)
            .build())
        .setCreatedAt(draft.createdAt)
        .setObservedAt(observedAt)
        .setEditedAt(draft.editedAt)
        .setText(text.text())
        .setTextAnomalies(text.anomalies())
        .setLanguage(language.language())
        .setLanguageConfidence(language.confidence())
        .setUrls(urls)
        .setOriginalUrls(originals)
        .setHashtags(new ArrayList<>(hashtags))
        .setMentions(new ArrayList<>(mentions))
        .setMedia(distinctByUrl(draft.media))
        .setReplyTo(draft.replyTo)
        .setRepostOf(draft.repostOf)
        .setQuoteOf(draft.quoteOf)
        .setSource(draft.source)
        .build();
  }

  /** One attachment per url: feeds name the same file as enclosure and as Media RSS content. */
  private static List<Media> distinctByUrl(List<Media> media) {
    Set<String> seen = new java.util.HashSet<>();
    return media.stream().filter(m -> seen.add(m.getUrl())).toList();
  }

  private static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }
}
