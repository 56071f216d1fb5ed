package io.syncsecrets.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.syncsecrets.testsupport.ExternalTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ops/install.sh into a temporary root. */
class InstallerTest {
  static final Map<String, String> MODES =
      Map.of(
          "opt/sync-secrets/sync-secrets.jar", "rw-r--r--",
          "etc/systemd/system/sync-secrets-check.service", "rw-r--r--",
          "opt/sync-secrets/sync-secrets-notify.sh", "rwxr-xr-x",
          "etc/systemd/system/sync-secrets.service", "rw-r--r--",
          "etc/systemd/system/sync-secrets.timer", "rw-r--r--",
          "etc/systemd/system/sync-secrets-failure@.service", "rw-r--r--",
          "usr/local/bin/sync-secrets", "rwxr-xr-x",
          "etc/sudoers.d/sync-secrets", "r--r-----");

  @TempDir Path dir;
  Path root;
  Path build;
  Path jar;

  @BeforeEach
  void build() throws IOException {
    ExternalTools.require("visudo");
    root = Files.createDirectories(dir.resolve("root"));
    build = Files.createDirectories(dir.resolve("target"));
    jar = build.resolve("sync-secrets.jar");
    Files.writeString(jar, "not really a jar\n");
  }

  private Run.Result install(Path installer, String... args) {
    List<String> cmd = new ArrayList<>(List.of(installer.toString()));
    cmd.addAll(List.of(args));
    return Run.run(cmd, dir, Map.of(), null);
  }

  private Run.Result install() {
    return install(OpsPaths.existing(OpsPaths.INSTALLER), "--root", root.toString(), "--jar", jar.toString());
  }

