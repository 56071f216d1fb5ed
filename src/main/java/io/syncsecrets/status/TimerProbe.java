package io.syncsecrets.status;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Asks systemd when the timer runs next: {@code systemctl list-timers <unit> --no-pager}, only when
 * {@code systemctl} is on the PATH, and never for longer than a timeout.
 */
public final class TimerProbe {
  public static final String TIMER = "sync-secrets.timer";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final Map<String, String> env;

  /** @param env the environment whose {@code PATH} is searched for systemctl */
  public TimerProbe(Map<String, String> env) {
    this.env = env;
  }

  /** The timer's line from systemctl, a short note when it is not loaded, or empty without systemd. */
  public Optional<String> nextRun() {
    Optional<Path> systemctl = find("systemctl");
    if (systemctl.isEmpty()) {
      return Optional.empty();
    }
    try {
      Process p = new ProcessBuilder(systemctl.get().toString(), "list-timers", TIMER, "--no-pager")
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      // Output is a few lines; reading after exit cannot fill the pipe.
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return Optional.of("systemctl did not answer within " + TIMEOUT.toSeconds() + " s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return Optional.of(describe(out));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The row naming the timer, whitespace collapsed; or a note that it is not scheduled. */
  static String describe(String listTimersOutput) {
    for (String line : listTimersOutput.split("\n")) {
      if (line.contains(TIMER)) {
        return line.trim().replaceAll("\\s{2,}", "  ");
      }
    }
    return TIMER + " is not loaded or not scheduled";
  }

  private Optional<Path> find(String name) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
