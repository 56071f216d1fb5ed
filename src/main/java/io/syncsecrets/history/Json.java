package io.syncsecrets.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON for the history file: flat objects whose values are strings, lists of strings or
 * null. Hand-written so the tool needs no JSON library.
 */
final class Json {
  private Json() {}

  /** A JSON string literal for {@code s}, with every control character escaped. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  static String array(List<String> items) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < items.size(); i++) {
      b.append(i == 0 ? "" : ",").append(quote(items.get(i)));
    }
    return b.append(']').toString();
  }

  /**
   * Parses one flat object; values are {@code String}, {@code List<String>} or null.
   *
   * @throws IllegalArgumentException on anything else, with the offending position
   */
  static Map<String, Object> parseObject(String text) {
    Parser p = new Parser(text);
    Map<String, Object> result = p.object();
    p.skipSpace();
    if (!p.atEnd()) {
      throw p.error("trailing characters");
    }
    return result;
  }

  private static final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      expect('{');
      skipSpace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipSpace();
        String key = string();
        skipSpace();
        expect(':');
        skipSpace();
        map.put(key, value());
        skipSpace();
        char c = next();
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          throw error("expected , or }");
        }
      }
    }

    private Object value() {
      char c = peek();
      if (c == '"') {
        return string();
      }
      if (c == '[') {
        return list();
      }
      if (s.startsWith("null", pos)) {
        pos += 4;
        return null;
      }
      throw error("expected a string, a list or null");
    }

    private List<String> list() {
      List<String> items = new ArrayList<>();
      expect('[');
      skipSpace();
      if (peek() == ']') {
        pos++;
        return items;
      }
      while (true) {
        skipSpace();
        items.add(string());
        skipSpace();
        char c = next();
        if (c == ']') {
          return items;
        }
        if (c != ',') {
          throw error("expected , or ]");
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder b = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return b.toString();
        }
        if (c != '\\') {
          b.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> b.append(e);
          case 'n' -> b.append('\n');
          case 'r' -> b.append('\r');
          case 't' -> b.append('\t');
          case 'b' -> b.append('\b');
          case 'f' -> b.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("short \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad \\u escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape");
        }
      }
    }

    void skipSpace() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
        pos++;
      }
    }

    boolean atEnd() {
      return pos >= s.length();
    }

    private char peek() {
      if (atEnd()) {
        throw error("unexpected end");
      }
      return s.charAt(pos);
    }

    private char next() {
      char c = peek();
      pos++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        pos--;
        throw error("expected " + c);
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException(what + " at column " + (pos + 1));
    }
  }
}
