package io.provwatch.scoring;

import io.provwatch.avro.Author;
import io.provwatch.avro.Media;
import io.provwatch.avro.Post;
import io.provwatch.avro.SourcePosition;
import java.time.Instant;
import java.util.List;

/** Hand-made posts for the scoring tests (public: the subpackages' tests use them too). */
public final class Posts {
  public static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private Posts() {}

  public static Post.Builder post(String id, String author, String text, int minute) {
    return Post.newBuilder()
        .setId(id).setPlatform(id.substring(0, id.indexOf(':')))
        .setAuthor(Author.newBuilder().setId(author).setHandle(author + "@example.social").build())
        .setCreatedAt(T0.plusSeconds(60L * minute)).setObservedAt(T0.plusSeconds(60L * minute + 5))
        .setText(text)
        .setSource(SourcePosition.newBuilder().setConnector("test").setPosition(id).build());
  }

  public static Media media(String url, String sha256) {
    return Media.newBuilder().setUrl(url).setMimeType("image/jpeg").setSha256(sha256).build();
  }

  public static List<Media> oneUndigestedImage() {
    return List.of(media("https://files.example/a.jpg", null));
  }
}
