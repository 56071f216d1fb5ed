package io.syncsecrets.env;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvException;
import io.syncsecrets.env.GoldenFixtures.Case;
import io.syncsecrets.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every written golden output is read by the real consumers and compared value by value. */
class ConformanceTest {
  static final String PYTHON = "/usr/bin/python3";

  /**
   * For each file argument, read the way the Flask app loads it (by path, UTF-8, interpolation on),
   * prints key NUL value NUL per entry ("\\x01" for no value), then "\\x02" NUL to end the file.
   */
  private static final String DUMP =
      "import sys\n"
          + "from dotenv import dotenv_values\n"
          + "for f in sys.argv[1:]:\n"
          + "    for k, v in dotenv_values(f, encoding='utf-8').items():\n"
          + "        sys.stdout.write(k + '\\0' + ('\\x01' if v is None else v) + '\\0')\n"
          + "    sys.stdout.write('\\x02\\0')\n";

  @TempDir Path tmp;

  static Stream<Case> cases() throws Exception {
    return GoldenFixtures.cases();
  }

  static boolean pythonDotenvAvailable() {
    if (ExternalTools.find(PYTHON).isEmpty()) {
      return false;
    }
    try {
      return run(List.of(PYTHON, "-c", "import dotenv"), Map.of()).exit == 0;
    } catch (IOException e) {
      return false;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void pythonDotenvReadsEveryIntendedValue(Case c) throws Exception {
    ExternalTools.requireThat(pythonDotenvAvailable(), "python3-dotenv for " + PYTHON);
    Map<String, String> intended = c.intended();
    Map<String, String> read = pythonValues(c.expectedFile());
    for (Map.Entry<String, String> e : intended.entrySet()) {
      assertThat(read).as("python-dotenv value of %s", e.getKey()).containsEntry(e.getKey(), e.getValue());
    }
    // A bare `export KEY` is a key with no value to python-dotenv, as in the model.
    Set<String> noValue = EnvDocument.parse(c.name(), c.bytes("expected")).keysWithoutValue();
    for (String key : noValue) {
      assertThat(read).as("python-dotenv: %s has no value", key).containsEntry(key, "\u0001");
    }
    // Nothing extra, apart from the no-value key python-dotenv makes of a lone BOM.
    assertThat(read.keySet())
        .allMatch(k -> intended.containsKey(k) || noValue.contains(k) || k.equals("\uFEFF"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shellSourcingReadsEverySyncedValueLiterally(Case c) throws Exception {
    Path sh = ExternalTools.require("/bin/sh");
    Path file = tmp.resolve("app.env");
    Files.copy(c.expectedFile(), file);
    Result r =
        run(List.of("/usr/bin/env", "-i", sh.toString(), "-c", "set -a; . ./app.env; /usr/bin/env -0"), Map.of(), tmp);
    Map<String, String> env = new LinkedHashMap<>();
    for (String pair : r.out.split("\0")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        env.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
    // sh keeps the CR of a CRLF line as part of the value: a limit of CRLF files, not of the writer.
    String cr = new String(c.bytes("expected"), UTF_8).contains("\r\n") ? "\r" : "";
    for (Map.Entry<String, String> e : c.source().values().entrySet()) {
      assertThat(env).as("sh value of %s", e.getKey()).containsEntry(e.getKey(), e.getValue() + cr);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void systemdRulesReadEverySyncedValueOnPlainLines(Case c) throws Exception {
    String text = new String(c.bytes("expected"), UTF_8);
    Map<String, String> read = SystemdEnvFile.read(text);
    for (Map.Entry<String, String> e : c.source().values().entrySet()) {
      // systemd knows neither `export` nor inline comments; lines using them are the people's
      // choice and are kept (docs/DOTENV_COMPAT.md). Every line the writer creates is plain.
      if (usesSyntaxSystemdLacks(text, e.getKey())) {
        continue;
      }
      assertThat(read).as("systemd value of %s", e.getKey()).containsEntry(e.getKey(), e.getValue());
    }
  }

  @Test
  void dotenvJavaAgreesWhereItsSyntaxAllows() throws Exception {
    int compared = 0;
    for (Case c : GoldenFixtures.cases().toList()) {
      String text = new String(c.bytes("expected"), UTF_8);
      Dotenv dotenv;
      try {
        dotenv = Dotenv.configure().directory(c.dir().toString()).filename(c.name() + ".expected.env").load();
      } catch (DotenvException e) {
        // Only the disagreements documented in docs/DOTENV_COMPAT.md may make it throw.
        assertThat(text).as(c.name()).containsAnyOf("export", "  #", "\uFEFF", "\n'", "'\n", "\"\n");
        continue;
      }
      for (Map.Entry<String, String> e : c.source().values().entrySet()) {
        String line = lineOf(text, e.getKey());
        // dotenv-java decodes no escapes and keeps single quotes: compare plain forms only.
        boolean plain = line.startsWith(e.getKey() + "=") && !line.contains("\\")
            && !line.contains("'") && !line.contains("#") && !e.getValue().contains("\n");
        if (plain) {
          assertThat(dotenv.get(e.getKey())).as("%s: dotenv-java value of %s", c, e.getKey())
              .isEqualTo(e.getValue());
          compared++;
        }
      }
    }
    assertThat(compared).as("values compared with dotenv-java").isGreaterThan(10);
  }

  private static boolean usesSyntaxSystemdLacks(String text, String key) {
    for (String line : text.split("\r?\n")) {
      String t = line.strip();
      if (t.startsWith("export") && t.contains(key + "=")) {
        return true;
      }
      if (t.startsWith(key + "=") && t.matches(".*['\"]\\s+#.*|[^'\"]*\\s#.*")) {
        return true;
      }
    }
    return false;
  }

  private static String lineOf(String text, String key) {
    String last = "";
    for (String line : text.split("\r?\n")) {
      if (line.startsWith(key + "=")) {
        last = line;
      }
    }
    return last;
  }

  /** python-dotenv's reading of {@code file}; a key with no value maps to "\\x01". */
  static Map<String, String> pythonValues(Path file) throws Exception {
    return pythonValues(List.of(file)).get(0);
  }

  /** python-dotenv's reading of several files in one process. */
  static List<Map<String, String>> pythonValues(List<Path> files) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(PYTHON, "-c", DUMP));
    files.forEach(f -> cmd.add(f.toString()));
    Result r = run(cmd, Map.of("PYTHONIOENCODING", "utf-8"));
    assertThat(r.exit).as("python exit; stderr: %s", r.err).isZero();
    assertThat(r.err).as("python-dotenv warnings").isEmpty();
    String[] parts = r.out.split("\0", -1);
    List<Map<String, String>> out = new ArrayList<>();
    Map<String, String> current = new LinkedHashMap<>();
    for (int i = 0; i < parts.length - 1; ) {
      if (parts[i].equals("\u0002")) {
        out.add(current);
        current = new LinkedHashMap<>();
        i++;
      } else {
        current.put(parts[i], parts[i + 1]);
        i += 2;
      }
    }
    assertThat(out).hasSameSizeAs(files);
    return out;
  }

  record Result(int exit, String out, String err) {}

  static Result run(List<String> cmd, Map<String, String> env) throws IOException {
    return run(cmd, env, null);
  }

  static Result run(List<String> cmd, Map<String, String> env, Path dir) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + cmd.get(0));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Result(p.exitValue(), out, err);
  }
}
