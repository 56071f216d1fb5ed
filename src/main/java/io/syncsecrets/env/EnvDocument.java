package io.syncsecrets.env;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Placeholder .env model: plain KEY=VALUE lines only, until the lossless model lands. */
public final class EnvDocument {
  private final String label;
  private final List<String> lines;
  private final boolean finalNewline;

  private EnvDocument(String label, List<String> lines, boolean finalNewline) {
    this.label = label;
    this.lines = lines;
    this.finalNewline = finalNewline;
  }

  public static EnvDocument parse(String label, byte[] content) throws EnvSyntaxException {
    String text = new String(content, StandardCharsets.UTF_8);
    boolean nl = text.isEmpty() || text.endsWith("\n");
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (nl) {
      lines.remove(lines.size() - 1);
    }
    for (int i = 0; i < lines.size(); i++) {
      String l = lines.get(i);
      if (!l.isBlank() && !l.startsWith("#") && !l.contains("=")) {
        throw new EnvSyntaxException(label, i + 1, "expected KEY=VALUE");
      }
      if (l.indexOf('"') >= 0 && l.chars().filter(c -> c == '"').count() % 2 == 1) {
        throw new EnvSyntaxException(label, i + 1, "unterminated double quote");
      }
    }
    return new EnvDocument(label, lines, nl);
  }

  public byte[] render() {
    String text = String.join("\n", lines) + (finalNewline && !lines.isEmpty() ? "\n" : "");
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public Map<String, String> values() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String l : lines) {
      if (!l.isBlank() && !l.startsWith("#")) {
        int eq = l.indexOf('=');
        String v = l.substring(eq + 1).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        m.put(l.substring(0, eq).trim(), v);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values().get(key));
  }

  public int assignmentCount(String key) {
    return (int) lines.stream().filter(l -> l.startsWith(key + "=")).count();
  }

  public Set<String> keys() {
    return values().keySet();
  }

  public EnvDocument withValue(String key, String value) throws UnsafeValueException {
    if (value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
      throw new UnsafeValueException(key, "value contains a newline or NUL");
    }
    List<String> copy = new ArrayList<>(lines);
    boolean found = false;
    for (int i = 0; i < copy.size(); i++) {
      if (copy.get(i).startsWith(key + "=")) {
        copy.set(i, key + "=" + value);
        found = true;
      }
    }
    if (!found) {
      copy.add(key + "=" + value);
    }
    return new EnvDocument(label, copy, true);
  }

  public void verifyReadsBack(Map<String, String> expected) {
    Map<String, String> v = values();
    for (Map.Entry<String, String> e : expected.entrySet()) {
      if (!e.getValue().equals(v.get(e.getKey()))) {
        throw new IllegalStateException(e.getKey() + " does not read back");
      }
    }
  }

  @Override
  public String toString() {
    return "EnvDocument[label=" + label + ", lines=" + lines.size() + "]";
  }
}
