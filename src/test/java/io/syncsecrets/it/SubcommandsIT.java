package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** history, restore and status as an operator runs them: the built jar on real files. */
class SubcommandsIT {
  private static final Map<String, String> V0 = Env.values("v0");
  private static final Map<String, String> V1 = Env.values("v1");
  private static final Map<String, String> V2 = Env.values("v2");

  @TempDir Path dir;
  private Path target;
  private Path backups;

  @BeforeEach
  void twoSyncs() throws IOException {
    target = Files.write(dir.resolve(".env"), Env.targetBytes(V0));
    backups = dir.resolve(".env-backups");
    for (Map<String, String> v : List.of(V1, V2)) {
      Path source = Files.writeString(dir.resolve("source.env"), Env.source(v));
      assertThat(Jar.run("--source", source.toString(), "--target", target.toString())).exitedWith(0);
    }
  }

  @Test
  void historyListsBothChangesWithoutValues() {
    RunResult table = Jar.run("history", "--target", target.toString());
    RunResult json = Jar.run("history", "--target", target.toString(), "--json");

    assertThat(table).exitedWith(0).printed("NINJA_CLIENT_SECRET");
    assertThat(json.stdout().lines().filter(l -> l.startsWith("{")).count()).isEqualTo(2);
    for (RunResult r : List.of(table, json)) {
      assertThat(r).leakedNone(V0.values()).leakedNone(V1.values()).leakedNone(V2.values());
    }
  }

  @Test
  void restoreUndoesTheLastChangeAndBacksUpFirst() {
    RunResult run = Jar.run("restore", "--target", target.toString());

    assertThat(run).exitedWith(0).printed("Restored");
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(V1));
    assertThat(Fs.mode(target)).isEqualTo("rw-------");
    List<Path> all = Fs.backups(backups, ".env");
    assertThat(all).hasSize(3);
    assertThat(Fs.bytes(all.get(2))).isEqualTo(Env.targetBytes(V2));
  }

  @Test
  void restoreFromAForeignFileFailsAndKeepsTheTarget() throws IOException {
    Path foreign = Files.write(dir.resolve("elsewhere.env"), Env.targetBytes(V0));

    RunResult run = Jar.run("restore", "--target", target.toString(), "--from", foreign.toString());

    assertThat(run).exitedWith(1);
    assertThat(run.stderr().strip().lines().count()).isEqualTo(1);
    assertThat(Fs.bytes(target)).isEqualTo(Env.targetBytes(V2));
  }

  @Test
  void statusReportsDriftAgainstTheSourceWithoutWriting() throws IOException {
    Path source = Files.writeString(dir.resolve("source.env"), Env.source(V1));
    var before = Fs.mtime(target);

    RunResult run = Jar.run("status", "--source", source.toString(), "--target", target.toString());

    assertThat(run).exitedWith(0).printed("Backups: 2").leakedNone(V1.values()).leakedNone(V2.values());
    assertThat(run.stdout()).containsIgnoringCase("drift");
    assertThat(Fs.mtime(target)).isEqualTo(before);
    assertThat(Fs.backups(backups, ".env")).hasSize(2);
  }
}
