package io.provwatch.app.replay;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The replay's progress on stderr: rewritten in place on a terminal (at most a few times a second),
 * one line per phase otherwise, so that logs stay readable.
 */
public final class ReplayProgress {
  private static final long EVERY_NANOS = 250_000_000L;

  private final PrintWriter out;
  private final String label;
  private final boolean terminal;
  private long lastPrint;
  private String lastPhase = "";
  private String lastText = "";

  public ReplayProgress(PrintWriter out, String label, boolean terminal) {
    this.out = out;
    this.label = label;
    this.terminal = terminal;
  }

  void reading(long read, long total) {
    show("reading", String.format(Locale.ROOT, "reading posts: %,d of %,d offsets", read, total), read >= total);
  }

  void processing(long assessed, long total, long alerts) {
    show("scoring", String.format(Locale.ROOT, "scoring: %,d of %,d posts assessed, %,d alert records", Math.min(assessed, total), total, alerts),
        assessed >= total);
  }

  void done(AuditReport report) {
    show("done", String.format(Locale.ROOT, "done: %,d posts, %,d assessments, %,d alerts; %d new, %d gone, %d changed against live",
        report.postsReplayed(), report.assessments().size(), AuditReport.latestPerId(report.replayAlerts()).size(),
        report.count(AlertDiff.Kind.NEW), report.count(AlertDiff.Kind.GONE), report.count(AlertDiff.Kind.CHANGED)), true);
  }

  private void show(String phase, String text, boolean last) {
    long now = System.nanoTime();
    boolean newPhase = !phase.equals(lastPhase);
    if (terminal) {
      if (!newPhase && !last && now - lastPrint < EVERY_NANOS) {
        return;
      }
      if (newPhase && !lastPhase.isEmpty()) {
        out.print('\n');
      }
      out.print("\r" + label + ": " + text + "\u001b[K");
      if (phase.equals("done")) {
        out.print('\n');
      }
    } else if (newPhase || (last && !text.equals(lastText))) {
      out.println(label + ": " + text);
    }
    out.flush();
    lastPhase = phase;
    lastText = text;
    lastPrint = now;
  }
}
