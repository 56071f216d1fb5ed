package io.syncsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.core.Mode;
import io.syncsecrets.core.SecretValue;
import io.syncsecrets.core.SyncReport;
import io.syncsecrets.diff.KeyDecision;
import io.syncsecrets.diff.KeyStatus;
import io.syncsecrets.diff.SyncPlan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportPrinterTest {
  private static final String OLD = "old-value-Zq7x";
  private static final String NEW = "new\u001b[2Jvalue'\\";

  private static SyncReport report(Mode mode) {
    KeyDecision update = new KeyDecision("NINJA_CLIENT_SECRET", KeyStatus.UPDATE,
        Optional.of(SecretValue.of(OLD)), Optional.of(SecretValue.of(NEW)), 1);
    KeyDecision same = new KeyDecision("NINJA_CLIENT_ID", KeyStatus.UNCHANGED,
        Optional.of(SecretValue.of("same-id")), Optional.of(SecretValue.of("same-id")), 1);
    return new SyncReport("src.env", Path.of("/app/.env"), mode,
        new SyncPlan(List.of(update, same), List.of("SECRET_KEY")), Optional.empty(), List.of());
  }

  private static String print(SyncReport report, boolean showValues, boolean verbose, boolean quiet) {
    StringWriter s = new StringWriter();
    new ReportPrinter(new PrintWriter(s, true), showValues, verbose, quiet).print(report);
    return s.toString();
  }

  @Test
  void maskedByDefaultAndUnchangedKeysHidden() {
    String out = print(report(Mode.DRY_RUN), false, false, false);

    assertThat(out).contains("UPDATE", "NINJA_CLIENT_SECRET", SecretValue.fingerprint(NEW),
            "Local-only, left alone: SECRET_KEY", ReportPrinter.DRY_RUN_LINE)
        .doesNotContain(OLD, "same-id", "NINJA_CLIENT_ID", "\u001b");
  }

  @Test
  void verboseListsUnchangedKeysStillMasked() {
    String out = print(report(Mode.DRY_RUN), false, true, false);

    assertThat(out).contains("NINJA_CLIENT_ID").doesNotContain("same-id");
  }

  @Test
  void showValuesEscapesControlCharactersAndQuotes() {
    String out = print(report(Mode.CHECK), true, false, false);

    assertThat(out).contains("'" + OLD + "' -> 'new\\x1b[2Jvalue\\'\\\\'")
        .doesNotContain("\u001b")
        .contains("DRIFT: 1 change(s) pending");
  }

  @Test
  void quietPrintsNothing() {
    assertThat(print(report(Mode.CHECK), false, false, true)).isEmpty();
  }
}
