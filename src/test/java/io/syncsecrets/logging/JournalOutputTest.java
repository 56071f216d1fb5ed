package io.syncsecrets.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.ops.Run;
import io.syncsecrets.testsupport.ExternalTools;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link JournalProbe} as a child process whose output is a pipe or a socket named (or not) by
 * {@code $JOURNAL_STREAM}, the way systemd connects a service to journald.
 */
class JournalOutputTest {
  static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** A socketpair like journald's stream socket: the child's stdout and stderr, named by JOURNAL_STREAM. */
  static final String SOCKET_RUNNER =
      String.join(
          "\n",
          "import os, socket, subprocess, sys",
          "a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)",
          "st = os.fstat(b.fileno())",
          "env = dict(os.environ, JOURNAL_STREAM='%d:%d' % (st.st_dev, st.st_ino))",
          "p = subprocess.Popen(sys.argv[1:], stdout=b.fileno(), stderr=b.fileno(), env=env)",
          "b.close()",
          "data = b''",
          "while True:",
          "    chunk = a.recv(65536)",
          "    if not chunk:",
          "        break",
          "    data += chunk",
          "sys.stdout.buffer.write(data)",
          "sys.exit(p.wait())");

  private static List<String> probe(String mode) {
    return List.of(
        JAVA, "-cp", System.getProperty("java.class.path"), JournalProbe.class.getName(), mode);
  }

  @Test
  void socketNamedByJournalStreamGetsPriorityPrefixesOnEveryLine() {
    Path python = ExternalTools.require("python3");
    List<String> cmd = new ArrayList<>(List.of(python.toString(), "-c", SOCKET_RUNNER));
    cmd.addAll(probe("VERBOSE"));

    Run.Result r = Run.run(cmd);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines())
        .as(r.toString())
        .containsExactlyInAnyOrder(
            "<3>e1", "<4>w1", "<4>w2", "<6>i1", "<7>d1", "<6>out1", "<6>out2", "<3>usage1");
  }

  @Test
  void pipeNamedByJournalStreamCountsToo() {
    // The shell reads its own stdout's dev:ino, then becomes the JVM with the same descriptors.
    String script = "export JOURNAL_STREAM=$(stat -L -c %d:%i /proc/$$/fd/1); exec \"$@\"";
    List<String> cmd = new ArrayList<>(List.of("bash", "-c", script, "probe"));
    cmd.addAll(probe("NORMAL"));

    Run.Result r = Run.run(cmd);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly("<6>out1", "<6>out2");
    // stderr is a different pipe: readable lines, no prefixes.
    assertThat(r.err().lines()).containsExactly("ERROR e1", "WARN  w1", "WARN  w2", "INFO  i1", "usage1");
  }

  @Test
  void inheritedJournalStreamNamingAnotherFileIsIgnored() {
    Run.Result r = Run.run(probe("QUIET"), null, Map.of("JOURNAL_STREAM", "8:12345"), null);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly("out1", "out2");
    assertThat(r.err().lines()).containsExactly("ERROR e1", "WARN  w1", "WARN  w2", "usage1");
  }

  /** Before configure() runs, logback uses our in-code default: info to stderr, nothing on stdout. */
  @Test
  void defaultConfigurationComesFromTheServiceLoaderConfigurator() {
    Run.Result r = Run.run(probe("default"), null, Map.of("JOURNAL_STREAM", ""), null);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines()).containsExactly("out1", "out2");
    assertThat(r.err().lines()).containsExactly("ERROR e1", "WARN  w1", "WARN  w2", "INFO  i1", "usage1");
  }
}
