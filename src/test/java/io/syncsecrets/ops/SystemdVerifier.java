package io.syncsecrets.ops;

import io.syncsecrets.testsupport.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code systemd-analyze verify} offline against a throw-away root.
 *
 * <p>{@code --root} makes systemd resolve every path inside the root: the distribution's units
 * (sysinit.target and friends, which default dependencies need) are copied in, and the programs our
 * units start get stubs, so "is not executable" means a real path mismatch and not a build machine
 * without the jar.
 */
final class SystemdVerifier {
  static final Path HOST_UNITS = Path.of("/usr/lib/systemd/system");

  private SystemdVerifier() {}

  static Path analyze() {
    Path tool = ExternalTools.require("systemd-analyze");
    ExternalTools.requireThat(Files.isDirectory(HOST_UNITS), HOST_UNITS + " (package systemd)");
    return tool;
  }

  /** Prepares {@code root} with the host's units, stub executables and the given unit files. */
  static void prepareRoot(Path root, List<Path> unitFiles, boolean withStubs) throws IOException {
    Path lib = Files.createDirectories(root.resolve("usr/lib/systemd"));
    Path units = lib.resolve("system");
    if (!Files.exists(units)) {
      copyUnits(HOST_UNITS, units);
    }
    Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
    for (Path unit : unitFiles) {
      Files.copy(unit, etc.resolve(unit.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (withStubs) {
      stub(root, "/usr/bin/java");
      stub(root, OpsPaths.NOTIFY_INSTALLED);
      Path jar = root.resolve(OpsPaths.JAR.substring(1));
      if (!Files.exists(jar)) {
        Files.writeString(jar, "stub jar\n");
      }
    }
  }

  /** Copies files and relative links; masks (links to /dev/null) would only point out of the root. */
  private static void copyUnits(Path from, Path to) throws IOException {
    try (var walk = Files.walk(from)) {
      for (Path src : (Iterable<Path>) walk::iterator) {
        Path dst = to.resolve(from.relativize(src).toString());
        if (Files.isSymbolicLink(src)) {
          Path target = Files.readSymbolicLink(src);
          if (!target.isAbsolute()) {
            Files.createSymbolicLink(dst, target);
          }
        } else if (Files.isDirectory(src)) {
          Files.createDirectories(dst);
        } else {
          Files.copy(src, dst);
        }
      }
    }
  }

  static void stub(Path root, String absolute) throws IOException {
    Path p = root.resolve(absolute.substring(1));
    Files.createDirectories(p.getParent());
    if (!Files.exists(p)) {
      Files.writeString(p, "#!/bin/sh\nexit 0\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  /** Verifies the named units inside {@code root}. */
  static Run.Result verify(Path root, String... units) {
    List<String> cmd = new ArrayList<>();
    cmd.add(analyze().toString());
    cmd.add("verify");
    cmd.add("--root=" + root);
    cmd.add("--man=no");
    cmd.add("--generators=no");
    cmd.addAll(List.of(units));
    return Run.run(cmd, root.resolve("etc/systemd/system"), java.util.Map.of("SYSTEMD_LOG_COLOR", "0"), null);
  }

  static List<Path> checkedInUnits() {
    try (var files = Files.list(OpsPaths.SYSTEMD)) {
      return files.filter(p -> p.toString().endsWith(".service") || p.toString().endsWith(".timer"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
