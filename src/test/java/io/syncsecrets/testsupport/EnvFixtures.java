package io.syncsecrets.testsupport;

import io.syncsecrets.diff.VariablePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source and target files for the sync tests, within the plain {@code KEY=VALUE} subset.
 *
 * <p>Every value is long and unique ({@code <generation>-<key>-<tag>}) so a leak check that
 * searches the output for it cannot match by accident.
 */
public final class EnvFixtures {
  private EnvFixtures() {}

  /** The 12 synced keys with values of one {@code generation} ("old", "new", ...). */
  public static Map<String, String> credentials(String generation) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String key : VariablePolicy.DEFAULT_SYNC) {
      m.put(key, value(generation, key));
    }
    return m;
  }

  /** A distinctive value for {@code key} in {@code generation}. */
  public static String value(String generation, String key) {
    return generation + "-" + key.toLowerCase().replace('_', '-') + "-Zq7x91Kp";
  }

  /** The 7 local-only keys with the app's own values. */
  public static Map<String, String> localOnly(String generation) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String key : VariablePolicy.DEFAULT_PRESERVE) {
      m.put(key, value(generation, key));
    }
    return m;
  }

  /** {@code KEY=VALUE} lines, each ending in a newline. */
  public static String lines(Map<String, String> values) {
    StringBuilder s = new StringBuilder();
    values.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
    return s.toString();
  }

  /** Merges maps left to right into a new ordered map. */
  @SafeVarargs
  public static Map<String, String> merge(Map<String, String>... maps) {
    Map<String, String> m = new LinkedHashMap<>();
    for (Map<String, String> each : maps) {
      m.putAll(each);
    }
    return m;
  }

  /** A typical app .env: a comment, the local-only variables, then the synced ones. */
  public static String appEnv(Map<String, String> credentials) {
    return "# es-inventory-hub settings\n" + lines(localOnly("app")) + "\n# API credentials\n"
        + lines(credentials);
  }

  public static Path write(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  public static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /** Every value of the given maps, for leak checks. */
  @SafeVarargs
  public static List<String> allValues(Map<String, String>... maps) {
    List<String> all = new ArrayList<>();
    for (Map<String, String> m : maps) {
      all.addAll(m.values());
    }
    return all;
  }
}
