package io.syncsecrets.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.cli.Cli;
import io.syncsecrets.docs.Guide.Invocation;
import io.syncsecrets.docs.Guide.Token;
import io.syncsecrets.docs.MessageScanner.Message;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Keeps docs/GUIDE_SECRETS_SYNC.md honest against the code: every option and subcommand of the
 * picocli model is in it with an example, every exit code has a row, every message the code can
 * show a user is in Troubleshooting, and no example uses an option that does not exist.
 *
 * <p>The option list comes from the live picocli model and the messages from the sources (see
 * {@link MessageScanner}), so an option or message added to the code without the guide fails here.
 */
class OperatorGuideTest {
  /**
   * Subcommands and options documented before they exist in the code: an example may use them;
   * once they are in the model, the model's checks apply to them like to any other. Empty since
   * issue 6 (restore, history, status and their options) was merged.
   */
  private static final Set<String> PENDING = Set.of();

  /** Fixed texts of checks that no user input reaches: documenting them would mislead. */
  private static final Set<String> NOT_FOR_USERS = Set.of(
      "keep must be >= 0", // BackupManager.prune; --keep-backups < 1 is a usage error first
      "not a backup name", // BackupManager.read; restore passes only names its list() returned
      ": a change needs a source value", // KeyDecision invariants, built only by DiffEngine
      ": an update needs a target value",
      "--hook-timeout must be positive", // Hooks; --hook-timeout < 1 is a usage error first in SyncCommand
      "skipped must be >= 0", // HistoryLog.Contents, counted only by HistoryLog.read
      "exactly one of drift and driftProblem", // TargetStatus, built only by StatusService
      // Why one history line does not parse (HistoryEntry.fromJson, Json): HistoryLog.read catches
      // these and the user sees only "N line(s) are not history entries; skipped".
      "bad time", "is not a string", "is not a list", "trailing characters", "expected , or }",
      "expected a string, a list or null", "expected , or ]", "short \\u escape", "bad \\u escape",
      "bad escape", "unexpected end");

  private static final Guide GUIDE = Guide.load();

  private static CommandLine model() {
    return Cli.commandLine(Map.of(), InputStream.nullInputStream(), Clock.systemUTC(), new AtomicEnvWriter());
  }

  /** The command and its visible subcommands, depth first. */
  private static List<CommandSpec> commands() {
    List<CommandSpec> all = new ArrayList<>();
    collect(model().getCommandSpec(), all);
    return all;
  }

  private static void collect(CommandSpec spec, List<CommandSpec> out) {
    out.add(spec);
    for (CommandLine sub : new LinkedHashSet<>(spec.subcommands().values())) {
      if (!sub.getCommandSpec().usageMessage().hidden()) {
        collect(sub.getCommandSpec(), out);
      }
    }
  }

  private static List<OptionSpec> visibleOptions(CommandSpec spec) {
    return spec.options().stream().filter(o -> !o.hidden()).toList();
  }

  private static boolean mentions(String text, String word) {
    return Pattern.compile("(?<![\\w-])" + Pattern.quote(word) + "(?![\\w-])").matcher(text).find();
  }

  /** The option names an invocation uses ({@code --x=1} counts as {@code --x}). */
  private static List<String> optionsOf(Invocation inv) {
    List<String> names = new ArrayList<>();
    for (Token t : inv.args()) {
      String s = t.text();
      if (!t.quoted() && s.startsWith("-") && s.length() > 1 && !s.startsWith("-$")) {
        int eq = s.indexOf('=');
        names.add(eq > 0 ? s.substring(0, eq) : s);
      }
    }
    return names;
  }

  /** The subcommand an invocation runs, or "" for the sync itself. */
  private static String subcommandOf(Invocation inv) {
    if (!inv.args().isEmpty()) {
      Token first = inv.args().get(0);
      if (!first.quoted() && !first.text().startsWith("-")) {
        return first.text();
      }
    }
    return "";
  }

  @Test
  void guideHasTheSectionsIssue8AsksFor() {
    for (String title : List.of("What it does, and what it does not do", "Options", "Exit codes",
        "Workflows", "Backups, retention and history", "Security model", "Logs and journalctl",
        "Troubleshooting", "Running it on a fleet")) {
      assertThat(GUIDE.section(title)).as("section '## %s'", title).isNotBlank();
    }
  }

