package io.syncsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.testsupport.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage errors never repeat what the operator typed or pasted where an option belonged. */
class UsageErrorLeakTest {
  private static final String SECRET = "pasted-secret-5e1f0c2a9b";

  @TempDir Path dir;

  @Test
  void anAtFileIsNotExpandedIntoArgumentsThatTheErrorWouldQuote() throws IOException {
    Path source = Files.writeString(dir.resolve("api-secrets.env"),
        "NINJA_CLIENT_SECRET=" + SECRET + "\n");

    RunResult r = CliRun.cli().run("@" + source, "--dry-run");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.allOutput()).doesNotContain(SECRET).contains("unknown argument");
  }

  @Test
  void unknownArgumentsAreNamedWithoutTheirValues() {
    RunResult r = CliRun.cli().run("--dry-run", "NINJA_CLIENT_SECRET=" + SECRET,
        "--client-secret=" + SECRET, "--bogus");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .doesNotContain(SECRET)
        .contains("'--client-secret=…'", "'--bogus'", "not an option (not shown)");
    assertThat(r.err().lines().count()).isEqualTo(2);
  }
}
