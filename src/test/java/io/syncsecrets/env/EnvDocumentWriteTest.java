package io.syncsecrets.env;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvDocumentWriteTest {

  private static EnvDocument parse(String text) throws EnvSyntaxException {
    return EnvDocument.parse(".env", text.getBytes(UTF_8));
  }

  private static String written(String value) throws Exception {
    return new String(parse("").withValue("K", value).render(), UTF_8);
  }

  @Test
  void choosesTheSimplestForm() throws Exception {
    assertThat(written("abc-DEF_1.2/x:y@z+w,v=%")).isEqualTo("K=abc-DEF_1.2/x:y@z+w,v=%\n");
    assertThat(written("")).isEqualTo("K=\n");
    assertThat(written("has space")).isEqualTo("K='has space'\n");
    assertThat(written("~home")).isEqualTo("K='~home'\n");
    assertThat(written("$HOME `x` \"q\" #")).isEqualTo("K='$HOME `x` \"q\" #'\n");
    assertThat(written("it's a \\ \"q\"")).isEqualTo("K=\"it's a \\\\ \\\"q\\\"\"\n");
    assertThat(written("a\nb")).isEqualTo("K='a\nb'\n");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "nul\\0x|value contains a NUL character",
        "cr\\rx|value contains a carriage return, which python-dotenv turns into a line feed",
        "bell\\u0007|value contains a control character",
        "${HOME}|value contains '${', which python-dotenv interpolates in every quoting style",
        "pem\\nSECRET_KEY=evil|value has a line that reads as an assignment to a line-based reader",
        "pem\\n  export X =1|value has a line that reads as an assignment to a line-based reader",
        "it's $5|",
        "a'b`c`|",
        "back\\\\slash$|",
        "ends with backslash\\\\|",
      })
  void refusesValuesNoFormCarries(String raw, String reason) {
    String value = raw.replace("\\0", "\0").replace("\\r", "\r").replace("\\n", "\n")
        .replace("\\u0007", "\u0007").replace("\\\\", "\\");
    assertThatThrownBy(() -> parse("K=old\n").withValue("K", value))
        .isInstanceOfSatisfying(
            UnsafeValueException.class,
            e -> {
              assertThat(e.key()).isEqualTo("K");
              if (reason != null) {
                assertThat(e.reason()).isEqualTo(reason);
              }
              assertThat(e.getMessage()).startsWith("K: ").doesNotContain(value.strip());
            });
  }

  @Test
  void refusesKeysThatAreNotPortableNames() {
    assertThatThrownBy(() -> parse("").withValue("A-B", "x"))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessage("A-B: key is not a portable variable name");
  }

  @Test
  void aRewrittenEntryUsesAsciiBlanksBeforeItsCommentAndAfterExport() throws Exception {
    // sh splits words on space and tab only: after an NBSP the comment would run as a command.
    EnvDocument doc = parse("K='old'\u00a0# rotate\nexport\u00a0J=old\u2028# c\n")
        .withValue("K", "new").withValue("J", "newer");

    assertThat(new String(doc.render(), UTF_8)).isEqualTo("K='new' # rotate\nexport J=newer # c\n");
    assertThat(EnvDocument.parse("t", doc.render()).values())
        .containsEntry("K", "new").containsEntry("J", "newer").hasSize(2);
  }

  @Test
  void aRewrittenEntryGetsAsciiIndentationAndNothingElseChanges() throws Exception {
    // python-dotenv strips an NBSP indentation; sh runs "\u00a0K=..." as a command and systemd
    // drops the invalid name, so only the app would get the value. Each such blank becomes a space.
    String text = "# c\u00a0\n\u00a0\n\u00a0\u3000\tK=old # c\n\u2028L=1\r\n  \u202fexport\u00a0K=old\n";
    EnvDocument doc = parse(text).withValue("K", "new");

    assertThat(new String(doc.render(), UTF_8))
        .isEqualTo("# c\u00a0\n\u00a0\n  \tK=new # c\n\u2028L=1\r\n   export K=new\n");
    assertThat(EnvDocument.parse("t", doc.render()).values())
        .containsExactly(entry("K", "new"), entry("L", "1"));
    assertThat(doc.misreadLines("K")).isEmpty();
    assertThat(doc.misreadLines("L"))
        .containsExactly(new MisreadLine(4, MisreadLine.Problem.FOREIGN_BLANK_BEFORE_NAME));
  }

  @Test
  void aFileWithOnlyAsciiIndentationIsRewrittenAsBefore() throws Exception {
    assertThat(new String(parse("A=1\n\n \t K=old\n").withValue("K", "new").render(), UTF_8))
        .isEqualTo("A=1\n\n \t K=new\n");
  }

  @Test
  void appendingAfterALastLineEndingInABackslashNamesThatLine() throws Exception {
    EnvDocument doc = parse("A=1\nZ=a\\");

    assertThatThrownBy(() -> doc.withValue("K", "v"))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessageContaining("K: cannot be appended")
        .hasMessageContaining("last line ends in a backslash");
  }

  @Test
  void appendingAfterALastBareExportWithoutNewlineInACrlfFileNamesThatLine() throws Exception {
    // The CRLF that ends the last line before the new entry would make it "export A\r", whose CR
    // sh reads as part of the name: refused, and the message must say why (not "no written form").
    EnvDocument doc = parse("X=1\r\nexport A");

    assertThatThrownBy(() -> doc.withValue("K", "v"))
        .isInstanceOf(UnsafeValueException.class)
        .hasMessageContaining("K: cannot be appended")
        .hasMessageContaining("last line is a bare export with no final newline");
  }

  @Test
  void everyAssignmentOfADuplicatedKeyIsRewritten() throws Exception {
    EnvDocument doc = parse("K=a\nX=1\nK=b\n").withValue("K", "new");
    assertThat(new String(doc.render(), UTF_8)).isEqualTo("K=new\nX=1\nK=new\n");
    assertThat(doc.assignmentCount("K")).isEqualTo(2);
  }

  @Test
  void aBareExportIsKeptAndTheValueAppendedAfterIt() throws Exception {
    // The appended assignment comes after the declaration, so python-dotenv, sh and systemd all
    // read the value; the declaration line itself is the people's and stays byte for byte.
    EnvDocument doc = parse("export K  # from the shell\r\nX=1\r\n").withValue("K", "new");

    assertThat(new String(doc.render(), UTF_8))
        .isEqualTo("export K  # from the shell\r\nX=1\r\nK=new\r\n");
    assertThat(doc.values()).containsExactly(entry("K", "new"), entry("X", "1"));
    assertThat(doc.keysWithoutValue()).isEmpty();
    assertThat(doc.withValue("K", "new").render()).isEqualTo(doc.render());
  }

  @Test
  void anAssignmentAfterABareExportIsRewrittenInPlace() throws Exception {
    EnvDocument doc = parse("export K\nK=old\n").withValue("K", "new").withValue("L", "v");

    assertThat(new String(doc.render(), UTF_8)).isEqualTo("export K\nK=new\nL=v\n");
    assertThat(doc.assignmentCount("K")).isEqualTo(1);
  }

  @Test
  void documentIsImmutable() throws Exception {
    EnvDocument doc = parse("K=a\n");
    doc.withValue("K", "b");
    doc.withValue("L", "c");
    assertThat(doc.values()).isEqualTo(Map.of("K", "a"));
    assertThatThrownBy(() -> doc.values().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void verifyReadsBackNamesWrongKeysButNoValues() throws Exception {
    EnvDocument doc = parse("K=topsecret\nL=other\n");
    doc.verifyReadsBack(Map.of("K", "topsecret", "L", "other"));
    assertThatThrownBy(() -> doc.verifyReadsBack(Map.of("K", "hunter2", "L", "other", "M", "x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(".env: keys do not read back as written: K, M")
        .message()
        .doesNotContain("topsecret", "hunter2");
  }

  @Test
  void toStringShowsNoValues() throws Exception {
    EnvDocument doc = parse("K=topsecret\n");
    assertThat(doc.toString()).isEqualTo("EnvDocument[label=.env, entries=1]");
  }

  @Test
  void lineEndingIsTheFilesOwn() throws Exception {
    assertThat(parse("A=1\r\nB=2").lineEnding()).isEqualTo("\r\n");
    assertThat(parse("A=1").lineEnding()).isEqualTo("\n");
    assertThat(new String(parse("A=1\r\nB=2").withValue("C", "3").render(), UTF_8))
        .isEqualTo("A=1\r\nB=2\r\nC=3\r\n");
  }
}
