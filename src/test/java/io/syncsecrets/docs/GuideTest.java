package io.syncsecrets.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.docs.Guide.Invocation;
import io.syncsecrets.docs.Guide.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuideTest {
  private static List<List<String>> args(String markdown) {
    return Guide.of(markdown).invocations().stream()
        .map(inv -> inv.args().stream().map(Token::text).toList()).toList();
  }

  @Test
  void findsTheToolBehindSudoPipesAndOperators() {
    String md = """
        ```bash
        sudo cat /opt/shared-secrets/api-secrets.env | java -jar /opt/sync-secrets/sync-secrets.jar --source - --dry-run
        sync-secrets --check -q || echo "exit $?"
        sudo java -jar /opt/sync-secrets/sync-secrets.jar restore --from /x/.env.20261203_090412   # newest
        ```
        """;
    assertThat(args(md)).containsExactly(
        List.of("--source", "-", "--dry-run"),
        List.of("--check", "-q"),
        List.of("restore", "--from", "/x/.env.20261203_090412"));
  }

  @Test
  void otherCommandsProseAndQuotedValuesAreNotInvocations() {
    String md = """
        Run `sync-secrets --bogus` in prose: not an example.

        ```bash
        journalctl -u sync-secrets --since today
        sudo systemctl start sync-secrets.service
        # sync-secrets --in-a-comment
        sync-secrets --on-change 'systemctl restart --now app'
        ```
        """;
    List<Invocation> found = Guide.of(md).invocations();
    assertThat(found).hasSize(1);
    assertThat(found.get(0).args()).containsExactly(
        new Token("--on-change", false), new Token("systemctl restart --now app", true));
  }

  @Test
  void sectionsStopAtTheNextHeadingButNotInsideCode() {
    String md = """
        ## A
        one
        ```
        ## not a heading
        ```
        ## B
        two
        """;
    assertThat(Guide.of(md).section("A")).contains("one", "## not a heading").doesNotContain("two");
  }
}
