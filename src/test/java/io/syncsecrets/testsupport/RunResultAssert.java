package io.syncsecrets.testsupport;

import io.syncsecrets.core.ExitStatus;
import java.util.Collection;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** AssertJ assertions for a {@link RunResult}; failures show the whole run's output. */
public final class RunResultAssert extends AbstractAssert<RunResultAssert, RunResult> {

  private RunResultAssert(RunResult actual) {
    super(actual, RunResultAssert.class);
  }

  public static RunResultAssert assertThat(RunResult actual) {
    return new RunResultAssert(actual);
  }

  public RunResultAssert hasExitCode(int expected) {
    isNotNull();
    if (actual.exitCode() != expected) {
      failWithMessage("expected exit code %d but was %d%n%s", expected, actual.exitCode(), actual);
    }
    return this;
  }

  public RunResultAssert exitedWith(ExitStatus expected) {
    return hasExitCode(expected.code());
  }

  public RunResultAssert succeeded() {
    return exitedWith(ExitStatus.OK);
  }

  public RunResultAssert outContains(String... fragments) {
    isNotNull();
    for (String f : fragments) {
      if (!actual.out().contains(f)) {
        failWithMessage("expected stdout to contain <%s>%n%s", f, actual);
      }
    }
    return this;
  }

  public RunResultAssert outDoesNotContain(String... fragments) {
    isNotNull();
    for (String f : fragments) {
      if (actual.out().contains(f)) {
        failWithMessage("expected stdout not to contain <%s>%n%s", f, actual);
      }
    }
    return this;
  }

  public RunResultAssert errContains(String... fragments) {
    isNotNull();
    for (String f : fragments) {
      if (!actual.err().contains(f)) {
        failWithMessage("expected stderr to contain <%s>%n%s", f, actual);
      }
    }
    return this;
  }

  public RunResultAssert hasEmptyErr() {
    isNotNull();
    if (!actual.err().isEmpty()) {
      failWithMessage("expected no stderr%n%s", actual);
    }
    return this;
  }

  public RunResultAssert hasEmptyOut() {
    isNotNull();
    if (!actual.out().isEmpty()) {
      failWithMessage("expected no stdout%n%s", actual);
    }
    return this;
  }

  /** The error is exactly one line of stderr (the usage hint line aside, for usage errors). */
  public RunResultAssert hasOneLineError(String... fragments) {
    isNotNull();
    List<String> lines = actual.err().lines()
        .filter(l -> !l.startsWith("Try 'sync-secrets --help'"))
        .toList();
    if (lines.size() != 1) {
      failWithMessage("expected exactly one error line but found %d%n%s", lines.size(), actual);
    }
    for (String f : fragments) {
      if (!lines.get(0).contains(f)) {
        failWithMessage("expected the error line to contain <%s>%n%s", f, actual);
      }
    }
    return this;
  }

  public RunResultAssert hasNoStackTrace() {
    isNotNull();
    if (looksLikeStackTrace(actual.allOutput())) {
      failWithMessage("expected no stack trace%n%s", actual);
    }
    return this;
  }

  public RunResultAssert hasStackTrace() {
    isNotNull();
    if (!looksLikeStackTrace(actual.err())) {
      failWithMessage("expected a stack trace on stderr%n%s", actual);
    }
    return this;
  }

  /** None of {@code secrets} appears anywhere in stdout or stderr. */
  public RunResultAssert doesNotLeak(Collection<String> secrets) {
    isNotNull();
    String all = actual.allOutput();
    for (String s : secrets) {
      if (s.isEmpty()) {
        continue;
      }
      if (all.contains(s)) {
        // Do not echo the secret in the failure: name where it was found.
        failWithMessage("a secret value of length %d appears in the %s%n%s", s.length(),
            actual.out().contains(s) ? "stdout" : "stderr", actual);
      }
    }
    return this;
  }

  private static boolean looksLikeStackTrace(String text) {
    return text.lines().anyMatch(l -> l.matches("\\s+at [\\w$.<>/]+\\(.*\\)"));
  }
}
