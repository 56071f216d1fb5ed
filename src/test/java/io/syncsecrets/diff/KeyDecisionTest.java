package io.syncsecrets.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.syncsecrets.core.SecretValue;
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

    assertThat(missing.warning()).get().asString().contains("NINJA_CLIENT_SECRET").doesNotContain(OLD);
    assertThat(empty.warning()).get().asString().contains("NINJA_CLIENT_SECRET").doesNotContain(OLD);
    assertThat(unchanged.warning()).isEmpty();
  }

  @Test
  void anEmptySourceValueForAnAbsentKeyDoesNotClaimTheTargetHasAValue() {
    KeyDecision emptyAbsent = new KeyDecision("NINJA_CLIENT_SECRET", KeyStatus.EMPTY_IN_SOURCE,
        Optional.empty(), Optional.of(SecretValue.of("")), 0);

    assertThat(emptyAbsent.warning()).get().asString()
        .contains("keeps not having it")
        .doesNotContain("its value");
  }
}
