package io.syncsecrets.core;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the source comes from: a file, or standard input (what the sudo wrapper pipes in).
 *
 * @param file the source file, or empty for standard input
 */
public record SourceSpec(Optional<Path> file) {
  public SourceSpec {
    Objects.requireNonNull(file, "file");
  }

  public static SourceSpec file(Path path) {
    return new SourceSpec(Optional.of(path));
  }

  public static SourceSpec stdin() {
    return new SourceSpec(Optional.empty());
  }

  /** Name used in messages. */
  public String label() {
    return file.isPresent() ? file.get().toString() : "<stdin>";
  }
}
