package io.syncsecrets.logging;

import java.io.PrintStream;
import java.io.Writer;

/**
 * A writer that puts a fixed prefix (an sd-daemon priority such as {@code <6>}) in front of every
 * line, so that each line of a multi-line message lands in the journal at the intended priority.
 */
final class PrefixingWriter extends Writer {
  private final PrintStream out;
  private final String prefix;
  private boolean atLineStart = true;

  PrefixingWriter(PrintStream out, String prefix) {
    super(out);
    this.out = out;
    this.prefix = prefix;
  }

  @Override
  public void write(char[] buf, int off, int len) {
    synchronized (lock) {
      int start = off;
      int end = off + len;
      for (int i = off; i < end; i++) {
        if (atLineStart) {
          out.print(prefix);
          atLineStart = false;
        }
        if (buf[i] == '\n') {
          out.print(new String(buf, start, i + 1 - start));
          start = i + 1;
          atLineStart = true;
        }
      }
      if (start < end) {
        out.print(new String(buf, start, end - start));
      }
    }
  }

  @Override
  public void flush() {
    out.flush();
  }

  @Override
  public void close() {
    // The standard streams stay open for the rest of the process.
    flush();
  }
}
