package io.syncsecrets.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VariablePolicyTest {

  @Test
  void defaultsSyncTheTwelveCredentialsAndPreserveTheSevenLocalOnlyVariables() {
    VariablePolicy p = VariablePolicy.defaults();

    assertThat(p.sync()).containsExactly(
        "NINJA_BASE_URL", "NINJA_CLIENT_ID", "NINJA_CLIENT_SECRET", "NINJA_REFRESH_TOKEN",
        "THREATLOCKER_API_BASE_URL", "THREATLOCKER_API_KEY", "THREATLOCKER_ORGANIZATION_ID",
        "CONNECTWISE_SERVER", "CONNECTWISE_COMPANY_ID", "CONNECTWISE_CLIENT_ID",
        "CONNECTWISE_PUBLIC_KEY", "CONNECTWISE_PRIVATE_KEY");
    assertThat(p.preserve()).containsExactlyInAnyOrder(
        "DB_DSN", "DATABASE_URL", "FLASK_ENV", "SECRET_KEY", "LOG_LEVEL", "LOG_FILE",
        "THREATLOCKER_BASE_URL");
    assertThat(p.sync()).doesNotContainAnyElementsOf(p.preserve());
  }

  @Test
  void answersMembership() {
    VariablePolicy p = VariablePolicy.defaults();

    assertThat(p.isSynced("NINJA_CLIENT_SECRET")).isTrue();
    assertThat(p.isPreserved("NINJA_CLIENT_SECRET")).isFalse();
    assertThat(p.isPreserved("SECRET_KEY")).isTrue();
    assertThat(p.isSynced("SECRET_KEY")).isFalse();
    // THREATLOCKER_BASE_URL (local) is not THREATLOCKER_API_BASE_URL (synced).
    assertThat(p.isSynced("THREATLOCKER_BASE_URL")).isFalse();
    assertThat(p.isSynced("PATH")).isFalse();
    assertThat(p.isPreserved("PATH")).isFalse();
  }

  @Test
  void keepsTheGivenOrder() {
    VariablePolicy p = VariablePolicy.of(List.of("Z", "A", "M"), List.of());

    assertThat(p.sync()).containsExactly("Z", "A", "M");
  }

  @Test
  void isImmutable() {
    VariablePolicy p = VariablePolicy.defaults();

    assertThatThrownBy(() -> p.sync().add("X")).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void rejectsAKeyThatIsBothSyncedAndPreserved() {
    assertThatThrownBy(() -> VariablePolicy.of(List.of("A", "B"), List.of("B", "C")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("B");
  }

  @Test
  void rejectsAnEmptySyncList() {
    assertThatThrownBy(() -> VariablePolicy.of(List.of(), List.of("A")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1ABC", "A-B", "A B", "A=B", "ÄPI", "export A"})
  void rejectsInvalidKeyNames(String bad) {
    assertThatThrownBy(() -> VariablePolicy.of(List.of(bad), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid variable name");
    assertThatThrownBy(() -> VariablePolicy.of(List.of("OK"), List.of(bad)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"A", "_", "_A1", "a_b", "ABC_123"})
  void acceptsPortableKeyNames(String good) {
    assertThat(VariablePolicy.of(List.of(good), List.of()).isSynced(good)).isTrue();
  }

  @Test
  void rejectsNullKeyName() {
    assertThatThrownBy(() -> VariablePolicy.requireKeyName(null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
