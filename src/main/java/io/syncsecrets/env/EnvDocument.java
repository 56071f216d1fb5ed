package io.syncsecrets.env;

import io.syncsecrets.env.Segment.Declaration;
import io.syncsecrets.env.Segment.Entry;
import io.syncsecrets.env.Segment.Style;
import io.syncsecrets.env.Segment.Trivia;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
  /** python-dotenv 0.21's {@code ${NAME}} / {@code ${NAME:-default}} reference (compiled on first use). */
  private static final class Reference {
    static final Pattern PATTERN = Pattern.compile("\\$\\{[^}:]*(?::-[^}]*)?\\}");
  }

  private final String label;
  private final List<Segment> segments;
  /**
   * Whether some quoted value was closed by python-dotenv's backtracking after a scan to the end
   * of the file: its reading then depends on everything after it, so a change anywhere needs the
   * whole document re-parsed (rare: an unterminated quote whose last {@code \"} ends the value).
   */
  private final boolean scannedToEnd;
  // Built on first use: the intermediate documents of a chain of withValue calls never need them.
  private Map<String, String> values;
  private Map<String, Integer> counts;
  private Set<String> withoutValue;

  /** Takes ownership of {@code segments}, which nobody may change afterwards. */
  private EnvDocument(String label, List<Segment> segments, boolean scannedToEnd) {
    this.label = label;
    this.segments = Collections.unmodifiableList(segments);
    this.scannedToEnd = scannedToEnd;
  }

  private synchronized void index() {
    if (values != null) {
      return;
    }
    Map<String, String> v = new LinkedHashMap<>();
    Map<String, Integer> c = new HashMap<>();
    boolean declared = false;
    for (Segment segment : segments) {
      if (segment instanceof Entry e) {
        // LinkedHashMap keeps a re-put key at its first position, as python's dict does.
        if (v.put(e.key(), e.value()) != null) {
          Integer seen = c.get(e.key());
          c.put(e.key(), seen == null ? 2 : seen + 1);
        }
      } else if (segment instanceof Declaration d) {
        // A null holds the key's place in python's order until an assignment follows (the parser
        // refuses a declaration after the last assignment, so none can hide a value here).
        v.putIfAbsent(d.key(), null);
        declared = true;
      }
    }
    Set<String> bare = Set.of();
    if (declared) {
      bare = new LinkedHashSet<>();
      for (Map.Entry<String, String> e : v.entrySet()) {
        if (e.getValue() == null) {
          bare.add(e.getKey());
        }
      }
      v.keySet().removeAll(bare);
      bare = Collections.unmodifiableSet(bare);
    }
    counts = Collections.unmodifiableMap(c);
    withoutValue = bare;
    values = Collections.unmodifiableMap(v);
  }

  /** Parses {@code content}; {@code label} (the file name) is used in error messages only. */
  /**
   * Whether {@code key} is a portable environment variable name, {@code [A-Za-z_][A-Za-z0-9_]*}:
   * the only names python-dotenv, sh and systemd all read alike. (A loop, not a regex: no
   * {@code java.util.regex} on a run's path, see docs/PERFORMANCE.md.)
   */
  public static boolean isPortableKey(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  public static EnvDocument parse(String label, byte[] content) throws EnvSyntaxException {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(content, "content");
    DotenvParser.Result parsed = DotenvParser.parse(label, content);
    return new EnvDocument(label, parsed.segments(), parsed.scannedToEnd());
  }

  /** The file's bytes; an unmodified document gives back exactly what was parsed. */
  public byte[] render() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  private String text() {
    return text(segments);
  }

  private static String text(List<Segment> segments) {
    int length = 0;
    for (Segment segment : segments) {
      length += segment.text().length();
    }
    StringBuilder b = new StringBuilder(length);
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
   * {@code ${...}} references are returned literally (see {@link #keysWithReferences()}); keys
   * with no value are left out (see {@link #keysWithoutValue()}).
   */
  public Map<String, String> values() {
    index();
    return values;
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values().get(key));
  }

  /** How many times {@code key} is assigned; more than one means a duplicated key. */
  public int assignmentCount(String key) {
    // Only duplicated keys are counted, so a large file holds no count per key.
    return values().containsKey(key) ? counts.getOrDefault(key, 1) : 0;
  }

  public Set<String> keys() {
    return values().keySet();
  }

  /**
   * Keys that only a bare {@code export KEY} line names: python-dotenv reads them with no value
   * (None) and {@code load_dotenv} leaves them unset, so they are not in {@link #values()}.
   */
  public Set<String> keysWithoutValue() {
    index();
    return withoutValue;
  }

  /**
   * The assignments of {@code key} that sh ({@code set -a; . .env}) or systemd reads differently
   * from python-dotenv, each with its first problem: a non-ASCII blank (NBSP, U+2028, U+3000, ...)
   * before the name, a quoted name, blanks around {@code =}, a value sh reads otherwise in its
   * quoting, or an inline comment or trailing blank sh reads as part of the value. These are
   * exactly the layouts {@link #withValue} rewrites (same helpers) plus the values its forms never
   * produce ({@code ValueWriter.readsAlike}); until a rewrite only the app gets the value. What
   * every rewrite keeps is not listed: {@code export} and inline comments (systemd knows neither)
   * and CRLF line ends (sh keeps the CR); CRLF inside quotes is, since systemd keeps those CRs too
   * and a rewrite writes LF there; see docs/DOTENV_COMPAT.md.
   */
  public List<MisreadLine> misreadLines(String key) {
    List<MisreadLine> out = List.of();
    Segment before = null;
    for (Segment segment : segments) {
      if (segment instanceof Entry e && e.key().equals(key)) {
        MisreadLine.Problem problem = misreading(e, before);
        if (problem != null) {
          if (out.isEmpty()) {
            out = new ArrayList<>(1);
          }
          out.add(new MisreadLine(e.line(), problem));
        }
      }
      before = segment;
    }
    return out.isEmpty() ? out : Collections.unmodifiableList(out);
  }

  /** The first thing, in reading order, that sh or systemd reads otherwise in {@code e}; or null. */
  private static MisreadLine.Problem misreading(Entry e, Segment before) {
    if (hasForeignBlank(e.exportPrefix()) || hasForeignBlank(indentation(before))) {
      return MisreadLine.Problem.FOREIGN_BLANK_BEFORE_NAME;
    }
    if (!e.keyText().equals(e.key())) {
      return MisreadLine.Problem.QUOTED_NAME;
    }
    // "KEY= " with nothing after it assigns the empty value for sh too: only blanks before '=',
    // or between '=' and a value, make sh run a word as a command (and an NBSP there is sh's value).
    if (!e.assign().equals("=") && (e.assign().charAt(0) != '=' || !e.valueText().isEmpty()
        || hasForeignBlank(e.assign()))) {
      return MisreadLine.Problem.BLANKS_AROUND_EQUALS;
    }
    if (!ValueWriter.readsAlike(e.style(), e.valueText(), e.value())) {
      return switch (e.style()) {
        case UNQUOTED -> MisreadLine.Problem.UNQUOTED_VALUE;
        case SINGLE -> MisreadLine.Problem.SINGLE_QUOTED_ESCAPE;
        case DOUBLE -> MisreadLine.Problem.DOUBLE_QUOTED_VALUE;
      };
    }
    // readsAlike leaves CR before LF aside (sh keeps every CR of a CRLF file); inside quotes
    // systemd keeps it too, and a rewrite writes LF there (ValueWriter.write), so say so.
    if (e.style() != Style.UNQUOTED && e.valueText().indexOf('\r') >= 0) {
      return MisreadLine.Problem.CRLF_INSIDE_QUOTES;
    }
    if (!writtenTail(e.tail()).equals(e.tail())) {
      return MisreadLine.Problem.COMMENT_OR_TRAILING_BLANK;
    }
    return null;
  }

  /** The blanks that start the line after {@code before}, if {@code before} is the text before an entry. */
  private static String indentation(Segment before) {
    if (!(before instanceof Trivia t)) {
      // An entry, a declaration or a comment ends its line: the next one starts unindented.
      return "";
    }
    String text = t.text();
    return text.substring(text.lastIndexOf('\n') + 1);
  }

  /** Whether {@code text} has a blank that is neither a space nor a tab. */
  private static boolean hasForeignBlank(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != ' ' && c != '\t' && DotenvParser.isHSpace(c)) {
        return true;
      }
    }
    return false;
  }

  /** Keys whose value python-dotenv would interpolate, so the app sees something else than values(). */
  public Set<String> keysWithReferences() {
    Set<String> out = new LinkedHashSet<>();
    values().forEach(
        (k, v) -> {
          if (Reference.PATTERN.matcher(v).find()) {
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
    char before = 0;
    for (Segment segment : segments) {
      String text = segment.text();
      int lf = text.indexOf('\n');
      if (lf >= 0) {
        char c = lf > 0 ? text.charAt(lf - 1) : before;
        return c == '\r' ? "\r\n" : "\n";
      }
      if (!text.isEmpty()) {
        before = text.charAt(text.length() - 1);
      }
    }
    return "\n";
  }

  /** Whether the text ends with a line feed (false for an empty document). */
  private static boolean endsWithNewline(List<Segment> segments) {
    for (int i = segments.size() - 1; i >= 0; i--) {
      String text = segments.get(i).text();
      if (!text.isEmpty()) {
        return text.charAt(text.length() - 1) == '\n';
      }
    }
    return false;
  }

  private static boolean isEmpty(List<Segment> segments) {
    for (Segment segment : segments) {
      if (!segment.text().isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * A document in which every assignment of {@code key} carries {@code value}, or with one entry
   * appended if there is none. Each rewritten entry keeps its {@code export}, inline comment, line
   * ending and, where the value allows, its quoting; blanks around {@code =} are dropped because
   * sh would run the value as a command, and a non-ASCII blank in its indentation or after
   * {@code export} becomes a space (see {@link #misreadLines}).
   */
  public EnvDocument withValue(String key, String value) throws UnsafeValueException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    ValueWriter.check(key, value);
    List<Segment> out = new ArrayList<>(segments.size() + 2);
    out.addAll(segments);
    boolean found = false;
    boolean[] scanned = {scannedToEnd};
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) instanceof Entry e && e.key().equals(key)) {
        found = true;
        out.set(i, rewrite(out, i, e, value, scanned));
        if (i > 0 && out.get(i - 1) instanceof Trivia before) {
          // Indented with an NBSP (or another blank only Python knows), the line is sh's command
          // and systemd's invalid name. A blank for a blank: both parse the same for python-dotenv.
          out.set(i - 1, asciiIndentation(before));
        }
      }
    }
    if (!found) {
      appendEntry(out, key, value, scanned);
    }
    return new EnvDocument(label, out, scanned[0]);
  }

  private Entry rewrite(List<Segment> out, int index, Entry e, String value, boolean[] scanned)
      throws UnsafeValueException {
    // "A='v'# c" is fine for python but sh reads "v# c": a comment needs a blank before it.
    // Python counts NBSP, U+2028 and friends as blanks, sh only space and tab: a comment behind
    // such a blank, or "export<NBSP>KEY", is sh's command. Written entries use ASCII blanks.
    String tail = writtenTail(e.tail());
    String prefix = asciiBlanks(e.exportPrefix(), true);
    for (Style style : ValueWriter.candidates(e.style(), value)) {
      Entry candidate =
          new Entry(
              prefix, e.key(), e.key(), "=", ValueWriter.write(style, value), style,
              value, tail, e.eol(), e.line());
      if (!scanned[0]) {
        // Parsing is a left-to-right scan that looks past the end of an entry only when a
        // quote is closed by backtracking (scannedToEnd): otherwise, if the candidate alone
        // parses as exactly this one entry, the file with it in place parses as before
        // everywhere else. The caller still re-parses the whole result (SyncService.render).
        if (readsBackAlone(candidate)) {
          return candidate;
        }
        continue;
      }
      List<Segment> trial = new ArrayList<>(out);
      trial.set(index, candidate);
      DotenvParser.Result reparsed = readsBack(trial);
      if (reparsed != null) {
        scanned[0] = reparsed.scannedToEnd();
        return candidate;
      }
    }
    throw new UnsafeValueException(e.key(), "no written form reads back exactly in this file");
  }

  /** An entry's inline comment and trailing blanks as a rewrite writes them (see {@link #rewrite}). */
  private static String writtenTail(String tail) {
    String ascii = asciiBlanks(tail, false);
    return !ascii.isEmpty() && !DotenvParser.isHSpace(ascii.charAt(0)) ? " " + ascii : ascii;
  }

  /**
   * {@code text} with the non-ASCII blanks of its leading run of blanks made spaces; with
   * {@code whole}, all of them (an export prefix is only blanks and the word export).
   */
  private static String asciiBlanks(String text, boolean whole) {
    char[] chars = text.toCharArray();
    boolean changed = false;
    for (int i = 0; i < chars.length; i++) {
      boolean blank = DotenvParser.isHSpace(chars[i]);
      if (!blank && !whole) {
        break;
      }
      if (blank && chars[i] != ' ' && chars[i] != '\t') {
        chars[i] = ' ';
        changed = true;
      }
    }
    return changed ? new String(chars) : text;
  }

  /** {@code before} with the non-ASCII blanks of its last line (the next entry's indentation) made spaces. */
  private static Trivia asciiIndentation(Trivia before) {
    String text = before.text();
    int start = text.lastIndexOf('\n') + 1;
    String indentation = text.substring(start);
    String ascii = asciiBlanks(indentation, false);
    return ascii == indentation ? before : new Trivia(text.substring(0, start) + ascii);
  }

  private void appendEntry(List<Segment> out, String key, String value, boolean[] scanned)
      throws UnsafeValueException {
    String eol = lineEnding();
    // Appending after a last line without a line feed can change how that line reads (an unquoted
    // value ending in a backslash becomes a continuation): check the whole file then.
    boolean local = !scanned[0];
    boolean unterminated = !isEmpty(out) && !endsWithNewline(out);
    if (unterminated) {
      // A file without a final newline gets one, so the new entry starts a line of its own.
      out.add(new Trivia(eol));
      local = false;
    }
    for (Style style : ValueWriter.candidates(null, value)) {
      Entry candidate =
          new Entry("", key, key, "=", ValueWriter.write(style, value), style, value, "", eol, 0);
      if (local) {
        if (readsBackAlone(candidate)) {
          out.add(candidate);
          return;
        }
        continue;
      }
      List<Segment> trial = new ArrayList<>(out);
      trial.add(candidate);
      DotenvParser.Result reparsed = readsBack(trial);
      if (reparsed != null) {
        scanned[0] = reparsed.scannedToEnd();
        out.add(candidate);
        return;
      }
    }
    if (unterminated && eol.equals("\r\n") && lastSegment(out.subList(0, out.size() - 1)) instanceof Declaration) {
      // The CRLF ending the bare export would make sh read "NAME\r" (see DotenvParser.declaration).
      throw new UnsafeValueException(key, "cannot be appended: the file's last line is a bare export"
          + " with no final newline, and the CRLF that would end it makes sh read the CR as part of"
          + " the name; end that line with LF, or remove it, first");
    }
    if (unterminated && endsWithBackslash(out.subList(0, out.size() - 1))) {
      // The new line is needed only because the file has none at its end, and it turns that
      // backslash into a line continuation: say so rather than blame the value.
      throw new UnsafeValueException(key, "cannot be appended: the file's last line ends in a"
          + " backslash and has no final newline, so readers would join the new line to it;"
          + " end that line in the file first");
    }
    throw new UnsafeValueException(key, "no written form reads back exactly in this file");
  }

  /** The last segment with text, or null. */
  private static Segment lastSegment(List<Segment> segments) {
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (!segments.get(i).text().isEmpty()) {
        return segments.get(i);
      }
    }
    return null;
  }

  private static boolean endsWithBackslash(List<Segment> segments) {
    StringBuilder text = new StringBuilder();
    for (int i = segments.size() - 1; i >= 0 && text.length() < 2; i--) {
      text.insert(0, segments.get(i).text());
    }
    return text.length() > 0 && text.charAt(text.length() - 1) == '\\';
  }

  /**
   * Re-parses a candidate document: it must hold exactly the intended assignments, in order, with
   * the intended keys and values. This catches a value that ends another entry's quote or turns
   * into extra keys, whatever the per-form rules missed.
   */
  private DotenvParser.Result readsBack(List<Segment> trial) {
    DotenvParser.Result reparsed;
    try {
      reparsed = DotenvParser.parse(label, text(trial).getBytes(StandardCharsets.UTF_8));
    } catch (EnvSyntaxException e) {
      return null;
    }
    return assignments(reparsed.segments()).equals(assignments(trial)) ? reparsed : null;
  }

  /**
   * Parses the candidate entry's text on its own: it must be exactly one assignment of the
   * intended key and value, ending where its text ends and closed without backtracking (which
   * would look at the text after it).
   */
  private boolean readsBackAlone(Entry candidate) {
    DotenvParser.Result reparsed;
    try {
      // Through bytes, as the file will be: a lone surrogate must not survive as a character.
      reparsed = DotenvParser.parse(label, candidate.text().getBytes(StandardCharsets.UTF_8));
    } catch (EnvSyntaxException e) {
      return false;
    }
    return !reparsed.scannedToEnd()
        && reparsed.segments().size() == 1
        && reparsed.segments().get(0) instanceof Entry e
        && e.key().equals(candidate.key())
        && e.value().equals(candidate.value());
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
          if (!Objects.equals(reparsed.values().get(k), v)) {
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
