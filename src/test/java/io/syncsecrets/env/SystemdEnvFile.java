package io.syncsecrets.env;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A test-side reader that follows systemd's {@code EnvironmentFile=} rules (src/basic/env-file.c,
 * {@code parse_env_file_internal}), written from the documented state machine.
 *
 * <p>Lines start with optional blanks; {@code #} or {@code ;} there starts a comment. The key runs
 * to {@code =} (trailing blanks dropped). The value: blanks skipped, then any mix of unquoted text
 * (a backslash escapes the next character, a backslash-newline joins lines, trailing blanks are
 * dropped), single-quoted text (no escapes, may span lines) and double-quoted text (backslash
 * unescapes {@code " \ ` $}, drops an escaped newline, and keeps itself before anything else). A
 * newline (LF or CR) outside quotes ends the entry. No {@code export}, no inline comments, no
 * {@code $} expansion. Keys that are not valid variable names are dropped, as systemd does.
 */
final class SystemdEnvFile {
  private SystemdEnvFile() {}

  private enum State { PRE_KEY, KEY, PRE_VALUE, VALUE, VALUE_ESCAPE, SINGLE, DOUBLE, DOUBLE_ESCAPE, COMMENT }

  static Map<String, String> read(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    State state = State.PRE_KEY;
    StringBuilder key = new StringBuilder();
    StringBuilder value = new StringBuilder();
    int keyTrim = -1;
    int valueTrim = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean newline = c == '\n' || c == '\r';
      boolean blank = c == ' ' || c == '\t' || newline;
      switch (state) {
        case PRE_KEY -> {
          if (c == '#' || c == ';') {
            state = State.COMMENT;
          } else if (!blank) {
            state = State.KEY;
            key.setLength(0);
            keyTrim = -1;
            key.append(c);
          }
        }
        case KEY -> {
          if (newline) {
            state = State.PRE_KEY;
          } else if (c == '=') {
            state = State.PRE_VALUE;
            value.setLength(0);
            valueTrim = -1;
          } else {
            if (!blank) {
              keyTrim = -1;
            } else if (keyTrim < 0) {
              keyTrim = key.length();
            }
            key.append(c);
          }
        }
        case PRE_VALUE -> {
          if (newline) {
            push(out, key, keyTrim, value.toString());
            state = State.PRE_KEY;
          } else if (c == '\'') {
            state = State.SINGLE;
          } else if (c == '"') {
            state = State.DOUBLE;
          } else if (c == '\\') {
            state = State.VALUE_ESCAPE;
          } else if (!blank) {
            state = State.VALUE;
            value.append(c);
          }
        }
        case VALUE -> {
          if (newline) {
            String v = valueTrim >= 0 ? value.substring(0, valueTrim) : value.toString();
            push(out, key, keyTrim, v);
            state = State.PRE_KEY;
          } else if (c == '\\') {
            state = State.VALUE_ESCAPE;
            valueTrim = -1;
          } else {
            if (!blank) {
              valueTrim = -1;
            } else if (valueTrim < 0) {
              valueTrim = value.length();
            }
            value.append(c);
          }
        }
        case VALUE_ESCAPE -> {
          state = State.VALUE;
          if (!newline) {
            value.append(c);
          }
        }
        case SINGLE -> {
          if (c == '\'') {
            state = State.PRE_VALUE;
          } else {
            value.append(c);
          }
        }
        case DOUBLE -> {
          if (c == '"') {
            state = State.PRE_VALUE;
          } else if (c == '\\') {
            state = State.DOUBLE_ESCAPE;
          } else {
            value.append(c);
          }
        }
        case DOUBLE_ESCAPE -> {
          state = State.DOUBLE;
          if ("\"\\`$".indexOf(c) >= 0) {
            value.append(c);
          } else if (c != '\n') {
            value.append('\\').append(c);
          }
        }
        case COMMENT -> {
          if (newline) {
            state = State.PRE_KEY;
          }
        }
      }
    }
    switch (state) {
      case PRE_VALUE, SINGLE, DOUBLE, DOUBLE_ESCAPE, VALUE_ESCAPE -> push(out, key, keyTrim, value.toString());
      case VALUE -> push(out, key, keyTrim, valueTrim >= 0 ? value.substring(0, valueTrim) : value.toString());
      default -> {}
    }
    return out;
  }

  private static void push(Map<String, String> out, StringBuilder key, int keyTrim, String value) {
    String k = keyTrim >= 0 ? key.substring(0, keyTrim) : key.toString();
    if (k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      out.put(k, value);
    }
  }
}
