package io.syncsecrets.it;

import static io.syncsecrets.it.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a plain run loads, from the JVM's class-load log: start-up is issue 7's target, and these are
 * the cuts that made it (docs/PERFORMANCE.md). Class names, not timings: a timing would fail on a
 * busy machine, a class that comes back is a regression on any machine.
 */
class StartupPathIT {
  @TempDir Path dir;

  private List<String> loadedBy(String... args) throws IOException {
    Path source = Env.writeSource(dir, Env.values("new"));
    Path target = Env.writeTarget(dir, Env.values("old"));
    Path log = dir.resolve("class-load.txt");
    List<String> cmd = new ArrayList<>(List.of(Jar.java(), "-Xshare:auto",
        "-Xlog:class+load=info:file=" + log, "-jar", Jar.path().toString(),
        "--source", source.toString(), "--target", target.toString()));
    cmd.addAll(List.of(args));
    RunResult run = Jar.run(null, cmd);
    assertThat(run).exitedWith(0);
    List<String> classes = new ArrayList<>();
    for (String line : Files.readAllLines(log)) {
      // [info][class,load] java.lang.Object source: shared objects file
      int start = line.indexOf("] ") + 2;
      int end = line.indexOf(' ', start);
      classes.add(end < 0 ? line.substring(start) : line.substring(start, end));
    }
    assertThat(classes).as("the log parses").contains("io.syncsecrets.cli.Main");
    return classes;
  }

  private static void assertNoPicocliModel(List<String> classes) {
    assertThat(classes)
        .as("picocli's model is not built for a plain command line (QuickParser)")
        .doesNotContain("picocli.CommandLine", "picocli.CommandLine$Model$CommandSpec");
  }

  private static void assertLean(List<String> classes) {
    assertNoPicocliModel(classes);
    assertThat(classes)
        .as("no lambda or method reference runs: the first costs ~10 ms of method-handle set-up")
        .doesNotContain("java.lang.invoke.LambdaMetafactory")
        .noneMatch(c -> c.startsWith("io.syncsecrets.") && c.contains("$$Lambda$"));
    assertThat(classes)
        .as("no regular expression is compiled on the run's path")
        .doesNotContain("java.util.regex.Pattern");
    assertThat(classes)
        .as("logback starts only when something logs")
        .doesNotContain("ch.qos.logback.classic.LoggerContext");
  }

  @Test
  void aDryRunLoadsNeitherPicocliNorLambdasNorRegexNorLogback() throws IOException {
    assertLean(loadedBy("--dry-run"));
  }

  @Test
  void aRealSyncDoesNotBuildPicoclisModelEither() throws IOException {
    // A real sync logs, backs up and records history (logback, java.time formatting): only the
    // dry run, which operators type, is held to the full list.
    assertNoPicocliModel(loadedBy("--quiet"));
  }

  @Test
  void helpStillGoesThroughPicocli() throws IOException {
    // The other side of the dispatch: anything not plain is picocli's, which must load.
    Path log = dir.resolve("help-load.txt");
    RunResult run = Jar.run(null, List.of(Jar.java(), "-Xlog:class+load=info:file=" + log, "-jar",
        Jar.path().toString(), "--help"));
    assertThat(run).exitedWith(0);
    assertThat(Files.readString(log)).contains("picocli.CommandLine ");
    assertThat(run.stdout()).contains("--dry-run", "Exit codes:");
  }
}
