package io.syncsecrets.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code target/sync-secrets.jar} as its own process, as an operator would. */
final class Jar {
  private static final long TIMEOUT_SECONDS = 60;

  private Jar() {}

  /** The jar under test: failsafe passes its path; a plain IDE run falls back to the build output. */
  static Path path() {
    Path jar = Path.of(System.getProperty("syncsecrets.jar", "target/sync-secrets.jar"));
    assertThat(jar).as("run 'mvn package' first: the process tests need the shaded jar").isRegularFile();
    return jar.toAbsolutePath();
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code java -jar sync-secrets.jar args...} with the given shell prefix (e.g. a umask). */
  static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(java(), "-Xshare:auto", "-jar", path().toString()));
    cmd.addAll(Arrays.asList(args));
    return cmd;
  }

  static RunResult run(String... args) {
    return run(null, command(args));
  }

  static RunResult runWithStdin(byte[] stdin, String... args) {
    return run(stdin, command(args));
  }

  /** Runs {@code cmd} to completion; output goes through files so a chatty run never blocks a pipe. */
  static RunResult run(byte[] stdin, List<String> cmd) {
    try {
      Path dir = Files.createTempDirectory("sync-secrets-it-run");
      try {
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = start(cmd, out, err, stdin);
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
          throw new AssertionError("jar did not finish within " + TIMEOUT_SECONDS + " s: " + cmd);
        }
        return new RunResult(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        for (String f : new String[] {"out", "err"}) {
          Files.deleteIfExists(dir.resolve(f));
        }
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new AssertionError("could not run the jar", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Starts {@code cmd} without waiting; the caller waits, reads the files, or kills it. */
  static Process start(List<String> cmd, Path out, Path err, byte[] stdin) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    // A stray CREDENTIALS_DIRECTORY in the CI environment must not change which source is read.
    pb.environment().remove("CREDENTIALS_DIRECTORY");
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    Process p = pb.start();
    if (stdin != null) {
      try (var in = p.getOutputStream()) {
        in.write(stdin);
      }
    }
    return p;
  }
}
