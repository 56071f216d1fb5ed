package io.syncsecrets.testsupport;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the external programs some tests need (python3-dotenv, shellcheck, systemd-analyze, visudo).
 *
 * <p>On a developer's machine a missing tool skips the test; under CI ({@code CI=true}) it fails,
 * because {@code .ci/run} installs every tool and a silently skipped check proves nothing.
 */
public final class ExternalTools {
  private ExternalTools() {}

  /** True when running under CI, where every tool must be present. */
  public static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** Absolute path of {@code name} on PATH (or the given absolute path), or skips / fails the test. */
  public static Path require(String name) {
    Optional<Path> found = find(name);
    if (found.isEmpty()) {
      if (inCi()) {
        throw new AssertionError(name + " is required under CI; .ci/run should install it");
      }
      assumeTrue(false, name + " not installed; test skipped outside CI");
    }
    return found.get();
  }

  /** Requires a condition that a CI machine must meet (e.g. python3-dotenv importable). */
  public static void requireThat(boolean condition, String what) {
    if (!condition) {
      if (inCi()) {
        throw new AssertionError(what + " is required under CI; .ci/run should install it");
      }
      assumeTrue(false, what + " not available; test skipped outside CI");
    }
  }

  /** Looks a program up on PATH, or checks an absolute path. */
  public static Optional<Path> find(String name) {
    if (name.startsWith("/")) {
      Path p = Path.of(name);
      return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
    }
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    for (String dir : new String[] {"/usr/sbin", "/sbin"}) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
