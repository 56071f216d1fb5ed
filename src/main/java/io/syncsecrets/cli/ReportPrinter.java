package io.syncsecrets.cli;

import io.syncsecrets.core.Mode;
import io.syncsecrets.core.SecretValue;
import io.syncsecrets.core.SyncReport;
import io.syncsecrets.diff.KeyDecision;
import io.syncsecrets.diff.KeyStatus;
import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.hooks.HookResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Prints a run's report: masked values unless {@code --show-values}. */
final class ReportPrinter {
  static final String DRY_RUN_LINE = "DRY RUN: No changes were made";

  private final PrintWriter out;
  private final boolean showValues;
  private final boolean verbose;
  private final boolean quiet;

  ReportPrinter(PrintWriter out, boolean showValues, boolean verbose, boolean quiet) {
    this.out = out;
    this.showValues = showValues;
    this.verbose = verbose;
    this.quiet = quiet;
  }

  void print(SyncReport report) {
    if (quiet) {
      return;
    }
    SyncPlan plan = report.plan();
    out.println("Source: " + report.source());
    out.println("Target: " + report.target());
    int width = 0;
    for (KeyDecision d : plan.decisions()) {
      width = Math.max(width, d.key().length());
    }
    for (KeyDecision d : plan.decisions()) {
      if (d.status() != KeyStatus.UNCHANGED || verbose || showValues) {
        // "  %-8s %-<width>s  %s" without java.util.Formatter, whose first use costs milliseconds.
        StringBuilder line = new StringBuilder("  ");
        pad(line, d.status().label(), 8).append(' ');
        pad(line, d.key(), width).append("  ").append(detail(d));
        out.println(line);
      }
    }
    if (!plan.preservedInSource().isEmpty()) {
      out.println("Local-only, left alone: " + String.join(", ", plan.preservedInSource()));
    }
    if (report.mode() != Mode.APPLY) {
      out.println((plan.hasChanges() ? "Plan: " : "In sync: ") + plan.summary(false));
      out.println(DRY_RUN_LINE);
      if (report.mode() == Mode.CHECK && plan.hasChanges()) {
        out.println("DRIFT: " + plan.changes().size() + " change(s) pending");
      }
    } else if (report.applied()) {
      if (report.backup().isPresent()) {
        out.println("Backup: " + report.backup().get());
      }
      for (Path pruned : report.pruned()) {
        out.println("Removed old backup: " + pruned.getFileName());
      }
      out.println("Applied: " + plan.summary(true));
      if (report.verify().isPresent()) {
        out.println("Verified: --verify-cmd passed");
      }
      if (report.onChange().isPresent()) {
        HookResult h = report.onChange().get();
        out.println("On change: --on-change "
            + (h.passed() ? "passed" : "failed (" + h.describe() + "); the new file stays"));
      }
    } else {
      out.println("In sync: " + plan.summary(false) + "; nothing written");
    }
  }

  private static StringBuilder pad(StringBuilder b, String text, int width) {
    b.append(text);
    for (int i = text.length(); i < width; i++) {
      b.append(' ');
    }
    return b;
  }

  private String detail(KeyDecision d) {
    return switch (d.status()) {
      case UPDATE -> show(d.current()) + " -> " + show(d.desired())
          + (d.isDuplicated() ? "  (" + d.assignments() + " assignments)" : "");
      case ADD -> "(absent) -> " + show(d.desired());
      case UNCHANGED -> show(d.current());
      case MISSING_IN_SOURCE -> "not in source; target keeps "
          + (d.current().isPresent() ? "its value" : "not having it");
      case EMPTY_IN_SOURCE -> "empty in source; target keeps "
          + (d.current().isPresent() ? "its value" : "not having it") + " (--allow-empty to sync it)";
    };
  }

  private String show(Optional<SecretValue> value) {
    if (value.isEmpty()) {
      return "(absent)";
    }
    return showValues ? quote(value.get().reveal()) : "[" + value.get().describe() + "]";
  }

  // Control characters shown as escapes so a value can never rewrite the terminal.
  private static String quote(String value) {
    StringBuilder s = new StringBuilder("'");
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\'' || c == '\\') {
        s.append('\\').appendCodePoint(c);
      } else if (c < 0x20 || c == 0x7f) {
        s.append(String.format("\\x%02x", c));
      } else {
        s.appendCodePoint(c);
      }
    }
    return s.append('\'').toString();
  }
}
