package io.syncsecrets.env;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.env.GoldenFixtures.Case;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class GoldenTest {

  static Stream<Case> cases() throws Exception {
    return GoldenFixtures.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void syncGivesTheExpectedBytes(Case c) throws Exception {
    EnvDocument target = c.target();
    assertThat(target.render()).as("untouched target renders identically").isEqualTo(c.bytes("target"));

    EnvDocument synced = GoldenFixtures.sync(target, c.source());

    assertThat(new String(synced.render(), StandardCharsets.UTF_8))
        .isEqualTo(new String(c.bytes("expected"), StandardCharsets.UTF_8));
    assertThat(synced.render()).isEqualTo(c.bytes("expected"));
    synced.verifyReadsBack(c.source().values());
    assertThat(synced.values()).isEqualTo(c.intended());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void syncingAgainChangesNothing(Case c) throws Exception {
    EnvDocument expected = EnvDocument.parse(c.name() + ".expected.env", c.bytes("expected"));
    assertThat(GoldenFixtures.sync(expected, c.source()).render()).isEqualTo(c.bytes("expected"));
  }
}
