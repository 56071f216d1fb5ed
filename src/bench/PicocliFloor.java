import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The floor picocli alone puts under start-up: a two-option command built programmatically (no
 * annotations, no reflection on user classes), then one parse. See docs/PERFORMANCE.md.
 */
public class PicocliFloor {
  public static void main(String[] args) {
    long t0 = System.nanoTime();
    CommandSpec spec = CommandSpec.create().name("floor");
    spec.addOption(OptionSpec.builder("--source").type(String.class).build());
    spec.addOption(OptionSpec.builder("--dry-run").type(boolean.class).build());
    CommandLine cl = new CommandLine(spec);
    long t1 = System.nanoTime();
    cl.parseArgs(args);
    long t2 = System.nanoTime();
    System.out.println("build " + (t1 - t0) / 1_000_000 + " ms, parse " + (t2 - t1) / 1_000_000 + " ms");
  }
}
