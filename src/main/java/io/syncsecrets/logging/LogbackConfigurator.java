package io.syncsecrets.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * logback's start-up configuration, found through {@code META-INF/services}: the set-up
 * {@link LogSetup#configure} recorded (NORMAL, console only, if it has not run), in code, so logback
 * never searches for or parses XML.
 */
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {
  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public LogbackConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LogSetup.onLogbackStart(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
