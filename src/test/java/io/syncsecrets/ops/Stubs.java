package io.syncsecrets.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Stand-ins for sudo, systemctl, journalctl, java and sendmail, first on PATH, recording every call. */
final class Stubs {
  final Path bin;
  final Path log;
  final Map<String, String> env = new HashMap<>();

  Stubs(Path dir, String... names) throws IOException {
    bin = Files.createDirectories(dir.resolve("bin"));
    log = Files.createDirectories(dir.resolve("log"));
    List<String> all = new ArrayList<>(Arrays.asList(names));
    all.add("record");
    for (String name : all) {
      Path copy = bin.resolve(name);
      Files.copy(OpsPaths.STUBS.resolve(name), copy);
      Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("STUB_LOG", log.toString());
  }

  /** Every recorded call of {@code name}, in order, each as its argument list. */
  List<List<String>> calls(String name) {
    try (var files = Files.list(log)) {
      List<List<String>> calls = new ArrayList<>();
      for (Path f : files.filter(p -> p.getFileName().toString().matches(name + "\\.\\d{3}")).sorted().toList()) {
        String raw = Files.readString(f, StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(Arrays.asList(raw.split("\0", -1)));
        args.remove(args.size() - 1); // after the last terminator
        calls.add(args);
      }
      return calls;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String file(String name) throws IOException {
    Path p = log.resolve(name);
    return Files.exists(p) ? Files.readString(p) : null;
  }
}
