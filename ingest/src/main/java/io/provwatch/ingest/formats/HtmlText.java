package io.provwatch.ingest.formats;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * HTML post bodies (Mastodon {@code content}, feed entries) as plain text with their links: blocks
 * become paragraphs, {@code <br>} a line break, markup goes, text stays (including Mastodon's
 * "invisible" spans, which together spell a link's full url). Links of anchors that are not mentions
 * or hashtags are collected in order.
 */
final class HtmlText {
  private static final Set<String> BLOCKS = Set.of("p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
      "pre", "table", "tr", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dl", "dd", "dt");

  /** What HTML collapses to one space; a no-break space is content. */
  private static final Pattern HTML_SPACE = Pattern.compile("[ \\t\\n\\r\\f]+");
  private static final Pattern SPACES = Pattern.compile(" {2,}");

  record Result(String text, List<String> links) {}

  private HtmlText() {}

  static Result of(String html) {
    if (html == null || html.isEmpty()) {
      return new Result("", List.of());
    }
    Element body = Jsoup.parseBodyFragment(html).body();
    Collector collector = new Collector();
    NodeTraversor.traverse(collector, body);
    return new Result(tidy(collector.out), collector.links);
  }

  private static final class Collector implements NodeVisitor {
    final StringBuilder out = new StringBuilder();
    final List<String> links = new ArrayList<>();
    int preDepth;

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode textNode) {
        String text = textNode.getWholeText();
        out.append(preDepth > 0 ? text : HTML_SPACE.matcher(text).replaceAll(" "));
      } else if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("br")) {
          out.append('\n');
        } else if (tag.equals("li")) {
          out.append('\n');
        } else if (BLOCKS.contains(tag)) {
          out.append("\n\n");
        }
        if (tag.equals("pre")) {
          preDepth++;
        }
        if (tag.equals("a") && !isMentionOrTag(element)) {
          String href = element.attr("href").strip();
          if (href.regionMatches(true, 0, "http://", 0, 7) || href.regionMatches(true, 0, "https://", 0, 8)) {
            links.add(href);
          }
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("pre")) {
          preDepth--;
        }
        if (BLOCKS.contains(tag)) {
          out.append("\n\n");
        }
      }
    }
  }

  /** Mastodon marks mentions and hashtags with classes, microformats with rel="tag". */
  private static boolean isMentionOrTag(Element a) {
    return a.hasClass("mention") || a.hasClass("hashtag") || a.hasClass("u-url") || a.attr("rel").contains("tag");
  }

  /** Spaces collapsed within lines, lines trimmed, at most one empty line in a row. */
  private static String tidy(CharSequence text) {
    StringBuilder out = new StringBuilder(text.length());
    int newlines = 0;
    for (String line : text.toString().split("\n", -1)) {
      String trimmed = SPACES.matcher(line.strip()).replaceAll(" ");
      if (trimmed.isEmpty()) {
        newlines++;
        continue;
      }
      if (out.length() > 0) {
        out.append(newlines > 0 ? "\n\n" : "\n");
      }
      out.append(trimmed);
      newlines = 0;
    }
    return out.toString();
  }
}
