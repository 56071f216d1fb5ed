package io.syncsecrets.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** Where the checked-in ops files are (tests run with the project directory as working directory). */
final class OpsPaths {
  static final Path OPS = Path.of("ops").toAbsolutePath();
  static final Path SYSTEMD = OPS.resolve("systemd");
  static final Path WRAPPER = OPS.resolve("sync-secrets.sh");
  static final Path INSTALLER = OPS.resolve("install.sh");
  static final Path NOTIFY = OPS.resolve("sync-secrets-notify.sh");
  static final Path SUDOERS = OPS.resolve("sudoers/sync-secrets");
  static final Path STUBS = Path.of("src/test/resources/io/syncsecrets/ops/stubs").toAbsolutePath();

  /** Installed locations, shared by the units, the wrapper and the installer. */
  static final String JAR = "/opt/sync-secrets/sync-secrets.jar";
  static final String NOTIFY_INSTALLED = "/opt/sync-secrets/sync-secrets-notify.sh";
  static final String SOURCE = "/opt/shared-secrets/api-secrets.env";

  private OpsPaths() {}

  static Path existing(Path p) {
    assertThat(p).as("checked-in ops file").exists();
    return p;
  }
}
