package io.syncsecrets.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A child-process main for {@link JournalOutputTest}: logs at every level and writes via both writers. */
public final class JournalProbe {
  private JournalProbe() {}

  public static void main(String[] args) {
    if (!args[0].equals("default")) {
      LogSetup.configure(Verbosity.valueOf(args[0]), null);
    }
    Logger log = LoggerFactory.getLogger("io.syncsecrets.SomeStage");
    log.error("e1");
    log.warn("w1\nw2");
    log.info("i1");
    log.debug("d1");
    LogSetup.stdout().println("out1\nout2");
    LogSetup.stderr().println("usage1");
  }
}
