package io.syncsecrets.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.diff.DiffEngine;
import io.syncsecrets.diff.KeyStatus;
import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.diff.VariablePolicy;
import io.syncsecrets.env.EnvDocument;
import io.syncsecrets.env.EnvSyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * For any source and target (in the plain KEY=VALUE subset): after applying the plan every synced
 * key the source has with a usable value reads back with the source's value, every other key keeps
 * its value, and planning again finds nothing to do.
 */
class SyncConvergencePropertyTest {
  private static final List<String> KEYS = Stream.of(VariablePolicy.DEFAULT_SYNC,
      VariablePolicy.DEFAULT_PRESERVE, List.of("OTHER_A", "OTHER_B")).flatMap(List::stream).toList();

  @Provide
  Arbitrary<Map<String, String>> envs() {
    Arbitrary<String> values = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
        .withChars("-_./:+@").ofMinLength(0).ofMaxLength(12);
    return Arbitraries.maps(Arbitraries.of(KEYS), values).ofMaxSize(KEYS.size())
        .map(LinkedHashMap::new);
  }

  private static String text(Map<String, String> m) {
    StringBuilder s = new StringBuilder();
    m.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
    return s.toString();
  }

  @Property(tries = 300)
  void applyingThePlanConverges(@ForAll("envs") Map<String, String> source,
      @ForAll("envs") Map<String, String> target, @ForAll boolean allowEmpty) throws EnvSyntaxException {
    VariablePolicy policy = VariablePolicy.defaults();
    DiffEngine diff = new DiffEngine(policy, allowEmpty);
    EnvDocument before = EnvDocument.parse("t", text(target).getBytes(StandardCharsets.UTF_8));
    SyncPlan plan = diff.plan(source, before);

    byte[] rendered = plan.hasChanges() ? SyncService.render(Path.of("t"), before, plan) : before.render();
    Map<String, String> after = EnvDocument.parse("t", rendered).values();

    for (String key : KEYS) {
      boolean synced = policy.isSynced(key) && source.containsKey(key)
          && (allowEmpty || !source.get(key).isEmpty());
      if (synced) {
        assertThat(after.get(key)).as(key).isEqualTo(source.get(key));
      } else if (policy.isSynced(key) && source.containsKey(key) && !target.containsKey(key)) {
        assertThat(after).as(key + " empty, not allowed").doesNotContainKey(key);
      } else {
        assertThat(after.get(key)).as(key + " untouched").isEqualTo(target.get(key));
      }
    }
    SyncPlan again = diff.plan(source, EnvDocument.parse("t", rendered));
    assertThat(again.hasChanges()).isFalse();
    assertThat(again.count(KeyStatus.UNCHANGED) + again.count(KeyStatus.MISSING_IN_SOURCE)
        + again.count(KeyStatus.EMPTY_IN_SOURCE)).isEqualTo(12);
  }
}
