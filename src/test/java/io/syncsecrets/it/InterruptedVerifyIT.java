package io.syncsecrets.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped while --verify-cmd runs (systemd's SIGTERM at a timeout or stop, an operator's
 * Ctrl-C) rolls the unverified file back, records it, and leaves no command running.
 */
class InterruptedVerifyIT {
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");

  @TempDir Path dir;

  @Test
  void sigtermDuringVerificationRollsBackAndKillsTheCommand() throws Exception {
    Path source = Env.writeSource(dir, NEW);
    Path target = Env.writeTarget(dir, OLD);
    Path marker = dir.resolve("verify-started");
    List<String> cmd = Jar.command("--source", source.toString(), "--target", target.toString(),
        "--verify-cmd", "touch " + marker + "; sleep 45", "--hook-timeout", "90");
    Process run = Jar.start(cmd, dir.resolve("out"), dir.resolve("err"), null);
    try {
      awaitFile(marker, run);
      assertThat(Fs.bytes(target)).as("the new file is in place while it is verified")
          .isEqualTo(Env.targetBytes(NEW));
      List<ProcessHandle> hookProcesses = run.descendants().toList();
      assertThat(hookProcesses).isNotEmpty();

      run.destroy(); // SIGTERM
      assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("the run ended").isTrue();

      assertThat(Fs.bytes(target)).as("rolled back").isEqualTo(Env.targetBytes(OLD));
      assertThat(Fs.mode(target)).isEqualTo("rw-------");
      List<String> history = Files.readAllLines(dir.resolve(".env-backups/.env.history.jsonl"));
      assertThat(history.get(history.size() - 1)).contains("\"event\":\"rollback\"");
      for (ProcessHandle h : hookProcesses) {
        h.onExit().get(10, TimeUnit.SECONDS);
        assertThat(h.isAlive()).as("hook process %s", h.pid()).isFalse();
      }
    } finally {
      run.descendants().forEach(ProcessHandle::destroyForcibly);
      run.destroyForcibly();
    }
  }

  private static void awaitFile(Path file, Process run) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.exists(file)) {
      assertThat(run.isAlive()).as("run still going").isTrue();
      assertThat(System.nanoTime()).as("verify started within 30 s").isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
