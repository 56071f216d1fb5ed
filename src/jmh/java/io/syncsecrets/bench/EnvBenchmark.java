package io.syncsecrets.bench;

import io.syncsecrets.diff.DiffEngine;
import io.syncsecrets.diff.KeyDecision;
import io.syncsecrets.diff.SyncPlan;
import io.syncsecrets.diff.VariablePolicy;
import io.syncsecrets.env.EnvDocument;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parse, diff and render of a small (19-line) and large (50,000 and 500,000-line) target.
 *
 * <p>Uses only the document's stable API ({@code parse}, {@code values}, {@code withValue},
 * {@code render}, {@code assignmentCount}, {@code verifyReadsBack}), so it measures whichever
 * parser is in the tree. The time per line should stay flat from 50k to 500k: a quadratic step
 * shows up as a 10x larger per-line figure.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EnvBenchmark {
  @Param({"19", "50000", "500000"})
  public int lines;

  private byte[] bytes;
  private EnvDocument document;
  private Map<String, String> source;
  private DiffEngine diff;
  private SyncPlan plan;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    bytes = EnvFixtures.target(lines);
    document = EnvDocument.parse("bench.env", bytes);
    source = EnvFixtures.source();
    diff = new DiffEngine(VariablePolicy.defaults(), false);
    plan = diff.plan(source, document);
    if (plan.changes().size() != 6) {
      throw new IllegalStateException("fixture should need 5 updates and 1 add, got " + plan.changes());
    }
  }

  /** Bytes to document. */
  @Benchmark
  public EnvDocument parse() throws Exception {
    return EnvDocument.parse("bench.env", bytes);
  }

  /** The per-key plan for the 12 synced keys against a parsed target. */
  @Benchmark
  public SyncPlan diff() {
    return diff.plan(source, document);
  }

  /** An unchanged document back to bytes. */
  @Benchmark
  public byte[] render() {
    return document.render();
  }

  /** The plan applied (6 values set) and rendered. */
  @Benchmark
  public byte[] applyAndRender() throws Exception {
    return apply(document, plan).render();
  }

  /**
   * What one real sync does in memory: parse, plan, apply, render, parse the result again and
   * check every value reads back. No I/O.
   */
  @Benchmark
  public EnvDocument pipeline() throws Exception {
    EnvDocument parsed = EnvDocument.parse("bench.env", bytes);
    SyncPlan p = diff.plan(source, parsed);
    Map<String, String> expected = new LinkedHashMap<>(parsed.values());
    for (KeyDecision change : p.changes()) {
      expected.put(change.key(), change.desired().orElseThrow().reveal());
    }
    EnvDocument reread = EnvDocument.parse("bench.env", apply(parsed, p).render());
    reread.verifyReadsBack(expected);
    return reread;
  }

  private static EnvDocument apply(EnvDocument document, SyncPlan plan) throws Exception {
    EnvDocument updated = document;
    for (KeyDecision change : plan.changes()) {
      updated = updated.withValue(change.key(), change.desired().orElseThrow().reveal());
    }
    return updated;
  }
}
