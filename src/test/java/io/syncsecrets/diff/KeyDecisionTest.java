package io.syncsecrets.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncsecrets.core.SecretValue;
import io.syncsecrets.env.MisreadLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyDecisionTest {
  private static final String OLD = "old-secret-4c8e1f";
  private static final String NEW = "new-secret-77ab0d";

  @Test
  void toStringIsMasked() {
    KeyDecision d = new KeyDecision("NINJA_CLIENT_SECRET", KeyStatus.UPDATE,
        Optional.of(SecretValue.of(OLD)), Optional.of(SecretValue.of(NEW)), 1);

    assertThat(d.toString())
        .contains("NINJA_CLIENT_SECRET", SecretValue.fingerprint(NEW))
        .doesNotContain(OLD, NEW);
  }

  @Test
  void aChangeNeedsASourceValue() {
    assertThatThrownBy(() -> new KeyDecision("K", KeyStatus.ADD, Optional.empty(), Optional.empty(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUpdateNeedsATargetValue() {
    assertThatThrownBy(() -> new KeyDecision("K", KeyStatus.UPDATE, Optional.empty(),
        Optional.of(SecretValue.of(NEW)), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyUpdateAndAddAreChanges() {
    assertThat(KeyStatus.UPDATE.isChange()).isTrue();
    assertThat(KeyStatus.ADD.isChange()).isTrue();
    assertThat(KeyStatus.UNCHANGED.isChange()).isFalse();
    assertThat(KeyStatus.MISSING_IN_SOURCE.isChange()).isFalse();
    assertThat(KeyStatus.EMPTY_IN_SOURCE.isChange()).isFalse();
    assertThat(KeyStatus.MISSING_IN_SOURCE.isWarning()).isTrue();
    assertThat(KeyStatus.EMPTY_IN_SOURCE.isWarning()).isTrue();
    assertThat(KeyStatus.UPDATE.isWarning()).isFalse();
  }

  @Test
  void warningsNameTheKeyAndNeverTheValue() {
    KeyDecision missing = new KeyDecision("NINJA_CLIENT_SECRET", KeyStatus.MISSING_IN_SOURCE,
        Optional.of(SecretValue.of(OLD)), Optional.empty(), 1);
    KeyDecision empty = new KeyDecision("NINJA_CLIENT_SECRET", KeyStatus.EMPTY_IN_SOURCE,
        Optional.of(SecretValue.of(OLD)), Optional.of(SecretValue.of("")), 1);
    KeyDecision unchanged = new KeyDecision("NINJA_CLIENT_SECRET", KeyStatus.UNCHANGED,
        Optional.of(SecretValue.of(OLD)), Optional.of(SecretValue.of(OLD)), 1);

    assertThat(missing.warnings()).singleElement().asString().contains("NINJA_CLIENT_SECRET").doesNotContain(OLD);
    assertThat(empty.warnings()).singleElement().asString().contains("NINJA_CLIENT_SECRET").doesNotContain(OLD);
    assertThat(unchanged.warnings()).isEmpty();
  }

  @Test
  void anEmptySourceValueForAnAbsentKeyDoesNotClaimTheTargetHasAValue() {
    KeyDecision emptyAbsent = new KeyDecision("NINJA_CLIENT_SECRET", KeyStatus.EMPTY_IN_SOURCE,
        Optional.empty(), Optional.of(SecretValue.of("")), 0);

    assertThat(emptyAbsent.warnings()).singleElement().asString()
        .contains("keeps not having it")
        .doesNotContain("its value");
  }

  @Test
  void aKeptLineOnlyPythonReadsIsNamedByLineUnlessTheUpdateRewritesIt() {
    KeyDecision unchanged = new KeyDecision("NINJA_CLIENT_ID", KeyStatus.UNCHANGED,
        Optional.of(SecretValue.of(OLD)), Optional.of(SecretValue.of(OLD)), 2, List.of(nbsp(3), nbsp(7)));
    KeyDecision missing = new KeyDecision("NINJA_CLIENT_ID", KeyStatus.MISSING_IN_SOURCE,
        Optional.of(SecretValue.of(OLD)), Optional.empty(), 1, List.of(nbsp(4)));
    KeyDecision update = new KeyDecision("NINJA_CLIENT_ID", KeyStatus.UPDATE,
        Optional.of(SecretValue.of(OLD)), Optional.of(SecretValue.of(NEW)), 1, List.of(nbsp(4)));

    assertThat(unchanged.warnings()).hasSize(2);
    assertThat(unchanged.warnings().get(0))
        .startsWith("NINJA_CLIENT_ID: line 3 has a non-ASCII blank")
        .contains("sh and systemd", "replace it with a space")
        .doesNotContain(OLD);
    assertThat(unchanged.warnings().get(1)).startsWith("NINJA_CLIENT_ID: line 7 ");
    assertThat(missing.warnings()).hasSize(2).last().asString().startsWith("NINJA_CLIENT_ID: line 4 ");
    assertThat(update.warnings()).isEmpty();
  }

  @Test
  void manyKeptLinesAreNamedUpToALimitAndTheRestCounted() {
    List<MisreadLine> lines = new ArrayList<>();
    for (int line = 1; line <= 250_000; line++) {
      lines.add(nbsp(2 * line));
    }
    KeyDecision unchanged = new KeyDecision("NINJA_CLIENT_ID", KeyStatus.UNCHANGED,
        Optional.of(SecretValue.of(OLD)), Optional.of(SecretValue.of(OLD)), 250_000, lines);

    List<String> warnings = unchanged.warnings();

    assertThat(warnings).hasSize(KeyDecision.MISREAD_LINES_SHOWN + 1);
    assertThat(warnings.get(KeyDecision.MISREAD_LINES_SHOWN - 1))
        .startsWith("NINJA_CLIENT_ID: line " + 2 * KeyDecision.MISREAD_LINES_SHOWN + " ");
    assertThat(warnings.get(KeyDecision.MISREAD_LINES_SHOWN))
        .startsWith("NINJA_CLIENT_ID: " + (250_000 - KeyDecision.MISREAD_LINES_SHOWN)
            + " more lines from line " + 2 * (KeyDecision.MISREAD_LINES_SHOWN + 1) + " on ")
        .endsWith("(a sync rewrites the line only when the value changes)")
        .doesNotContain(OLD);
  }

  private static MisreadLine nbsp(int line) {
    return new MisreadLine(line, MisreadLine.Problem.FOREIGN_BLANK_BEFORE_NAME);
  }
}
