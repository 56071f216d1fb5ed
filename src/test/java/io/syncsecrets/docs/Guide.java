package io.syncsecrets.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator's guide as the docs tests see it: its sections, and the command lines in its code
 * blocks that run the tool (the {@code sync-secrets} wrapper or the jar).
 */
final class Guide {
  static final Path PATH = Path.of("docs", "GUIDE_SECRETS_SYNC.md");

  // Where a command starts: line start, or after a shell operator; then an optional sudo.
  private static final Pattern INVOCATION = Pattern.compile(
      "(?:^|[|;&(]\\s*|\\$\\(\\s*)\\s*(?:\\$\\s+)?(?:sudo\\s+(?:-u\\s+\\S+\\s+)?)?"
          + "(?:sync-secrets(?![\\w.@-])|java(?:\\s+-\\S+)*?\\s+-jar\\s+\\S*sync-secrets\\.jar)"
          + "(?<args>.*)$");

  private final String text;

  private Guide(String text) {
    this.text = text;
  }

  static Guide load() {
    try {
      return new Guide(Files.readString(PATH, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Guide of(String text) {
    return new Guide(text);
  }

  String text() {
    return text;
  }

  /** The body of the level-2 section whose heading is exactly {@code title}, or empty. */
  String section(String title) {
    List<String> lines = text.lines().toList();
    StringBuilder body = new StringBuilder();
    boolean in = false;
    boolean fenced = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        fenced = !fenced;
      }
      if (!fenced && line.startsWith("## ")) {
        in = line.substring(3).strip().equals(title);
        continue;
      }
      if (in) {
        body.append(line).append('\n');
      }
    }
    return body.toString();
  }

  /** One command line that runs the tool: its arguments, as the shell would split them. */
  record Invocation(String line, List<Token> args) {}

  /** A shell word; {@code quoted} when any part of it was in quotes (so it is a value). */
  record Token(String text, boolean quoted) {}

  /** Every tool command line inside the guide's fenced code blocks. */
  List<Invocation> invocations() {
    List<Invocation> found = new ArrayList<>();
    boolean fenced = false;
    StringBuilder pending = new StringBuilder();
    for (String line : text.lines().toList()) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (!fenced) {
        continue;
      }
      if (line.endsWith("\\")) {
        pending.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      String full = pending.append(line).toString();
      pending.setLength(0);
      for (int from = 0; from < full.length(); ) {
        Matcher m = INVOCATION.matcher(full).region(from, full.length()).useAnchoringBounds(false);
        if (!m.find()) {
          break;
        }
        List<Token> args = new ArrayList<>();
        int consumed = words(full, m.start("args"), args);
        found.add(new Invocation(full.strip(), List.copyOf(args)));
        from = Math.max(consumed, m.start("args")) + 1;
      }
    }
    return found;
  }

  /** Splits shell words from {@code start} until an operator or a comment; returns where it stopped. */
  static int words(String s, int start, List<Token> out) {
    int i = start;
    int n = s.length();
    while (i < n) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= n) {
        break;
      }
      char c = s.charAt(i);
      if (c == '|' || c == ';' || c == '&' || c == ')' || c == '#' || c == '<' || c == '>') {
        return i;
      }
      StringBuilder word = new StringBuilder();
      boolean quoted = false;
      while (i < n && !Character.isWhitespace(s.charAt(i)) && "|;&)<>".indexOf(s.charAt(i)) < 0) {
        c = s.charAt(i);
        if (c == '\'' || c == '"') {
          quoted = true;
          int close = s.indexOf(c, i + 1);
          close = close < 0 ? n : close;
          word.append(s, i + 1, close);
          i = Math.min(close + 1, n);
        } else {
          word.append(c);
          i++;
        }
      }
      out.add(new Token(word.toString(), quoted));
    }
    return n;
  }
}
