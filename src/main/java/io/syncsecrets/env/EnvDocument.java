package io.syncsecrets.env;

import io.syncsecrets.env.Segment.Entry;
import io.syncsecrets.env.Segment.Style;
import io.syncsecrets.env.Segment.Trivia;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** A lossless, immutable parsed .env file whose values are what python-dotenv reads. */
public final class EnvDocument {
  /** python-dotenv 0.21's {@code ${NAME}} / {@code ${NAME:-default}} reference. */
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{[^}:]*(?::-[^}]*)?\\}");

  private final String label;
  private final List<Segment> segments;
  private final Map<String, String> values;
  private final Map<String, Integer> counts;

  private EnvDocument(String label, List<Segment> segments) {
    this.label = label;
    this.segments = List.copyOf(segments);
    Map<String, String> v = new LinkedHashMap<>();
    Map<String, Integer> c = new LinkedHashMap<>();
    for (Segment segment : this.segments) {
      if (segment instanceof Entry e) {
        // LinkedHashMap keeps a re-put key at its first position, as python's dict does.
        v.put(e.key(), e.value());
        c.merge(e.key(), 1, Integer::sum);
      }
    }
    this.values = Collections.unmodifiableMap(v);
    this.counts = Collections.unmodifiableMap(c);
  }

  /** Parses {@code content}; {@code label} (the file name) is used in error messages only. */
  public static EnvDocument parse(String label, byte[] content) throws EnvSyntaxException {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(content, "content");
    return new EnvDocument(label, DotenvParser.parse(label, content));
  }

  /** The file's bytes; an unmodified document gives back exactly what was parsed. */
  public byte[] render() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  private String text() {
    StringBuilder b = new StringBuilder();
    for (Segment segment : segments) {
      b.append(segment.text());
    }
    return b.toString();
  }

  public String label() {
    return label;
  }

  /**
   * Values as python-dotenv decodes them, last assignment winning, in order of first appearance.
   * {@code ${...}} references are returned literally (see {@link #keysWithReferences()}).
   */
  public Map<String, String> values() {
    return values;
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }

  /** How many times {@code key} is assigned; more than one means a duplicated key. */
  public int assignmentCount(String key) {
    return counts.getOrDefault(key, 0);
  }

  public Set<String> keys() {
    return values.keySet();
  }

  /** Keys whose value python-dotenv would interpolate, so the app sees something else than values(). */
  public Set<String> keysWithReferences() {
    Set<String> out = new LinkedHashSet<>();
    values.forEach(
        (k, v) -> {
          if (REFERENCE.matcher(v).find()) {
            out.add(k);
          }
        });
    return Collections.unmodifiableSet(out);
  }

  /** Whether the file starts with a UTF-8 byte order mark (python-dotenv reads it as part of the first key). */
  public boolean hasBom() {
    return !segments.isEmpty() && segments.get(0).text().charAt(0) == DotenvParser.BOM;
  }

  /** The file's line ending: that of its first line, or LF for a file with none. */
  public String lineEnding() {
    String text = text();
    int lf = text.indexOf('\n');
    return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
  }

  /**
   * A document in which every assignment of {@code key} carries {@code value}, or with one entry
   * appended if there is none. Each rewritten entry keeps its {@code export}, inline comment, line
   * ending and, where the value allows, its quoting; blanks around {@code =} are dropped because
   * sh would run the value as a command.
   */
  public EnvDocument withValue(String key, String value) throws UnsafeValueException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    ValueWriter.check(key, value);
    List<Segment> out = new ArrayList<>(segments);
    boolean found = false;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) instanceof Entry e && e.key().equals(key)) {
        found = true;
        out.set(i, rewrite(out, i, e, value));
      }
    }
    if (!found) {
      appendEntry(out, key, value);
    }
    return new EnvDocument(label, out);
  }

  private Entry rewrite(List<Segment> out, int index, Entry e, String value)
      throws UnsafeValueException {
    // "A='v'# c" is fine for python but sh reads "v# c": a comment needs a blank before it.
    String tail = e.tail();
    if (!tail.isEmpty() && !DotenvParser.isHSpace(tail.charAt(0))) {
      tail = " " + tail;
    }
    for (Style style : ValueWriter.candidates(e.style(), value)) {
      Entry candidate =
          new Entry(
              e.exportPrefix(), e.key(), e.key(), "=", ValueWriter.write(style, value), style,
              value, tail, e.eol(), e.line());
      List<Segment> trial = new ArrayList<>(out);
      trial.set(index, candidate);
      if (readsBack(trial)) {
        return candidate;
      }
    }
    throw new UnsafeValueException(e.key(), "no written form reads back exactly in this file");
  }

  private void appendEntry(List<Segment> out, String key, String value)
      throws UnsafeValueException {
    String eol = lineEnding();
    String text = text();
    if (!text.isEmpty() && !text.endsWith("\n")) {
      // A file without a final newline gets one, so the new entry starts a line of its own.
      out.add(new Trivia(eol));
    }
    for (Style style : ValueWriter.candidates(null, value)) {
      Entry candidate =
          new Entry("", key, key, "=", ValueWriter.write(style, value), style, value, "", eol, 0);
      List<Segment> trial = new ArrayList<>(out);
      trial.add(candidate);
      if (readsBack(trial)) {
        out.add(candidate);
        return;
      }
    }
    throw new UnsafeValueException(key, "no written form reads back exactly in this file");
  }

  /**
   * Re-parses a candidate document: it must hold exactly the intended assignments, in order, with
   * the intended keys and values. This catches a value that ends another entry's quote or turns
   * into extra keys, whatever the per-form rules missed.
   */
  private boolean readsBack(List<Segment> trial) {
    StringBuilder b = new StringBuilder();
    trial.forEach(s -> b.append(s.text()));
    EnvDocument reparsed;
    try {
      reparsed = parse(label, b.toString().getBytes(StandardCharsets.UTF_8));
    } catch (EnvSyntaxException e) {
      return false;
    }
    return assignments(reparsed.segments).equals(assignments(trial));
  }

  private static List<Map.Entry<String, String>> assignments(List<Segment> segments) {
    List<Map.Entry<String, String>> out = new ArrayList<>();
    for (Segment segment : segments) {
      if (segment instanceof Entry e) {
        out.add(Map.entry(e.key(), e.value()));
      }
    }
    return out;
  }

  /**
   * Renders, re-parses, and checks every given key reads back exactly.
   *
   * @throws IllegalStateException naming the keys (never the values) that do not
   */
  public void verifyReadsBack(Map<String, String> expected) {
    EnvDocument reparsed;
    try {
      reparsed = parse(label, render());
    } catch (EnvSyntaxException e) {
      throw new IllegalStateException(
          label + ": rendered document does not parse: " + e.getMessage(), e);
    }
    Set<String> wrong = new TreeSet<>();
    expected.forEach(
        (k, v) -> {
          if (!Objects.equals(reparsed.values.get(k), v)) {
            wrong.add(k);
          }
        });
    if (!wrong.isEmpty()) {
      throw new IllegalStateException(
          label + ": keys do not read back as written: " + String.join(", ", wrong));
    }
  }

  @Override
  public String toString() {
    int entries = 0;
    for (Segment segment : segments) {
      if (segment instanceof Entry) {
        entries++;
      }
    }
    return "EnvDocument[label=" + label + ", entries=" + entries + "]";
  }
}
