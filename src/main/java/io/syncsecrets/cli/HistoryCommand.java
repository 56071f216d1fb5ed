package io.syncsecrets.cli;

import io.syncsecrets.core.ExitStatus;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.history.HistoryEntry;
import io.syncsecrets.history.HistoryLog;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sync-secrets history}: the value-free change history of each target. */
@Command(
    name = "history",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Show the change history of the target, newest last: when, what (sync, restore, rollback),"
          + " who, on which host, the source's fingerprint, the keys changed, the backup made.",
      "The history is <backup-dir>/<target name>.history.jsonl; it never holds a value."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:failure: the history could not be read", "2:usage error"})
final class HistoryCommand implements Callable<Integer>, VerboseAware {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  @Spec CommandSpec spec;

  @Mixin ConfigOption config;

  @Mixin TargetOptions targets = new TargetOptions();

  @Option(names = "--json", order = 20, description = "Print the raw JSON lines instead of a table.")
  boolean json;

  @Mixin LoggingOptions logging = new LoggingOptions();

  HistoryCommand(CliContext context) {
    this.config = new ConfigOption(context.config());
  }

  @Override
  public Integer call() {
    List<TargetOptions.Resolved> resolved = options();
    logging.configure();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (TargetOptions.Resolved t : resolved) {
      HistoryLog log = HistoryLog.forTarget(t.backupDir(), t.target().getFileName().toString());
      try {
        if (json) {
          log.lines().forEach(out::println);
        } else {
          if (resolved.size() > 1) {
            out.println("== " + t.target());
          }
          HistoryLog.Contents contents = log.read();
          printTable(out, contents.entries(), log);
          if (contents.skipped() > 0) {
            err.println("sync-secrets: " + log.file() + ": " + contents.skipped()
                + " line(s) are not history entries; skipped");
          }
        }
      } catch (IOException e) {
        throw SyncException.failure(log.file() + ": cannot read history: " + SyncException.why(e), e);
      }
      out.flush();
      err.flush();
    }
    return ExitStatus.OK.code();
  }

  private static void printTable(PrintWriter out, List<HistoryEntry> entries, HistoryLog log) {
    if (entries.isEmpty()) {
      out.println("No history yet (" + log.file() + ")");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TIME (UTC)", "EVENT", "USER", "HOST", "SOURCE", "KEYS", "BACKUP"});
    for (HistoryEntry e : entries) {
      rows.add(new String[] {
          TIME.format(e.time()), e.event().label(), e.actor().describe(), e.actor().host(),
          e.sourceFingerprint().orElse("-"), keys(e.updated(), e.added(), e.removed()),
          e.backup().orElse("-") + e.restoredFrom().map(r -> " (restored " + r + ")").orElse("")});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** "updated A, B; added C" (names only); "none" when empty. */
  static String keys(List<String> updated, List<String> added, List<String> removed) {
    List<String> parts = new ArrayList<>();
    if (!updated.isEmpty()) {
      parts.add("updated " + String.join(", ", updated));
    }
    if (!added.isEmpty()) {
      parts.add("added " + String.join(", ", added));
    }
    if (!removed.isEmpty()) {
      parts.add("removed " + String.join(", ", removed));
    }
    return parts.isEmpty() ? "none" : String.join("; ", parts);
  }

  @Override
  public boolean verbose() {
    return logging.verbose;
  }

  /** All cross-option rules in one place. */
  List<TargetOptions.Resolved> options() {
    logging.validate();
    return targets.resolve();
  }
}
