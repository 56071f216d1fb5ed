package io.syncsecrets.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ops/sync-secrets.sh against stand-ins for sudo, systemctl, journalctl and java. */
class WrapperScriptTest {
  static final String INVOCATION = "0123456789abcdef0123456789abcdef";

  static final List<String> START_CHECK =
      List.of("-n", "/usr/bin/systemctl", "restart", "sync-secrets-check.service");
  static final List<String> STOP_CHECK =
      List.of("-n", "/usr/bin/systemctl", "stop", "sync-secrets-check.service");
  static final List<String> SHOW_JOURNAL =
      List.of(
          "-n", "/usr/bin/journalctl", "--no-pager", "--output=short-iso",
          "_SYSTEMD_INVOCATION_ID=" + INVOCATION);

  @TempDir Path dir;
  Stubs stubs;

  @BeforeEach
  void stubs() throws IOException {
    stubs = new Stubs(dir, "sudo", "systemctl", "journalctl", "java");
  }

  private Run.Result wrapper(Map<String, String> extraEnv, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(OpsPaths.existing(OpsPaths.WRAPPER).toString());
    cmd.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(stubs.env);
    // The systemctl stand-in keeps or unloads a finished unit as systemd would, from its unit file.
    env.put("FAKE_UNIT_DIR", OpsPaths.SYSTEMD.toString());
    env.putAll(extraEnv);
    return Run.run(cmd, dir, env, null);
  }

  private Run.Result wrapper(String... args) {
    return wrapper(Map.of(), args);
  }

  /** The preview never reads the source or the target as the operator: it starts the check unit. */
  @Test
  void dryRunStartsTheCheckUnitAndShowsThatRunsJournal() {
    Run.Result r = wrapper("--dry-run");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(stubs.calls("sudo"))
        .contains(START_CHECK, SHOW_JOURNAL)
        .allSatisfy(call -> assertThat(call.get(0)).isEqualTo("-n"))
        .noneMatch(call -> call.contains("/usr/bin/cat"))
        .noneMatch(call -> call.contains("sync-secrets.service"));
    assertThat(stubs.calls("systemctl"))
        .contains(List.of("show", "--property=ExecMainStatus", "--value", "sync-secrets-check.service"));
    assertThat(r.out()).contains("Starting sync-secrets-check.service").contains("NINJA_CLIENT_ID missing from source");
    assertThat(stubs.calls("java")).isEmpty();
  }

  @Test
  void checkExitsThreeWhenTheUnitRecordedDrift() {
    // SuccessExitStatus=3: systemctl start succeeds, ExecMainStatus says 3.
    Run.Result r = wrapper(Map.of("FAKE_STATUS", "3"), "--check");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(r.err()).isEmpty();
    assertThat(stubs.calls("sudo")).contains(START_CHECK, SHOW_JOURNAL);
    assertThat(stubs.calls("java")).isEmpty();
  }

  @Test
  void checkExitsZeroWhenInSync() {
    Run.Result r = wrapper(Map.of("FAKE_STATUS", "0"), "--check");

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  /** The preview remains active after a run (its status stays readable), so each one restarts it. */
  @Test
  void everyPreviewRunsTheCheckAgainAndReportsThatRunsStatus() {
    Run.Result inSync = wrapper(Map.of("FAKE_STATUS", "0"), "--check");
    Run.Result drift = wrapper(Map.of("FAKE_STATUS", "3"), "--check");
    Run.Result inSyncAgain = wrapper(Map.of("FAKE_STATUS", "0"), "--check");

    assertThat(inSync.exitCode()).as(inSync.toString()).isZero();
    assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(3);
    assertThat(inSyncAgain.exitCode()).as(inSyncAgain.toString()).isZero();
    assertThat(stubs.calls("sudo").stream().filter(START_CHECK::equals)).hasSize(3);
    // Each status read is followed by a stop, so systemd drops the run's credential at once.
    assertThat(stubs.calls("sudo")).filteredOn(c -> c.contains("/usr/bin/systemctl") && !c.contains("-l"))
        .containsExactly(START_CHECK, STOP_CHECK, START_CHECK, STOP_CHECK, START_CHECK, STOP_CHECK);
  }

  /**
   * Were the check unit unloaded after a successful run (no RemainAfterExit=), systemd would answer
   * no InvocationID and ExecMainStatus 0: that must be "status unknown", not "in sync".
   */
  @Test
  void aPreviewUnitSystemdUnloadedAfterItsRunIsStatusUnknown(@TempDir Path units) throws IOException {
    for (String name : List.of("sync-secrets.service", "sync-secrets-check.service", "sync-secrets.timer")) {
      String text = Files.readString(OpsPaths.SYSTEMD.resolve(name));
      Files.writeString(units.resolve(name), text.replace("RemainAfterExit=yes\n", ""));
    }

    for (String mode : List.of("--check", "--dry-run")) {
      Run.Result r =
          wrapper(Map.of("FAKE_STATUS", "3", "FAKE_UNIT_DIR", units.toString()), mode);

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err()).as(r.toString()).contains("status unknown (no invocation id for the run)");
    }
  }

