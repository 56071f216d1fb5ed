package io.syncsecrets.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;

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
  static final String SOURCE_TEXT = "NINJA_CLIENT_ID=abc\nCONNECTWISE_SERVER=https://cw.example\n";
  static final String INVOCATION = "0123456789abcdef0123456789abcdef";

  @TempDir Path dir;
  Stubs stubs;

  @BeforeEach
  void stubs() throws IOException {
    stubs = new Stubs(dir, "sudo", "systemctl", "journalctl", "java");
    Path source = dir.resolve("api-secrets.env");
    Files.writeString(source, SOURCE_TEXT);
    stubs.env.put("FAKE_SOURCE", source.toString());
  }

  private Run.Result wrapper(Map<String, String> extraEnv, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(OpsPaths.existing(OpsPaths.WRAPPER).toString());
    cmd.addAll(List.of(args));
    Map<String, String> env = new HashMap<>(stubs.env);
    env.putAll(extraEnv);
    return Run.run(cmd, dir, env, null);
  }

  private Run.Result wrapper(String... args) {
    return wrapper(Map.of(), args);
  }

  @Test
  void dryRunPipesTheSourceIntoTheToolAndPassesArgumentsVerbatim() throws IOException {
    String spaced = "/srv/my app/.env";
    String quoted = "it's \"quoted\" $HOME `x` *";

    Run.Result r = wrapper("--dry-run", "--target", spaced, "--backup-dir=" + quoted, "-v");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(stubs.calls("java"))
        .containsExactly(
            List.of(
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-XX:SharedArchiveFile=/opt/sync-secrets/sync-secrets.jsa",
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-jar", OpsPaths.JAR, "--source", "-",
                "--dry-run", "--target", spaced, "--backup-dir=" + quoted, "-v"));
    assertThat(stubs.file("java.stdin")).isEqualTo(SOURCE_TEXT);
    assertThat(stubs.calls("sudo"))
        .contains(List.of("-n", "/usr/bin/cat", OpsPaths.SOURCE))
        .allSatisfy(call -> assertThat(call.get(0)).isEqualTo("-n"));
    assertThat(stubs.calls("systemctl")).isEmpty();
  }

  @Test
  void checkKeepsTheToolsExitCode() {
    Run.Result r = wrapper(Map.of("FAKE_JAVA_RC", "3"), "--check");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(3);
    assertThat(stubs.calls("java")).singleElement(InstanceOfAssertFactories.list(String.class)).contains("--check", "--source");
  }

  @Test
  void refusedSudoExplainsWhatToDoAndRunsNothing() {
    Run.Result r = wrapper(Map.of("FAKE_SUDO_REFUSE", "1"), "--dry-run");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .contains("sudo refused")
        .contains("without a password")
        .contains("usermod -aG sync-secrets")
        .contains("sudo -v");
    assertThat(stubs.calls("java")).isEmpty();
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
  void unreadableSourceFailsEvenWhenTheToolSucceeds() {
    Run.Result r = wrapper(Map.of("FAKE_CAT_FAIL", "1"), "--dry-run");

    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).contains("could not read " + OpsPaths.SOURCE);
  }

  @Test
  void realSyncStartsTheServiceAndShowsThatRunsJournal() {
    Run.Result r = wrapper();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(stubs.calls("sudo"))
        .contains(List.of("-n", "/usr/bin/systemctl", "start", "sync-secrets.service"))
        .contains(
            List.of(
                "-n", "/usr/bin/journalctl", "--no-pager", "--output=short-iso",
                "_SYSTEMD_INVOCATION_ID=" + INVOCATION));
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
    assertThat(r.err()).contains("'--keep-backups' cannot be passed").contains("--dry-run");
    assertThat(stubs.calls("sudo")).isEmpty();
  }

  @Test
  void anotherSourceIsAUsageError() {
    Run.Result r = wrapper("--dry-run", "--source", "/tmp/other.env");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--source is not accepted");
    assertThat(stubs.calls("sudo")).isEmpty();
    assertThat(stubs.calls("java")).isEmpty();
  }

  @Test
  void helpDescribesBothModesAndTheExitCodes() {
    Run.Result r = wrapper("--help");

    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--dry-run").contains("--check").contains("3 drift");
    assertThat(stubs.calls("sudo")).isEmpty();
  }

  /** Every command the wrapper runs through sudo is one the drop-in allows, and nothing more. */
  @Test
  void everySudoCallIsAllowedByTheDropIn() throws IOException {
    wrapper("--dry-run", "-q");
    wrapper("--check");
    wrapper();
    List<Rule> rules = Rule.parse(Files.readString(OpsPaths.existing(OpsPaths.SUDOERS)));
    assertThat(rules).hasSize(3);

    List<List<String>> calls = stubs.calls("sudo");
    assertThat(calls).hasSizeGreaterThanOrEqualTo(7);
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
