package io.syncsecrets.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** shellcheck on every shell script we ship or test with, visudo on the sudoers drop-in. */
class ShellAndSudoersTest {
  /** Every file under ops/ and the test stand-ins that starts with a shell shebang. */
  static Stream<Path> scripts() throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path base : List.of(OpsPaths.OPS, OpsPaths.STUBS)) {
      try (var walk = Files.walk(base)) {
        for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
          String head = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
          if (head.startsWith("#!/bin/bash") || head.startsWith("#!/bin/sh")) {
            found.add(p);
          }
        }
      }
    }
    assertThat(found)
        .as("the ops scripts")
        .contains(OpsPaths.WRAPPER, OpsPaths.INSTALLER, OpsPaths.NOTIFY);
    return found.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scripts")
  void shellcheckIsClean(Path script) {
    Path shellcheck = ExternalTools.require("shellcheck");

    Run.Result r = Run.run(List.of(shellcheck.toString(), "--norc", "-x", script.toString()));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.output()).as(r.toString()).isEmpty();
    assertThat(Files.isExecutable(script)).as("%s is executable", script).isTrue();
  }

  @Test
  void shellcheckCatchesAnUnquotedExpansion(@TempDir Path dir) throws IOException {
    Path shellcheck = ExternalTools.require("shellcheck");
    Path bad = dir.resolve("bad.sh");
    Files.writeString(bad, "#!/bin/bash\nrm $1\n");

    assertThat(Run.run(List.of(shellcheck.toString(), "--norc", bad.toString())).exitCode()).isNotZero();
  }

  @Test
  void dropInPassesVisudoAndHasNoDotInItsName() {
    Path visudo = ExternalTools.require("visudo");
    Path dropIn = OpsPaths.existing(OpsPaths.SUDOERS);

    Run.Result r = Run.run(List.of(visudo.toString(), "-cf", dropIn.toString()));

    assertThat(r.exitCode()).as(r.toString()).isZero();
    // sudo skips files in /etc/sudoers.d whose name contains a dot or ends in ~.
    assertThat(dropIn.getFileName().toString()).doesNotContain(".").doesNotEndWith("~");
  }

  @Test
  void visudoRejectsABrokenDropIn(@TempDir Path dir) throws IOException {
    Path visudo = ExternalTools.require("visudo");
    Path broken = dir.resolve("broken");
    Files.writeString(
        broken, Files.readString(OpsPaths.SUDOERS).replace("NOPASSWD:", "NOPASSWD"));

    assertThat(Run.run(List.of(visudo.toString(), "-cf", broken.toString())).exitCode()).isNotZero();
  }

  @Test
  void dropInAllowsExactlyTheFourCommandsToTheOperatorGroup() throws IOException {
    String text = Files.readString(OpsPaths.SUDOERS);
    List<String> rules =
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

    assertThat(rules)
        .containsExactly(
            "Cmnd_Alias SYNC_SECRETS_RUN = /usr/bin/systemctl start sync-secrets.service",
            "Cmnd_Alias SYNC_SECRETS_CHECK = /usr/bin/systemctl restart sync-secrets-check.service",
            "Cmnd_Alias SYNC_SECRETS_CHECK_DONE = /usr/bin/systemctl stop sync-secrets-check.service",
            "Cmnd_Alias SYNC_SECRETS_LOG = /usr/bin/journalctl ^--no-pager --output=short-iso"
                + " _SYSTEMD_INVOCATION_ID=[0-9a-f]{32}$",
            "%sync-secrets ALL = (root) NOPASSWD: SYNC_SECRETS_RUN, SYNC_SECRETS_CHECK,"
                + " SYNC_SECRETS_CHECK_DONE, SYNC_SECRETS_LOG");
    // No wildcard anywhere: a '*' in a sudoers argument matches spaces and extra options.
    assertThat(String.join("\n", rules)).doesNotContain("*");
    // Operators never read the shared source (it holds other applications' secrets too).
    assertThat(String.join("\n", rules)).doesNotContain(OpsPaths.SOURCE).doesNotContain("/usr/bin/cat");
  }
}
