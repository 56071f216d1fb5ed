package io.syncsecrets.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the messages the tool can show a user, by reading its Java sources.
 *
 * <p>A message is the string literals of one of these, split at {@code {}} and {@code %s}-style
 * holes into fragments:
 * <ul>
 *   <li>a {@code throw} statement (except internal invariants: {@code IllegalStateException},
 *       {@code AssertionError} and friends, which the CLI shows only as "internal error");
 *   <li>a {@code warn(}/{@code error(} call on a logger;
 *   <li>a {@code return} statement in {@code SyncException.java} (its factories build the texts,
 *       and {@code why()} returns the reasons);
 *   <li>a {@code print}/{@code println}/{@code printf} call on a writer named {@code err}.
 * </ul>
 * Comments and the insides of string literals are blanked before matching, so neither can fake
 * or hide a message. Reading source rather than running code catches every branch, including the
 * ones no test reaches.
 */
final class MessageScanner {
  /** Thrown only when the code itself is wrong; the user sees "internal error (TYPE)" instead. */
  private static final Set<String> INTERNAL_THROWABLES = Set.of(
      "IllegalStateException", "AssertionError", "UnsupportedOperationException",
      "NullPointerException", "IndexOutOfBoundsException");

  private static final Pattern THROW = Pattern.compile("\\bthrow\\b");
  private static final Pattern INTERNAL = Pattern.compile("\\s*new\\s+(?:[\\w.]+\\.)?(\\w+)\\s*\\(");
  private static final Pattern LOG_CALL =
      Pattern.compile("\\b(?i:log|logger)\\s*\\.\\s*(?:warn|error)\\s*\\(");
  private static final Pattern ERR_PRINT = Pattern.compile("\\berr\\s*\\.\\s*print(?:ln|f)?\\s*\\(");
  private static final Pattern RETURN = Pattern.compile("\\breturn\\b");
  private static final Pattern HOLE = Pattern.compile("\\{}|%[-#+ 0,(]*\\d*(?:\\.\\d+)?[a-zA-Z]");
  private static final Pattern WORDY = Pattern.compile("[\\p{L}\\p{N}]");

  /** One message: where it is and its fixed text, in order. */
  record Message(String file, int line, List<String> fragments) {
    String template() {
      return String.join(" … ", fragments);
    }

    @Override
    public String toString() {
      return file + ":" + line + ": " + template();
    }
  }

  private MessageScanner() {}

  /** Every message in the {@code .java} files under {@code root}, in file and line order. */
  static List<Message> scanTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      List<Message> all = new ArrayList<>();
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        all.addAll(scan(root.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8)));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The messages in one source file; {@code name} is used for reporting and the return rule. */
  static List<Message> scan(String name, String source) {
    Lexed lexed = Lexed.of(source);
    String code = lexed.masked();
    List<Message> found = new ArrayList<>();
    Matcher m = THROW.matcher(code);
    while (m.find()) {
      Matcher internal = INTERNAL.matcher(code).region(m.end(), code.length());
      if (internal.lookingAt() && INTERNAL_THROWABLES.contains(internal.group(1))) {
        continue;
      }
      add(found, name, lexed, m.start(), statementEnd(code, m.end()));
    }
    for (Pattern call : List.of(LOG_CALL, ERR_PRINT)) {
      m = call.matcher(code);
      while (m.find()) {
        add(found, name, lexed, m.start(), closingParen(code, m.end() - 1));
      }
    }
    if (name.endsWith("SyncException.java")) {
      m = RETURN.matcher(code);
      while (m.find()) {
        add(found, name, lexed, m.start(), statementEnd(code, m.end()));
      }
    }
    found.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return found;
  }

  private static void add(List<Message> found, String name, Lexed lexed, int from, int to) {
    List<String> fragments = new ArrayList<>();
    for (Lexed.Literal literal : lexed.literals()) {
      if (literal.start() >= from && literal.start() < to) {
        for (String piece : HOLE.split(literal.text(), -1)) {
          String fragment = piece.strip();
          if (WORDY.matcher(fragment).find()) {
            fragments.add(fragment);
          }
        }
      }
    }
    if (!fragments.isEmpty()) {
      found.add(new Message(name, lexed.lineOf(from), List.copyOf(fragments)));
    }
  }

  /** Index just past the {@code ;} that ends the statement starting at {@code from}. */
  private static int statementEnd(String code, int from) {
    int depth = 0;
    for (int i = from; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (c == ';' && depth <= 0) {
        return i + 1;
      }
    }
    return code.length();
  }

  /** Index just past the {@code )} matching the {@code (} at {@code open}. */
  private static int closingParen(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
    }
    return code.length();
  }

  /** Java source with comments and literal contents blanked, plus the decoded string literals. */
  record Lexed(String masked, List<Literal> literals, String source) {
    record Literal(int start, String text) {}

    int lineOf(int index) {
      int line = 1;
      for (int i = 0; i < index && i < source.length(); i++) {
        if (source.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    static Lexed of(String s) {
      StringBuilder masked = new StringBuilder(s.length());
      List<Literal> literals = new ArrayList<>();
      int i = 0;
      int n = s.length();
      while (i < n) {
        char c = s.charAt(i);
        if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
          while (i < n && s.charAt(i) != '\n') {
            masked.append(' ');
            i++;
          }
        } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
          int end = s.indexOf("*/", i + 2);
          end = end < 0 ? n : end + 2;
          blank(masked, s, i, end);
          i = end;
        } else if (s.startsWith("\"\"\"", i)) {
          int end = s.indexOf("\"\"\"", i + 3);
          end = end < 0 ? n : end + 3;
          literals.add(new Literal(i, unescape(s.substring(i + 3, Math.max(i + 3, end - 3)))));
          masked.append('"');
          blank(masked, s, i + 1, end - 1);
          masked.append('"');
          i = end;
        } else if (c == '"' || c == '\'') {
          int j = i + 1;
          while (j < n && s.charAt(j) != c && s.charAt(j) != '\n') {
            j += s.charAt(j) == '\\' ? 2 : 1;
          }
          int end = Math.min(j + 1, n);
          if (c == '"') {
            literals.add(new Literal(i, unescape(s.substring(i + 1, Math.min(j, n)))));
          }
          masked.append(c);
          blank(masked, s, i + 1, end - 1);
          masked.append(c);
          i = end;
        } else {
          masked.append(c);
          i++;
        }
      }
      return new Lexed(masked.toString(), List.copyOf(literals), s);
    }

    // Keeps newlines so positions and line numbers stay those of the source.
    private static void blank(StringBuilder out, String s, int from, int to) {
      for (int k = from; k < to; k++) {
        out.append(s.charAt(k) == '\n' ? '\n' : ' ');
      }
    }

    private static String unescape(String body) {
      StringBuilder out = new StringBuilder(body.length());
      for (int k = 0; k < body.length(); k++) {
        char c = body.charAt(k);
        if (c != '\\' || k + 1 == body.length()) {
          out.append(c);
          continue;
        }
        char e = body.charAt(++k);
        switch (e) {
          case 'n' -> out.append('\n');
          case 't' -> out.append('\t');
          case 'r' -> out.append('\r');
          case 's' -> out.append(' ');
          case '0' -> out.append('\0');
          default -> out.append(e);
        }
      }
      return out.toString();
    }
  }
}
