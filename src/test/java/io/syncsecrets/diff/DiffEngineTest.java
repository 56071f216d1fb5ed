package io.syncsecrets.diff;

import static io.syncsecrets.testsupport.EnvFixtures.credentials;
import static io.syncsecrets.testsupport.EnvFixtures.lines;
import static io.syncsecrets.testsupport.EnvFixtures.localOnly;
import static io.syncsecrets.testsupport.EnvFixtures.merge;
import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.core.SecretValue;
import io.syncsecrets.env.EnvDocument;
import io.syncsecrets.env.EnvSyntaxException;
import io.syncsecrets.env.MisreadLine;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiffEngineTest {
  private final DiffEngine diff = new DiffEngine(VariablePolicy.defaults(), false);

  private static EnvDocument doc(String text) throws EnvSyntaxException {
    return EnvDocument.parse("target.env", text.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyDecision decision(SyncPlan plan, String key) {
    return plan.decisions().stream().filter(d -> d.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void identicalCredentialsMeanNoChanges() throws Exception {
    SyncPlan plan = diff.plan(credentials("v1"), doc(lines(credentials("v1"))));

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.count(KeyStatus.UNCHANGED)).isEqualTo(12);
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void decidesOnePerSyncedKeyInPolicyOrder() throws Exception {
    SyncPlan plan = diff.plan(credentials("v1"), doc(""));

    assertThat(plan.decisions()).extracting(KeyDecision::key)
        .containsExactlyElementsOf(VariablePolicy.DEFAULT_SYNC);
  }

  @Test
  void aDifferentValueIsAnUpdateCarryingBothValues() throws Exception {
    Map<String, String> source = credentials("v1");
    source.put("NINJA_CLIENT_SECRET", "rotated-secret-value");

    SyncPlan plan = diff.plan(source, doc(lines(credentials("v1"))));

    KeyDecision d = decision(plan, "NINJA_CLIENT_SECRET");
    assertThat(d.status()).isEqualTo(KeyStatus.UPDATE);
    assertThat(d.isUpdate()).isTrue();
    assertThat(d.current()).contains(SecretValue.of(credentials("v1").get("NINJA_CLIENT_SECRET")));
    assertThat(d.desired()).contains(SecretValue.of("rotated-secret-value"));
    assertThat(plan.changes()).containsExactly(d);
    assertThat(plan.count(KeyStatus.UNCHANGED)).isEqualTo(11);
  }

  @Test
  void aKeyOnlyInTheSourceIsAnAdd() throws Exception {
    Map<String, String> target = credentials("v1");
    target.remove("CONNECTWISE_PRIVATE_KEY");

    SyncPlan plan = diff.plan(credentials("v1"), doc(lines(target)));

    KeyDecision d = decision(plan, "CONNECTWISE_PRIVATE_KEY");
    assertThat(d.status()).isEqualTo(KeyStatus.ADD);
    assertThat(d.isAdd()).isTrue();
    assertThat(d.current()).isEmpty();
    assertThat(plan.changes()).containsExactly(d);
  }

  @Test
  void aKeyMissingFromTheSourceKeepsTheTargetValueWithAWarningNamingIt() throws Exception {
    Map<String, String> source = credentials("v2");
    source.remove("THREATLOCKER_API_KEY");

    SyncPlan plan = diff.plan(source, doc(lines(credentials("v1"))));

    KeyDecision d = decision(plan, "THREATLOCKER_API_KEY");
    assertThat(d.status()).isEqualTo(KeyStatus.MISSING_IN_SOURCE);
    assertThat(d.isChange()).isFalse();
    assertThat(plan.changes()).extracting(KeyDecision::key).doesNotContain("THREATLOCKER_API_KEY");
    assertThat(plan.warnings()).singleElement().asString()
        .contains("THREATLOCKER_API_KEY")
        .doesNotContain(credentials("v1").get("THREATLOCKER_API_KEY"));
    assertThat(plan.summary(false)).contains("1 missing from source");
  }

  @Test
  void localOnlyKeysInTheSourceAreNeverChangesButAreListed() throws Exception {
    Map<String, String> source = merge(credentials("v1"), localOnly("from-source"));
    String target = lines(localOnly("app")) + lines(credentials("v1"));

    SyncPlan plan = diff.plan(source, doc(target));

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.decisions()).extracting(KeyDecision::key)
        .doesNotContainAnyElementsOf(VariablePolicy.DEFAULT_PRESERVE);
    assertThat(plan.preservedInSource())
        .containsExactlyInAnyOrderElementsOf(VariablePolicy.DEFAULT_PRESERVE);
  }

  @Test
  void localOnlyKeysAreListedInThePolicysOrderWhateverTheSourcesOrder() throws Exception {
    java.util.LinkedHashMap<String, String> source = new java.util.LinkedHashMap<>(credentials("v1"));
    source.put("SECRET_KEY", "s");
    source.put("DATABASE_URL", "d");
    source.put("DB_DSN", "x");

    SyncPlan plan = diff.plan(source, doc(lines(credentials("v1"))));

    // DEFAULT_PRESERVE order: DB_DSN, DATABASE_URL, FLASK_ENV, SECRET_KEY, ...
    assertThat(plan.preservedInSource()).containsExactly("DB_DSN", "DATABASE_URL", "SECRET_KEY");
  }

  @Test
  void otherSourceKeysAreIgnored() throws Exception {
    Map<String, String> source = merge(credentials("v1"),
        Map.of("AWS_SECRET_ACCESS_KEY", "aws-secret", "PATH", "/evil"));

    SyncPlan plan = diff.plan(source, doc(lines(credentials("v1"))));

    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.decisions()).extracting(KeyDecision::key)
        .doesNotContain("AWS_SECRET_ACCESS_KEY", "PATH");
    assertThat(plan.preservedInSource()).isEmpty();
  }

  @Test
  void anEmptySourceValueIsKeptWithAWarningWithoutAllowEmpty() throws Exception {
    Map<String, String> source = credentials("v1");
    source.put("NINJA_REFRESH_TOKEN", "");

    SyncPlan plan = diff.plan(source, doc(lines(credentials("v1"))));

    KeyDecision d = decision(plan, "NINJA_REFRESH_TOKEN");
    assertThat(d.status()).isEqualTo(KeyStatus.EMPTY_IN_SOURCE);
    assertThat(plan.hasChanges()).isFalse();
    assertThat(plan.warnings()).singleElement().asString()
        .contains("NINJA_REFRESH_TOKEN", "--allow-empty");
  }

  @Test
  void anEmptySourceValueIsAnUpdateWithAllowEmpty() throws Exception {
    Map<String, String> source = credentials("v1");
    source.put("NINJA_REFRESH_TOKEN", "");

    SyncPlan plan = new DiffEngine(VariablePolicy.defaults(), true)
        .plan(source, doc(lines(credentials("v1"))));

    KeyDecision d = decision(plan, "NINJA_REFRESH_TOKEN");
    assertThat(d.status()).isEqualTo(KeyStatus.UPDATE);
    assertThat(d.desired()).contains(SecretValue.of(""));
    assertThat(plan.warnings()).isEmpty();
  }

  @Test
  void anEmptySourceValueForAnAbsentKeyIsAnAddOnlyWithAllowEmpty() throws Exception {
    Map<String, String> source = new LinkedHashMap<>(Map.of("NINJA_REFRESH_TOKEN", ""));

    assertThat(decision(diff.plan(source, doc("")), "NINJA_REFRESH_TOKEN").status())
        .isEqualTo(KeyStatus.EMPTY_IN_SOURCE);
    assertThat(decision(new DiffEngine(VariablePolicy.defaults(), true).plan(source, doc("")),
        "NINJA_REFRESH_TOKEN").status()).isEqualTo(KeyStatus.ADD);
  }

  @Test
  void anEmptyValueAlreadyInTheTargetIsUnchangedEitherWay() throws Exception {
    Map<String, String> source = Map.of("NINJA_REFRESH_TOKEN", "");

    assertThat(decision(diff.plan(source, doc("NINJA_REFRESH_TOKEN=\n")), "NINJA_REFRESH_TOKEN")
        .status()).isEqualTo(KeyStatus.UNCHANGED);
  }

  @Test
  void comparesWhatReadersSeeNotTheQuoting() throws Exception {
    SyncPlan plan = diff.plan(Map.of("NINJA_CLIENT_ID", "abc123"),
        doc("NINJA_CLIENT_ID=\"abc123\"\n"));

    assertThat(decision(plan, "NINJA_CLIENT_ID").status()).isEqualTo(KeyStatus.UNCHANGED);
  }

  @Test
  void countsDuplicateAssignmentsAndWarnsOnUpdate() throws Exception {
    SyncPlan plan = diff.plan(Map.of("NINJA_CLIENT_ID", "new-id-value"),
        doc("NINJA_CLIENT_ID=one\nNINJA_CLIENT_ID=two\n"));

    KeyDecision d = decision(plan, "NINJA_CLIENT_ID");
    assertThat(d.assignments()).isEqualTo(2);
    assertThat(d.isDuplicated()).isTrue();
    assertThat(d.warnings()).singleElement().asString().contains("NINJA_CLIENT_ID", "2 times");
    assertThat(plan.warnings()).filteredOn(w -> w.startsWith("NINJA_CLIENT_ID ")).hasSize(1);
  }

  @Test
  void warnsAboutAnUnchangedLineOnlyPythonReadsButNotAboutOneTheUpdateRewrites() throws Exception {
    Map<String, String> source = Map.of("NINJA_CLIENT_ID", "same-id", "NINJA_CLIENT_SECRET", "new");
    SyncPlan plan = diff.plan(source,
        doc("# c\n\u00a0NINJA_CLIENT_ID=same-id\nexport\u00a0NINJA_CLIENT_SECRET=old\n"));

    assertThat(decision(plan, "NINJA_CLIENT_ID").misreadLines())
        .containsExactly(new MisreadLine(2, MisreadLine.Problem.FOREIGN_BLANK_BEFORE_NAME));
    assertThat(decision(plan, "NINJA_CLIENT_SECRET").misreadLines())
        .containsExactly(new MisreadLine(3, MisreadLine.Problem.FOREIGN_BLANK_BEFORE_NAME));
    assertThat(plan.warnings()).filteredOn(w -> w.contains("non-ASCII blank")).singleElement()
        .asString().startsWith("NINJA_CLIENT_ID: line 2 ").doesNotContain("same-id");
    // Not drift: a sync would not rewrite the line, so --check would report it forever.
    assertThat(plan.changedKeys(KeyStatus.UPDATE)).containsExactly("NINJA_CLIENT_SECRET");
  }

  @Test
  void planningDoesNotChangeTheDocument() throws Exception {
    EnvDocument target = doc(lines(credentials("v1")));
    byte[] before = target.render();

    diff.plan(credentials("v2"), target);

    assertThat(target.render()).isEqualTo(before);
  }

  @Test
  void summaryCountsEachKind() throws Exception {
    Map<String, String> source = credentials("v2");
    source.remove("NINJA_BASE_URL");
    source.put("NINJA_CLIENT_ID", "");
    Map<String, String> target = credentials("v2");
    target.put("CONNECTWISE_SERVER", "old-server");
    target.put("NINJA_CLIENT_ID", "old-id");
    target.remove("CONNECTWISE_PRIVATE_KEY");

    SyncPlan plan = diff.plan(source, doc(lines(target)));

    assertThat(plan.summary(false))
        .isEqualTo("1 to update, 1 to add, 8 unchanged, 1 missing from source, 1 empty in source (kept)");
    assertThat(plan.summary(true)).startsWith("1 updated, 1 added, 8 unchanged");
    assertThat(plan.warnings()).hasSize(2);
    assertThat(plan.changes()).extracting(KeyDecision::key)
        .containsExactly("CONNECTWISE_SERVER", "CONNECTWISE_PRIVATE_KEY");
  }

  @Test
  void noPlanTextContainsAValue() throws Exception {
    Map<String, String> source = credentials("v2");
    source.remove("NINJA_BASE_URL");
    source.put("NINJA_CLIENT_ID", "");
    SyncPlan plan = diff.plan(source, doc(lines(credentials("v1"))));

    String text = plan.toString() + plan.summary(false) + plan.warnings();
    for (String v : List.copyOf(credentials("v1").values())) {
      assertThat(text).doesNotContain(v);
    }
    for (String v : List.copyOf(credentials("v2").values())) {
      assertThat(text).doesNotContain(v);
    }
  }
}
