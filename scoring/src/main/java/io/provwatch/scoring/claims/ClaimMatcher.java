package io.provwatch.scoring.claims;

import io.provwatch.avro.ClaimMatch;
import io.provwatch.avro.FactCheck;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Matches a post to the fact-checked claims it may repeat, in two stages. Retrieval: an in-memory
 * Apache Lucene index of every claim (its text and its article title, one BM25 field, {@link Analysed#ANALYZER})
 * gives the {@link ClaimMatchModel#candidates()} best claims for the post's normalised text
 * ({@link PostText}). Re-ranking: each candidate's {@link MatchFeatures} go through the
 * {@link ClaimMatchModel}, which gives the probability that the post repeats that claim; the
 * decision is {@link ClaimMatchModel#decides}: that probability against the model's threshold, and a least
 * coverage of the claim by the post.
 *
 * <p>The index follows the claim bank: {@link #put} adds or replaces a claim under its key,
 * {@link #remove} deletes it, and the next lookup sees the change (the searcher is refreshed on the
 * first lookup after a change). Writes may come from one thread while others look up. The
 * re-ranker's features use the model's fixed {@link ReferenceStatistics}, not the bank's: a candidate's
 * probability depends on the post and that claim only, whatever else the bank holds; only which
 * candidates reach the re-ranker depends on the bank (and on Lucene's segment history, which counts a
 * replaced claim's old version in its statistics until segments merge).
 */
public final class ClaimMatcher implements Closeable {
  private static final String KEY = "key";
  private static final String ALL = "all";

  /** One claim of the index, analysed once. */
  private record Entry(String key, FactCheck claim, Analysed text, Set<String> refutations, Analysed title, Analysed claimant) {}

  /** A claim the retrieval found for a post, with its features. */
  public record Candidate(String key, FactCheck claim, double bm25, double[] features) {}

  /** A candidate with its re-ranker probability. */
  public record Scored(Candidate candidate, double probability) {
    public String key() {
      return candidate.key();
    }
  }

  private final ClaimMatchModel model;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final Map<String, Entry> claims = new ConcurrentHashMap<>();
  private volatile boolean stale;

  public ClaimMatcher(ClaimMatchModel model) {
    this.model = model;
    try {
      IndexWriterConfig config = new IndexWriterConfig(Analysed.ANALYZER).setSimilarity(new BM25Similarity());
      this.writer = new IndexWriter(new ByteBuffersDirectory(), config);
      this.searchers = new SearcherManager(writer, null);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open an in-memory Lucene index", e);
    }
  }

  /** A matcher with the shipped model. */
  public static ClaimMatcher withDefaultModel() {
    return new ClaimMatcher(ClaimMatchModel.defaultModel());
  }

  public ClaimMatchModel model() {
    return model;
  }

  /** Adds the claim under {@code key}, replacing what was there. */
  public synchronized void put(String key, FactCheck claim) {
    String text = PostText.normalise(claim.getClaim());
    String title = PostText.normalise(claim.getTitle());
    Entry entry = new Entry(key, claim, Analysed.of(text), Analysed.refutations(text), Analysed.of(title),
        Analysed.of(PostText.normalise(claim.getClaimant())));
    Document doc = new Document();
    doc.add(new StringField(KEY, key, Field.Store.NO));
    doc.add(new BinaryDocValuesField(KEY, new BytesRef(key)));
    doc.add(new TextField(ALL, title.isEmpty() ? text : text + "\n" + title, Field.Store.NO));
    try {
      writer.updateDocument(new Term(KEY, key), doc);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot index claim " + key, e);
    }
    claims.put(key, entry);
    stale = true;
  }

  /** Removes the claim held under {@code key}; nothing happens when there is none. */
  public synchronized void remove(String key) {
    if (claims.remove(key) != null) {
      try {
        writer.deleteDocuments(new Term(KEY, key));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove claim " + key, e);
      }
      stale = true;
    }
  }

  /** Claims held. */
  public int size() {
    return claims.size();
  }

  /** The claim held under {@code key}, or null. */
  public FactCheck claim(String key) {
    Entry entry = claims.get(key);
    return entry == null ? null : entry.claim();
  }

  /** Heap bytes of the Lucene index files (the analysed claims and statistics held beside it are not counted). */
  public long indexBytes() {
    try {
      long bytes = 0;
      for (String file : writer.getDirectory().listAll()) {
        bytes += writer.getDirectory().fileLength(file);
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The BM25 candidates of a post with their features, best BM25 first; empty when the text has no words or nothing is held.
   *
   * @param author the author's display name and handle, or null; read with the text (a post by a named person often repeats
   *     what is said of them) and compared with the claimant
   */
  public List<Candidate> candidates(String postText, String author) {
    if (claims.isEmpty()) {
      return List.of(); // no claim bank (yet): analysing the post would find nothing to compare with
    }
    String authorText = PostText.normalise(author);
    String text = PostText.normalise(postText);
    Analysed post = Analysed.of(authorText.isEmpty() ? text : text + "\n" + authorText);
    Analysed authorTerms = Analysed.of(authorText);
    Set<String> refutations = Analysed.refutations(text);
    if (post.terms().length == 0) {
      return List.of();
    }
    List<Candidate> candidates = new ArrayList<>(model.candidates());
    try {
      if (stale) {
        stale = false;
        searchers.maybeRefreshBlocking();
      }
      IndexSearcher searcher = searchers.acquire();
      try {
        TopDocs top = searcher.search(query(post), model.candidates());
        ScoreDoc[] docs = top.scoreDocs;
        String[] keys = keys(searcher, docs);
        for (int i = 0; i < docs.length; i++) {
          ScoreDoc doc = docs[i];
          String key = keys[i];
          Entry entry = key == null ? null : claims.get(key);
          if (entry == null) {
            continue; // removed since the searcher was opened
          }
          double[] features = MatchFeatures.of(post, refutations, authorTerms, entry.text(), entry.refutations(), entry.title(),
              entry.claimant(), model.statistics());
          candidates.add(new Candidate(key, entry.claim(), doc.score, features));
        }
      } finally {
        searchers.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("claim index search failed", e);
    }
    return candidates;
  }

  /** The keys of the hits, from doc values (read in doc id order, as their iterators need). */
  private static String[] keys(IndexSearcher searcher, ScoreDoc[] docs) throws IOException {
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingInt(i -> docs[i].doc));
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    String[] keys = new String[docs.length];
    int leafIndex = -1;
    BinaryDocValues values = null;
    int base = 0;
    for (int i : order) {
      int doc = docs[i].doc;
      int leaf = ReaderUtil.subIndex(doc, leaves);
      if (leaf != leafIndex) {
        leafIndex = leaf;
        base = leaves.get(leaf).docBase;
        values = leaves.get(leaf).reader().getBinaryDocValues(KEY);
      }
      if (values != null && values.advanceExact(doc - base)) {
        keys[i] = values.binaryValue().utf8ToString();
      }
    }
    return keys;
  }

  private static Query query(Analysed post) {
    BooleanQuery.Builder query = new BooleanQuery.Builder();
    String[] terms = post.terms();
    int limit = Math.min(terms.length, IndexSearcher.getMaxClauseCount());
    for (int i = 0; i < limit; i++) {
      Query term = new TermQuery(new Term(ALL, terms[i]));
      query.add(post.counts()[i] > 1 ? new BoostQuery(term, post.counts()[i]) : term, BooleanClause.Occur.SHOULD);
    }
    return query.build();
  }

  /** The candidates re-ranked: highest probability first, ties by key; at most {@code limit}. */
  public List<Scored> rank(String postText, String author, int limit) {
    List<Scored> scored = new ArrayList<>();
    for (Candidate c : candidates(postText, author)) {
      scored.add(new Scored(c, model.probability(c.features())));
    }
    scored.sort(Comparator.comparingDouble(Scored::probability).reversed().thenComparing(Scored::key));
    return scored.size() > limit ? new ArrayList<>(scored.subList(0, limit)) : scored;
  }

  /** The claims the post repeats by the model's decision ({@link ClaimMatchModel#decides}), most probable first, at most {@code limit}. */
  public List<ClaimMatch> match(String postText, String author, int limit) {
    List<ClaimMatch> matches = new ArrayList<>();
    for (Scored s : rank(postText, author, limit)) {
      if (model.decides(s.probability(), s.candidate().features())) {
        matches.add(new ClaimMatch(s.candidate().claim(), Math.round(s.probability() * 10_000) / 10_000.0));
      }
    }
    return matches;
  }

  @Override
  public void close() throws IOException {
    searchers.close();
    writer.close();
  }
}
