package io.syncsecrets.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyncExceptionTest {

  @Test
  void exitCodesAreTheContract() {
    assertThat(ExitStatus.OK.code()).isZero();
    assertThat(ExitStatus.FAILURE.code()).isEqualTo(1);
    assertThat(ExitStatus.USAGE.code()).isEqualTo(2);
    assertThat(ExitStatus.DRIFT.code()).isEqualTo(3);
  }

  @Test
  void factoriesCarryTheirStatusAndNameTheFile() {
    Path t = Path.of("/srv/app/.env");
    assertThat(SyncException.usage("x").status()).isEqualTo(ExitStatus.USAGE);
    assertThat(SyncException.targetMissing(t)).hasMessageStartingWith("/srv/app/.env: ")
        .extracting(SyncException::status).isEqualTo(ExitStatus.FAILURE);
    assertThat(SyncException.noSyncedKeys("/src.env")).hasMessageStartingWith("/src.env: ")
        .extracting(SyncException::status).isEqualTo(ExitStatus.FAILURE);
    assertThat(SyncException.sourceTooLarge("/src.env", 10)).hasMessageContaining("/src.env")
        .hasMessageContaining("10 bytes");
    assertThat(SyncException.lockTimeout(Path.of("/b/.env.lock"), Duration.ofSeconds(30)))
        .hasMessageContaining("/b/.env.lock").hasMessageContaining("30 s");
  }

  @Test
  void ioReasonsAreShortAndOneLine() {
    assertThat(SyncException.why(new NoSuchFileException("/x"))).isEqualTo("no such file");
    assertThat(SyncException.why(new AccessDeniedException("/x"))).isEqualTo("permission denied");
    assertThat(SyncException.why(new IOException("/x: No space left on device")))
        .isEqualTo("No space left on device");
    assertThat(SyncException.why(new IOException("two\nlines"))).doesNotContain("\n");
    assertThat(SyncException.why(new IOException())).isEqualTo("IOException");
  }

  @Test
  void sourceUnreadableKeepsTheCauseForVerbose() {
    IOException cause = new AccessDeniedException("/src.env");

    SyncException e = SyncException.sourceUnreadable("/src.env", cause);

    assertThat(e).hasMessage("/src.env: cannot read source: permission denied").hasCause(cause);
  }
}
