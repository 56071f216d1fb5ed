package io.syncsecrets.history;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who made a change and where: the running user, the operator behind sudo, and the host.
 *
 * @param user the account the tool runs as
 * @param sudoUser the operator who ran it through sudo, if any
 * @param host this machine's name
 */
public record Actor(String user, Optional<String> sudoUser, String host) {
  public Actor {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(sudoUser, "sudoUser");
    Objects.requireNonNull(host, "host");
  }

  /** The actor of this process, from {@code user.name}, {@code $SUDO_USER} and the kernel's hostname. */
  public static Actor detect(Map<String, String> env) {
    String user = System.getProperty("user.name", "unknown");
    String sudo = env.get("SUDO_USER");
    return new Actor(user, sudo == null || sudo.isBlank() ? Optional.empty() : Optional.of(sudo), hostname());
  }

  /** "rene", or "root (sudo by alice)". */
  public String describe() {
    return sudoUser.isPresent() ? user + " (sudo by " + sudoUser.get() + ")" : user;
  }

  // /proc first: InetAddress.getLocalHost() may wait on DNS, and a timer run should never hang.
  private static String hostname() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc not mounted: fall back below
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
