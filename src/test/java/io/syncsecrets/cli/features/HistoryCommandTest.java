package io.syncsecrets.cli.features;

import static io.syncsecrets.cli.features.FeatureCli.SOURCE;
import static io.syncsecrets.cli.features.FeatureCli.TARGET;
import static io.syncsecrets.cli.features.FeatureCli.read;
import static io.syncsecrets.cli.features.FeatureCli.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.cli.features.FeatureCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every applied change appends one value-free line; {@code history} prints it. */
class HistoryCommandTest {
  @TempDir Path dir;
  Path source;
  Path target;
  Path history;
  FeatureCli cli;

  @BeforeEach
  void files() throws Exception {
    source = write(dir.resolve("api-secrets.env"), SOURCE);
    target = write(dir.resolve("app/.env"), TARGET);
    history = dir.resolve("app/.env-backups/.env.history.jsonl");
    cli = new FeatureCli(dir, java.util.Map.of("SUDO_USER", "alice"));
  }

  private Run sync() {
    return cli.run("--source", source.toString(), "--target", target.toString());
  }

  @Test
  void anAppliedChangeAppendsOnePrivateValueFreeLine() throws Exception {
    assertThat(sync().code()).isZero();

    List<String> lines = Files.readAllLines(history);
    assertThat(lines).hasSize(1);
    String line = lines.get(0);
    assertThat(line).startsWith("{\"time\":\"").contains("\"event\":\"sync\"")
        .contains("\"updated\":[\"NINJA_CLIENT_ID\",\"NINJA_CLIENT_SECRET\"]")
        .contains("\"added\":[\"CONNECTWISE_PRIVATE_KEY\"]")
        .contains("\"user\":\"" + System.getProperty("user.name") + "\"")
        .contains("\"sudo_user\":\"alice\"")
        .containsPattern("\"source_sha256\":\"[0-9a-f]{12}\"")
        .containsPattern("\"backup\":\"\\.env\\.\\d{8}_\\d{6}\"")
        .doesNotContain(FeatureCli.SECRET).doesNotContain("client-new").doesNotContain("cw-private-new");
    assertThat(Files.getPosixFilePermissions(history)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void noChangeAddsNoLineAndDryRunsAddNone() throws Exception {
    assertThat(cli.run("--source", source.toString(), "--target", target.toString(), "--dry-run").code()).isZero();
    assertThat(history).doesNotExist();
    assertThat(sync().code()).isZero();
    assertThat(sync().code()).isZero();

    assertThat(Files.readAllLines(history)).hasSize(1);
  }

  @Test
  void theBackupNamedInTheHistoryHoldsThePreviousFile() throws Exception {
    sync();
    String line = Files.readAllLines(history).get(0);
    String backup = line.replaceAll(".*\"backup\":\"([^\"]+)\".*", "$1");

    assertThat(read(dir.resolve("app/.env-backups").resolve(backup))).isEqualTo(TARGET);
  }

  @Test
  void historyPrintsATableNewestLast() throws Exception {
    sync();
    write(target, TARGET.replace("client-old", "client-older"));
    sync();

    Run run = cli.run("history", "--target", target.toString());

    assertThat(run.code()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).startsWith("TIME (UTC)").contains("EVENT").contains("KEYS").contains("BACKUP");
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).contains("sync").contains("(sudo by alice)")
        .contains("updated NINJA_CLIENT_ID, NINJA_CLIENT_SECRET; added CONNECTWISE_PRIVATE_KEY");
    assertThat(lines.get(2)).contains("updated NINJA_CLIENT_ID, NINJA_CLIENT_SECRET");
    assertThat(lines.get(2).substring(0, 19)).isGreaterThanOrEqualTo(lines.get(1).substring(0, 19));
    assertThat(run.out()).doesNotContain(FeatureCli.SECRET);
  }

  @Test
  void jsonPrintsTheRawLines() throws Exception {
    sync();

    Run run = cli.run("history", "--target", target.toString(), "--json");

    assertThat(run.out().strip()).isEqualTo(Files.readString(history).strip());
  }

  @Test
  void noHistoryYetIsSaidPlainly() {
    Run run = cli.run("history", "--target", target.toString());

    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("No history yet");
  }

  @Test
  void unreadableLinesAreSkippedWithAWarning() throws Exception {
    sync();
    Files.writeString(history, "not json\n", java.nio.file.StandardOpenOption.APPEND);

    Run run = cli.run("history", "--target", target.toString());

    assertThat(run.out().lines().filter(l -> l.contains(" sync "))).hasSize(1);
    assertThat(run.err()).contains("1 line(s) are not history entries; skipped");
  }

  @Test
  void theHistoryIsNeverPrunedWithTheBackups() throws Exception {
    for (int i = 0; i < 3; i++) {
      write(target, TARGET.replace("client-old", "client-old-" + i));
      assertThat(cli.run("--source", source.toString(), "--target", target.toString(), "--keep-backups", "1")
          .code()).isZero();
    }

    assertThat(Files.readAllLines(history)).hasSize(3);
  }
}
