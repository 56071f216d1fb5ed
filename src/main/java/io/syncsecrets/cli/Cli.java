package io.syncsecrets.cli;

import io.syncsecrets.core.ExitStatus;
import io.syncsecrets.core.SyncException;
import io.syncsecrets.logging.LogSetup;
import io.syncsecrets.write.AtomicEnvWriter;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the configured {@link CommandLine}: exit-code mapping and one-line error handling. */
public final class Cli {
  private Cli() {}

  /** Runs the production command line with the journal-aware stdout/stderr. */
  public static int run(Map<String, String> env, InputStream stdin, String[] args) {
    return run(env, stdin, Clock.systemUTC(), new AtomicEnvWriter(), ConfigDefaults.DEFAULT_FILE,
        LogSetup.stdout(), LogSetup.stderr(), args);
  }

  /**
   * Runs a command line, fastest way first. Building picocli's model costs more start-up than the
   * whole sync, so a plain sync command line (see {@link QuickParser}) runs without picocli. Else,
   * when no argument can name a subcommand or ask for help, the top command is tried alone (picocli
   * builds each command's model by reflection). Anything those do not parse cleanly (an error, a
   * config file) is parsed again, and reported, by the full command line, so behaviour and messages
   * are those of the full one. Tests pass their own clock, disk, config default and writers.
   */
  public static int run(Map<String, String> env, InputStream stdin, Clock clock, AtomicEnvWriter writer,
      Path defaultConfig, PrintWriter out, PrintWriter err, String[] args) {
    SyncCommand quick = QuickParser.parse(args,
        new CliContext(env, stdin, clock, writer, new ConfigDefaults(defaultConfig)));
    if (quick != null) {
      try {
        return quick.run(out, err);
      } catch (Exception e) {
        return reportFailure(e, err, quick.verbose());
      } finally {
        out.flush();
        err.flush();
      }
    }
    if (mayRunWithoutSubcommands(args)) {
      ConfigDefaults config = new ConfigDefaults(defaultConfig);
      CommandLine lean = configure(new CommandLine(new SyncCommand(
          new CliContext(env, stdin, clock, writer, config))), config);
      boolean parsed;
      try {
        lean.parseArgs(args);
        // Help and version (also spelled --help=true) must list the subcommands: full model.
        parsed = !lean.isUsageHelpRequested() && !lean.isVersionHelpRequested();
      } catch (RuntimeException e) {
        parsed = false;
      }
      if (parsed) {
        return lean.setOut(out).setErr(err).execute(args);
      }
    }
    return commandLine(env, stdin, clock, writer, defaultConfig).setOut(out).setErr(err).execute(args);
  }

  /** Every argument that prints help, usage or the version (the subcommands are QuickParser's list). */
  private static final java.util.Set<String> HELP_ARGS =
      java.util.Set.of("help", "-h", "--help", "-V", "--version");

  static boolean mayRunWithoutSubcommands(String[] args) {
    for (String arg : args) {
      // Also clustered short options such as -qh.
      boolean clusteredHelp = arg.startsWith("-") && !arg.startsWith("--")
          && (arg.indexOf('h') > 0 || arg.indexOf('V') > 0);
      if (QuickParser.SUBCOMMANDS.contains(arg) || HELP_ARGS.contains(arg) || clusteredHelp) {
        return false;
      }
    }
    return true;
  }

  /** A command line with injectable environment, input, clock and disk, for tests. */
  public static CommandLine commandLine(
      Map<String, String> env, InputStream stdin, Clock clock, AtomicEnvWriter writer) {
    return commandLine(env, stdin, clock, writer, ConfigDefaults.DEFAULT_FILE);
  }

  /**
   * A command line for tests that also chooses the config file used when {@code --config} is not
   * given (production: {@code /etc/sync-secrets/sync-secrets.properties}, when it exists).
   */
  public static CommandLine commandLine(
      Map<String, String> env, InputStream stdin, Clock clock, AtomicEnvWriter writer, Path defaultConfig) {
    ConfigDefaults config = new ConfigDefaults(defaultConfig);
    CliContext context = new CliContext(env, stdin, clock, writer, config);
    CommandLine cl = new CommandLine(new SyncCommand(context));
    cl.addSubcommand(new RestoreCommand(context));
    cl.addSubcommand(new HistoryCommand(context));
    cl.addSubcommand(new StatusCommand(context));
    return configure(cl, config);
  }

