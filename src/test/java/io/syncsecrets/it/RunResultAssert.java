package io.syncsecrets.it;

import java.util.Collection;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions on a {@link RunResult}; failures show the whole run. */
final class RunResultAssert extends AbstractAssert<RunResultAssert, RunResult> {
  private RunResultAssert(RunResult actual) {
    super(actual, RunResultAssert.class);
  }

  static RunResultAssert assertThat(RunResult actual) {
    return new RunResultAssert(actual);
  }

  RunResultAssert exitedWith(int code) {
    isNotNull();
    if (actual.exitCode() != code) {
      failWithMessage("expected exit %d but was %d%n%s", code, actual.exitCode(), actual);
    }
    return this;
  }

  RunResultAssert printed(String text) {
    isNotNull();
    if (!actual.output().contains(text)) {
      failWithMessage("expected the output to contain <%s>%n%s", text, actual);
    }
    return this;
  }

  RunResultAssert printedOnStderr(String text) {
    isNotNull();
    if (!actual.stderr().contains(text)) {
      failWithMessage("expected stderr to contain <%s>%n%s", text, actual);
    }
    return this;
  }

  RunResultAssert didNotPrint(String text) {
    isNotNull();
    if (actual.output().contains(text)) {
      failWithMessage("expected the output not to contain <%s>%n%s", text, actual);
    }
    return this;
  }

  /** No secret value appears on stdout or stderr (names only, so a failure does not leak either). */
  RunResultAssert leakedNone(Collection<String> secrets) {
    isNotNull();
    for (String secret : secrets) {
      if (actual.output().contains(secret)) {
        failWithMessage("a secret value of length %d appeared in the output (exit %d)",
            secret.length(), actual.exitCode());
      }
    }
    return this;
  }

  /** The failure contract: exit 1, an error line naming {@code mentioning}, no stack trace. */
  RunResultAssert failedWithOneLine(String mentioning) {
    exitedWith(1);
    boolean named = actual.stderr().lines()
        .anyMatch(l -> l.startsWith("sync-secrets: ") && l.contains(mentioning));
    if (!named) {
      failWithMessage("expected a 'sync-secrets: ' line on stderr naming <%s>%n%s", mentioning, actual);
    }
    if (actual.output().contains("\tat ")) {
      failWithMessage("expected no stack trace without --verbose%n%s", actual);
    }
    return this;
  }
}
