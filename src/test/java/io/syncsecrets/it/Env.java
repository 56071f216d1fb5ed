package io.syncsecrets.it;

import io.syncsecrets.diff.VariablePolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Source and target files for the process tests, with distinctive values that a leak check can find.
 *
 * <p>Only plain {@code KEY=VALUE} lines and {@code #} comments, so a sync edits lines in place and
 * the expected result is simply the target rendered with the source's values.
 */
final class Env {
  /** The application's own secret, in the target, never to be printed. */
  static final String LOCAL_SECRET = "LOCALcanary-flask-9d1e7a";
  /** A local-only key the source has too: never copied, never printed. */
  static final String SOURCE_LOCAL_SECRET = "SRCLOCALcanary-shared-4b8c2f";

  private Env() {}

  /** A full set of the 12 synced values, each unique to {@code tag}. */
  static Map<String, String> values(String tag) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String key : VariablePolicy.DEFAULT_SYNC) {
      String k = key.toLowerCase().replace('_', '-');
      m.put(key, key.endsWith("URL") || key.equals("CONNECTWISE_SERVER")
          ? "https://" + tag + "." + k + ".canary.example"
          : tag + "canary-" + k + "-" + Integer.toHexString((tag + key).hashCode()));
    }
    return m;
  }

  /** The app's .env: local-only settings, then the synced keys with {@code synced}'s values. */
  static String target(Map<String, String> synced) {
    StringBuilder s = new StringBuilder()
        .append("# es-inventory-hub application settings\n")
        .append("FLASK_ENV=production\n")
        .append("SECRET_KEY=").append(LOCAL_SECRET).append('\n')
        .append("LOG_LEVEL=INFO\n")
        .append("DB_DSN=postgresql://inventory@localhost/es_inventory\n")
        .append("\n# API credentials (synced)\n");
    synced.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
    return s.toString();
  }

  static byte[] targetBytes(Map<String, String> synced) {
    return target(synced).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes {@code dir/api-secrets.env} with these synced values, mode 0600. */
  static Path writeSource(Path dir, Map<String, String> synced) throws IOException {
    Path source = Files.writeString(dir.resolve("api-secrets.env"), source(synced));
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rw-------"));
    return source;
  }

  /** Writes {@code dir/.env} with these synced values and an old mtime, so a rewrite shows. */
  static Path writeTarget(Path dir, Map<String, String> synced) throws IOException {
    Path target = Files.write(dir.resolve(".env"), targetBytes(synced));
    Files.setLastModifiedTime(target, Fs.OLD_MTIME);
    return target;
  }

  /** The shared source: the synced values plus keys that must never reach the app. */
  static String source(Map<String, String> synced) {
    StringBuilder s = new StringBuilder("# shared secrets\n");
    synced.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
    s.append("SECRET_KEY=").append(SOURCE_LOCAL_SECRET).append('\n');
    s.append("SLACK_WEBHOOK_URL=https://hooks.example/not-for-this-app\n");
    return s.toString();
  }

  /** Every value of the given sets plus the local secrets: what no output may contain. */
  @SafeVarargs
  static List<String> secrets(Map<String, String>... sets) {
    List<String> all = new ArrayList<>(List.of(LOCAL_SECRET, SOURCE_LOCAL_SECRET));
    for (Map<String, String> set : sets) {
      all.addAll(set.values()); // URLs too: without --show-values no value is ever printed
    }
    return all;
  }

  /** The name of the known state {@code bytes} equals, or a description of an unknown one. */
  static String stateOf(byte[] bytes, Map<String, byte[]> known) {
    for (Map.Entry<String, byte[]> e : known.entrySet()) {
      if (java.util.Arrays.equals(e.getValue(), bytes)) {
        return e.getKey();
      }
    }
    return "an unknown state of " + bytes.length + " bytes";
  }
}
