package io.provwatch.app.replay;

import io.provwatch.avro.Assessment;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The audit report as one self-contained HTML page: inline CSS, an inline SVG chart (stacked bars of
 * alerts per time bucket and category), no scripts and nothing fetched, so it opens anywhere offline.
 */
final class AuditHtml {
  private static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final int WIDTH = 760;
  private static final int HEIGHT = 240;
  private static final int LEFT = 40;
  private static final int BOTTOM = 40;
  private static final int MISSING_SHOWN = 50;

  private AuditHtml() {}

  static String render(AuditReport report) {
    StringBuilder h = new StringBuilder();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>provwatch audit ").append(esc(report.runId()))
        .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:64em;color:#222}"
            + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}"
            + "th{background:#f3f3f3}.incomplete{border:3px solid #d62728;background:#fdecea;padding:.8em 1em}"
            + ".new{color:#2ca02c}.gone{color:#d62728}.changed{color:#ff7f0e}code{font-size:90%}</style>\n</head><body>\n");
    h.append("<h1>Audit replay <code>").append(esc(report.runId())).append("</code>: ").append(report.status()).append("</h1>\n");
    ReplayAccounting accounting = report.accounting();
    if (!accounting.complete()) {
      List<String> missing = accounting.missing();
      h.append("<div class=\"incomplete\"><p><strong>INCOMPLETE.</strong> ").append(esc(accounting.incompleteSummary(5)))
          .append(". This report is not the audit of the whole range: the difference from live covers only the posts both sides ")
          .append("assessed. Every missing post id is in <code>").append(esc(report.missingIdsFile())).append("</code> beside this page.</p>\n<p>");
      missing.stream().limit(MISSING_SHOWN).forEach(id -> h.append("<code>").append(esc(id)).append("</code> "));
      if (missing.size() > MISSING_SHOWN) {
        h.append(String.format(Locale.ROOT, "and %,d more", missing.size() - MISSING_SHOWN));
      }
      h.append("</p></div>\n");
    }
    h.append("<p>Posts published from ").append(TIME.format(report.range().from())).append(" to ").append(TIME.format(report.range().to()))
        .append(" (end excluded), replayed and compared with the live alerts of the same posts. Written ")
        .append(TIME.format(report.writtenAt())).append(".</p>\n");

    h.append("<h2>Lineage</h2>\n<table>\n");
    row(h, "input", esc(report.range().topic()) + ", " + count(report.postsReplayed()) + " posts");
    StringBuilder offsets = new StringBuilder();
    report.range().partitions().forEach(p -> offsets.append("partition ").append(p.partition()).append(": offsets ").append(p.start())
        .append(" to ").append(p.end() - 1).append("<br>"));
    row(h, "input offsets", offsets.toString());
    row(h, "model version", joined(report.versions(Assessment::getModelVersion)));
    row(h, "rule-set version", joined(report.versions(Assessment::getRuleSetVersion)));
    row(h, "config hash", joined(report.versions(Assessment::getConfigHash)));
    row(h, "application ids", esc(report.scoringApplicationId() + ", " + report.sinkApplicationId()) + " (deleted after the run)");
    StringBuilder topics = new StringBuilder();
    report.auditTopics().forEach((k, v) -> topics.append(esc(k)).append(": <code>").append(esc(v)).append("</code><br>"));
    row(h, "audit topics", topics.toString());
    h.append("</table>\n");

    h.append("<h2>Accounting</h2>\n<table>\n");
    row(h, "posts in range", count(accounting.postsInRange()));
    row(h, "assessed", count(accounting.assessedPosts()));
    StringBuilder codes = new StringBuilder(count(accounting.deadLetteredPosts()));
    accounting.deadLetteredByCode().forEach((code, n) -> codes.append(String.format(Locale.ROOT, "<br>%s: %,d", esc(code), n)));
    row(h, "dead-lettered", codes.toString());
    row(h, "missing (neither)", count(accounting.missing().size()));
    row(h, "records in range", String.format(Locale.ROOT, "%,d (%,d repeat a post id already in the range)", accounting.recordsInRange(),
        accounting.repeatedRecords()));
    row(h, "skipped", String.format(Locale.ROOT, "%,d outside the time range, %,d without a value (tombstones)",
        accounting.skippedOutsideTimeRange(), accounting.skippedWithoutValue()));
    h.append("</table>\n<table><tr><th>partition</th><th>offsets</th><th>posts in range</th><th>assessed</th><th>dead-lettered</th>"
        + "<th>missing</th><th>skipped</th></tr>\n");
    for (Map<String, Long> p : accounting.perPartition()) {
      h.append(String.format(Locale.ROOT, "<tr><td>%d</td><td>%,d</td><td>%,d</td><td>%,d</td><td>%,d</td><td>%,d</td><td>%,d</td></tr>%n",
          p.get("partition"), p.get("offsets"), p.get("postsInRange"), p.get("assessed"), p.get("deadLettered"), p.get("missing"),
          p.get("skippedOutsideTimeRange") + p.get("skippedWithoutValue")));
    }
    h.append("</table>\n");

    h.append("<h2>Summary</h2>\n<table>\n");
    row(h, "assessments", count(report.assessments().size()));
    row(h, "alerts (replay)", count(AuditReport.latestPerId(report.replayAlerts()).size()));
    row(h, "alerts (live, same posts)", count(report.liveAlertCount()));
    row(h, "<span class=\"new\">new</span> / <span class=\"gone\">gone</span> / <span class=\"changed\">changed</span>",
        report.count(AlertDiff.Kind.NEW) + " / " + report.count(AlertDiff.Kind.GONE) + " / " + report.count(AlertDiff.Kind.CHANGED));
    h.append("</table>\n");

    h.append("<h2>Alerts over time, by category</h2>\n").append(chart(report)).append('\n');

    h.append("<h2>Difference from the live alerts</h2>\n");
    DiffScope scope = report.scope();
    if (!scope.whole()) {
      h.append(String.format(Locale.ROOT, "<p>Over the %,d posts both the replay and live assessed. Left out: %,d assessed by the replay only, "
              + "%,d assessed live only, %,d by neither; %,d live and %,d replay alerts that name them (listed in the JSON report).</p>%n",
          scope.comparedPosts(), scope.replayOnly().size(), scope.liveOnly().size(), scope.neither().size(), scope.liveAlertsApart().size(),
          scope.replayAlertsApart().size()));
    }
    if (report.diff().isEmpty()) {
      h.append("<p>None: the replay raised exactly the live alerts.</p>\n");
    } else {
      h.append("<table><tr><th>change</th><th>alert id</th><th>category</th><th>posts</th><th>why</th></tr>\n");
      for (AlertDiff.Change c : report.diff()) {
        String kind = c.kind().name().toLowerCase(Locale.ROOT);
        h.append("<tr><td class=\"").append(kind).append("\">").append(kind).append("</td><td><code>").append(esc(c.alertId()))
            .append("</code></td><td>").append(esc(c.category())).append("</td><td>").append(esc(String.join(", ", c.postIds())))
            .append("</td><td>").append(String.join("<br>", c.reasons().stream().map(AuditHtml::esc).toList())).append("</td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  static String chart(AuditReport report) {
    Map<Long, Map<String, Integer>> buckets = report.alertsOverTime();
    TreeSet<String> categories = new TreeSet<>();
    int max = 1;
    for (Map<String, Integer> byCategory : buckets.values()) {
      categories.addAll(byCategory.keySet());
      max = Math.max(max, byCategory.values().stream().mapToInt(Integer::intValue).sum());
    }
    List<String> cats = List.copyOf(categories);
    int plotW = WIDTH - LEFT - 10;
    int plotH = HEIGHT - BOTTOM - 10;
    double barW = (double) plotW / buckets.size();
    StringBuilder svg = new StringBuilder();
    svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT + 20 * cats.size())
        .append("\" role=\"img\" aria-label=\"alerts over time by category\" font-size=\"11\">\n");
    svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>%n",
        LEFT, LEFT, 10 + plotH, LEFT, 10 + plotH, LEFT + plotW, 10 + plotH));
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" text-anchor=\"end\">%d</text><text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n",
        LEFT - 4, max, LEFT - 4, 10 + plotH));
    int i = 0;
    for (Map.Entry<Long, Map<String, Integer>> bucket : buckets.entrySet()) {
      double x = LEFT + i * barW;
      double y = 10 + plotH;
      for (int c = 0; c < cats.size(); c++) {
        int n = bucket.getValue().getOrDefault(cats.get(c), 0);
        if (n == 0) {
          continue;
        }
        double hgt = (double) n / max * plotH;
        y -= hgt;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %d</title></rect>%n",
            x + 1, y, Math.max(1, barW - 2), hgt, PALETTE[c % PALETTE.length], esc(TIME.format(Instant.ofEpochMilli(bucket.getKey()))),
            esc(cats.get(c)), n));
      }
      if (i % 6 == 0) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%s</text>%n", x, 10 + plotH + 14,
            esc(TIME.format(Instant.ofEpochMilli(bucket.getKey())))));
      }
      i++;
    }
    for (int c = 0; c < cats.size(); c++) {
      int y = HEIGHT + 20 * c;
      svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>%n",
          LEFT, y - 10, PALETTE[c % PALETTE.length], LEFT + 18, y, esc(cats.get(c))));
    }
    if (cats.isEmpty()) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">no alerts in this range</text>%n", LEFT + 10, 10 + plotH / 2));
    }
    svg.append("</svg>");
    return svg.toString();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  private static void row(StringBuilder h, String label, String valueHtml) {
    h.append("<tr><th>").append(label).append("</th><td>").append(valueHtml).append("</td></tr>\n");
  }

  private static String joined(TreeSet<String> values) {
    return values.isEmpty() ? "<em>none</em>" : "<code>" + esc(String.join(", ", values)) + "</code>";
  }

  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char ch : text.toCharArray()) {
      switch (ch) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(ch);
      }
    }
    return out.toString();
  }
}
