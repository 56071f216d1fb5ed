package io.syncsecrets.env;

import io.syncsecrets.env.Segment.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Chooses the written forms of a value that python-dotenv, POSIX sh ({@code set -a; . .env}) and
 * systemd's {@code EnvironmentFile=} all read back as exactly that value.
 *
 * <p>The rules are in docs/DOTENV_COMPAT.md; every candidate is still re-parsed by the caller,
 * because these rules only describe one line and the document decides the rest.
 */
final class ValueWriter {
  private ValueWriter() {}

  /** Only characters that no reader treats specially, unquoted (no '~': sh expands it in assignments). */
  private static boolean unquotedSafe(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      if (!alnum && "_./:@+,=%-".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** A line of a multi-line value that a line-by-line reader would take for an assignment. */
  private static final class Assignment {
    // Compiled on first use: only multi-line values need it, and a run's path has no regex.
    static final Pattern LOOKS_LIKE = Pattern.compile("^\\s*(export\\s+)?[A-Za-z_][A-Za-z0-9_]*\\s*=");
  }

  /** Refuses values no form carries, naming the reason; never mentions the value. */
  static void check(String key, String value) throws UnsafeValueException {
    if (!EnvDocument.isPortableKey(key)) {
      throw new UnsafeValueException(key, "key is not a portable variable name");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0) {
        throw new UnsafeValueException(key, "value contains a NUL character");
      }
      if (c == '\r') {
        throw new UnsafeValueException(
            key, "value contains a carriage return, which python-dotenv turns into a line feed");
      }
      if (c != '\t' && c != '\n' && DotenvParser.isControl(c)) {
        throw new UnsafeValueException(key, "value contains a control character");
      }
    }
    if (value.contains("${")) {
      throw new UnsafeValueException(
          key, "value contains '${', which python-dotenv interpolates in every quoting style");
    }
    if (value.indexOf('\n') >= 0) {
      String[] lines = value.split("\n", -1);
      for (int i = 1; i < lines.length; i++) {
        if (Assignment.LOOKS_LIKE.matcher(lines[i]).find()) {
          throw new UnsafeValueException(
              key, "value has a line that reads as an assignment to a line-based reader");
        }
      }
    }
    if (!canWrite(Style.UNQUOTED, value)
        && !canWrite(Style.SINGLE, value)
        && !canWrite(Style.DOUBLE, value)) {
      throw new UnsafeValueException(
          key,
          "no quoting carries the value for python-dotenv, sh and systemd alike"
              + " (it has a quote or backslash that rules out single quotes and a '$', '`'"
              + " or trailing backslash that rules out double quotes)");
    }
  }

  /** Whether {@code style} can carry {@code value} for all three readers. */
  static boolean canWrite(Style style, String value) {
    return switch (style) {
        // python strips blanks and cuts at " #"; sh expands $, `, ~, globs and splits on blanks.
      case UNQUOTED -> unquotedSafe(value);
        // python decodes \\ and \' inside single quotes; sh and systemd decode nothing.
      case SINGLE -> value.indexOf('\'') < 0 && value.indexOf('\\') < 0;
        // \\ and \" mean the same to all three; sh expands $ and ` where python reads "\$"
        // literally, and a final backslash escapes python-dotenv's closing quote.
      case DOUBLE -> value.indexOf('$') < 0 && value.indexOf('`') < 0 && !value.endsWith("\\");
    };
  }

  /**
   * Whether sh ({@code set -a; . .env}) and systemd read {@code valueText}, written in
   * {@code style}, as {@code value}, python-dotenv's reading of it. Unlike {@link #canWrite}, which
   * the writer uses and which may refuse more than it must (it quotes a {@code ?} or an
   * {@code é} that every reader keeps), this is exact for the line as written, so that only a
   * line the readers really disagree on is reported. Every form {@link #write} produces for a
   * value {@code canWrite} allows passes it (tested). CR before LF is not compared: CRLF files are
   * right for python-dotenv and systemd only (docs/DOTENV_COMPAT.md).
   */
  static boolean readsAlike(Style style, String valueText, String value) {
    return switch (style) {
      case UNQUOTED -> unquotedLiteral(valueText) && valueText.equals(value);
      case SINGLE -> crlfAsLf(body(valueText)).equals(value);
      case DOUBLE -> value.equals(crlfAsLf(shDoubleQuoted(body(valueText))));
    };
  }

  private static String body(String quoted) {
    return quoted.substring(1, quoted.length() - 1);
  }

  private static String crlfAsLf(String text) {
    return text == null ? null : text.replace("\r\n", "\n");
  }

  /** Whether sh keeps {@code text}, unquoted after {@code KEY=}, as it is (no glob in an assignment). */
  private static boolean unquotedLiteral(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (" \t\n\r'\"\\`;&|<>()".indexOf(c) >= 0 || (c == '$' && expands(text, i))) {
        return false;
      }
      // Tilde expansion: at the start of an assignment's value and after each unquoted ':'.
      if (c == '~' && (i == 0 || text.charAt(i - 1) == ':')) {
        return false;
      }
    }
    return true;
  }

  /** Whether the {@code $} at {@code i} starts an expansion (a lone {@code $} is literal). */
  private static boolean expands(String text, int i) {
    if (i + 1 >= text.length()) {
      return false;
    }
    char n = text.charAt(i + 1);
    return (n >= 'A' && n <= 'Z') || (n >= 'a' && n <= 'z') || (n >= '0' && n <= '9')
        || "_{(@*#?-$!".indexOf(n) >= 0;
  }

  /**
   * The body of a double-quoted word as sh reads it, or null when sh would expand something or
   * not end the word where python-dotenv does;
   * systemd decodes the same escapes and expands nothing, so it agrees whenever this is not null.
   */
  private static String shDoubleQuoted(String body) {
    StringBuilder out = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '`' || (c == '$' && expands(body, i))) {
        return null;
      }
      if (c == '\\') {
        if (i + 1 == body.length()) {
          // A last, unpaired backslash escapes the closing quote for sh and systemd: the value
          // runs on into the next lines, where python-dotenv ended it.
          return null;
        }
        char n = body.charAt(i + 1);
        if (n == '\n') {
          i++;
          continue;
        }
        if ("$`\"\\".indexOf(n) >= 0) {
          out.append(n);
          i++;
          continue;
        }
      }
      out.append(c);
    }
    return out.toString();
  }

  static String write(Style style, String value) {
    return switch (style) {
      case UNQUOTED -> value;
      case SINGLE -> "'" + value + "'";
      case DOUBLE -> "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    };
  }

  /** Forms to try, simplest first, with the entry's own style (if any) leading. */
  static List<Style> candidates(Style existing, String value) {
    List<Style> out = new ArrayList<>();
    if (existing != null && canWrite(existing, value)) {
      out.add(existing);
    }
    for (Style style : Style.values()) {
      if (style != existing && canWrite(style, value)) {
        out.add(style);
      }
    }
    return out;
  }
}
