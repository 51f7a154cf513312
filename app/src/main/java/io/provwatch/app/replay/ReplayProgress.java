package io.provwatch.app.replay;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The replay's progress on stderr: rewritten in place on a terminal (at most a few times a second);
 * elsewhere a line when a phase starts and ends and at most every {@value #LOG_EVERY_SECONDS} s between,
 * so that logs stay readable and a long replay still shows it is moving.
 */
public final class ReplayProgress {
  private static final long EVERY_NANOS = 250_000_000L;
  static final long LOG_EVERY_SECONDS = 5;

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

  void copying(long copied, long total) {
    show("copying", String.format(Locale.ROOT, "copying posts: %,d of %,d", copied, total), copied >= total);
  }

  void processing(ReplayAccounting accounting, long alertRecords, long elapsedMs) {
    long accounted = accounting.accountedPosts();
    long total = accounting.postsInRange();
    show("scoring", String.format(Locale.ROOT, "scoring: %,d of %,d posts assessed, %,d dead-lettered, %,d alert records%s",
        accounting.assessedPosts(), total, accounting.deadLetteredPosts(), alertRecords, rateAndTimeLeft(accounted, total, elapsedMs)),
        accounted >= total);
  }

  /** ", 1,234 posts/s, about 18 s left" once there is a rate to tell. */
  static String rateAndTimeLeft(long done, long total, long elapsedMs) {
    if (done == 0 || elapsedMs <= 0) {
      return "";
    }
    double perSecond = done * 1000.0 / elapsedMs;
    long left = total - done;
    return left <= 0 ? String.format(Locale.ROOT, ", %,.0f posts/s", perSecond)
        : String.format(Locale.ROOT, ", %,.0f posts/s, about %s left", perSecond, duration(Math.round(left / perSecond)));
  }

  private static String duration(long seconds) {
    return seconds < 120 ? seconds + " s" : seconds < 7200 ? (seconds + 30) / 60 + " min" : String.format(Locale.ROOT, "%.1f h", seconds / 3600.0);
  }

  void waitingForMissing(long missing, long msLeft) {
    show("waiting", String.format(Locale.ROOT, "all input consumed; waiting up to %d s more for %,d posts neither assessed nor dead-lettered",
        (msLeft + 999) / 1000, missing), false);
  }

  void done(AuditReport report) {
    ReplayAccounting a = report.accounting();
    String prefix = a.complete() ? "done" : "INCOMPLETE";
    show("done", String.format(Locale.ROOT, "%s: %,d posts, %,d assessed, %,d dead-lettered, %,d missing; %,d alerts; %d new, %d gone, %d changed against live%s",
        prefix, a.postsInRange(), a.assessedPosts(), a.deadLetteredPosts(), a.missing().size(),
        AuditReport.latestPerId(report.replayAlerts()).size(),
        report.count(AlertDiff.Kind.NEW), report.count(AlertDiff.Kind.GONE), report.count(AlertDiff.Kind.CHANGED),
        report.scope().whole() ? "" : " (over the " + String.format(Locale.ROOT, "%,d", report.scope().comparedPosts()) + " posts both assessed)"),
        true);
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
    } else if (newPhase || (!text.equals(lastText) && (last || now - lastPrint >= LOG_EVERY_SECONDS * 1_000_000_000L))) {
      out.println(label + ": " + text);
    } else {
      return; // not printed: the next line is due LOG_EVERY_SECONDS after the last one printed
    }
    out.flush();
    lastPhase = phase;
    lastText = text;
    lastPrint = now;
  }
}
