package io.syncsecrets.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalStreamTest {
  @TempDir Path dir;

  private String devIno(Path p) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino");
    return a.get("dev") + ":" + a.get("ino");
  }

  @Test
  void matchesTheFileWithThatDeviceAndInode() throws IOException {
    Path f = Files.createFile(dir.resolve("stream"));

    assertThat(JournalStream.matches(devIno(f), f)).isTrue();
  }

  @Test
  void anotherInodeOrDeviceDoesNotMatch() throws IOException {
    Path f = Files.createFile(dir.resolve("stream"));
    Map<String, Object> a = Files.readAttributes(f, "unix:dev,ino");

    assertThat(JournalStream.matches(a.get("dev") + ":" + ((Long) a.get("ino") + 1), f)).isFalse();
    assertThat(JournalStream.matches(((Long) a.get("dev") + 1) + ":" + a.get("ino"), f)).isFalse();
  }

  @Test
  void malformedOrMissingValuesNeverMatch() throws IOException {
    Path f = Files.createFile(dir.resolve("stream"));
    String good = devIno(f);

    assertThat(JournalStream.matches(null, f)).isFalse();
    assertThat(JournalStream.matches("", f)).isFalse();
    assertThat(JournalStream.matches(good.replace(':', '-'), f)).isFalse();
    assertThat(JournalStream.matches(":" + good, f)).isFalse();
    assertThat(JournalStream.matches(good + ":", f)).isFalse();
    assertThat(JournalStream.matches("x" + good, f)).isFalse();
    assertThat(JournalStream.matches(good, dir.resolve("closed-descriptor"))).isFalse();
  }
}
