package io.syncsecrets.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config FILE} option, accepted by every command; it tells {@link ConfigDefaults} which file to read. */
final class ConfigOption {
  private final ConfigDefaults defaults;

  ConfigOption(ConfigDefaults defaults) {
    this.defaults = defaults;
  }

  @Option(names = ConfigDefaults.OPTION, paramLabel = "FILE", order = 1,
      description = "Read option defaults from this properties file (default: "
          + "/etc/sync-secrets/sync-secrets.properties when it exists). Keys are long option names"
          + " without dashes (target=..., keep-backups=5); the command line wins.")
  void file(Path file) {
    defaults.choose(file);
  }
}
