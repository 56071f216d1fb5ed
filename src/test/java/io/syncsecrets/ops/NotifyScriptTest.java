package io.syncsecrets.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.api.InstanceOfAssertFactories;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ops/sync-secrets-notify.sh: the failure notice in the journal and, with a mailer, by mail. */
class NotifyScriptTest {
  @TempDir Path dir;

  private Run.Result notify(Stubs stubs, String path, String... args) {
    var cmd = new java.util.ArrayList<String>();
    cmd.add(OpsPaths.existing(OpsPaths.NOTIFY).toString());
    cmd.addAll(List.of(args));
    var env = new java.util.HashMap<>(stubs.env);
    env.put("PATH", path);
    env.put("FAKE_RESULT", "exit-code");
    env.put("FAKE_STATUS", "1");
    return Run.run(cmd, dir, env, null);
  }

  @Test
  void reportsTheUnitAndTheEndOfThatRunsJournalAtErrorPriority() throws IOException {
    Stubs stubs = new Stubs(dir, "systemctl", "journalctl");
    assumeFalse(Files.exists(Path.of("/usr/bin/sendmail")), "a sendmail in /usr/bin");

    Run.Result r = notify(stubs, stubs.bin + ":/usr/bin:/bin", "sync-secrets.service");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.out().lines().toList())
        .first()
        .asString()
        .startsWith("<3>sync-secrets.service failed on ")
        .contains("result: exit-code", "exit status: 1");
    assertThat(r.out())
        .contains("<5>  2026-01-05T03:00:01+00:00 host sync-secrets[42]: ERROR target not found")
        .contains("<6>no sendmail found");
    assertThat(stubs.calls("journalctl"))
        .singleElement(InstanceOfAssertFactories.list(String.class))
        .contains("_SYSTEMD_INVOCATION_ID=0123456789abcdef0123456789abcdef", "--no-pager");
    // Every line is an entry with an explicit priority.
    assertThat(r.out().lines()).allMatch(l -> l.matches("<[3-6]>.*"));
  }

  @Test
  void mailsTheNoticeWhenAMailerIsInstalled() throws IOException {
    Stubs stubs = new Stubs(dir, "systemctl", "journalctl", "sendmail");
    var env = Map.of("SYNC_SECRETS_MAILTO", "ops@example.com");
    stubs.env.putAll(env);

    Run.Result r = notify(stubs, stubs.bin + ":/usr/bin:/bin", "sync-secrets.service");

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(stubs.calls("sendmail")).singleElement(InstanceOfAssertFactories.list(String.class)).containsExactly("-oi", "-t");
    assertThat(stubs.file("sendmail.stdin"))
        .contains("To: ops@example.com")
        .containsPattern("Subject: \\[.+\\] sync-secrets.service failed")
        .contains("ERROR target not found");
  }

  @Test
  void needsTheUnitName() throws IOException {
    Stubs stubs = new Stubs(dir, "systemctl", "journalctl");

    Run.Result r = notify(stubs, stubs.bin + ":/usr/bin:/bin");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("usage:");
  }
}
