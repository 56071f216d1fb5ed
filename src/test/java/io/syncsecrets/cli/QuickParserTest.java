package io.syncsecrets.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.syncsecrets.cli.QuickParser.Kind;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The quick parser against picocli: it knows exactly the sync command's options, and whatever
 * command line it takes, picocli parses to the same option values (else picocli must parse it).
 */
class QuickParserTest {
  private static final Path NO_CONFIG = Path.of("/nonexistent/sync-secrets.properties");

  private static CliContext context(Path defaultConfig) {
    return new CliContext(Map.of(), InputStream.nullInputStream(), Clock.systemUTC(), new AtomicEnvWriter(),
        new ConfigDefaults(defaultConfig));
  }

  private static SyncCommand quick(String... args) {
    return QuickParser.parse(args, context(NO_CONFIG));
  }

  private static CommandLine picocli() {
    return Cli.commandLine(Map.of(), InputStream.nullInputStream(), Clock.systemUTC(), new AtomicEnvWriter(),
        NO_CONFIG);
  }

  private static boolean skipped(OptionSpec o) {
    return o.usageHelp() || o.versionHelp() || ConfigDefaults.OPTION.equals(o.longestName());
  }

  /** Every option value of a sync command, read through picocli's model of it, by option name. */
  private static Map<String, Object> values(CommandSpec spec) {
    Map<String, Object> values = new HashMap<>();
    for (OptionSpec o : spec.options()) {
      if (!skipped(o)) {
        values.put(o.longestName(), o.getValue());
      }
    }
    return values;
  }

  private static Map<String, Object> values(SyncCommand command) {
    return values(new CommandLine(command).getCommandSpec());
  }

  @Test
  void knowsEveryOptionOfTheSyncCommandAndHowItsValueIsRead() {
    Map<String, Kind> expected = new HashMap<>();
    for (OptionSpec o : picocli().getCommandSpec().options()) {
      if (skipped(o)) {
        continue;
      }
      Kind kind;
      if (o.arity().max() == 0) {
        kind = Kind.FLAG;
      } else if (o.isMultiValue()) {
        kind = o.auxiliaryTypes()[0] == Path.class ? Kind.PATHS : Kind.STRINGS;
        assertThat(o.splitRegex()).as(o.longestName()).isEqualTo(",");
      } else if (o.type() == int.class) {
        kind = Kind.INT;
      } else if (o.type() == long.class) {
        kind = Kind.LONG;
      } else if (o.type() == Path.class) {
        kind = Kind.PATH;
      } else {
        assertThat(o.type()).as(o.longestName()).isEqualTo(String.class);
        kind = Kind.STRING;
      }
      for (String name : o.names()) {
        expected.put(name, kind);
      }
    }
    assertThat(QuickParser.OPTIONS).isEqualTo(expected);
    assertThat(QuickParser.SUBCOMMANDS).isEqualTo(picocli().getSubcommands().keySet());
  }

  @Test
  void withoutOptionsEveryValueIsPicoclisDefault() throws Exception {
    SyncCommand command = quick();
    assertThat(command).isNotNull();
    CommandLine cl = picocli();
    cl.parseArgs();
    assertThat(values(command)).isEqualTo(values(cl.getCommandSpec()));
  }

  @Test
  void takesPlainSyncCommandLinesWithPicoclisValues() {
    String[][] lines = {
      {"--dry-run"},
      {"--source", "-", "--target", "a.env,b.env", "--target=c.env", "--check", "-v"},
      {"--source=/opt/shared-secrets/api-secrets.env", "--target", "/opt/es-inventory-hub/.env", "-q"},
      {"--keep-backups", "3", "--lock-timeout=0", "--hook-timeout", "60", "--max-source-bytes", "4096"},
      {"--sync-variables", "A_B,C_D", "--sync-variables=E_F", "--preserve-variables", "X_Y", "--allow-empty"},
      {"--verify-cmd", "curl -fsS https://x/health", "--on-change=systemctl restart app", "--log-file", "l.log"},
      {"--backup-dir", "/var/backups/env", "--show-values", "--dry-run", "--verbose"},
      {"--keep-backups", "0"}, // a usage error of the command's own rules, not of parsing
    };
    for (String[] line : lines) {
      SyncCommand command = quick(line);
      assertThat(command).as(String.join(" ", line)).isNotNull();
      CommandLine cl = picocli();
      cl.parseArgs(line);
      assertThat(values(command)).as(String.join(" ", line)).isEqualTo(values(cl.getCommandSpec()));
    }
  }