  @Test
  void dryRunReportsPendingChangesAsSuccess() {
    Run.Result r = wrapper(Map.of("FAKE_STATUS", "3"), "--dry-run");

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void bothModesAreACheck() {
    Run.Result r = wrapper(Map.of("FAKE_STATUS", "3"), "--dry-run", "--check");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
  }

  @Test
  void aFailedPreviewExitsWithTheToolsCodeAndSendsNoNotice() {
    Run.Result r =
        wrapper(Map.of("FAKE_START_RC", "1", "FAKE_STATUS", "1", "FAKE_RESULT", "exit-code"), "--check");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("ERROR target not found");
    assertThat(r.err())
        .contains("the preview failed (sync-secrets-check.service exit 1)")
        .doesNotContain("notice");
  }

  @Test
  void aPreviewWithAnUnknownStatusIsAFailureNotDriftOrSync() {
    Run.Result started = wrapper(Map.of("FAKE_STATUS", ""), "--check");
    Run.Result failed = wrapper(Map.of("FAKE_START_RC", "1", "FAKE_STATUS", "3"), "--check");
    Run.Result outOfRange = wrapper(Map.of("FAKE_STATUS", "259"), "--check");

    assertThat(started.exitCode()).as(started.toString()).isEqualTo(1);
    assertThat(started.err()).contains("sync-secrets-check.service: status unknown");
    // A failed start is never reported as drift, even if the status says 3.
    assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
    assertThat(failed.err()).contains("status unknown");
    // exit 259 would be 3 to the shell.
    assertThat(outOfRange.exitCode()).as(outOfRange.toString()).isEqualTo(1);
    assertThat(outOfRange.err()).contains("status unknown");
  }

  /**
   * Without this run's invocation id, ExecMainStatus may be another run's or systemd's default 0
   * for a unit it no longer knows: the preview is a failure, never "in sync" or "drift".
   */
  @Test
  void aPreviewWithoutAValidInvocationIdIsAFailureNotDriftOrSync() {
    for (String invocation : List.of("", "not-an-invocation-id", "0123456789ABCDEF0123456789ABCDEF")) {
      for (String status : List.of("0", "3")) {
        for (String mode : List.of("--check", "--dry-run")) {
          Run.Result r = wrapper(Map.of("FAKE_INVOCATION", invocation, "FAKE_STATUS", status), mode);

          assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
          assertThat(r.err())
              .as(r.toString())
              .contains("sync-secrets-check.service: status unknown (no invocation id for the run)")
              .contains("journalctl -u sync-secrets-check");
        }
      }
    }
    assertThat(stubs.calls("sudo")).noneMatch(call -> call.contains("/usr/bin/journalctl"));
  }

  @Test
  void aPreviewRefusesEveryOtherOptionAndSaysHowToSeeValues() {
    for (List<String> args :
        List.of(
            List.of("--dry-run", "--show-values"),
            List.of("--check", "-q"),
            List.of("-v", "--dry-run"),
            List.of("--dry-run", "--target", "/srv/my app/.env"),
            List.of("--check", "--"))) {
      Run.Result r = wrapper(args.toArray(String[]::new));

      assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
      assertThat(r.err())
          .as(r.toString())
          .contains("a preview runs sync-secrets-check.service with its fixed options")
          .contains("cannot be passed")
          .contains("sudo java -jar /opt/sync-secrets/sync-secrets.jar --dry-run --show-values");
    }
    assertThat(stubs.calls("sudo")).isEmpty();
    assertThat(stubs.calls("systemctl")).isEmpty();
    assertThat(stubs.calls("java")).isEmpty();
  }

  @Test
  void refusedSudoExplainsWhatToDoAndRunsNothing() {
    Run.Result r = wrapper(Map.of("FAKE_SUDO_REFUSE", "1"), "--dry-run");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains("sudo refused")
        .contains("without a password")
        .contains("systemctl restart sync-secrets-check.service")
        .contains("usermod -aG sync-secrets")
        .contains("sudo -v");
    assertThat(stubs.calls("java")).isEmpty();
    assertThat(stubs.calls("systemctl")).isEmpty();
    assertThat(stubs.calls("sudo")).allSatisfy(call -> assertThat(call).startsWith("-n", "-l"));
  }

  @Test
  void refusedSudoStopsARealSyncToo() {
    Run.Result r = wrapper(Map.of("FAKE_SUDO_REFUSE", "1"));

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("sudo refused").contains("systemctl start sync-secrets.service");
    assertThat(stubs.calls("systemctl")).isEmpty();
  }

  @Test
  void realSyncStartsTheServiceAndShowsThatRunsJournal() {
    Run.Result r = wrapper();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(stubs.calls("sudo"))
        .contains(List.of("-n", "/usr/bin/systemctl", "start", "sync-secrets.service"))
        .contains(SHOW_JOURNAL)
        .doesNotContain(START_CHECK);
    assertThat(r.out()).contains("NINJA_CLIENT_ID missing from source");
    assertThat(stubs.calls("java")).isEmpty();
  }

  @Test
  void failedRealSyncReportsTheToolsExitCode() {
    Run.Result r = wrapper(Map.of("FAKE_START_RC", "1", "FAKE_STATUS", "1", "FAKE_RESULT", "exit-code"));

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("ERROR target not found");
    assertThat(r.err()).contains("sync-secrets.service failed (exit 1)");
  }

  @Test
  void realSyncRejectsOptionsItCannotPass() {
    Run.Result r = wrapper("--keep-backups", "3");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .contains("'--keep-backups' cannot be passed")
        .contains("--dry-run --show-values");
    assertThat(stubs.calls("sudo")).isEmpty();
  }

  @Test
  void anotherSourceIsAUsageError() {
    Run.Result r = wrapper("--dry-run", "--source", "/tmp/other.env");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--source is not accepted");
    assertThat(stubs.calls("sudo")).isEmpty();
    assertThat(stubs.calls("systemctl")).isEmpty();
    assertThat(stubs.calls("java")).isEmpty();
  }

  @Test
  void helpDescribesBothModesAndTheExitCodes() {
    Run.Result r = wrapper("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("--dry-run")
        .contains("--check")
        .contains("sync-secrets-check.service")
        .contains("sudo java -jar /opt/sync-secrets/sync-secrets.jar --dry-run --show-values")
        .contains("3 drift");
    assertThat(stubs.calls("sudo")).isEmpty();
  }

  @Test
  void helpAndVersionWithoutJavaDoNotFailWithACommandNotFound() throws IOException {
    Path jar = Files.writeString(dir.resolve("sync-secrets.jar"), "a jar\n");
    Map<String, String> noJava =
        Map.of("SYNC_SECRETS_JAVA", dir.resolve("no-such-java").toString(), "SYNC_SECRETS_JAR", jar.toString());

    Run.Result help = wrapper(noJava, "--help");
    Run.Result version = wrapper(noJava, "--version");

    assertThat(help.exitCode()).as(help.toString()).isZero();
    assertThat(help.out()).contains("Usage: sync-secrets.sh --dry-run | --check").doesNotContain("Tool options");
    assertThat(help.err()).as(help.toString()).isEmpty();
    assertThat(version.exitCode()).as(version.toString()).isEqualTo(1);
    assertThat(version.err().lines())
        .as(version.toString())
        .containsExactly(
            "sync-secrets.sh: cannot show the version: '" + dir.resolve("no-such-java")
                + "' not found (install Java 17+, or set SYNC_SECRETS_JAVA)");
    assertThat(version.out()).isEmpty();
  }

  @Test
  void helpAndVersionRunTheToolWhenJavaAndTheJarAreThere() throws IOException {
    Path jar = Files.writeString(dir.resolve("sync-secrets.jar"), "a jar\n");

    Run.Result help = wrapper(Map.of("SYNC_SECRETS_JAR", jar.toString()), "--help");
    Run.Result version = wrapper(Map.of("SYNC_SECRETS_JAR", jar.toString()), "--version");

    assertThat(help.exitCode()).as(help.toString()).isZero();
    assertThat(help.out()).contains("Tool options").contains("stub java ran");
    assertThat(version.exitCode()).as(version.toString()).isZero();
    assertThat(stubs.calls("java")).hasSize(2).allSatisfy(call -> assertThat(call).contains("-jar", jar.toString()));
  }

  /** Every command the wrapper runs through sudo is one the drop-in allows, and nothing more. */
  @Test
  void everySudoCallIsAllowedByTheDropIn() throws IOException {
    wrapper("--dry-run");
    wrapper(Map.of("FAKE_STATUS", "3"), "--check");
    wrapper(Map.of("FAKE_START_RC", "1", "FAKE_STATUS", "1"), "--check");
    wrapper();
    List<Rule> rules = Rule.parse(Files.readString(OpsPaths.existing(OpsPaths.SUDOERS)));
    assertThat(rules).hasSize(4);

    List<List<String>> calls = stubs.calls("sudo");
    assertThat(calls).hasSizeGreaterThanOrEqualTo(12);
    assertThat(calls).contains(START_CHECK);
    for (List<String> call : calls) {
      List<String> command = call.subList(call.get(1).equals("-l") ? 2 : 1, call.size());
      assertThat(rules).as("a rule allowing %s", command).anyMatch(rule -> rule.allows(command));
    }
  }

  /** One {@code Cmnd_Alias}: a full path plus exact arguments or an anchored regular expression. */
  record Rule(String command, String args) {
    static List<Rule> parse(String sudoers) {
      Matcher m = Pattern.compile("(?m)^Cmnd_Alias \\w+ = (\\S+) (.+)$").matcher(sudoers);
      List<Rule> rules = new ArrayList<>();
      while (m.find()) {
        rules.add(new Rule(m.group(1), m.group(2).trim()));
      }
      return rules;
    }

    boolean allows(List<String> call) {
      if (!call.get(0).equals(command)) {
        return false;
      }
      String joined = String.join(" ", call.subList(1, call.size()));
      if (args.startsWith("^") && args.endsWith("$")) {
        return joined.matches(args.substring(1, args.length() - 1));
      }
      return joined.equals(args);
    }
  }
}
