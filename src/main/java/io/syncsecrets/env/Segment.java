package io.syncsecrets.env;

/** One run of a .env file's text: an assignment, a bare {@code export KEY}, or the text between. */
sealed interface Segment permits Segment.Trivia, Segment.Declaration, Segment.Entry {

  /** The exact text this segment came from; concatenating all segments gives the file back. */
  String text();

  /** Blank lines, comments and indentation: kept verbatim, never interpreted. */
  record Trivia(String text) implements Segment {}

  /**
   * An {@code export KEY} line without {@code =}, kept verbatim: python-dotenv reads the key with
   * no value (None), which {@code load_dotenv} leaves unset; it assigns nothing.
   *
   * @param text the whole line as written, line ending included
   * @param key the key
   * @param line the 1-based line
   */
  record Declaration(String text, String key, int line) implements Segment {
    // The line may end in a comment, which is the people's text: show the key only.
    @Override
    public String toString() {
      return "Declaration[key=" + key + ", line=" + line + "]";
    }
  }

  /** How a value is written. */
  enum Style {
    UNQUOTED,
    SINGLE,
    DOUBLE
  }

  /**
   * One {@code KEY=value} assignment split into the pieces a writer replaces or keeps.
   *
   * @param exportPrefix {@code "export "} as written, or empty
   * @param keyText the key as written (possibly single-quoted)
   * @param key the key as python-dotenv reads it
   * @param assign whitespace, {@code =} and whitespace as written
   * @param valueText the value as written, quotes included
   * @param style the quoting of {@code valueText}
   * @param value the value as python-dotenv decodes it (before interpolation)
   * @param tail inline comment and trailing blanks as written
   * @param eol the line ending: {@code "\r\n"}, {@code "\n"} or empty at end of file
   * @param line the 1-based line the assignment starts on
   */
  record Entry(
      String exportPrefix,
      String keyText,
      String key,
      String assign,
      String valueText,
      Style style,
      String value,
      String tail,
      String eol,
      int line)
      implements Segment {

    @Override
    public String text() {
      return exportPrefix + keyText + assign + valueText + tail + eol;
    }

    // A record's generated toString() would print the secret.
    @Override
    public String toString() {
      return "Entry[key=" + key + ", line=" + line + ", style=" + style + "]";
    }
  }
}
