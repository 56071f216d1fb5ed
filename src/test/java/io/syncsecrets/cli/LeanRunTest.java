package io.syncsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which argument lists Cli.run may try on the top command alone (see Cli.run). */
class LeanRunTest {
  private static boolean lean(String... args) {
    return Cli.mayRunWithoutSubcommands(args);
  }

  @Test
  void plainSyncArgumentsMayRunAlone() {
    assertThat(lean("--source", "a.env", "--target", "b.env", "--dry-run")).isTrue();
    assertThat(lean("-q", "--check")).isTrue();
    assertThat(lean()).isTrue();
  }

  @Test
  void subcommandsHelpAndVersionNeedTheFullCommandLine() {
    assertThat(lean("restore", "--target", "x")).isFalse();
    assertThat(lean("--target", "x", "history")).isFalse();
    assertThat(lean("status")).isFalse();
    assertThat(lean("help")).isFalse();
    assertThat(lean("--help")).isFalse();
    assertThat(lean("-h")).isFalse();
    assertThat(lean("-qh")).isFalse();
    assertThat(lean("-V")).isFalse();
    assertThat(lean("--version")).isFalse();
  }
}
