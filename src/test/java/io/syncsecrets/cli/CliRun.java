package io.syncsecrets.cli;

import io.syncsecrets.testsupport.RunResult;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import picocli.CommandLine;

/** Runs the whole CLI in-process with captured writers, a fixed clock and a given stdin. */
final class CliRun {
  static final Instant NOW = Instant.parse("2026-05-04T03:02:01Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Map<String, String> env = Map.of();
  private InputStream stdin = InputStream.nullInputStream();
  private AtomicEnvWriter writer = new AtomicEnvWriter();
  private boolean captureSystemStreams;

  static CliRun cli() {
    return new CliRun();
  }

  CliRun env(Map<String, String> env) {
    this.env = env;
    return this;
  }

  CliRun stdin(String text) {
    this.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    return this;
  }

  CliRun writer(AtomicEnvWriter writer) {
    this.writer = writer;
    return this;
  }

  /**
   * Also captures System.out/err for the run (where log lines go), appended to the result's out/err.
   * Leak checks need this: a value must not reach any output, picocli's writers or not.
   */
  CliRun captureSystemStreams() {
    this.captureSystemStreams = true;
    return this;
  }

  /** The configured command line, for tests that only parse. */
  CommandLine commandLine() {
    return Cli.commandLine(env, stdin, CLOCK, writer);
  }

  RunResult run(String... args) {
    if (!captureSystemStreams) {
      return execute(args);
    }
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream sysOut = new ByteArrayOutputStream();
    ByteArrayOutputStream sysErr = new ByteArrayOutputStream();
    RunResult r;
    try {
      // Swap before building the CommandLine: picocli compares its handler's stream (taken at
      // construction) with System.out at execute() and, if they differ, replaces our writers.
      System.setOut(new PrintStream(sysOut, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(sysErr, true, StandardCharsets.UTF_8));
      r = execute(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new RunResult(r.exitCode(), r.out() + sysOut.toString(StandardCharsets.UTF_8),
        r.err() + sysErr.toString(StandardCharsets.UTF_8));
  }

  private RunResult execute(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // The production dispatch: the quick parser when it takes the line, else picocli.
    int code = Cli.run(env, stdin, CLOCK, writer, ConfigDefaults.DEFAULT_FILE,
        new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new RunResult(code, out.toString(), err.toString());
  }
}
