package io.syncsecrets.cli;

import io.syncsecrets.write.AtomicEnvWriter;
import java.io.InputStream;
import java.time.Clock;
import java.util.Map;

/**
 * What every command takes from outside: the environment, standard input, the clock, the disk and
 * the configuration file, injected so tests run the whole CLI in-process.
 *
 * @param env environment variables ({@code CREDENTIALS_DIRECTORY}, {@code PATH}, {@code SUDO_USER})
 * @param stdin standard input, for {@code --source -}
 * @param clock time of backups and history lines
 * @param writer the atomic writer (a fault-injecting one in tests)
 * @param config option defaults from the properties file
 */
record CliContext(
    Map<String, String> env, InputStream stdin, Clock clock, AtomicEnvWriter writer, ConfigDefaults config) {}
