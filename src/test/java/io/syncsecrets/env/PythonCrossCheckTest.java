package io.syncsecrets.env;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.testsupport.ExternalTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random documents and written values checked against the real readers in one process each, so
 * that hundreds of cases stay fast. Seeded: a failure names the case and reproduces.
 */
class PythonCrossCheckTest {
  private static final long SEED = 20250301L;

  @TempDir Path tmp;

  @Test
  void parserAgreesWithPythonDotenvOnRandomDocuments() throws Exception {
    ExternalTools.requireThat(ConformanceTest.pythonDotenvAvailable(), "python3-dotenv for /usr/bin/python3");
    Random r = new Random(SEED);
    Map<Path, EnvDocument> parsed = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      byte[] bytes = Fragments.randomDocument(r).getBytes(UTF_8);
      try {
        EnvDocument doc = EnvDocument.parse("doc" + i, bytes);
        Path file = tmp.resolve("doc" + i + ".env");
        Files.write(file, bytes);
        parsed.put(file, doc);
      } catch (EnvSyntaxException e) {
        // Refused documents are covered by the unit tests; python would skip or misread a line.
      }
    }
    assertThat(parsed).hasSizeGreaterThan(50);
    List<Map<String, String>> pythonAll = ConformanceTest.pythonValues(List.copyOf(parsed.keySet()));
    int n = 0;
    for (Map.Entry<Path, EnvDocument> e : parsed.entrySet()) {
      Map<String, String> python = pythonAll.get(n++);
      python.remove("\uFEFF", "\u0001");
      EnvDocument doc = e.getValue();
      List<String> noValue = new ArrayList<>();
      python.forEach(
          (k, v) -> {
            if (v.equals("\u0001")) {
              noValue.add(k);
            }
          });
      assertThat(noValue).as("%s: keys with no value", e.getKey().getFileName())
          .containsExactlyElementsOf(doc.keysWithoutValue());
      noValue.forEach(python::remove);
      // Compare before interpolation: python-dotenv resolves ${...}; values() is literal by design.
      Map<String, String> ours = new LinkedHashMap<>(doc.values());
      doc.keysWithReferences().forEach(k -> { ours.remove(k); python.remove(k); });
      assertThat(python).as("%s", e.getKey().getFileName()).containsExactlyEntriesOf(ours);
    }
  }

  @Test
  void writtenValuesReadBackInPythonDotenvAndSh() throws Exception {
    ExternalTools.requireThat(ConformanceTest.pythonDotenvAvailable(), "python3-dotenv for /usr/bin/python3");
    Random r = new Random(SEED);
    Map<Path, String> written = new LinkedHashMap<>();
    List<Boolean> otherReadersCanRead = new ArrayList<>();
    int refused = 0;
    while (written.size() < 200) {
      EnvDocument target;
      try {
        target = EnvDocument.parse("t", Fragments.randomDocument(r).getBytes(UTF_8));
      } catch (EnvSyntaxException e) {
        continue;
      }
      String text = new String(target.render(), UTF_8);
      String value = Fragments.randomValue(r);
      try {
        EnvDocument doc = target.withValue("SYNCED", value);
        Path file = tmp.resolve("w" + written.size() + ".env");
        Files.write(file, doc.render());
        written.put(file, value);
        otherReadersCanRead.add(Fragments.READER_BREAKING.stream().noneMatch(text::contains));
      } catch (UnsafeValueException e) {
        refused++;
      }
    }
    assertThat(refused).isPositive();
    List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c",
        "for f; do ( set -a; . \"$f\" >/dev/null 2>&1; printf 'V%s' \"$SYNCED\" ) 2>/dev/null;"
            + " printf '\\0'; done", "sh"));
    written.keySet().forEach(p -> cmd.add(p.toString()));
    ConformanceTest.Result sh = ConformanceTest.run(cmd, Map.of());
    String[] shValues = sh.out().split("\0", -1);
    List<Map<String, String>> pythonAll = ConformanceTest.pythonValues(List.copyOf(written.keySet()));
    int i = 0;
    int checkedByAll = 0;
    for (Map.Entry<Path, String> e : written.entrySet()) {
      String name = e.getKey().getFileName().toString();
      assertThat(pythonAll.get(i)).as("python %s", name)
          .containsEntry("SYNCED", e.getValue());
      // One record per file; "V" marks a file sh sourced to the end.
      String shValue = shValues[i].startsWith("V") ? shValues[i].substring(1) : null;
      if (otherReadersCanRead.get(i++)) {
        boolean crlf = Files.readString(e.getKey()).contains("\r\n");
        assertThat(shValue).as("sh %s", name).isEqualTo(e.getValue() + (crlf ? "\r" : ""));
        assertThat(SystemdEnvFile.read(Files.readString(e.getKey()))).as("systemd %s", name)
            .containsEntry("SYNCED", e.getValue());
        checkedByAll++;
      }
    }
    assertThat(checkedByAll).isGreaterThan(100);
  }
}
