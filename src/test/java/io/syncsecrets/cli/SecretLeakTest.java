package io.syncsecrets.cli;

import static io.syncsecrets.cli.CliRun.cli;
import static io.syncsecrets.testsupport.EnvFixtures.allValues;
import static io.syncsecrets.testsupport.EnvFixtures.appEnv;
import static io.syncsecrets.testsupport.EnvFixtures.credentials;
import static io.syncsecrets.testsupport.EnvFixtures.lines;
import static io.syncsecrets.testsupport.EnvFixtures.localOnly;
import static io.syncsecrets.testsupport.EnvFixtures.merge;
import static io.syncsecrets.testsupport.EnvFixtures.write;
import static io.syncsecrets.testsupport.RunResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.testsupport.RunResult;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With known secret values in source and target, no value reaches stdout, stderr or the log
 * output (System.out/err) on any path, unless --show-values asks for it.
 */
class SecretLeakTest {
  private static final Map<String, String> EXTRA = Map.of(
      "AWS_SECRET_ACCESS_KEY", "aws-extra-secret-Zq7x91Kp", "SMTP_PASSWORD", "smtp-extra-secret-Zq7x91Kp");

  @TempDir Path tmp;
  private Path source;
  private Path target;
  private List<String> secrets;

  @BeforeEach
  void setUp() throws IOException {
    Map<String, String> v2 = credentials("v2");
    v2.remove("NINJA_BASE_URL"); // a MISSING line in the plan
    v2.put("NINJA_CLIENT_ID", ""); // an EMPTY line
    Map<String, String> v1 = credentials("v1");
    v1.remove("CONNECTWISE_PRIVATE_KEY"); // an ADD line
    target = write(tmp, ".env", appEnv(v1));
    source = write(tmp, "api-secrets.env", lines(merge(v2, localOnly("leaked"), EXTRA)));
    secrets = new ArrayList<>(allValues(credentials("v1"), credentials("v2"), localOnly("app"),
        localOnly("leaked"), EXTRA));
  }

  private RunResult run(String... args) {
    String[] all = Stream.concat(Stream.of("--source", source.toString(), "--target", target.toString()),
        Stream.of(args)).toArray(String[]::new);
    return cli().captureSystemStreams().run(all);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "--verbose", "--dry-run", "--dry-run --verbose", "--check",
      "--check --verbose", "--quiet", "--allow-empty --verbose"})
  void noValueInAnyOutput(String args) {
    RunResult r = run(args.isEmpty() ? new String[0] : args.split(" "));

    assertThat(r.exitCode()).isIn(0, 3);
    assertThat(r).doesNotLeak(secrets);
  }

  @Test
  void noValueWhenAlreadyInSync() {
    assertThat(run()).succeeded();

    RunResult second = run("--verbose");

    assertThat(second).succeeded().outContains("In sync").doesNotLeak(secrets);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void noValueWhenTheSourceIsMalformed(boolean verbose) throws IOException {
    write(tmp, "api-secrets.env", lines(credentials("v2")) + "CONNECTWISE_PRIVATE_KEY=\""
        + credentials("v2").get("CONNECTWISE_PRIVATE_KEY") + "\n");

    RunResult r = verbose ? run("--verbose") : run();

    assertThat(r).hasExitCode(1).doesNotLeak(secrets);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void noValueWhenTheTargetIsMalformed(boolean verbose) throws IOException {
    write(tmp, ".env", "SECRET_KEY=\"" + localOnly("app").get("SECRET_KEY") + "\n");

    RunResult r = verbose ? run("--verbose") : run();

    assertThat(r).hasExitCode(1).doesNotLeak(secrets);
  }

  @Test
  void noValueWhenTheSourceHasNoSyncedKey() throws IOException {
    write(tmp, "api-secrets.env", lines(merge(localOnly("leaked"), EXTRA)));

    assertThat(run("--verbose")).hasExitCode(1).doesNotLeak(secrets);
  }

  @Test
  void noValueOnAUsageError() {
    assertThat(run("--show-values")).hasExitCode(2).doesNotLeak(secrets);
  }

  @Test
  void noValueWhenTheWriteFails() {
    AtomicEnvWriter failing = new AtomicEnvWriter(new AtomicEnvWriter.Disk() {
      @Override
      public void write(FileChannel channel, ByteBuffer content) throws IOException {
        throw new IOException("No space left on device");
      }
    });

    RunResult r = cli().writer(failing).captureSystemStreams()
        .run("--source", source.toString(), "--target", target.toString(), "--verbose");

    assertThat(r).hasExitCode(1).hasStackTrace().doesNotLeak(secrets);
  }

  @Test
  void noValueWhenReadingStandardInput() throws IOException {
    RunResult r = cli().stdin(lines(merge(credentials("v2"), localOnly("leaked"))))
        .captureSystemStreams()
        .run("--source", "-", "--target", target.toString(), "--verbose");

    assertThat(r).succeeded().doesNotLeak(secrets);
  }

  @Test
  void showValuesDoesPrintTheSyncedValuesButNeverLocalOrOtherOnes() {
    // The positive control: the leak check above can fail.
    RunResult r = run("--dry-run", "--show-values");

    assertThat(r).succeeded().outContains(credentials("v2").get("NINJA_CLIENT_SECRET"),
        credentials("v1").get("NINJA_CLIENT_SECRET"));
    List<String> neverShown = allValues(localOnly("app"), localOnly("leaked"), EXTRA);
    assertThat(r).doesNotLeak(neverShown);
  }
}
