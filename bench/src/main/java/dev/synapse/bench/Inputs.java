package dev.synapse.bench;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Named benchmark inputs (see {@link AnalysisBench}); built from {@link BenchCorpus#defaultPath()}.
 * {@code typical} has 8 variants that the benchmark cycles through.
 */
public final class Inputs {
  /** Variants of the typical diff. */
  public static final int TYPICAL_VARIANTS = 8;

  private Inputs() {}

  /** @return the diff texts of an input name; throws IllegalArgumentException for an unknown name */
  public static String[] texts(String name) {
    BenchCorpus corpus = BenchCorpus.load(BenchCorpus.defaultPath());
    switch (name) {
      case "typical": {
        String[] out = new String[TYPICAL_VARIANTS];
        for (int i = 0; i < out.length; i++) out[i] = corpus.typical(i);
        return out;
      }
      case "mix": {
        List<BenchCorpus.Case> cases = corpus.cases();
        String[] out = new String[cases.size()];
        for (int i = 0; i < out.length; i++) out[i] = cases.get(i).diff();
        return out;
      }
      default:
        return new String[] {corpus.sized(sizeOf(name))};
    }
  }

  /** @return mean UTF-8 size in bytes of the texts */
  public static long bytes(String[] texts) {
    long total = 0;
    for (String t : texts) total += t.getBytes(StandardCharsets.UTF_8).length;
    return total / texts.length;
  }

  /** @return bytes of a size name such as {@code 10KB} or {@code 1MB} */
  public static int sizeOf(String name) {
    String n = name.toUpperCase(java.util.Locale.ROOT);
    if (n.endsWith("MB")) return Integer.parseInt(n.substring(0, n.length() - 2)) * 1024 * 1024;
    if (n.endsWith("KB")) return Integer.parseInt(n.substring(0, n.length() - 2)) * 1024;
    throw new IllegalArgumentException("unknown input '" + name + "': typical, mix, or a size like 10KB");
  }
}
