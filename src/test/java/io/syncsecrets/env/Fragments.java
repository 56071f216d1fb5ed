package io.syncsecrets.env;

import java.util.List;
import java.util.Random;

/** Pieces of .env files and values that exercise every rule, shared by the properties and cross-checks. */
final class Fragments {
  private Fragments() {}

  static final List<String> LINES =
      List.of(
          "A=1", "export B='x y' # c", "C=\"multi\nline\"", "  # indented", "# comment", "",
          "D = spaced  # c", "E='it\\'s'", "F=\"esc \\n \\\" \\\\ \\t \\$\"", "G=a#b", "H=  lead",
          "'I'=quoted key", "J=\"a\\\"", "K='unterminated", "L=\"x\" junk", "=nokey", "M=${HOME}",
          "N=$x'y\"z", "O=\t", "P=é ✓", "Q='a\nb'", "R=\"\"", "S=''#c", "T=x\\", "export\tU=1",
          "V=\"ends\\\\\"", "W=;x", "X=# not comment", "A=dup", "Y=  \"q\"  # c", "Z=\u00a0nbsp\u00a0",
          "KEY=old", "export KEY='old' # keep", "KEY = \"old\"#c", "export KEY", "export SYNCED",
          "export A # c", "export\tB\t", "export C#c",
          "\u00a0SYNCED=old", "\u3000 SYNCED='old'", " \u2028\tP=é ✓");

  /** Lines whose quotes sh and systemd pair differently from python-dotenv, swallowing later lines. */
  static final List<String> READER_BREAKING = List.of("E='it\\'s'", "J=\"a\\\"", "N=$x'y\"z");

  static final List<String> VALUE_PIECES =
      List.of(
          "a", "Z9", "-_./:@+,=%", " ", "\t", "'", "\"", "\\", "#", " #", "$", "${", "}", "{", "=",
          "\n", "\nSECRET_KEY=", "\nexport X=1", "\n#c", "`", "~", "é", "✓", "😀", "\\n", "\\'",
          "\\\"", "\r", "\0", "x", "\u00a0", "\u2028", "$(id)");

  static String document(List<String> lines, boolean crlf, boolean bom, boolean finalNewline) {
    String eol = crlf ? "\r\n" : "\n";
    StringBuilder b = new StringBuilder(bom ? "\uFEFF" : "");
    for (int i = 0; i < lines.size(); i++) {
      b.append(lines.get(i).replace("\n", eol));
      if (i < lines.size() - 1 || finalNewline) {
        b.append(eol);
      }
    }
    return b.toString();
  }

  static String randomDocument(Random r) {
    List<String> lines = r.ints(r.nextInt(8), 0, LINES.size()).mapToObj(LINES::get).toList();
    return document(lines, r.nextInt(4) == 0, r.nextInt(6) == 0, r.nextInt(5) != 0);
  }

  static String randomValue(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) {
      b.append(VALUE_PIECES.get(r.nextInt(VALUE_PIECES.size())));
    }
    return b.toString();
  }
}
