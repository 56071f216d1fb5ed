package io.syncsecrets.env;

import java.util.Objects;

/**
 * A line assigning a key that sh ({@code set -a; . .env}) or systemd reads differently from
 * python-dotenv, in a way {@link EnvDocument#withValue} would fix by rewriting it.
 *
 * @param line the 1-based line the assignment starts on
 * @param problem what is wrong, the first problem in reading order
 */
public record MisreadLine(int line, Problem problem) {

  public MisreadLine {
    Objects.requireNonNull(problem, "problem");
  }

  /** What is wrong with the line, and how to fix it; never involves the value. */
  public enum Problem {
    /** {@code <NBSP>KEY=v}, {@code export<NBSP>KEY=v}: sh runs a command, systemd drops the line. */
    FOREIGN_BLANK_BEFORE_NAME(
        "has a non-ASCII blank (such as a no-break space) before the name, which sh and systemd do"
            + " not read as a blank, so only python-dotenv reads that line; replace it with a space"),
    /** {@code 'KEY'=v}: sh runs a command, systemd reads an invalid name. */
    QUOTED_NAME(
        "has a quoted name, which sh runs as a command and systemd drops, so only python-dotenv"
            + " reads that line; remove the quotes around the name"),
    /** {@code KEY = v}, {@code KEY =v}, {@code KEY= v}: sh runs a word of it as a command. */
    BLANKS_AROUND_EQUALS(
        "has a blank around '=', so sh runs part of the line as a command instead of assigning the"
            + " value; remove the blanks around '='"),
    /** {@code KEY=a b}, {@code KEY=a\b}, {@code KEY=$x}, {@code KEY=~/x}, ...: sh reads another value. */
    UNQUOTED_VALUE(
        "has an unquoted value with a character sh treats specially (a blank, a quote, a backslash,"
            + " $, a backquote, ;, &, a pipe, <, >, a parenthesis or a leading ~), so sh reads another value than"
            + " python-dotenv; put the value in quotes"),
    /** {@code KEY='a\\b'}, {@code KEY='a\'b'}: python-dotenv decodes, sh and systemd do not. */
    SINGLE_QUOTED_ESCAPE(
        "has \\\\ or \\' inside single quotes, which python-dotenv decodes and sh and systemd keep"
            + " as written; write the value in double quotes, or without those escapes"),
    /** {@code KEY="a$b"}, {@code KEY="a\n"}, {@code KEY="a\$"}: sh expands or decodes otherwise. */
    DOUBLE_QUOTED_VALUE(
        "has a $, a backquote or a backslash escape inside double quotes that sh reads differently"
            + " from python-dotenv; use single quotes, or escape only \\ and \" inside double quotes"),
    /** {@code KEY="a<CR><LF>b"}: python-dotenv reads LF, systemd and sh keep the CR in the value. */
    CRLF_INSIDE_QUOTES(
        "has a quoted value spanning lines that end in CRLF, whose CRs systemd and sh keep in the"
            + " value and python-dotenv drops; end the lines inside the quotes with LF"),
    /** {@code KEY='v'#c}, {@code KEY=v<NBSP># c}, {@code KEY=v<NBSP>}: sh keeps it in the value. */
    COMMENT_OR_TRAILING_BLANK(
        "has an inline comment without a space or tab before the '#', or a non-ASCII blank after"
            + " the value, which sh reads as part of the value; put a space before the '#' and"
            + " remove non-ASCII blanks after the value");

    private final String text;

    Problem(String text) {
      this.text = text;
    }

    /** What is wrong and, after the last semicolon, the fix; follows "line N ". */
    public String text() {
      return text;
    }
  }
}
