package io.syncsecrets.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The systemd units: verify is silent, the schedule follows Central time, the sandbox scores ≤ 1.5. */
class SystemdUnitsTest {
  static final String[] UNITS = {
    "sync-secrets.service",
    "sync-secrets-check.service",
    "sync-secrets.timer",
    "sync-secrets-failure@sync-secrets.service.service"
  };

  /**
   * The only [Service] keys in which the preview unit may differ from the real one: what it runs,
   * that drift (3) is a success, that it remains active (its status outlives the run), its time
   * limit (it runs no hooks), its journal identifier, and no writable path at all.
   */
  static final List<String> CHECK_DIFFERS_IN =
      List.of(
          "ExecStart", "SuccessExitStatus", "RemainAfterExit", "TimeoutStartSec", "SyslogIdentifier",
          "ReadWritePaths");

  private static String unit(String name) throws IOException {
    return Files.readString(OpsPaths.existing(OpsPaths.SYSTEMD.resolve(name)));
  }

  @Test
  void verifyPassesWithoutAnyWarning(@TempDir Path root) throws IOException {
    SystemdVerifier.analyze();
    SystemdVerifier.prepareRoot(root, SystemdVerifier.checkedInUnits(), true);

    Run.Result result = SystemdVerifier.verify(root, UNITS);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.output()).as(result.toString()).isEmpty();
  }

  /** The check above would catch a typo: systemd only warns (exit 0) about an unknown key. */
  @Test
  void verifyCheckCatchesAnUnknownKeyAndAMissingProgram(@TempDir Path root) throws IOException {
    SystemdVerifier.analyze();
    SystemdVerifier.prepareRoot(root, SystemdVerifier.checkedInUnits(), false);
    Path service = root.resolve("etc/systemd/system/sync-secrets.service");
    Files.writeString(service, unit("sync-secrets.service").replace("UMask=", "UMsk="));

    Run.Result result = SystemdVerifier.verify(root, "sync-secrets.service");

    assertThat(result.output()).contains("UMsk").contains("/usr/bin/java");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // Winter: CST is UTC-6, so 03:00 local is 09:00 UTC.
    "2025-12-10 12:00:00 UTC, 2025-12-11 09:00:00 UTC",
    "2026-01-15 10:00:00 UTC, 2026-01-16 09:00:00 UTC",
    // Summer: CDT is UTC-5, 08:00 UTC (what the plan called "8:00 AM UTC").
    "2025-07-10 12:00:00 UTC, 2025-07-11 08:00:00 UTC",
    "2026-07-01 07:59:00 UTC, 2026-07-01 08:00:00 UTC",
  })
  void timerFiresAtThreeCentralAllYear(String base, String expected) throws IOException {
    Path analyze = SystemdVerifier.analyze();
    ExternalTools.requireThat(
        Files.exists(Path.of("/usr/share/zoneinfo/America/Chicago")), "tzdata (America/Chicago)");
    Matcher m = Pattern.compile("(?m)^OnCalendar=(.+)$").matcher(unit("sync-secrets.timer"));
    assertThat(m.find()).as("OnCalendar= in the timer").isTrue();

    Run.Result result =
        Run.run(
            List.of(analyze.toString(), "calendar", "--base-time=" + base, m.group(1).trim()),
            null,
            Map.of("TZ", "UTC", "SYSTEMD_LOG_COLOR", "0"),
            null);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.out()).as(result.toString()).containsPattern("Next elapse: \\w+ " + expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sync-secrets.service", "sync-secrets-check.service"})
  void serviceExposureIsAtMostOnePointFive(String name) throws IOException {
    Path analyze = SystemdVerifier.analyze();
    Run.Result result =
        Run.run(
            List.of(
                analyze.toString(),
                "security",
                "--offline=true",
                "--no-pager",
                OpsPaths.existing(OpsPaths.SYSTEMD.resolve(name)).toString()),
            null,
            Map.of("SYSTEMD_COLORS", "0"),
            null);

    Matcher m =
        Pattern.compile("Overall exposure level for " + Pattern.quote(name) + ": (\\d+\\.\\d+)")
            .matcher(result.output());
    assertThat(m.find()).as(result.toString()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).as(result.toString()).isLessThanOrEqualTo(1.5);
  }

  @Test
  void serviceRunsTheInstalledJarAsReneWithTheCredential() throws IOException {
    String service = unit("sync-secrets.service");
    assertThat(service)
        .containsPattern("(?m)^Type=oneshot$")
        .containsPattern("(?m)^User=rene$")
        .containsPattern("(?m)^ExecStart=/usr/bin/java .*-jar " + Pattern.quote(OpsPaths.JAR) + "$")
        .containsPattern(
            "(?m)^LoadCredential=api-secrets\\.env:" + Pattern.quote(OpsPaths.SOURCE) + "$")
        .containsPattern("(?m)^OnFailure=sync-secrets-failure@%n\\.service$")
        .containsPattern("(?m)^TimeoutStartSec=\\S+")
        .containsPattern("(?m)^ReadWritePaths=/opt/es-inventory-hub$")
        .containsPattern("(?m)^ProtectSystem=strict$")
        .containsPattern("(?m)^UMask=0077$")
        .containsPattern("(?m)^CapabilityBoundingSet=$")
        .containsPattern("(?m)^RestrictAddressFamilies=AF_UNIX$")
        .containsPattern("(?m)^SystemCallFilter=@system-service$")
        // An active sync unit would not run again when the timer starts it.
        .doesNotContainPattern("(?m)^RemainAfterExit=")
        // The JIT needs writable+executable memory.
        .doesNotContainPattern("(?m)^\\s*MemoryDenyWriteExecute");
  }

  @Test
  void checkServiceRunsTheSameCommandWithCheckAndTreatsDriftAsSuccess() throws IOException {
    String service = unit("sync-secrets.service");
    String check = unit("sync-secrets-check.service");
    Matcher exec = Pattern.compile("(?m)^ExecStart=(.+)$").matcher(service);
    assertThat(exec.find()).isTrue();

    assertThat(check)
        .containsPattern("(?m)^Type=oneshot$")
        .containsPattern("(?m)^User=rene$")
        .containsPattern("(?m)^ExecStart=" + Pattern.quote(exec.group(1)) + " --check$")
        .containsPattern("(?m)^SuccessExitStatus=3$")
        // Nothing references the unit: without this systemd may unload it after a successful run,
        // before the wrapper reads the run's InvocationID and ExecMainStatus.
        .containsPattern("(?m)^RemainAfterExit=yes$")
        .containsPattern("(?m)^SyslogIdentifier=sync-secrets-check$")
        .containsPattern(
            "(?m)^LoadCredential=api-secrets\\.env:" + Pattern.quote(OpsPaths.SOURCE) + "$")
        // Drift is not a failure, and a failed preview is the operator's to see, not a mail.
        .doesNotContainPattern("(?m)^OnFailure=")
        // A preview writes nothing: with ProtectSystem=strict and no ReadWritePaths= all is read-only.
        .containsPattern("(?m)^ProtectSystem=strict$")
        .doesNotContainPattern("(?m)^ReadWritePaths=")
        // The command line is fixed: no values in the journal, no unit that takes arguments.
        .doesNotContain("--show-values")
        .doesNotContain("%i");
    assertThat(Path.of("ops/systemd/sync-secrets-check.service.d")).doesNotExist();
  }

  /** The preview's sandbox is the real sync's: every other [Service] line is the same, in order. */
  @Test
  void checkServiceKeepsTheServicesHardeningInStep() throws IOException {
    List<String> service = serviceLines(unit("sync-secrets.service"));
    List<String> check = serviceLines(unit("sync-secrets-check.service"));

    assertThat(service).as("[Service] of sync-secrets.service").hasSizeGreaterThan(30);
    assertThat(check).as("[Service] of sync-secrets-check.service, minus the allowed differences")
        .isEqualTo(service);
  }

  /** The [Service] settings, without comments and the keys in {@link #CHECK_DIFFERS_IN}. */
  private static List<String> serviceLines(String unit) {
    List<String> out = new java.util.ArrayList<>();
    boolean in = false;
    for (String line : unit.lines().map(String::strip).toList()) {
      if (line.startsWith("[")) {
        in = line.equals("[Service]");
        continue;
      }
      if (!in || line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String key = line.substring(0, Math.max(0, line.indexOf('=')));
      if (!CHECK_DIFFERS_IN.contains(key)) {
        out.add(line);
      }
    }
    return out;
  }

  /**
   * systemd must not kill a run that uses the default limits: the lock wait plus both hooks, with
   * a minute to spare for the JVM's start and the sync itself. A preview runs no hooks.
   */
  @Test
  void timeoutStartSecLeavesRoomForTheLockWaitAndBothHooks() throws IOException {
    long lock = defaultSeconds("--lock-timeout");
    long hook = defaultSeconds("--hook-timeout");
    long margin = 60;

    assertThat(timeoutStartSec(unit("sync-secrets.service")))
        .as("TimeoutStartSec= of sync-secrets.service (s)")
        .isGreaterThanOrEqualTo(lock + 2 * hook + margin);
    assertThat(timeoutStartSec(unit("sync-secrets-check.service")))
        .as("TimeoutStartSec= of sync-secrets-check.service (s)")
        .isGreaterThanOrEqualTo(lock + margin)
        .isLessThanOrEqualTo(timeoutStartSec(unit("sync-secrets.service")));
  }

  /** The default of a sync option, in seconds, as the tool declares it. */
  private static long defaultSeconds(String option) {
    for (java.lang.reflect.Field f : io.syncsecrets.cli.SyncCommand.class.getDeclaredFields()) {
      picocli.CommandLine.Option o = f.getAnnotation(picocli.CommandLine.Option.class);
      if (o != null && List.of(o.names()).contains(option)) {
        return Long.parseLong(o.defaultValue());
      }
    }
    throw new AssertionError("no option " + option + " in SyncCommand");
  }

  /** TimeoutStartSec= in seconds; accepts the forms used here: 90, 90s, 5min, 2min 30s. */
  private static long timeoutStartSec(String unit) {
    Matcher m = Pattern.compile("(?m)^TimeoutStartSec=(.+)$").matcher(unit);
    assertThat(m.find()).as("TimeoutStartSec=").isTrue();
    long total = 0;
    for (String part : m.group(1).trim().split("\\s+")) {
      Matcher p = Pattern.compile("(\\d+)(s|min)?").matcher(part);
      assertThat(p.matches()).as("TimeoutStartSec part %s", part).isTrue();
      total += Long.parseLong(p.group(1)) * ("min".equals(p.group(2)) ? 60 : 1);
    }
    return total;
  }

  @Test
  void timerIsPersistentAndSpreadOut() throws IOException {
    assertThat(unit("sync-secrets.timer"))
        .containsPattern("(?m)^OnCalendar=\\*-\\*-\\* 03:00:00 America/Chicago$")
        .containsPattern("(?m)^Persistent=true$")
        .containsPattern("(?m)^RandomizedDelaySec=\\S+")
        .containsPattern("(?m)^AccuracySec=\\S+")
        .containsPattern("(?m)^WantedBy=timers.target$");
  }

  @Test
  void failureTemplateCallsTheInstalledNotifierWithTheUnitName() throws IOException {
    assertThat(unit("sync-secrets-failure@.service"))
        .containsPattern("(?m)^ExecStart=" + Pattern.quote(OpsPaths.NOTIFY_INSTALLED) + " %i$");
  }
}
