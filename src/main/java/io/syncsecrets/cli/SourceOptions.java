package io.syncsecrets.cli;

import io.syncsecrets.core.SourceSpec;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.core.SyncOptions;
import io.syncsecrets.diff.VariablePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the source is and which of its variables count: shared by sync and status. */
final class SourceOptions {
  static final String DEFAULT_SOURCE = "/opt/shared-secrets/api-secrets.env";
  static final String CREDENTIAL_NAME = "api-secrets.env";

  @Option(names = "--source", paramLabel = "PATH", order = 10,
      description = "Source of truth, or - for standard input. Default: $CREDENTIALS_DIRECTORY/"
          + CREDENTIAL_NAME + " when that file exists (systemd LoadCredential=), else "
          + DEFAULT_SOURCE + ".")
  String source;

  @Option(names = "--sync-variables", paramLabel = "NAMES", split = ",", order = 11,
      description = "Comma-separated variables to sync (default: the 12 API credentials of"
          + " es-inventory-hub).")
  List<String> syncVariables;

  @Option(names = "--preserve-variables", paramLabel = "NAMES", split = ",", order = 12,
      description = "Comma-separated local-only variables, never written even when the source has"
          + " them (default: the 7 of es-inventory-hub). A name in both lists is a usage error.")
  List<String> preserveVariables;

  @Option(names = "--allow-empty", order = 13,
      description = "Sync a variable whose source value is empty (otherwise the target keeps its value).")
  boolean allowEmpty;

  @Option(names = "--max-source-bytes", paramLabel = "BYTES", order = 14,
      defaultValue = "" + SyncOptions.DEFAULT_MAX_SOURCE_BYTES,
      description = "Refuse a source larger than this (default: ${DEFAULT-VALUE}).")
  long maxSourceBytes = SyncOptions.DEFAULT_MAX_SOURCE_BYTES;

  /** The variable lists; a bad name or a name in both lists is a usage error. */
  VariablePolicy policy() {
    List<String> sync = syncVariables == null ? VariablePolicy.DEFAULT_SYNC : names(syncVariables);
    List<String> preserve = preserveVariables == null ? VariablePolicy.DEFAULT_PRESERVE : names(preserveVariables);
    try {
      return VariablePolicy.of(sync, preserve);
    } catch (IllegalArgumentException e) {
      throw SyncException.usage("--sync-variables/--preserve-variables: " + e.getMessage());
    }
  }

  // "A, B," means A and B: blanks around names and empty items are dropped.
  private static List<String> names(List<String> given) {
    return given.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  SourceSpec spec(Map<String, String> env) {
    if ("-".equals(source)) {
      return SourceSpec.stdin();
    }
    if (source != null) {
      return SourceSpec.file(Path.of(source));
    }
    String credentials = env.get("CREDENTIALS_DIRECTORY");
    if (credentials != null && !credentials.isEmpty()) {
      Path credential = Path.of(credentials, CREDENTIAL_NAME);
      if (Files.isRegularFile(credential)) {
        return SourceSpec.file(credential);
      }
    }
    return SourceSpec.file(Path.of(DEFAULT_SOURCE));
  }
}