  private static CommandLine configure(CommandLine cl, ConfigDefaults config) {
    // '@file' would make picocli read a file's lines as arguments and quote them back in its
    // error message: '@/opt/shared-secrets/api-secrets.env' under sudo would print every secret.
    cl.setExpandAtFiles(false);
    // Set after the subcommands are added: CommandLine's setters reach only subcommands it has.
    cl.setDefaultValueProvider(config);
    cl.setExecutionStrategy(Cli::runLastWithOptionsInPlace);
    cl.setExitCodeExceptionMapper(exitCodes());
    cl.setExecutionExceptionHandler(executionErrors());
    cl.setParameterExceptionHandler(usageErrors());
    return cl;
  }

  /**
   * Refuses sync options given before a subcommand's name: {@code --target X restore} would
   * otherwise hand X to the sync, which does not run, and restore the default target.
   */
  private static int runLastWithOptionsInPlace(ParseResult parsed) {
    if (parsed.hasSubcommand()) {
      List<String> misplaced = parsed.matchedOptions().stream()
          .filter(o -> !o.usageHelp() && !o.versionHelp() && !"--config".equals(o.longestName()))
          .map(OptionSpec::longestName)
          .distinct()
          .toList();
      if (!misplaced.isEmpty()) {
        String sub = parsed.subcommand().commandSpec().name();
        throw new ParameterException(parsed.commandSpec().commandLine(),
            String.join(", ", misplaced) + " before '" + sub + "' would apply to the sync, not to "
                + sub + "; put " + (misplaced.size() == 1 ? "it" : "them") + " after '" + sub + "'");
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  private static IExitCodeExceptionMapper exitCodes() {
    return e -> e instanceof SyncException se ? se.status().code() : ExitStatus.FAILURE.code();
  }

  private static IExecutionExceptionHandler executionErrors() {
    return (Exception e, CommandLine cl, ParseResult parsed) ->
        reportFailure(e, cl.getErr(), cl.getCommand() instanceof VerboseAware c && c.verbose());
  }

  /**
   * Prints a failed run's one-line error (and its stack trace under --verbose) and returns its exit
   * code: a {@link SyncException} carries both; an {@link IllegalArgumentException} is a usage error;
   * anything else may carry third-party text, so only its type is shown.
   */
  static int reportFailure(Exception e, PrintWriter err, boolean verbose) {
    int code = e instanceof SyncException se ? se.status().code() : ExitStatus.FAILURE.code();
    if (e instanceof SyncException se) {
      err.println("sync-secrets: " + se.getMessage());
      LogSetup.recordFailure(se.getMessage());
      if (se.status() == ExitStatus.USAGE) {
        err.println("Try 'sync-secrets --help' for more information.");
      }
    } else if (e instanceof IllegalArgumentException) {
      err.println("sync-secrets: " + e.getMessage());
      code = ExitStatus.USAGE.code();
    } else {
      err.println("sync-secrets: internal error (" + e.getClass().getSimpleName()
          + "); nothing written; run with --verbose for details");
    }
    err.flush();
    if (verbose) {
      e.printStackTrace(err);
      err.flush();
    }
    return code;
  }

  private static IParameterExceptionHandler usageErrors() {
    return (ParameterException e, String[] args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      // A config problem surfaces while picocli fills in defaults: show our one line, not picocli's wrapper.
      SyncException cause = syncCause(e);
      String message = cause != null ? cause.getMessage()
          : e instanceof UnmatchedArgumentException u ? unmatched(u) : e.getMessage();
      err.println("sync-secrets: " + message);
      err.println("Try 'sync-secrets --help' for more information.");
      err.flush();
      return ExitStatus.USAGE.code();
    };
  }

  /**
   * Names unexpected arguments without repeating them: picocli's own message quotes every one, and
   * an operator may have pasted a KEY=value line (or a file's lines) where an option belonged.
   */
  static String unmatched(UnmatchedArgumentException e) {
    List<String> shown = new java.util.ArrayList<>();
    for (String arg : e.getUnmatched()) {
      if (arg.startsWith("-")) {
        int eq = arg.indexOf('=');
        shown.add(eq < 0 ? "'" + arg + "'" : "'" + arg.substring(0, eq) + "=…'");
      } else {
        shown.add("an argument that is not an option (not shown)");
      }
    }
    return (shown.size() == 1 ? "unknown argument: " : "unknown arguments: ") + String.join(", ", shown);
  }

  private static SyncException syncCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SyncException se) {
        return se;
      }
    }
    return null;
  }
}
