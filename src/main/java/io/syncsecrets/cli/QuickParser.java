package io.syncsecrets.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a plain sync command line without picocli, which spends more start-up building its model
 * than the whole sync takes (docs/PERFORMANCE.md). Plain means: every argument is an option of the
 * sync command spelled in full ({@code --name value} or {@code --name=value}, {@code -v}, {@code -q}),
 * no option that takes one value is given twice, every value is unambiguous (numbers are plain
 * digits, list items are not empty and not quoted, no value other than {@code -} itself starts with
 * {@code -}, no value is a subcommand's name), and no config file is in effect.
 *
 * <p>Anything else (help, version, a subcommand, a config file, an error of any kind) returns
 * {@code null}, and picocli parses the line and reports on it. So this parser never produces an
 * error message; it only ever takes lines that picocli would parse to the same values, which
 * QuickParserTest checks against picocli for every option and for generated command lines.
 */
final class QuickParser {
  private QuickParser() {}

  /** How an option's value is read. */
  enum Kind { FLAG, STRING, PATH, INT, LONG, STRINGS, PATHS }

  /** Every option of the sync command except --help, --version and --config, by name. */
  static final Map<String, Kind> OPTIONS = Map.ofEntries(
      Map.entry("--target", Kind.PATHS),
      Map.entry("--backup-dir", Kind.PATH),
      Map.entry("--source", Kind.STRING),
      Map.entry("--sync-variables", Kind.STRINGS),
      Map.entry("--preserve-variables", Kind.STRINGS),
      Map.entry("--allow-empty", Kind.FLAG),
      Map.entry("--max-source-bytes", Kind.LONG),
      Map.entry("--dry-run", Kind.FLAG),
      Map.entry("--check", Kind.FLAG),
      Map.entry("--show-values", Kind.FLAG),
      Map.entry("--keep-backups", Kind.INT),
      Map.entry("--lock-timeout", Kind.LONG),
      Map.entry("--verify-cmd", Kind.STRING),
      Map.entry("--on-change", Kind.STRING),
      Map.entry("--hook-timeout", Kind.LONG),
      Map.entry("--log-file", Kind.PATH),
      Map.entry("-v", Kind.FLAG),
      Map.entry("--verbose", Kind.FLAG),
      Map.entry("-q", Kind.FLAG),
      Map.entry("--quiet", Kind.FLAG));

  /** The subcommands' names, which picocli does not take as an option's value. */
  static final Set<String> SUBCOMMANDS = Set.of("restore", "history", "status");

  /** The sync command with the options of a plain command line set, or null when picocli must parse. */
  static SyncCommand parse(String[] args, CliContext context) {
    if (context.config().file().isPresent()) {
      return null; // defaults come from the file, through picocli's default provider
    }
    SyncCommand command = new SyncCommand(context);
    Set<String> given = new HashSet<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      String value = null;
      int eq = name.indexOf('=');
      if (name.startsWith("--") && eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Kind kind = OPTIONS.get(name);
      if (kind == null) {
        return null;
      }
      boolean list = kind == Kind.STRINGS || kind == Kind.PATHS;
      if (!list && !given.add(longName(name))) {
        return null;
      }
      if (kind == Kind.FLAG) {
        if (value != null) {
          return null;
        }
        setFlag(command, name);
        continue;
      }
      if (value == null) {
        if (i + 1 == args.length) {
          return null;
        }
        value = args[++i];
      }
      if ((value.startsWith("-") && !value.equals("-")) || SUBCOMMANDS.contains(value)) {
        return null; // picocli may read it as an option or a subcommand, attached or not
      }
      if (!set(command, name, kind, value)) {
        return null;
      }
    }
    return command;
  }

  private static String longName(String name) {
    return switch (name) {
      case "-v" -> "--verbose";
      case "-q" -> "--quiet";
      default -> name;
    };
  }

  private static void setFlag(SyncCommand c, String name) {
    switch (name) {
      case "--allow-empty" -> c.sources.allowEmpty = true;
      case "--dry-run" -> c.dryRun = true;
      case "--check" -> c.check = true;
      case "--show-values" -> c.showValues = true;
      case "-v", "--verbose" -> c.logging.verbose = true;
      case "-q", "--quiet" -> c.logging.quiet = true;
      default -> throw new IllegalStateException("flag not handled: " + name);
    }
  }

  /** Sets one option's value; false when the value is not plain. */
  private static boolean set(SyncCommand c, String name, Kind kind, String value) {
    switch (kind) {
      case STRING -> {
        switch (name) {
          case "--source" -> c.sources.source = value;
          case "--verify-cmd" -> c.verifyCommand = value;
          case "--on-change" -> c.onChangeCommand = value;
          default -> throw new IllegalStateException("option not handled: " + name);
        }
      }
      case PATH -> {
        Path path = path(value);
        if (path == null) {
          return false;
        }
        switch (name) {
          case "--backup-dir" -> c.targets.backupDir = path;
          case "--log-file" -> c.logging.logFile = path;
          default -> throw new IllegalStateException("option not handled: " + name);
        }
      }
      case INT, LONG -> {
        // Plain digits only: picocli's own reading of signs, leading zeros or overflow decides the rest.
        int max = kind == Kind.INT ? 9 : 18;
        if (value.isEmpty() || value.length() > max || (value.length() > 1 && value.charAt(0) == '0')) {
          return false;
        }
        for (int i = 0; i < value.length(); i++) {
          if (value.charAt(i) < '0' || value.charAt(i) > '9') {
            return false;
          }
        }
        switch (name) {
          case "--keep-backups" -> c.keepBackups = Integer.parseInt(value);
          case "--max-source-bytes" -> c.sources.maxSourceBytes = Long.parseLong(value);
          case "--lock-timeout" -> c.lockTimeoutSeconds = Long.parseLong(value);
          case "--hook-timeout" -> c.hookTimeoutSeconds = Long.parseLong(value);
          default -> throw new IllegalStateException("option not handled: " + name);
        }
      }
      case STRINGS, PATHS -> {
        List<String> items = items(value);
        if (items == null) {
          return false;
        }
        if (kind == Kind.PATHS) {
          List<Path> paths = new ArrayList<>();
          for (String item : items) {
            Path path = path(item);
            if (path == null) {
              return false;
            }
            paths.add(path);
          }
          c.targets.targets = append(c.targets.targets, paths);
        } else if (name.equals("--sync-variables")) {
          c.sources.syncVariables = append(c.sources.syncVariables, items);
        } else if (name.equals("--preserve-variables")) {
          c.sources.preserveVariables = append(c.sources.preserveVariables, items);
        } else {
          throw new IllegalStateException("option not handled: " + name);
        }
      }
      default -> throw new IllegalStateException("not a value option: " + name);
    }
    return true;
  }

  /** A comma-separated value's items; null when one is empty or quoted (picocli splits those its own way). */
  private static List<String> items(String value) {
    List<String> items = new ArrayList<>();
    int start = 0;
    while (true) {
      int comma = value.indexOf(',', start);
      String item = comma < 0 ? value.substring(start) : value.substring(start, comma);
      if (item.isEmpty() || item.indexOf('"') >= 0 || item.indexOf('\'') >= 0) {
        return null;
      }
      items.add(item);
      if (comma < 0) {
        return items;
      }
      start = comma + 1;
    }
  }

  private static <T> List<T> append(List<T> sofar, List<T> more) {
    List<T> all = sofar == null ? new ArrayList<>() : sofar;
    all.addAll(more);
    return all;
  }

  private static Path path(String value) {
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      return null;
    }
  }
}