  @Test
  void leavesEverythingElseToPicocli() {
    String[][] lines = {
      {"--help"}, {"-h"}, {"--version"}, {"-V"}, {"restore"}, {"status"}, {"history"}, {"help"},
      {"--config", "x.properties"}, {"--config=x.properties", "--dry-run"},
      {"--dry-run", "--dry-run"}, {"-v", "--verbose"}, {"-vq"}, {"--dry-run=true"}, {"--verbose=false"},
      {"--source", "a", "--source", "b"}, {"--source"}, {"--source", "--dry-run"}, {"--source", "-x"},
      {"--source=-x"}, {"--target", "restore"}, {"--on-change=status"},
      {"--keep-backups", "010"}, {"--keep-backups", "+5"}, {"--keep-backups=-1"}, {"--keep-backups", "1e3"},
      {"--keep-backups", "9999999999"}, {"--keep-backups", ""}, {"--lock-timeout", "99999999999999999999"},
      {"--target", "a,,b"}, {"--target", ",a"}, {"--target", "a,"}, {"--target", "\"a,b\""}, {"--target", ""},
      {"--target", "a\0b"}, {"--sync-variables", "'A'"},
      {"--"}, {""}, {"x"}, {"--unknown"}, {"--dry"}, {"--DRY-RUN"}, {"-"},
    };
    for (String[] line : lines) {
      assertThat(quick(line)).as(String.join(" ", line)).isNull();
    }
  }

  @Test
  void leavesTheLineToPicocliWhenAConfigFileIsInEffect(@TempDir Path dir) throws IOException {
    Path config = Files.writeString(dir.resolve("sync-secrets.properties"), "keep-backups=5\n");
    assertThat(QuickParser.parse(new String[] {"--dry-run"}, context(config))).isNull();
  }

  // Generated command lines: option names (known, unknown, help, subcommands) with values of every
  // awkward shape, separate or attached with '='.

  private static final List<String> NAMES = new ArrayList<>(QuickParser.OPTIONS.keySet());

  static {
    NAMES.addAll(List.of("--config", "-h", "--help", "-V", "--version", "restore", "status", "history",
        "help", "--", "-vq", "-qv", "--unknown", "--dry", "-x"));
  }

  private static final List<String> VALUES = List.of("-", "", "a", "a.env", "a,b", "a,,b", ",a", "a,",
      "\"a,b\"", "'a'", "0", "1", "5", "010", "-1", "+5", "99999999999", "99999999999999999999", " 5", "5 ",
      "x y", "--dry-run", "-v", "restore", "/tmp/t.env", "NINJA_CLIENT_ID", "A_B,C_D", "a=b", "a\0b");

  @Provide
  Arbitrary<List<String>> commandLines() {
    Arbitrary<String> name = Arbitraries.of(NAMES);
    Arbitrary<String> value = Arbitraries.of(VALUES);
    Arbitrary<List<String>> piece = Arbitraries.oneOf(
        name.map(List::of),
        Arbitraries.of(QuickParser.OPTIONS.keySet()).flatMap(n -> value.map(v -> List.of(n, v))),
        Arbitraries.of(QuickParser.OPTIONS.keySet()).flatMap(n -> value.map(v -> List.of(n + "=" + v))),
        value.map(List::of));
    return piece.list().ofMaxSize(6).map(pieces -> {
      List<String> line = new ArrayList<>();
      pieces.forEach(line::addAll);
      return line;
    });
  }

  @Property(tries = 3000)
  void whatItTakesPicocliParsesToTheSameValues(@ForAll("commandLines") List<String> line) {
    String[] args = line.toArray(String[]::new);
    SyncCommand command = quick(args);
    Statistics.label("taken").collect(command != null);
    Statistics.label("taken").coverage(c -> c.check(true).percentage(p -> p > 10));
    if (command == null) {
      return;
    }
    CommandLine cl = picocli();
    ParseResult[] parsed = new ParseResult[1];
    assertThatCode(() -> parsed[0] = cl.parseArgs(args)).as(line.toString()).doesNotThrowAnyException();
    assertThat(parsed[0].hasSubcommand()).as(line.toString()).isFalse();
    assertThat(parsed[0].isUsageHelpRequested() || parsed[0].isVersionHelpRequested()).isFalse();
    assertThat(values(command)).as(line.toString()).isEqualTo(values(cl.getCommandSpec()));
  }
}
