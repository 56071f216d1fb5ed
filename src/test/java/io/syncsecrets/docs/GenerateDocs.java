package io.syncsecrets.docs;

import io.syncsecrets.cli.Cli;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build-time generator (run by exec-maven-plugin in prepare-package, never shipped in the jar):
 * writes the man page sources and the bash completion from the same picocli model the jar runs.
 *
 * <p>It lives in the test sources because {@code SyncCommand} has no no-arg constructor and the
 * codegen library must stay off the runtime classpath.
 *
 * <p>Arguments: {@code ADOC_DIR COMPLETION_FILE VERSION OUTPUT_TIMESTAMP}. The AsciiDoc pages go to
 * ADOC_DIR (asciidoctor's manpage backend turns them into roff next); the man page date is the
 * build's {@code project.build.outputTimestamp}, so the page is as reproducible as the jar.
 */
public final class GenerateDocs {
  private GenerateDocs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: GenerateDocs ADOC_DIR COMPLETION_FILE VERSION OUTPUT_TIMESTAMP");
    }
    Path adocDir = Path.of(args[0]);
    Path completion = Path.of(args[1]);
    String version = args[2];
    String date = Instant.parse(args[3]).atOffset(ZoneOffset.UTC).toLocalDate().toString();

    CommandLine cl = commandLine(version);
    writeManPages(cl.getCommandSpec(), adocDir, date);
    Files.createDirectories(completion.toAbsolutePath().getParent());
    Files.writeString(completion, AutoComplete.bash("sync-secrets", cl), StandardCharsets.UTF_8);
  }

  /** The production command model with the build's version instead of the jar manifest's. */
  static CommandLine commandLine(String version) {
    CommandLine cl = Cli.commandLine(Map.of(), InputStream.nullInputStream(), Clock.systemUTC(),
        new AtomicEnvWriter());
    String[] versionLine = {"sync-secrets " + version};
    cl.getCommandSpec().versionProvider(() -> versionLine);
    CommandSpec spec = cl.getCommandSpec();
    spec.usageMessage()
        .footerHeading("%nSee also%n")
        .footer(FOOTER.toArray(String[]::new));
    return cl;
  }

  // Man-page-only footer: where the long-form docs, units and logs are. --help stays as it is.
  private static final List<String> FOOTER = List.of(
      "The operator's guide: docs/GUIDE_SECRETS_SYNC.md in the source tree (workflows, backups,"
          + " security model, every error message with its cause and fix).",
      "Units: sync-secrets.service, sync-secrets-check.service, sync-secrets.timer,"
          + " sync-secrets-failure@.service;"
          + " logs: journalctl -u sync-secrets.",
      "Operator wrapper: /usr/local/bin/sync-secrets (previews through sync-secrets-check.service,"
          + " real runs through sync-secrets.service; both as rene, journal shown).");

  private static void writeManPages(CommandSpec spec, Path adocDir, String date) throws IOException {
    Files.createDirectories(adocDir);
    int rc = ManPageGenerator.generateManPage(adocDir.toFile(), null, new boolean[0], true, spec);
    if (rc != 0) {
      throw new IOException("man page generator exited " + rc);
    }
    try (Stream<Path> pages = Files.list(adocDir)) {
      for (Path page : pages.filter(p -> p.toString().endsWith(".adoc")).toList()) {
        String text = Files.readString(page, StandardCharsets.UTF_8);
        // A fixed date instead of the file's mtime keeps the rendered page reproducible.
        Files.writeString(page, text.replaceFirst(":doctype: manpage\\R",
            ":doctype: manpage\n:revdate: " + date + "\n"), StandardCharsets.UTF_8);
      }
    }
  }
}
