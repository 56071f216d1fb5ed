package io.syncsecrets.env;

import io.syncsecrets.env.Segment.Declaration;
import io.syncsecrets.env.Segment.Entry;
import io.syncsecrets.env.Segment.Style;
import io.syncsecrets.env.Segment.Trivia;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A port of python-dotenv 0.21's {@code parser.py} that keeps every character.
 *
 * <p>Each step mirrors one of python-dotenv's regular expressions, so a value decoded here is the
 * value the Flask app gets. Where python-dotenv would log "could not parse" and skip, this parser
 * throws: a sync must not guess at a line the app silently drops.
 */
final class DotenvParser {
  static final char BOM = '\uFEFF';

  private final String label;
  private final String s;
  private final int n;
  private int pos;
  /** Line-number cache for {@link #lineAt}: {@code line} is the line {@code lineIndex} is on. */
  private int lineIndex;
  private int line = 1;
  /** Whether a quoted value was closed by backtracking after scanning to the end of the text. */
  private boolean scannedToEnd;
  /** Whether some segment is a {@link Declaration}, so {@link #checkDeclarations} has work. */
  private boolean hasDeclarations;

  private DotenvParser(String label, String text) {
    this.label = label;
    this.s = text;
    this.n = text.length();
  }

  /** The parsed segments and whether any of them depends on text after it (see {@link #scannedToEnd}). */
  record Result(List<Segment> segments, boolean scannedToEnd) {}

  static Result parse(String label, byte[] content) throws EnvSyntaxException {
    return parseText(label, decode(label, content));
  }

  static Result parseText(String label, String text) throws EnvSyntaxException {
    checkCharacters(label, text);
    DotenvParser parser = new DotenvParser(label, text);
    List<Segment> segments = parser.segments();
    parser.checkDeclarations(segments);
    return new Result(segments, parser.scannedToEnd);
  }

  /** Strict UTF-8: malformed bytes are an error, so re-encoding gives back the same bytes. */
  private static String decode(String label, byte[] content) throws EnvSyntaxException {
    if (isAscii(content)) {
      // Every byte is its own character: no decoder, and a compact (one byte per char) string.
      return new String(content, StandardCharsets.ISO_8859_1);
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(content.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (content[i] == '\n') {
          line++;
        }
      }
      throw new EnvSyntaxException(label, line, "invalid UTF-8");
    }
    out.flip();
    return out.toString();
  }

