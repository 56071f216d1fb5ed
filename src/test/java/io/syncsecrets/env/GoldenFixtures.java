package io.syncsecrets.env;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The golden fixtures: {@code NAME.target.env} + {@code NAME.source.env} -> {@code NAME.expected.env}. */
final class GoldenFixtures {
  private GoldenFixtures() {}

  /** One fixture, read from the test class path. */
  record Case(String name, Path dir) {
    byte[] bytes(String kind) {
      try {
        return Files.readAllBytes(dir.resolve(name + "." + kind + ".env"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Path expectedFile() {
      return dir.resolve(name + ".expected.env");
    }

    EnvDocument source() throws EnvSyntaxException {
      return EnvDocument.parse(name + ".source.env", bytes("source"));
    }

    EnvDocument target() throws EnvSyntaxException {
      return EnvDocument.parse(name + ".target.env", bytes("target"));
    }

    /** The values every reader should see after the sync: the target's, overlaid by the source's. */
    Map<String, String> intended() throws EnvSyntaxException {
      Map<String, String> out = new LinkedHashMap<>(target().values());
      out.putAll(source().values());
      return out;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Path dir() {
    try {
      return Path.of(GoldenFixtures.class.getResource("golden").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Stream<Case> cases() throws IOException {
    Path dir = dir();
    try (Stream<Path> files = Files.list(dir)) {
      List<Case> cases =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".target.env"))
              .map(n -> new Case(n.substring(0, n.length() - ".target.env".length()), dir))
              .sorted((a, b) -> a.name().compareTo(b.name()))
              .toList();
      assertThat(cases).hasSizeGreaterThan(10);
      return cases.stream();
    }
  }

  /** Applies every source value to the target, in the source's order. */
  static EnvDocument sync(EnvDocument target, EnvDocument source) throws UnsafeValueException {
    EnvDocument doc = target;
    for (Map.Entry<String, String> e : source.values().entrySet()) {
      doc = doc.withValue(e.getKey(), e.getValue());
    }
    return doc;
  }
}
