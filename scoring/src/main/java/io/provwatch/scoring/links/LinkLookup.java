package io.provwatch.scoring.links;

import io.provwatch.avro.DomainRating;
import io.provwatch.avro.LinkDomain;
import io.provwatch.avro.PostInContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The link-lookup step: reduces the post's links to registrable domains, marks known shorteners and
 * attaches the domains list's rating of each (one entry per domain, in order of first appearance).
 */
public final class LinkLookup implements Processor<String, PostInContext, String, PostInContext> {
  private final String storeName;
  private ProcessorContext<String, PostInContext> context;
  private ReadOnlyKeyValueStore<String, DomainRating> ratings;

  public LinkLookup(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, PostInContext> context) {
    this.context = context;
    this.ratings = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, PostInContext> record) {
    PostInContext in = record.value();
    in.setLinks(links(in.getPost().getUrls(), ratings::get));
    context.forward(record.withValue(in));
  }

  /** The distinct domains of {@code urls}, each with its rating from {@code ratings} (null when unlisted). */
  public static List<LinkDomain> links(List<String> urls, java.util.function.Function<String, DomainRating> ratings) {
    List<LinkDomain> links = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String url : urls) {
      Optional<String> domain = RegistrableDomain.ofUrl(url);
      if (domain.isEmpty() || !seen.add(domain.get())) {
        continue;
      }
      links.add(LinkDomain.newBuilder().setUrl(url).setDomain(domain.get())
          .setShortener(Shorteners.isShortener(domain.get())).setRating(ratings.apply(domain.get())).build());
    }
    return links;
  }
}
