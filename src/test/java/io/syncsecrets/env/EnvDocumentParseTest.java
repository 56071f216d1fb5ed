package io.syncsecrets.env;

import static io.syncsecrets.env.MisreadLine.Problem.BLANKS_AROUND_EQUALS;
import static io.syncsecrets.env.MisreadLine.Problem.FOREIGN_BLANK_BEFORE_NAME;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnvDocumentParseTest {

  private static EnvDocument parse(String text) throws EnvSyntaxException {
    return EnvDocument.parse(".env", text.getBytes(UTF_8));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "A=1",
        "A=1\n",
        "A=1\r\nB=2\r\n",
        "\uFEFFA=1\n",
        "\uFEFF# comment\nA=1",
        "\n\n# c\n  # indented\n\nexport A = 'x' # c\nB=\"y\"#c\n",
        "A=\"multi\r\nline\"\r\nB=x",
        "A=  spaced value   # comment  \n",
        "'quoted key'=v\n",
        "A=\t\nB=\n",
        "A=1\n\n\n",
        "export A\n",
        "  export\tA  # set by the shell\r\nA=1\r\n",
        "export A",
      })
  void untouchedDocumentRendersIdenticalBytes(String text) throws Exception {
    byte[] bytes = text.getBytes(UTF_8);
    assertThat(EnvDocument.parse(".env", bytes).render()).isEqualTo(bytes);
  }

  @Test
  void decodesLikePythonDotenv() throws Exception {
    EnvDocument doc =
        parse(
            "A=plain # comment\n"
                + "B='it\\'s \\\\ \\n'\n"
                + "C=\"tab\\there \\\"q\\\" \\$x\"\n"
                + "export D=exported\n"
                + "E=a#not-a-comment\n"
                + "F=\"two\r\nlines\"\r\n"
                + "G=\n"
                + "H = spaced\n"
                + "A=last wins\n");
    assertThat(doc.values())
        .containsExactly(
            entry("A", "last wins"),
            entry("B", "it's \\ \\n"),
            entry("C", "tab\there \"q\" \\$x"),
            entry("D", "exported"),
            entry("E", "a#not-a-comment"),
            entry("F", "two\nlines"),
            entry("G", ""),
            entry("H", "spaced"));
    assertThat(doc.assignmentCount("A")).isEqualTo(2);
    assertThat(doc.assignmentCount("B")).isEqualTo(1);
    assertThat(doc.assignmentCount("Z")).isZero();
    assertThat(doc.get("Z")).isEmpty();
    assertThat(doc).hasToString("EnvDocument[label=.env, entries=9]");
  }

  @Test
  void bareExportIsAKeyWithNoValueAsInPythonDotenv() throws Exception {
    // python-dotenv 0.21: dotenv_values gives {"A": None, ...}; load_dotenv sets nothing for A.
    EnvDocument doc = parse("export A\nexport B # c\nX=1\nexport\tC\t\nB=2\n");

    assertThat(doc.keysWithoutValue()).containsExactly("A", "C");
    // An assignment after the declaration wins, in the declaration's place (python's dict order).
    assertThat(doc.values()).containsExactly(entry("B", "2"), entry("X", "1"));
    assertThat(doc.get("A")).isEmpty();
    assertThat(doc.assignmentCount("A")).isZero();
    assertThat(doc.assignmentCount("B")).isEqualTo(1);
    assertThat(doc).hasToString("EnvDocument[label=.env, entries=2]");
    assertThat(parse("A=1\n").keysWithoutValue()).isEmpty();
  }

  @Test
  void ordinaryLinesAreNotMisread() throws Exception {
    for (String text : List.of("K=value\n", "export K=value\n", "K=\"quoted value\"\n", "K='x'\n",
        "K=v # comment\n", "K=value\r\n", "export K='x' # c\r\n", "  K=v\n", "K=\n", "K= \n",
        "K=https://h/p?x=1\n", "K=caf\u00e9\n", "K=a*b\n", "K='a\\b'\n", "K=\"a\\\\b \\\"q\\\" $\"\n",
        "K=\"a\nb\"\n", "K=a#b\n", "K=\"v\"\t# c\n")) {
      assertThat(parse(text).misreadLines("K")).as("%s", text).isEmpty();
    }
  }

  @Test
  void namesEachShapeShReadsOtherwiseByItsFirstProblem() throws Exception {
    Map<String, MisreadLine.Problem> shapes = new LinkedHashMap<>();
    shapes.put("K = same\n", BLANKS_AROUND_EQUALS);
    shapes.put("K =same\n", BLANKS_AROUND_EQUALS);
    shapes.put("K= same\n", BLANKS_AROUND_EQUALS);
    shapes.put("K=\u00a0\n", BLANKS_AROUND_EQUALS);
    shapes.put("'K'=same\n", MisreadLine.Problem.QUOTED_NAME);
    shapes.put("\u00a0K = a b\n", FOREIGN_BLANK_BEFORE_NAME);
    shapes.put("K=a b\n", MisreadLine.Problem.UNQUOTED_VALUE);
    shapes.put("K=a\\b\n", MisreadLine.Problem.UNQUOTED_VALUE);
    shapes.put("K=a$b\n", MisreadLine.Problem.UNQUOTED_VALUE);
    shapes.put("K=~/x\n", MisreadLine.Problem.UNQUOTED_VALUE);
    shapes.put("K=a;b\n", MisreadLine.Problem.UNQUOTED_VALUE);
    shapes.put("K='a\\'b'\n", MisreadLine.Problem.SINGLE_QUOTED_ESCAPE);
    shapes.put("K='a\\\\b'\n", MisreadLine.Problem.SINGLE_QUOTED_ESCAPE);
    shapes.put("K=\"a$b\"\n", MisreadLine.Problem.DOUBLE_QUOTED_VALUE);
    shapes.put("K=\"a`b`\"\n", MisreadLine.Problem.DOUBLE_QUOTED_VALUE);
    shapes.put("K=\"a\\nb\"\n", MisreadLine.Problem.DOUBLE_QUOTED_VALUE);
    shapes.put("K=\"a\\$b\"\n", MisreadLine.Problem.DOUBLE_QUOTED_VALUE);
    shapes.put("K=\"a\\'b\"\n", MisreadLine.Problem.DOUBLE_QUOTED_VALUE);
    // python-dotenv closes the quote after "a\\"; sh and systemd read \\" as a quote and go on.
    shapes.put("K=\"a\\\"\n", MisreadLine.Problem.DOUBLE_QUOTED_VALUE);
    shapes.put("K=\"a\\\\\\\"\n", MisreadLine.Problem.DOUBLE_QUOTED_VALUE);
    shapes.put("K='v'#c\n", MisreadLine.Problem.COMMENT_OR_TRAILING_BLANK);
    shapes.put("K=v\u00a0# c\n", MisreadLine.Problem.COMMENT_OR_TRAILING_BLANK);
    shapes.put("K=v\u00a0\n", MisreadLine.Problem.COMMENT_OR_TRAILING_BLANK);
    shapes.forEach((text, problem) -> {
      try {
        assertThat(parse("# c\n" + text).misreadLines("K")).as("%s", text)
            .containsExactly(new MisreadLine(2, problem));
      } catch (EnvSyntaxException e) {
        throw new AssertionError(text, e);
      }
    });
  }

  @Test
  void aQuotedValueOverCrlfLinesIsWarnedBecauseSystemdKeepsTheCrs() throws Exception {
    // A PEM pasted into a file edited on Windows: python-dotenv's universal newlines drop the CRs.
    String text = "A=1\r\nK=\"-----BEGIN-----\r\nabc\r\n-----END-----\"\r\nJ='x\r\ny'\r\nL=v\r\n";
    EnvDocument doc = parse(text);

    assertThat(doc.values()).contains(entry("K", "-----BEGIN-----\nabc\n-----END-----"), entry("J", "x\ny"));
    assertThat(SystemdEnvFile.read(text)).contains(
        entry("K", "-----BEGIN-----\r\nabc\r\n-----END-----"), entry("J", "x\r\ny"));
    assertThat(doc.misreadLines("K")).containsExactly(new MisreadLine(2, MisreadLine.Problem.CRLF_INSIDE_QUOTES));
    assertThat(doc.misreadLines("J")).containsExactly(new MisreadLine(5, MisreadLine.Problem.CRLF_INSIDE_QUOTES));
    // CRLF ending a one-line entry is not inside the quotes: systemd reads it right.
    assertThat(doc.misreadLines("A")).isEmpty();
    assertThat(doc.misreadLines("L")).isEmpty();
    // The warning is true to what a rewrite fixes: the written value has LF inside the quotes.
    String rewritten = new String(doc.withValue("K", "-----BEGIN-----\nxyz\n-----END-----").render(), UTF_8);
    assertThat(SystemdEnvFile.read(rewritten)).containsEntry("K", "-----BEGIN-----\nxyz\n-----END-----");
    assertThat(parse(rewritten).misreadLines("K")).isEmpty();
  }

  @Test
  void findsAssignmentsOnlyPythonReadsBecauseOfANonAsciiBlankBeforeTheKey() throws Exception {
    // python-dotenv's \\s takes NBSP, U+2028, U+3000...; sh splits on space and tab only.
    EnvDocument doc = parse("\u00a0K=1\n\nexport\u00a0K=1\n \tK=1 # \u00a0\nJ=\u00a0x\n"
        + "# \u00a0\n\u3000\n\u2028J=2\nL='a\n\u00a0b'\n");

    assertThat(doc.values()).containsExactly(entry("K", "1"), entry("J", "2"), entry("L", "a\n\u00a0b"));
    assertThat(doc.misreadLines("K")).containsExactly(
        new MisreadLine(1, FOREIGN_BLANK_BEFORE_NAME), new MisreadLine(3, FOREIGN_BLANK_BEFORE_NAME));
    // Line 5's NBSP after '=' is a blank to python-dotenv only: sh's value starts with it.
    assertThat(doc.misreadLines("J")).containsExactly(
        new MisreadLine(5, BLANKS_AROUND_EQUALS), new MisreadLine(8, FOREIGN_BLANK_BEFORE_NAME));
    // A blank inside a value, a comment or an empty line does not hide an assignment.
    assertThat(doc.misreadLines("L")).isEmpty();
    assertThat(doc.misreadLines("Z")).isEmpty();
    assertThat(parse("  export\tK=1\n").misreadLines("K")).isEmpty();
  }

  @Test
  void bomBelongsToTheFirstKeyAsInPythonDotenv() throws Exception {
    EnvDocument doc = parse("\uFEFFA=1\nB=2\n");
    assertThat(doc.hasBom()).isTrue();
    assertThat(doc.keys()).containsExactly("\uFEFFA", "B");
    assertThat(parse("\uFEFF# c\nA=1\n").keys()).containsExactly("A");
  }

  @Test
  void backslashBeforeClosingQuoteSwallowsItWhenALaterQuoteExists() throws Exception {
    // python-dotenv's regex is greedy: "a\" runs on to the next quote.
    EnvDocument doc = parse("A=\"a\\\"\nB=b #\"\n");
    assertThat(doc.keys()).containsExactly("A");
    assertThat(doc.get("A")).contains("a\"\nB=b #");
    assertThatThrownBy(() -> parse("A=\"a\\\"\nB=\"b\"\n")).isInstanceOf(EnvSyntaxException.class);
    assertThat(parse("A=\"a\\\"\n").get("A")).contains("a\\");
  }

  @Test
  void referencesAreDecodedLiterallyAndReported() throws Exception {
    EnvDocument doc = parse("A=${HOME}\nB='${X:-y}'\nC=$PLAIN\n");
    assertThat(doc.get("A")).contains("${HOME}");
    assertThat(doc.keysWithReferences()).containsExactly("A", "B");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "A=1\\nB=\"secretvalue\\nC=3|2|unterminated double quote",
        "A='secretvalue|1|unterminated single quote",
        "A=1\\nB=\"secretvalue\" trailing|2|unexpected text after the closing quote",
        "A=1\\n\\nBAREKEY\\n|3|key without '='",
        "A=1\\nexport B#secretvalue\\n|2|key without '='",
        "export B.secretvalue|1|key without '='",
        "export 'B'|1|key without '='",
        "export B secretvalue|1|key without '='",
        "export\\u00a0B|1|key without '='",
        "A=1\\r\\nexport B\\r\\n|2|export without '=' on a CRLF line: sh reads the CR as part of the name and stops reading the file",
        "B=secretvalue\\nA=1\\nexport B\\nexport B\\n|3|export B after its assignment: python-dotenv reads it with no value, sh with the value",
        "=secretvalue|1|expected a key before '='",
        "A=secret\\u0000value|1|NUL byte (binary data?)",
        "A=1\\nB=secret\\rvalue|2|carriage return not followed by a line feed",
        "A=1\\nB=secret\\u0007value|2|control character U+0007 (binary data?)",
        "A=secret\\\\\\nB=2|1|unquoted value ends with a backslash, which sh and systemd read as a line continuation",
      })
  void malformedInputNamesLineAndReasonButNoValue(String input, int line, String reason) {
    String text = input.replace("\\n", "\n").replace("\\r", "\r").replace("\\u0000", "\0")
        .replace("\\u0007", "\u0007").replace("\\u00a0", "\u00a0");
    assertThatThrownBy(() -> parse(text))
        .isInstanceOfSatisfying(
            EnvSyntaxException.class,
            e -> {
              assertThat(e.line()).isEqualTo(line);
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.label()).isEqualTo(".env");
              assertThat(e.getMessage()).isEqualTo(".env:" + line + ": " + reason);
              assertThat(e.getMessage()).doesNotContain("secret", "value\"");
            });
  }

  @Test
  void invalidUtf8IsAnErrorOnItsLine() {
    byte[] bytes = {'A', '=', '1', '\n', 'B', '=', (byte) 0xC3, (byte) 0x28, '\n'};
    assertThatThrownBy(() -> EnvDocument.parse("src.env", bytes))
        .hasMessage("src.env:2: invalid UTF-8");
  }

  @Test
  void unterminatedQuoteNamesTheLineItOpened() {
    assertThatThrownBy(() -> parse("A=1\nB='x\n\n\nC=3\n"))
        .isInstanceOfSatisfying(EnvSyntaxException.class, e -> assertThat(e.line()).isEqualTo(2));
  }
}
