package io.syncsecrets.env;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

class EnvDocumentPropertiesTest {
  static final Set<String> REASONS =
      Set.of(
          "value contains a NUL character",
          "value contains a carriage return, which python-dotenv turns into a line feed",
          "value contains a control character",
          "value contains '${', which python-dotenv interpolates in every quoting style",
          "value has a line that reads as an assignment to a line-based reader",
          "no quoting carries the value for python-dotenv, sh and systemd alike"
              + " (it has a quote or backslash that rules out single quotes and a '$', '`'"
              + " or trailing backslash that rules out double quotes)",
          "no written form reads back exactly in this file",
          "cannot be appended: the file's last line ends in a backslash and has no final newline,"
              + " so readers would join the new line to it; end that line in the file first",
          "cannot be appended: the file's last line is a bare export with no final newline, and the"
              + " CRLF that would end it makes sh read the CR as part of the name; end that line"
              + " with LF, or remove it, first");

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<List<String>> lines = Arbitraries.of(Fragments.LINES).list().ofMaxSize(10);
    return Combinators.combine(
            lines, Arbitraries.of(true, false), Arbitraries.of(true, false), Arbitraries.of(true, false))
        .as(Fragments::document);
  }

  @Provide
  Arbitrary<String> values() {
    Arbitrary<String> pieces =
        Arbitraries.of(Fragments.VALUE_PIECES).list().ofMaxSize(6).map(l -> String.join("", l));
    Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(12);
    return Arbitraries.oneOf(pieces, pieces, anyText);
  }

  @Property(tries = 500)
  void untouchedDocumentsRenderByteIdentical(@ForAll("documents") String text) {
    byte[] bytes = text.getBytes(UTF_8);
    EnvDocument doc;
    try {
      doc = EnvDocument.parse(".env", bytes);
    } catch (EnvSyntaxException e) {
      Assume.that(false);
      return;
    }
    assertThat(doc.render()).isEqualTo(bytes);
  }

  @Property(tries = 500)
  void writtenValuesReadBackExactlyOrAreRefused(
      @ForAll("documents") String text, @ForAll("values") String value) throws Exception {
    EnvDocument doc;
    try {
      doc = EnvDocument.parse(".env", text.getBytes(UTF_8));
    } catch (EnvSyntaxException e) {
      Assume.that(false);
      return;
    }
    EnvDocument written;
    try {
      written = doc.withValue("KEY", value);
    } catch (UnsafeValueException e) {
      assertThat(e.key()).isEqualTo("KEY");
      // Reasons come from a fixed set, so no value text can reach the message.
      assertThat(e.getMessage()).isEqualTo("KEY: " + e.reason());
      assertThat(e.reason()).isIn(REASONS);
      return;
    }
    EnvDocument reread = EnvDocument.parse(".env", written.render());
    Set<String> keys = new LinkedHashSet<>(doc.keys());
    keys.add("KEY");
    assertThat(reread.keys()).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(reread.get("KEY")).contains(value);
    for (Map.Entry<String, String> e : doc.values().entrySet()) {
      if (!e.getKey().equals("KEY")) {
        assertThat(reread.get(e.getKey())).contains(e.getValue());
      }
    }
    assertThat(reread.assignmentCount("KEY")).isEqualTo(Math.max(1, doc.assignmentCount("KEY")));
    written.verifyReadsBack(Map.of("KEY", value));
    assertThat(written.withValue("KEY", value).render()).isEqualTo(written.render());
  }

  @Property(tries = 500)
  void aValueCanNeverInjectAnotherKey(
      @ForAll("values") String prefix, @ForAll("values") String suffix) throws Exception {
    String value = prefix + "\nSECRET_KEY=injected\n" + suffix;
    EnvDocument doc = EnvDocument.parse(".env", "SECRET_KEY=real\nKEY=old\n".getBytes(UTF_8));
    try {
      EnvDocument written = doc.withValue("KEY", value);
      assertThat(EnvDocument.parse(".env", written.render()).get("SECRET_KEY")).contains("real");
    } catch (UnsafeValueException e) {
      assertThat(e.key()).isEqualTo("KEY");
    }
  }
}
