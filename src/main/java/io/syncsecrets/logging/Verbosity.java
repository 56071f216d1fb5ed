package io.syncsecrets.logging;

/** How much the tool says on the console. */
public enum Verbosity { QUIET, NORMAL, VERBOSE }
