package io.syncsecrets.cli;

/** Entry point of the jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // Names the SLF4J provider, so the first log line skips a ServiceLoader scan of the class path.
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", "ch.qos.logback.classic.spi.LogbackServiceProvider");
    }
    System.exit(Cli.run(System.getenv(), System.in, args));
  }
}
