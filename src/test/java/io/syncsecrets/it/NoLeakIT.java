package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.core.Mode;
import io.syncsecrets.core.SecretValue;
import io.syncsecrets.core.SourceSpec;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncOptions;
import io.syncsecrets.core.SyncReport;
import io.syncsecrets.core.SyncService;
import io.syncsecrets.diff.DiffEngine;
import io.syncsecrets.diff.KeyDecision;
import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.diff.VariablePolicy;
import io.syncsecrets.env.EnvDocument;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command path, quiet or verbose, with known secret values: none reaches stdout, stderr, the
 * log file, an exception's text or a {@code toString()}.
 */
class NoLeakIT {
  private static final Map<String, String> OLD = Env.values("old");
  private static final Map<String, String> NEW = Env.values("new");
  private static final List<String> SECRETS = Env.secrets(OLD, NEW);

  @TempDir Path dir;
  private Path source;
  private Path target;
  private Path log;

  @BeforeEach
  void files() throws IOException {
    source = Env.writeSource(dir, NEW);
    target = Env.writeTarget(dir, OLD);
    log = dir.resolve("sync.log");
  }

  private RunResult jar(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--log-file", log.toString()));
    return Jar.run(all.toArray(String[]::new));
  }

  @Test
  void noCommandPathPrintsOrLogsAValue() throws Exception {
    String s = source.toString();
    String t = target.toString();
    List<RunResult> runs = new ArrayList<>();
    for (String verbosity : new String[] {"--verbose", "--quiet", "--keep-backups=10"}) {
      Files.write(target, Env.targetBytes(OLD));
      runs.add(jar("--source", s, "--target", t, "--dry-run", verbosity));
      runs.add(jar("--source", s, "--target", t, "--check", verbosity));
      runs.add(jar("--source", s, "--target", t, verbosity)); // applies
      runs.add(jar("--source", s, "--target", t, verbosity)); // no-op
      runs.add(jar("--source", s, "--target", t, "--check", verbosity)); // in sync
    }
    String v = "--verbose"; // errors with stack traces: the most text a run ever prints
    runs.add(jar("--source", dir.resolve("missing.env").toString(), "--target", t, v));
    runs.add(jar("--source", s, "--target", dir.resolve("missing/.env").toString(), v));
    runs.add(jar("--source", s, "--target", t, "--max-source-bytes", "10", v));
    runs.add(jar("--source", s, "--target", t, "--show-values", v)); // usage error
    runs.add(jar("--source", s, "--target", t, "--quiet", v)); // usage error

    Files.write(target, Env.targetBytes(OLD));
    Path malformedSource = Files.writeString(dir.resolve("bad-source.env"),
        Env.source(NEW) + "NINJA_CLIENT_SECRET " + NEW.get("NINJA_CLIENT_SECRET") + "\n"
            + "CONNECTWISE_PRIVATE_KEY=\"" + NEW.get("CONNECTWISE_PRIVATE_KEY") + "\n");
    runs.add(jar("--source", malformedSource.toString(), "--target", t, v));
    Path malformedTarget = Files.writeString(dir.resolve("bad.env"),
        Env.target(OLD) + "NINJA_CLIENT_SECRET " + OLD.get("NINJA_CLIENT_SECRET") + "\n");
    runs.add(jar("--source", s, "--target", malformedTarget.toString(), v));
    Path onlyLocal = Files.writeString(dir.resolve("local-only.env"), "SECRET_KEY=" + Env.SOURCE_LOCAL_SECRET + "\n");
    runs.add(jar("--source", onlyLocal.toString(), "--target", t, v));
    // A value that would not read back after rewriting (quotes inside quotes): refused, by key name.
    Path quoted = Files.writeString(dir.resolve("quoted.env"),
        Env.source(NEW).replace("NINJA_CLIENT_ID=" + NEW.get("NINJA_CLIENT_ID"),
            "NINJA_CLIENT_ID=\"\"" + NEW.get("NINJA_CLIENT_ID") + "\"\""));
    runs.add(jar("--source", quoted.toString(), "--target", t, v));
    runs.add(Jar.runWithStdin(Env.source(NEW).getBytes(StandardCharsets.UTF_8),
        "--source", "-", "--target", t, "--dry-run", v, "--log-file", log.toString()));

    Path backups = dir.resolve(".env-backups");
    Files.createDirectories(backups);
    try (FileChannel ch = FileChannel.open(target.resolveSibling(".env.sync-secrets.lock"),
            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock held = ch.lock()) {
      Files.write(target, Env.targetBytes(OLD));
      runs.add(jar("--source", s, "--target", t, "--lock-timeout", "0", v));
    }

    assertThat(runs).hasSizeGreaterThan(20);
    assertThat(runs).extracting(RunResult::exitCode).contains(0, 1, 2, 3);
    for (RunResult run : runs) {
      assertThat(run).leakedNone(SECRETS);
    }
    if (Files.exists(log)) {
      assertThat(Fs.mode(log)).isEqualTo("rw-------");
      String logged = Files.readString(log);
      assertThat(SECRETS).noneMatch(logged::contains);
    }
  }

  @Test
  void valueTypesPrintMasked() throws Exception {
    SecretValue secret = SecretValue.of(NEW.get("NINJA_CLIENT_SECRET"));
    EnvDocument doc = EnvDocument.parse("t", Env.targetBytes(OLD));
    SyncPlan plan = new DiffEngine(VariablePolicy.defaults(), false).plan(NEW, doc);
    SyncReport report = new SyncReport("src", target, Mode.DRY_RUN, plan, java.util.Optional.empty(), List.of());

    List<String> texts = new ArrayList<>(List.of(secret.toString(), secret.describe(), plan.toString(),
        report.toString(), doc.toString(), String.join("\n", plan.warnings()), plan.summary(false)));
    for (KeyDecision d : plan.decisions()) {
      texts.add(d.toString());
      texts.addAll(d.warnings());
    }
    assertThat(plan.changes()).hasSize(12);
    for (String text : texts) {
      assertThat(SECRETS).as("secrets in %s", text).noneMatch(text::contains);
    }
  }

  @Test
  void exceptionTextsAndStackTracesNameNoValue() throws Exception {
    List<Throwable> failures = new ArrayList<>();
    // Malformed source and target, with the secret on the bad line.
    Path badSource = Files.writeString(dir.resolve("bad-source.env"),
        "NINJA_CLIENT_SECRET " + NEW.get("NINJA_CLIENT_SECRET") + "\n");
    failures.add(failureOf(badSource, target));
    Path badTarget = Files.writeString(dir.resolve("bad.env"),
        Env.target(OLD) + "X=\"" + OLD.get("NINJA_CLIENT_SECRET") + "\n");
    failures.add(failureOf(source, badTarget));
    Path quoted = Files.writeString(dir.resolve("quoted.env"),
        "NINJA_CLIENT_ID=\"\"" + NEW.get("NINJA_CLIENT_ID") + "\"\"\n");
    failures.add(failureOf(quoted, target));
    failures.add(failureOf(source, dir.resolve("missing.env")));
    failures.add(failureOf(dir.resolve("missing-source.env"), target));

    assertThat(failures).hasSize(5).allMatch(SyncException.class::isInstance);
    for (Throwable f : failures) {
      StringWriter trace = new StringWriter();
      f.printStackTrace(new PrintWriter(trace)); // message, toString and every cause
      assertThat(SECRETS).as("secrets in %s", f).noneMatch(trace.toString()::contains);
    }
  }

  private Throwable failureOf(Path src, Path tgt) {
    SyncOptions options = new SyncOptions(SourceSpec.file(src), tgt, dir.resolve("b"), Mode.APPLY,
        VariablePolicy.defaults(), false, 10, 1 << 20, Duration.ofSeconds(1));
    SyncService service = new SyncService(Clock.systemUTC(), new AtomicEnvWriter(),
        new ByteArrayInputStream(new byte[0]));
    try {
      service.sync(options, service.readSource(options));
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }
}
