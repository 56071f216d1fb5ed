package io.syncsecrets.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.syncsecrets.docs.MessageScanner.Message;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageScannerTest {
  private static List<List<String>> fragments(String name, String source) {
    return MessageScanner.scan(name, source).stream().map(Message::fragments).toList();
  }

  @Test
  void throwStatementsGiveTheirFixedTextInOrder() {
    String source = """
        class A {
          void f(Path p, long n) {
            throw SyncException.failure(p + ": source is larger than " + n
                + " bytes; refusing it");
          }
        }
        """;
    assertThat(fragments("A.java", source))
        .containsExactly(List.of(": source is larger than", "bytes; refusing it"));
    assertThat(MessageScanner.scan("A.java", source).get(0).line()).isEqualTo(3);
  }

  @Test
  void loggerWarningsAreSplitAtPlaceholders() {
    String source = """
        class A { void f() { LOG.warn("{}: source is owned by {}, not by root", file, owner);
          LOG.info("{}: not a problem", x); } }
        """;
    assertThat(fragments("A.java", source))
        .containsExactly(List.of(": source is owned by", ", not by root"));
  }

  @Test
  void internalInvariantsCommentsAndStringsAreNotMessages() {
    String source = """
        class A {
          // throw SyncException.failure("in a comment");
          /* throw new IOException("in a block comment"); */
          String s = "throw new IOException(\\"inside a string\\");";
          void f() { throw new IllegalStateException("cannot happen"); }
          void g() { throw new java.lang.AssertionError("nor this"); }
          void h() { throw e; }
        }
        """;
    assertThat(fragments("A.java", source)).isEmpty();
  }

  @Test
  void returnsCountOnlyInSyncExceptionAndErrPrintsAlways() {
    String returns = """
        class X { static String why() { return "permission denied"; } }
        """;
    assertThat(fragments("core/SyncException.java", returns)).containsExactly(List.of("permission denied"));
    assertThat(fragments("core/Other.java", returns)).isEmpty();
    assertThat(fragments("cli/Cli.java", """
        class C { void f() { err.println("sync-secrets: internal error (" + t + "); nothing written"); } }
        """)).containsExactly(List.of("sync-secrets: internal error (", "); nothing written"));
  }

  @Test
  void findsTheToolsOwnMessages() {
    List<Message> all = MessageScanner.scanTree(Path.of("src", "main", "java"));
    assertThat(all).hasSizeGreaterThan(25);
    assertThat(all).extracting(Message::template).contains(
        ": target does not exist; sync-secrets never creates it",
        "--quiet and --verbose cannot be combined",
        ": source is writable by … ; anyone who can write it controls the credentials … everyone … its group",
        "no such file");
  }
}
