package io.syncsecrets.hooks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an operator's hook with {@code /bin/sh -c}, the target's path in {@code $SYNC_SECRETS_TARGET},
 * standard input from {@code /dev/null}, and a timeout after which the command and its children are
 * killed.
 *
 * <p>The command's own output (stdout and stderr merged) goes line by line to the sink the CLI
 * hands in: it is the operator's output, not the tool's, so it is passed on as is. The tool never
 * puts a value in the hook's environment or arguments.
 */
public final class HookRunner {
  /** The variable naming the target for the hook. */
  public static final String TARGET_VARIABLE = "SYNC_SECRETS_TARGET";

  private static final String SHELL = "/bin/sh";
  private static final long OUTPUT_DRAIN_MILLIS = 2000;

  private final Consumer<String> output;
  private volatile Process active;
  /** Set by {@link #killActive}: the run is being stopped, so no command may run from then on. */
  private volatile boolean stopping;

  /** @param output receives each line the command prints, prefixed with the option's name */
  public HookRunner(Consumer<String> output) {
    this.output = output;
  }

  /** A runner that drops the commands' output. */
  public static HookRunner silent() {
    return new HookRunner(line -> { });
  }

  /** Runs {@code command} for {@code target}; never throws for the command's own failure. */
  public HookResult run(String name, String command, Path target, Duration timeout) {
    ProcessBuilder builder = new ProcessBuilder(SHELL, "-c", command)
        .redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().put(TARGET_VARIABLE, target.toAbsolutePath().toString());
    if (stopping) {
      return new HookResult(name, HookResult.Outcome.STOPPED, OptionalInt.empty(), timeout);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      return new HookResult(name, HookResult.Outcome.NOT_STARTED, OptionalInt.empty(), timeout);
    }
    active = process;
    // A stop that came while the command was starting found no active process: kill it now. (Both
    // fields are volatile, so of killActive and this check at least one sees the other's write.)
    if (stopping) {
      kill(process);
    }
    Thread pump = new Thread(() -> pump(name, process), "hook-output");
    pump.setDaemon(true);
    pump.start();
    try {
      boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!finished) {
        kill(process);
        pump.join(OUTPUT_DRAIN_MILLIS);
        return new HookResult(name, HookResult.Outcome.TIMED_OUT, OptionalInt.empty(), timeout);
      }
      pump.join(OUTPUT_DRAIN_MILLIS);
      if (stopping) {
        // Killed by the stop, or done just as it came: too late to be trusted either way.
        return new HookResult(name, HookResult.Outcome.STOPPED, OptionalInt.empty(), timeout);
      }
      int code = process.exitValue();
      return new HookResult(name, code == 0 ? HookResult.Outcome.PASSED : HookResult.Outcome.FAILED,
          OptionalInt.of(code), timeout);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      return new HookResult(name, HookResult.Outcome.FAILED, OptionalInt.empty(), timeout);
    } finally {
      active = null;
    }
  }

  /**
   * Kills the command running now, and its children, if any: the run is being stopped (SIGTERM,
   * Ctrl-C), and the command's result would come too late to be trusted. A command whose start
   * this call overlaps is killed as soon as it is started, and no command starts after it.
   */
  public void killActive() {
    stopping = true;
    Process p = active;
    if (p != null) {
      kill(p);
    }
  }

  private void pump(String name, Process process) {
    try (BufferedReader lines = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.accept(name + ": " + line);
      }
    } catch (IOException e) {
      // The pipe closes when the command is killed; nothing more to pass on.
    }
  }

  // Children first: killing only the shell would leave e.g. a hung curl holding the pipe open.
  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