  @Test
  void installsEveryFileWithItsModeAndPrintsTheSystemctlSteps() throws IOException {
    Run.Result r = install();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    MODES.forEach(
        (path, mode) -> {
          Path p = root.resolve(path);
          assertThat(p).as(path).isRegularFile();
          try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p))).as(path).isEqualTo(mode);
            if (isRoot()) {
              assertThat(Files.getOwner(p).getName()).as(path).isEqualTo("root");
            }
          } catch (IOException e) {
            throw new AssertionError(e);
          }
        });
    assertThat(root.resolve("opt/sync-secrets/sync-secrets.jar")).hasSameTextualContentAs(jar);
    assertThat(root.resolve("usr/local/bin/sync-secrets")).hasSameTextualContentAs(OpsPaths.WRAPPER);
    assertThat(root.resolve("etc/sudoers.d/sync-secrets")).hasSameTextualContentAs(OpsPaths.SUDOERS);
    assertThat(root.resolve("etc/systemd/system/sync-secrets-check.service"))
        .hasSameTextualContentAs(OpsPaths.SYSTEMD.resolve("sync-secrets-check.service"));
    assertThat(r.out())
        .contains("8 file(s) changed")
        .contains("installed /etc/systemd/system/sync-secrets-check.service")
        .contains("systemctl daemon-reload")
        .contains("systemctl enable --now sync-secrets.timer")
        .contains("groupadd --system sync-secrets");
    // Not built yet: skipped quietly.
    assertThat(root.resolve("usr/local/share/man")).doesNotExist();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void secondRunChangesNothing() throws IOException {
    assertThat(install().exitCode()).isZero();
    Map<String, String> before = snapshot(root);

    Run.Result again = install();

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.out())
        .contains("0 file(s) changed")
        .contains("unchanged /etc/systemd/system/sync-secrets-check.service")
        .doesNotContain("installed ");
    assertThat(snapshot(root)).isEqualTo(before);
  }

  @Test
  void aChangedFileIsReplacedAndOnlyThatOne() throws IOException {
    assertThat(install().exitCode()).isZero();
    Files.writeString(jar, "a newer build\n");

    Run.Result r = install();

    assertThat(r.out()).contains("1 file(s) changed").contains("installed /opt/sync-secrets/sync-secrets.jar");
    assertThat(root.resolve("opt/sync-secrets/sync-secrets.jar")).hasContent("a newer build");
    try (var leftovers = Files.list(root.resolve("opt/sync-secrets"))) {
      assertThat(leftovers.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
    }
  }

  @Test
  void installsTheManPageAndCompletionWhenBuilt() throws IOException {
    Files.writeString(build.resolve("sync-secrets.1"), ".TH SYNC-SECRETS 1\n");
    Files.writeString(build.resolve("sync-secrets-restore.1"), ".TH SYNC-SECRETS-RESTORE 1\n");
    Files.writeString(build.resolve("sync-secrets-completion.bash"), "complete -F _x sync-secrets\n");

    Run.Result r = install();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(root.resolve("usr/local/share/man/man1/sync-secrets.1")).hasContent(".TH SYNC-SECRETS 1");
    assertThat(root.resolve("usr/local/share/man/man1/sync-secrets-restore.1"))
        .hasContent(".TH SYNC-SECRETS-RESTORE 1");
    assertThat(root.resolve("usr/local/share/bash-completion/completions/sync-secrets"))
        .hasContent("complete -F _x sync-secrets");
    assertThat(r.out()).contains("11 file(s) changed");
  }

  @Test
  void installedUnitsVerifyAgainstTheInstalledPaths() throws IOException {
    SystemdVerifier.analyze();
    assertThat(install().exitCode()).isZero();
    // Only java comes from elsewhere; the jar and the notifier are the installed ones.
    SystemdVerifier.prepareRoot(root, List.of(), false);
    SystemdVerifier.stub(root, "/usr/bin/java");

    Run.Result r = SystemdVerifier.verify(root, SystemdUnitsTest.UNITS);

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(r.output()).as(r.toString()).isEmpty();
  }

  @Test
  void installedDropInPassesVisudo() {
    assertThat(install().exitCode()).isZero();

    Run.Result r =
        Run.run(List.of("visudo", "-cf", root.resolve("etc/sudoers.d/sync-secrets").toString()));

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void aDropInVisudoRejectsIsNeverInstalled() throws IOException {
    Path ops = Files.createDirectories(dir.resolve("copy")).resolve("ops");
    Run.Result cp = Run.run(List.of("cp", "-a", OpsPaths.OPS.toString(), ops.getParent().toString()));
    assertThat(cp.exitCode()).as(cp.toString()).isZero();
    Path dropIn = ops.resolve("sudoers/sync-secrets");
    Files.writeString(dropIn, Files.readString(dropIn).replace("NOPASSWD:", "NOPASSWD"));

    Run.Result r = install(ops.resolve("install.sh"), "--root", root.toString(), "--jar", jar.toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("rejected by 'visudo -cf'");
    try (var files = Files.list(root.resolve("etc/sudoers.d"))) {
      assertThat(files).isEmpty();
    }
  }

  /**
   * A pre-existing /opt/sync-secrets that someone else owns or may write: they could replace the
   * notify script the failure unit runs as root, or the jar operators run as root.
   */
  @Test
  void anExistingAppDirIsMadeRootOwnedAndNotWritableByOthers() throws IOException {
    assumeTrue(isRoot(), "needs root to chown");
    Path appDir = Files.createDirectories(root.resolve("opt/sync-secrets"));
    Files.setAttribute(appDir, "unix:uid", 4242);
    Files.setAttribute(appDir, "unix:gid", 4242);
    Files.setPosixFilePermissions(appDir, PosixFilePermissions.fromString("rwxrwxr-x"));

    Run.Result r = install();

    assertThat(r.exitCode()).as(r.toString()).isZero();
    assertThat(Files.getAttribute(appDir, "unix:uid")).isEqualTo(0);
    assertThat(Files.getAttribute(appDir, "unix:gid")).isEqualTo(0);
    assertThat(Files.getAttribute(appDir, "unix:mode")).isEqualTo(040755);
    assertThat(r.out()).contains("fixed     /opt/sync-secrets (was ").contains("now root:root (0:0) mode 755)");
    // Fixed once: the next run leaves it alone and says nothing.
    Run.Result again = install();
    assertThat(again.out()).doesNotContain("fixed");
  }

  @Test
  void aParentOfTheAppDirThatOthersCanWriteOrOwnStopsTheInstall() throws IOException {
    assumeTrue(isRoot(), "needs root to chown");
    Path opt = Files.createDirectories(root.resolve("opt"));

    Files.setPosixFilePermissions(opt, PosixFilePermissions.fromString("rwxrwxrwx"));
    Run.Result everyone = install();
    Files.setPosixFilePermissions(opt, PosixFilePermissions.fromString("rwxrwxr-x"));
    Run.Result group = install();
    Files.setPosixFilePermissions(opt, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setAttribute(opt, "unix:uid", 4242);
    Run.Result owner = install();
    Files.setAttribute(opt, "unix:uid", 0);
    Files.setAttribute(root, "unix:uid", 4242);
    Run.Result ownerOfRoot = install();

    for (Run.Result r : List.of(everyone, group)) {
      assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
      assertThat(r.err())
          .as(r.toString())
          .contains(opt + ": writable by its group or others")
          .contains("could replace /opt/sync-secrets")
          .contains("chmod go-w " + opt);
    }
    assertThat(owner.exitCode()).as(owner.toString()).isEqualTo(1);
    assertThat(owner.err()).contains(opt + ": owned by").contains("uid 4242").contains("chown root:root " + opt);
    assertThat(ownerOfRoot.exitCode()).as(ownerOfRoot.toString()).isEqualTo(1);
    assertThat(ownerOfRoot.err()).contains(root + ": owned by").contains("uid 4242");
    assertThat(opt.resolve("sync-secrets")).doesNotExist();
  }

  /** Sticky and world-writable (like /tmp): others can create entries but not replace root's. */
  @Test
  void aStickyWorldWritableParentIsAccepted() throws IOException {
    Path opt = Files.createDirectories(root.resolve("opt"));
    Run.Result chmod = Run.run(List.of("chmod", "1777", opt.toString()));
    assertThat(chmod.exitCode()).as(chmod.toString()).isZero();

    Run.Result r = install();

    assertThat(r.exitCode()).as(r.toString()).isZero();
  }

  @Test
  void aMissingJarStopsBeforeAnythingIsWritten() {
    Run.Result r = install(OpsPaths.INSTALLER, "--root", root.toString(), "--jar", dir.resolve("nope.jar").toString());

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("nope.jar: no such jar").contains("mvn -B package");
    assertThat(root.toFile().list()).isEmpty();
  }

  @Test
  void anUnknownOptionIsAUsageError() {
    Run.Result r = install(OpsPaths.INSTALLER, "--prefix", root.toString());

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("unknown argument '--prefix'");
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Path → mode, owner, size, mtime, inode and content hash of everything under {@code base}. */
  private static Map<String, String> snapshot(Path base) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (var walk = Files.walk(base)) {
      for (Path p : walk.toList()) {
        var attrs = Files.readAttributes(p, "unix:mode,uid,gid,size,lastModifiedTime,ino", LinkOption.NOFOLLOW_LINKS);
        String hash = Files.isRegularFile(p) ? sha256(Files.readAllBytes(p)) : "-";
        out.put(base.relativize(p).toString(), new TreeMap<>(attrs) + " " + hash);
      }
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
