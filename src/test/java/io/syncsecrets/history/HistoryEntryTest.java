package io.syncsecrets.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryEntryTest {
  private static final Actor ACTOR = new Actor("root", Optional.of("alice"), "web1");

  private static HistoryEntry entry(String target) {
    return new HistoryEntry(Instant.parse("2026-01-02T03:04:05Z"), HistoryEntry.Event.SYNC, target, ACTOR,
        Optional.of("/opt/shared-secrets/api-secrets.env"), Optional.of("0123456789ab"),
        List.of("NINJA_CLIENT_ID"), List.of("CONNECTWISE_PRIVATE_KEY"), List.of(),
        Optional.of(".env.20260102_030405"), Optional.empty());
  }

  @Test
  void writesOneFlatJsonLine() {
    assertThat(entry("/opt/app/.env").toJson()).isEqualTo("{\"time\":\"2026-01-02T03:04:05Z\",\"event\":\"sync\","
        + "\"target\":\"/opt/app/.env\",\"user\":\"root\",\"sudo_user\":\"alice\",\"host\":\"web1\","
        + "\"source\":\"/opt/shared-secrets/api-secrets.env\",\"source_sha256\":\"0123456789ab\","
        + "\"updated\":[\"NINJA_CLIENT_ID\"],\"added\":[\"CONNECTWISE_PRIVATE_KEY\"],"
        + "\"backup\":\".env.20260102_030405\"}");
  }

  @Test
  void roundTripsEvenWithHostileCharactersInAPath() {
    String odd = "/tmp/we\"ird\\dir/\n\t\u0001\u2028é/.env";
    HistoryEntry e = entry(odd);

    String json = e.toJson();

    assertThat(json).doesNotContain("\n").doesNotContain("\u2028").doesNotContain("\u0001");
    assertThat(HistoryEntry.fromJson(json)).isEqualTo(e);
  }

  @Test
  void restoreEntriesRoundTrip() {
    HistoryEntry e = new HistoryEntry(Instant.parse("2026-01-02T03:04:05.123Z"), HistoryEntry.Event.RESTORE,
        "/a/.env", new Actor("rene", Optional.empty(), "h"), Optional.empty(), Optional.empty(),
        List.of("A"), List.of(), List.of("B"), Optional.of(".env.20260102_030405-1"),
        Optional.of(".env.20260101_000000"));

    assertThat(HistoryEntry.fromJson(e.toJson())).isEqualTo(e);
    assertThat(e.changedTarget()).isTrue();
  }

  @Test
  void unknownFieldsAreIgnoredSoLaterVersionsCanAddSome() {
    String json = entry("/a/.env").toJson().replace("{", "{\"future\":[\"x\"],");

    assertThat(HistoryEntry.fromJson(json).target()).isEqualTo("/a/.env");
  }

  @Test
  void malformedLinesAreRefused() {
    for (String bad : List.of("", "not json", "{\"time\":\"x\"}", "{\"time\":\"2026-01-02T03:04:05Z\"",
        "{\"time\":\"2026-01-02T03:04:05Z\",\"event\":\"nope\",\"target\":\"t\",\"user\":\"u\"}",
        "{\"time\":1}")) {
      assertThatThrownBy(() -> HistoryEntry.fromJson(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aRollbackDidNotChangeTheTarget() {
    HistoryEntry e = entry("/a/.env");
    HistoryEntry rollback = new HistoryEntry(e.time(), HistoryEntry.Event.ROLLBACK, e.target(), e.actor(),
        e.source(), e.sourceFingerprint(), e.updated(), e.added(), e.removed(), e.backup(), e.restoredFrom());

    assertThat(rollback.changedTarget()).isFalse();
    HistoryLog.Contents contents = new HistoryLog.Contents(List.of(e, rollback), 0);
    assertThat(contents.lastChange()).contains(e);
  }
}
