// A/B of the analysis engine of two or more checkouts in one JVM (separate class loaders), thread CPU time.
// Usage: javac -d /tmp/ab bench/ab/AB.java && SYNAPSE_CORPUS=src/test/resources/corpus/review-cases.jsonl \
//          java -cp /tmp/ab AB typical 11 BASE_CHECKOUT NEW_CHECKOUT [MORE_CHECKOUTS...]
//        (each with target/synapse.jar and bench/target/benchmarks.jar built). Builds are interleaved:
//        each round runs every build for 0.7 s of thread CPU, odd rounds in reverse order; 6 warm-up rounds.
import java.lang.management.*;
import java.lang.reflect.Method;
import java.net.*;
import java.nio.file.*;
import java.util.*;
public class AB {
  public static void main(String[] a) throws Exception {
    String input = a[0]; int rounds = Integer.parseInt(a[1]);
    String[] roots = Arrays.copyOfRange(a, 2, a.length); int b = roots.length;
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Object[] checks = new Object[b]; Method[] review = new Method[b]; String[][] texts = new String[b][];
    for (int k = 0; k < b; k++) {
      URL[] urls = {Path.of(roots[k], "bench/target/benchmarks.jar").toUri().toURL(), Path.of(roots[k], "target/synapse.jar").toUri().toURL()};
      ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
      Class<?> eng = cl.loadClass("dev.synapse.bench.Engine");
      checks[k] = eng.getMethod("checkList").invoke(null);
      review[k] = eng.getMethod("review", String.class, List.class);
      texts[k] = (String[]) cl.loadClass("dev.synapse.bench.Inputs").getMethod("texts", String.class).invoke(null, input);
    }
    long budget = 700_000_000L;
    double[][] res = new double[b][rounds];
    for (int r = -6; r < rounds; r++) for (int j = 0; j < b; j++) {
      int k = (r & 1) == 0 ? j : b - 1 - j;
      long t0 = mx.getCurrentThreadCpuTime(); int n = 0;
      while (mx.getCurrentThreadCpuTime() - t0 < budget) { review[k].invoke(null, texts[k][n % texts[k].length], checks[k]); n++; }
      if (r >= 0) res[k][r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n;
    }
    for (int k = 0; k < b; k++) Arrays.sort(res[k]);
    for (int k = 0; k < b; k++)
      System.out.printf("%s %s: median %.1f us min %.1f us | median vs first %+.1f%%%n", input, roots[k],
          res[k][rounds/2], res[k][0], 100 * (res[k][rounds/2] / res[0][rounds/2] - 1));
  }
}
