package io.syncsecrets.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external program to completion and keeps its exit code, stdout and stderr. */
public final class Run {
  /** What a finished process left behind. */
  public record Result(List<String> command, int exitCode, String out, String err) {
    /** Both streams, for assertions that no warning appeared anywhere. */
    public String output() {
      return out + err;
    }

    @Override
    public String toString() {
      return command + " exited " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Run() {}

  /** Runs {@code command} in {@code dir} with extra environment and optional stdin text. */
  public static Result run(List<String> command, Path dir, Map<String, String> env, String stdin) {
    ProcessBuilder pb = new ProcessBuilder(command);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      try (var in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      return new Result(command, p.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  public static Result run(List<String> command) {
    return run(command, null, Map.of(), null);
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
