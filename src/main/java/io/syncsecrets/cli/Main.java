package io.syncsecrets.cli;

/** Entry point of the jar. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(Cli.run(System.getenv(), System.in, args));
  }
}