  @Test
  void everyOptionNameOfEveryCommandIsInTheGuide() {
    List<String> missing = new ArrayList<>();
    for (CommandSpec spec : commands()) {
      for (OptionSpec option : visibleOptions(spec)) {
        for (String name : option.names()) {
          if (!mentions(GUIDE.text(), name)) {
            missing.add(spec.qualifiedName() + " " + name);
          }
        }
      }
    }
    assertThat(missing).as("options of the code that %s never mentions", Guide.PATH).isEmpty();
  }

  @Test
  void everyOptionHasAnExampleThatRunsTheTool() {
    List<Invocation> invocations = GUIDE.invocations();
    List<String> missing = new ArrayList<>();
    for (CommandSpec spec : commands()) {
      String sub = spec.parent() == null ? null : spec.name();
      for (OptionSpec option : visibleOptions(spec)) {
        if (sub != null && option.inherited()) {
          continue; // shown with the parent command
        }
        boolean shown = invocations.stream()
            .filter(inv -> sub == null || subcommandOf(inv).equals(sub))
            .anyMatch(inv -> optionsOf(inv).stream().anyMatch(List.of(option.names())::contains));
        if (!shown) {
          missing.add(spec.qualifiedName() + " " + option.longestName());
        }
      }
    }
    assertThat(invocations).as("tool command lines in the guide's code blocks").hasSizeGreaterThan(20);
    assertThat(missing).as("options without an example command line in %s", Guide.PATH).isEmpty();
  }

  @Test
  void everySubcommandHasASectionAndAnExample() {
    List<Invocation> invocations = GUIDE.invocations();
    String subcommands = GUIDE.section("Subcommands");
    for (CommandSpec spec : commands().subList(1, commands().size())) {
      assertThat(subcommands).as("a heading for subcommand %s", spec.name())
          .containsPattern("(?m)^###+ `" + Pattern.quote(spec.name()) + "`");
      assertThat(invocations).as("an example running %s", spec.name())
          .anyMatch(inv -> subcommandOf(inv).equals(spec.name()));
    }
  }

  @Test
  void examplesUseOnlyOptionsAndSubcommandsThatExist() {
    Set<String> known = new TreeSet<>(PENDING);
    for (CommandSpec spec : commands()) {
      known.add(spec.name());
      visibleOptions(spec).forEach(o -> known.addAll(List.of(o.names())));
    }
    boolean takesPositionals = !model().getCommandSpec().positionalParameters().isEmpty();
    List<String> unknown = new ArrayList<>();
    for (Invocation inv : GUIDE.invocations()) {
      for (String name : optionsOf(inv)) {
        if (!known.contains(name)) {
          unknown.add(name + " in: " + inv.line());
        }
      }
      String sub = subcommandOf(inv);
      if (!sub.isEmpty() && !takesPositionals && !known.contains(sub)) {
        unknown.add(sub + " in: " + inv.line());
      }
    }
    assertThat(unknown).as("options or subcommands in %s's examples that the tool does not have", Guide.PATH)
        .isEmpty();
  }

  @Test
  void exitCodeTableMatchesTheHelp() {
    Map<String, String> fromHelp = model().getCommandSpec().usageMessage().exitCodeList();
    String section = GUIDE.section("Exit codes");
    Set<String> rows = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^\\|\\s*(\\d+)\\s*\\|").matcher(section);
    while (m.find()) {
      rows.add(m.group(1));
    }
    Set<String> codes = new TreeSet<>();
    fromHelp.keySet().forEach(k -> codes.add(k.strip()));
    assertThat(codes).as("exit codes listed by --help").isNotEmpty();
    assertThat(rows).as("rows of the exit code table").isEqualTo(codes);
  }

  @Test
  void everyMessageTheCodeCanShowIsInTroubleshooting() {
    List<Message> messages = MessageScanner.scanTree(Path.of("src", "main", "java"));
    List<String> lines = GUIDE.section("Troubleshooting").lines().toList();
    assertThat(lines).as("the Troubleshooting section").hasSizeGreaterThan(20);
    Map<String, Message> missing = new LinkedHashMap<>();
    for (Message message : messages) {
      if (message.fragments().stream().anyMatch(NOT_FOR_USERS::contains)) {
        continue;
      }
      boolean documented = lines.stream()
          .anyMatch(line -> message.fragments().stream().allMatch(line::contains));
      if (!documented) {
        missing.putIfAbsent(message.template(), message);
      }
    }
    assertThat(missing.values())
        .as("messages in the code with no line in %s#troubleshooting holding all their fixed text;"
            + " add each with its cause and fix", Guide.PATH)
        .isEmpty();
  }
}
