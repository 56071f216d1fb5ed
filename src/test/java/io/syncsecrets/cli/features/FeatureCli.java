package io.syncsecrets.cli.features;

import io.syncsecrets.cli.Cli;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the whole CLI in-process with captured writers, fixture files and no default config. */
final class FeatureCli {
  /** A source value that must never appear in any output. */
  static final String SECRET = "s3cr3t-NINJA-value-7f2a";

  static final String SOURCE = String.join("\n",
      "NINJA_BASE_URL=https://app.ninjarmm.com",
      "NINJA_CLIENT_ID=client-new",
      "NINJA_CLIENT_SECRET=" + SECRET,
      "NINJA_REFRESH_TOKEN=refresh-new",
      "THREATLOCKER_API_BASE_URL=https://portalapi.threatlocker.com",
      "THREATLOCKER_API_KEY=tl-key-new",
      "THREATLOCKER_ORGANIZATION_ID=org-1",
      "CONNECTWISE_SERVER=https://cw.example.com",
      "CONNECTWISE_COMPANY_ID=company",
      "CONNECTWISE_CLIENT_ID=cw-client",
      "CONNECTWISE_PUBLIC_KEY=cw-public",
      "CONNECTWISE_PRIVATE_KEY=cw-private-new",
      "DB_DSN=postgres://must-not-be-copied",
      "UNRELATED=ignored",
      "");

  static final String TARGET = String.join("\n",
      "# es-inventory-hub",
      "DB_DSN=postgres://local",
      "FLASK_ENV=production",
      "SECRET_KEY=local-flask-key",
      "NINJA_BASE_URL=https://app.ninjarmm.com",
      "NINJA_CLIENT_ID=client-old",
      "NINJA_CLIENT_SECRET=old-secret-value",
      "NINJA_REFRESH_TOKEN=refresh-new",
      "THREATLOCKER_API_BASE_URL=https://portalapi.threatlocker.com",
      "THREATLOCKER_API_KEY=tl-key-new",
      "THREATLOCKER_ORGANIZATION_ID=org-1",
      "CONNECTWISE_SERVER=https://cw.example.com",
      "CONNECTWISE_COMPANY_ID=company",
      "CONNECTWISE_CLIENT_ID=cw-client",
      "CONNECTWISE_PUBLIC_KEY=cw-public",
      "",
      "");

  /** The outcome of one run. */
  record Run(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private final Path noConfig;
  private final Map<String, String> env;

  FeatureCli(Path dir) {
    this(dir, Map.of());
  }

  FeatureCli(Path dir, Map<String, String> env) {
    this.noConfig = dir.resolve("no-such-default.properties");
    this.env = env;
  }

  Run run(String... args) {
    return runWithDefaultConfig(noConfig, args);
  }

  Run runWithDefaultConfig(Path defaultConfig, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // The production dispatch: the quick parser when it takes the line, else picocli.
    int code = Cli.run(env, new ByteArrayInputStream(new byte[0]), Clock.systemUTC(), new AtomicEnvWriter(),
        defaultConfig, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  static Path write(Path file, String content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
