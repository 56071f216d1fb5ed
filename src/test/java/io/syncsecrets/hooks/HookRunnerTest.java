package io.syncsecrets.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HookRunnerTest {
  @TempDir Path dir;
  final List<String> output = new CopyOnWriteArrayList<>();
  final HookRunner runner = new HookRunner(output::add);

  @Test
  void passesWithExitZeroAndSeesTheTarget() {
    HookResult r = runner.run("--verify-cmd", "echo \"$SYNC_SECRETS_TARGET\"", dir.resolve(".env"),
        Duration.ofSeconds(10));

    assertThat(r.passed()).isTrue();
    assertThat(output).containsExactly("--verify-cmd: " + dir.resolve(".env").toAbsolutePath());
  }

  @Test
  void afterAStopNoCommandRunsEvenOneThatWasNotYetStarted() {
    // SIGTERM can land while the command is being started, before it is the active one: the stop
    // must still win, or the unverified file would outlive the run (InterruptedVerifyIT).
    Path ran = dir.resolve("ran");
    runner.killActive();

    HookResult r = runner.run("--verify-cmd", "touch " + ran, dir.resolve(".env"), Duration.ofSeconds(10));

    assertThat(r.passed()).isFalse();
    assertThat(r.describe()).isEqualTo("the run was stopped; killed");
    assertThat(ran).doesNotExist();
  }

  @Test
  void aCommandStoppedWhileItRunsIsReportedAsStoppedNotAsItsExitCode() throws Exception {
    Path started = dir.resolve("started");
    Thread stopper = new Thread(() -> {
      try {
        while (!Files.exists(started)) {
          Thread.sleep(20);
        }
        runner.killActive();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    stopper.start();

    HookResult r = runner.run("--verify-cmd", "touch " + started + "; sleep 30", dir, Duration.ofSeconds(60));
    stopper.join();

    assertThat(r.outcome()).isEqualTo(HookResult.Outcome.STOPPED);
    assertThat(r.exitCode()).isEmpty();
  }

  @Test
  void aRelativeTargetIsMadeAbsolute() {
    runner.run("x", "echo \"$SYNC_SECRETS_TARGET\"", Path.of("rel/.env"), Duration.ofSeconds(10));

    assertThat(output).singleElement().asString().startsWith("x: /").endsWith("rel/.env");
  }

  @Test
  void reportsTheExitCodeAndPassesStderrOn() {
    HookResult r = runner.run("--on-change", "echo oops >&2; exit 4", dir, Duration.ofSeconds(10));

    assertThat(r.passed()).isFalse();
    assertThat(r.outcome()).isEqualTo(HookResult.Outcome.FAILED);
    assertThat(r.exitCode()).hasValue(4);
    assertThat(r.describe()).isEqualTo("exit 4");
    assertThat(output).containsExactly("--on-change: oops");
  }

  @Test
  void killsTheCommandAndItsChildrenOnTimeout() throws Exception {
    Path pidFile = dir.resolve("pid");
    long start = System.nanoTime();

    HookResult r = runner.run("x", "sleep 30 & echo $! > " + pidFile + "; wait", dir, Duration.ofMillis(500));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(r.outcome()).isEqualTo(HookResult.Outcome.TIMED_OUT);
    assertThat(r.describe()).startsWith("timed out after");
    long child = Long.parseLong(Files.readString(pidFile).strip());
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (running(child) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(running(child)).as("child " + child + " still running").isFalse();
  }

  // A killed orphan may stay a zombie until init reaps it; a zombie runs nothing.
  private static boolean running(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    if (!Files.exists(stat)) {
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
    String s;
    try {
      s = Files.readString(stat);
    } catch (java.io.IOException e) {
      return false; // gone between the two calls
    }
    char state = s.charAt(s.lastIndexOf(')') + 2);
    return state != 'Z' && state != 'X';
  }

  @Test
  void hooksToStringNeverShowsTheCommands() {
    Hooks hooks = new Hooks(java.util.Optional.of("curl -H 'Authorization: abc'"), java.util.Optional.empty(),
        Duration.ofSeconds(5));

    assertThat(hooks.toString()).doesNotContain("curl").doesNotContain("abc").contains("verify=set");
  }
}