  private static boolean isAscii(byte[] content) {
    for (byte b : content) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Binary content is refused. A lone CR is refused too: python-dotenv reads it as a line break,
   * sh and systemd's quoted values keep it as a character, so the readers would disagree.
   */
  private static void checkCharacters(String label, String text) throws EnvSyntaxException {
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if (c == '\r') {
        if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          throw new EnvSyntaxException(label, line, "carriage return not followed by a line feed");
        }
      } else if (c == 0) {
        throw new EnvSyntaxException(label, line, "NUL byte (binary data?)");
      } else if (c != '\t' && isControl(c)) {
        throw new EnvSyntaxException(label, line, "control character U+" + hex(c) + " (binary data?)");
      }
    }
  }

  static boolean isControl(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f);
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }

  /** Python's {@code str.isspace()}, which is what {@code \s} means in its Unicode regexes. */
  static boolean isPySpace(char c) {
    switch (c) {
      case '\t', '\n', 0x0b, 0x0c, '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0, 0x1680, 0x2028,
          0x2029, 0x202f, 0x205f, 0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200a;
    }
  }

  /** {@code [^\S\r\n]}: whitespace that does not end a line. */
  static boolean isHSpace(char c) {
    return c != '\n' && c != '\r' && isPySpace(c);
  }

  /** The 1-based line of {@code index}, counting on from the previous call (O(n) over a parse). */
  private int lineAt(int index) {
    if (index < lineIndex) {
      lineIndex = 0;
      line = 1;
    }
    for (int i = lineIndex; i < index; i++) {
      if (s.charAt(i) == '\n') {
        line++;
      }
    }
    lineIndex = index;
    return line;
  }

  private EnvSyntaxException error(int at, String reason) {
    return new EnvSyntaxException(label, lineAt(at), reason);
  }

  private int skipHSpace(int i) {
    while (i < n && isHSpace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private List<Segment> segments() throws EnvSyntaxException {
    List<Segment> out = new ArrayList<>();
    while (pos < n) {
      int start = pos;
      while (pos < n && isPySpace(s.charAt(pos))) {
        pos++;
      }
      if (pos > start) {
        out.add(new Trivia(s.substring(start, pos)));
      }
      if (pos < n) {
        out.add(binding());
      }
    }
    return out;
  }

  /** One python-dotenv {@code parse_binding} starting at a non-blank character. */
  private Segment binding() throws EnvSyntaxException {
    int start = pos;
    int keyStart = pos;
    if (s.startsWith("export", pos) && pos + 6 < n && isHSpace(s.charAt(pos + 6))) {
      keyStart = skipHSpace(pos + 6);
    }
    if (keyStart < n && s.charAt(keyStart) == '#') {
      // python-dotenv's key is None here: the rest of the line is a comment.
      pos = keyStart;
      return new Trivia(s.substring(start, endOfLineAfterComment()));
    }
    String key;
    int keyEnd;
    if (keyStart < n && s.charAt(keyStart) == '\'') {
      int close = s.indexOf('\'', keyStart + 1);
      if (close < 0) {
        throw error(keyStart, "unterminated quoted key");
      }
      if (close == keyStart + 1) {
        throw error(keyStart, "empty quoted key");
      }
      key = s.substring(keyStart + 1, close);
      keyEnd = close + 1;
    } else {
      keyEnd = keyStart;
      while (keyEnd < n) {
        char c = s.charAt(keyEnd);
        if (c == '=' || c == '#' || isPySpace(c)) {
          break;
        }
        keyEnd++;
      }
      if (keyEnd == keyStart) {
        throw error(keyStart, "expected a key before '='");
      }
      key = s.substring(keyStart, keyEnd);
    }
    int afterKey = skipHSpace(keyEnd);
    if (afterKey >= n || s.charAt(afterKey) != '=') {
      if (start == 0 && key.equals(String.valueOf(BOM))) {
        // A BOM before a blank or comment line: python-dotenv yields a key "\uFEFF" with no value,
        // which load_dotenv ignores. Keep it as text.
        pos = afterKey;
        return new Trivia(s.substring(start, endOfLineAfterComment()));
      }
      if (keyStart > start) {
        return declaration(start, keyStart, keyEnd, key);
      }
      // python-dotenv accepts a bare key (value None) but sh runs it as a command.
      throw error(keyStart, "key without '='");
    }
    int valueStart = skipHSpace(afterKey + 1);
    String exportPrefix = text(start, keyStart);
    String keyText = keyEnd - keyStart == key.length() ? key : s.substring(keyStart, keyEnd);
    String assign = text(keyEnd, valueStart);
    int line = lineAt(start);

    char first = valueStart < n ? s.charAt(valueStart) : '\n';
    if (first == '\'' || first == '"') {
      int close = closingQuote(valueStart, first);
      String body = s.substring(valueStart + 1, close).replace("\r\n", "\n");
      String value = first == '"' ? decodeDouble(body) : decodeSingle(body);
      String valueText = s.substring(valueStart, close + 1);
      pos = close + 1;
      int tailEnd = afterComment(pos);
      tailEnd = skipHSpace(tailEnd);
      int eolEnd = lineEnd(tailEnd);
      if (eolEnd < 0) {
        throw error(tailEnd, "unexpected text after the closing quote");
      }
      String tail = text(pos, tailEnd);
      String eol = text(tailEnd, eolEnd);
      pos = eolEnd;
      Style style = first == '"' ? Style.DOUBLE : Style.SINGLE;
      return new Entry(exportPrefix, keyText, key, assign, valueText, style, value, tail, eol, line);
    }
    int partEnd = valueStart;
    while (partEnd < n && s.charAt(partEnd) != '\n' && s.charAt(partEnd) != '\r') {
      partEnd++;
    }
    String part = s.substring(valueStart, partEnd);
    String value = unquoted(part);
    if (part.endsWith("\\") && partEnd < n) {
      // python-dotenv keeps the backslash; sh and systemd join the next line onto this value, so
      // the next assignment (perhaps one we write) would vanish for them.
      throw error(valueStart, "unquoted value ends with a backslash, which sh and systemd read as a line continuation");
    }
    int eolEnd = lineEnd(partEnd);
    pos = eolEnd;
    return new Entry(
        exportPrefix,
        keyText,
        key,
        assign,
        value,
        Style.UNQUOTED,
        value,
        value.length() == part.length() ? "" : part.substring(value.length()),
        text(partEnd, eolEnd),
        line);
  }

  /**
   * {@code export KEY} without {@code =}: python-dotenv reads KEY with no value, sh exports a name
   * that may be unset, systemd skips the line. Only one plain form is accepted: a portable name,
   * ASCII blanks, a comment only after a blank. For sh {@code export A.B} or {@code export A#c} is
   * a bad name, an error that ends the whole {@code .}, and {@code export $(cmd)} runs a command;
   * those (and a quoted name) stay "key without '='". On a CRLF line without a comment, sh reads
   * the CR as part of the name: that has its own error.
   */
  private Segment declaration(int start, int keyStart, int keyEnd, String key)
      throws EnvSyntaxException {
    boolean plain = s.charAt(keyStart) != '\'' && EnvDocument.isPortableKey(key);
    for (int i = start + "export".length(); i < keyStart; i++) {
      plain &= isAsciiBlank(s.charAt(i));
    }
    int i = keyEnd;
    while (i < n && isAsciiBlank(s.charAt(i))) {
      i++;
    }
    boolean comment = i > keyEnd && i < n && s.charAt(i) == '#';
    if (comment) {
      while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
        i++;
      }
    }
    int end = lineEnd(i);
    if (!plain || end < 0) {
      throw error(keyStart, "key without '='");
    }
    if (!comment && end == i + 2) {
      throw error(keyStart, "export without '=' on a CRLF line: sh reads the CR as part of the name"
          + " and stops reading the file");
    }
    hasDeclarations = true;
    pos = end;
    return new Declaration(s.substring(start, end), key, lineAt(start));
  }

  private static boolean isAsciiBlank(char c) {
    return c == ' ' || c == '\t';
  }

  /**
   * python-dotenv's last binding wins even when it has no value: {@code export KEY} after KEY's
   * assignment leaves the app without KEY, while sh keeps the value. Refused like the other lines
   * the readers disagree on, on the first such line.
   */
  private void checkDeclarations(List<Segment> segments) throws EnvSyntaxException {
    if (!hasDeclarations) {
      return;
    }
    Set<String> assigned = new HashSet<>();
    Map<String, Declaration> hiding = new HashMap<>();
    for (Segment segment : segments) {
      if (segment instanceof Entry e) {
        assigned.add(e.key());
        hiding.remove(e.key());
      } else if (segment instanceof Declaration d && assigned.contains(d.key())) {
        hiding.putIfAbsent(d.key(), d);
      }
    }
    Declaration first = null;
    for (Declaration d : hiding.values()) {
      if (first == null || d.line() < first.line()) {
        first = d;
      }
    }
    if (first != null) {
      throw new EnvSyntaxException(label, first.line(), "export " + first.key()
          + " after its assignment: python-dotenv reads it with no value, sh with the value");
    }
  }

  /**
   * {@code s.substring(from, to)}, sharing one instance for the pieces most lines have ({@code =},
   * a line ending, nothing), so a large file does not hold a copy of them per line.
   */
  private String text(int from, int to) {
    switch (to - from) {
      case 0:
        return "";
      case 1:
        char c = s.charAt(from);
        if (c == '=') {
          return "=";
        }
        if (c == '\n') {
          return "\n";
        }
        break;
      case 2:
        if (s.charAt(from) == '\r' && s.charAt(from + 1) == '\n') {
          return "\r\n";
        }
        break;
      default:
        break;
    }
    return s.substring(from, to);
  }

  /**
   * Where python-dotenv's {@code '((?:\\'|[^'])*)'} (or the double-quoted twin) ends.
   *
   * <p>The regex is greedy with backtracking: a backslash before a quote swallows that quote, and
   * only if no later closing quote exists does it give the last such quote back. Values may span
   * lines.
   */
  private int closingQuote(int open, char q) throws EnvSyntaxException {
    int lastPair = -1;
    int i = open + 1;
    while (i < n) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < n && s.charAt(i + 1) == q) {
        lastPair = i;
        i += 2;
      } else if (c == q) {
        return i;
      } else {
        i++;
      }
    }
    if (lastPair >= 0) {
      scannedToEnd = true;
      return lastPair + 1;
    }
    throw error(open, "unterminated " + (q == '"' ? "double" : "single") + " quote");
  }

  /** {@code (?:[^\S\r\n]*#[^\r\n]*)?} from {@code i}; returns where it ends. */
  private int afterComment(int i) {
    int j = skipHSpace(i);
    if (j < n && s.charAt(j) == '#') {
      while (j < n && s.charAt(j) != '\n' && s.charAt(j) != '\r') {
        j++;
      }
      return j;
    }
    return i;
  }

  /** The end of a line ending at {@code i}, or -1 if {@code i} is not at one. */
  private int lineEnd(int i) {
    if (i >= n) {
      return n;
    }
    if (s.charAt(i) == '\n') {
      return i + 1;
    }
    if (s.startsWith("\r\n", i)) {
      return i + 2;
    }
    return -1;
  }

  private int endOfLineAfterComment() throws EnvSyntaxException {
    int j = skipHSpace(afterComment(pos));
    int end = lineEnd(j);
    if (end < 0) {
      throw error(j, "unexpected text");
    }
    pos = end;
    return end;
  }

  /** python-dotenv's unquoted value: cut at the first blanks followed by '#', then rstrip. */
  static String unquoted(String part) {
    int cut = part.length();
    int i = 0;
    while (i < part.length()) {
      if (isPySpace(part.charAt(i))) {
        int j = i;
        while (j < part.length() && isPySpace(part.charAt(j))) {
          j++;
        }
        if (j < part.length() && part.charAt(j) == '#') {
          cut = i;
          break;
        }
        i = j;
      } else {
        i++;
      }
    }
    int end = cut;
    while (end > 0 && isPySpace(part.charAt(end - 1))) {
      end--;
    }
    return part.substring(0, end);
  }

  /** Single quotes decode only {@code \\} and {@code \'}. */
  static String decodeSingle(String body) {
    StringBuilder b = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char d = body.charAt(i + 1);
        if (d == '\\' || d == '\'') {
          b.append(d);
          i++;
          continue;
        }
      }
      b.append(c);
    }
    return b.toString();
  }

  /** Double quotes decode {@code \\ \' \" \a \b \f \n \r \t \v}, left to right. */
  static String decodeDouble(String body) {
    StringBuilder b = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '\\' && i + 1 < body.length()) {
        char d = body.charAt(i + 1);
        char decoded =
            switch (d) {
              case '\\', '\'', '"' -> d;
              case 'a' -> 0x07;
              case 'b' -> '\b';
              case 'f' -> '\f';
              case 'n' -> '\n';
              case 'r' -> '\r';
              case 't' -> '\t';
              case 'v' -> 0x0b;
              default -> 0;
            };
        if (decoded != 0) {
          b.append(decoded);
          i++;
          continue;
        }
      }
      b.append(c);
    }
    return b.toString();
  }
}
