package io.syncsecrets.cli;

import io.syncsecrets.core.SyncException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.PropertiesDefaultProvider;

/**
 * Option defaults from the properties file {@code --config} names (or the default file when it
 * exists), looked up by picocli's {@link PropertiesDefaultProvider}: keys are long option names
 * without dashes ({@code keep-backups=5}), optionally qualified by command ({@code
 * sync-secrets.restore.lock-timeout=60}). The command line beats the file.
 *
 * <p>Picocli asks for defaults only after every argument is matched, so by then a {@code --config}
 * anywhere on the line (before or after a subcommand) has already called {@link #choose}; the
 * file is loaded on the first question and again only if the choice changes.
 *
 * <p>The file may name commands to run ({@code verify-cmd}, {@code on-change}) and operators run
 * the tool through sudo, so a file writable by group or others, or owned by someone other than
 * root or the running user, is refused; so is a key that is no option, which would otherwise be a
 * silently ignored typo.
 */
final class ConfigDefaults implements IDefaultValueProvider {
  static final Path DEFAULT_FILE = Path.of("/etc/sync-secrets/sync-secrets.properties");
  static final String OPTION = "--config";

  private final Path defaultFile;
  private Path chosen;
  private Path loadedFrom;
  private PropertiesDefaultProvider delegate;

  ConfigDefaults(Path defaultFile) {
    this.defaultFile = defaultFile;
  }

  /** Called by {@code --config FILE}. */
  void choose(Path file) {
    this.chosen = file;
  }

  /** The file in effect: the one given, else the default when it exists. */
  Optional<Path> file() {
    if (chosen != null) {
      return Optional.of(chosen);
    }
    return Files.exists(defaultFile) ? Optional.of(defaultFile) : Optional.empty();
  }

  @Override
  public String defaultValue(ArgSpec arg) throws Exception {
    if (arg instanceof OptionSpec o && OPTION.equals(o.longestName())) {
      return null;
    }
    Optional<Path> file = file();
    if (file.isEmpty()) {
      return null;
    }
    if (!file.get().equals(loadedFrom)) {
      Properties properties = load(file.get());
      requireKnownKeys(file.get(), properties, root(arg.command()));
      delegate = new PropertiesDefaultProvider(properties);
      loadedFrom = file.get();
    }
    return delegate.defaultValue(arg);
  }

  private static Properties load(Path file) {
    try {
      PosixFileAttributes attrs = Files.readAttributes(file, PosixFileAttributes.class);
      if (!attrs.isRegularFile()) {
        throw SyncException.configRejected(file, "config is not a regular file");
      }
      Set<PosixFilePermission> mode = attrs.permissions();
      if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
        throw SyncException.configRejected(file, "config is writable by group or others; refusing it"
            + " (it can name commands to run); chmod go-w it");
      }
      String owner = attrs.owner().getName();
      if (!owner.equals("root") && !owner.equals(System.getProperty("user.name"))) {
        throw SyncException.configRejected(file, "config is owned by " + owner
            + ", not by root or the running user; refusing it (it can name commands to run)");
      }
      Properties raw = new Properties();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        raw.load(in);
      }
      // Properties keeps trailing blanks; "keep-backups=5 " should mean 5.
      Properties trimmed = new Properties();
      for (String key : raw.stringPropertyNames()) {
        trimmed.setProperty(key.trim(), raw.getProperty(key).strip());
      }
      return trimmed;
    } catch (IOException e) {
      throw SyncException.configUnreadable(file, e);
    } catch (IllegalArgumentException e) {
      // Properties.load on a malformed \\uXXXX escape
      throw SyncException.configRejected(file, "not a properties file: " + e.getMessage());
    }
  }

  /** Key shapes, compiled only when a config file has an unknown key (a run's path has no regex). */
  private static final class KeyShapes {
    /** An option-shaped key, such as {@code keep-backups} or {@code sync-secrets.restore.target}. */
    static final java.util.regex.Pattern OPTION_KEY =
        java.util.regex.Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

    /** An environment-variable-shaped key, as a .env file has. */
    static final java.util.regex.Pattern ENV_KEY =
        java.util.regex.Pattern.compile("(export\\s+)?[A-Z][A-Z0-9]*_[A-Z0-9_]*");
  }

  private static void requireKnownKeys(Path file, Properties properties, CommandSpec root) {
    Set<String> known = new TreeSet<>();
    collect(root, known);
    List<String> unknown = new ArrayList<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      if (!known.contains(key)) {
        unknown.add(key);
      }
    }
    if (unknown.isEmpty()) {
      return;
    }
    // Name only keys shaped like option names: anything else may be a credential's text (a .env
    // given as --config, whose continuation lines Properties turns into keys).
    if (unknown.stream().anyMatch(k -> KeyShapes.ENV_KEY.matcher(k).matches())) {
      throw SyncException.configRejected(file, "this looks like a .env file (KEY=value lines), not a"
          + " sync-secrets properties file; did you mean --source?");
    }
    List<String> named = unknown.stream().filter(k -> KeyShapes.OPTION_KEY.matcher(k).matches()).toList();
    long hidden = unknown.size() - named.size();
    String list = String.join(", ", named)
        + (hidden == 0 ? "" : (named.isEmpty() ? "" : ", and ") + hidden + " more not shown");
    throw SyncException.configRejected(file, "unknown setting" + (unknown.size() > 1 ? "s " : " ")
        + list + " (keys are long option names without dashes, e.g. keep-backups=5)");
  }

  private static void collect(CommandSpec spec, Set<String> known) {
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp() || OPTION.equals(o.longestName())) {
        continue;
      }
      String key = o.longestName().replaceFirst("^-+", "");
      known.add(key);
      known.add(spec.qualifiedName(".") + "." + key);
    }
    for (CommandLine sub : spec.subcommands().values()) {
      collect(sub.getCommandSpec(), known);
    }
  }

  private static CommandSpec root(CommandSpec spec) {
    CommandSpec s = spec;
    while (s.parent() != null) {
      s = s.parent();
    }
    return s;
  }

  @Override
  public String toString() {
    return "ConfigDefaults[" + file().map(Path::toString).orElse("none") + "]";
  }
}
