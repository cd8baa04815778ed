package dev.synapse.diff;

/**
 * Informal throughput probe, not a test: {@code java -cp target/classes:target/test-classes
 * dev.synapse.diff.DiffParserThroughput [MB]}. Prints MB/s over a few warmed-up runs.
 */
public final class DiffParserThroughput {
  private DiffParserThroughput() {}

  public static void main(String[] args) {
    int mb = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    String diff = DiffParserTest.bigDiff(mb << 20);
    double sizeMb = diff.length() / (1024.0 * 1024.0);
    for (int round = 0; round < 8; round++) {
      long t0 = System.nanoTime();
      Diff d = DiffParser.parse(diff);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("round %d: %.1f MB in %.3f s = %.0f MB/s (%d files)%n",
          round, sizeMb, s, sizeMb / s, d.fileCount());
    }
    String line = "diff --git " + "a/ b/ ".repeat(1 << 17) + "\"\n@@ -1 +1 @@\n-" + "x".repeat(1 << 20)
        + "\n+y\n";
    line += "diff --git \"" + "\u00e9 \"".repeat(1 << 18) + "\n--- \"" + "\u00e9".repeat(1 << 20) + "\n";
    long t0 = System.nanoTime();
    DiffParser.parse(line);
    System.out.printf("1 MB adversarial lines: %.3f s%n", (System.nanoTime() - t0) / 1e9);
  }
}
