package io.syncsecrets.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * logback's start-up configuration, found through {@code META-INF/services}: the NORMAL console set-up
 * in code, so logback never searches for or parses XML before {@link LogSetup#configure} runs.
 */
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {
  /** Public no-argument constructor for {@link java.util.ServiceLoader}. */
  public LogbackConfigurator() {}

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    LogSetup.configureDefault(context);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
