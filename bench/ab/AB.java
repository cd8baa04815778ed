// A/B of the analysis engine of two checkouts in one JVM (separate class loaders), thread CPU time.
// Usage: javac -d /tmp/ab bench/ab/AB.java && SYNAPSE_CORPUS=src/test/resources/corpus/review-cases.jsonl \
//          java -cp /tmp/ab AB typical 10 OLD_CHECKOUT NEW_CHECKOUT   (each with target/synapse.jar and bench/target/benchmarks.jar built)
import java.lang.management.*;
import java.lang.reflect.Method;
import java.net.*;
import java.nio.file.*;
import java.util.*;
public class AB {
  public static void main(String[] a) throws Exception {
    String input = a[0]; int rounds = Integer.parseInt(a[1]);
    String[] roots = {a[2], a[3]};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Object[] checks = new Object[2]; Method[] review = new Method[2]; String[][] texts = new String[2][];
    for (int k = 0; k < 2; k++) {
      URL[] urls = {Path.of(roots[k], "bench/target/benchmarks.jar").toUri().toURL(), Path.of(roots[k], "target/synapse.jar").toUri().toURL()};
      ClassLoader cl = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
      Class<?> eng = cl.loadClass("dev.synapse.bench.Engine");
      checks[k] = eng.getMethod("checkList").invoke(null);
      review[k] = eng.getMethod("review", String.class, List.class);
      texts[k] = (String[]) cl.loadClass("dev.synapse.bench.Inputs").getMethod("texts", String.class).invoke(null, input);
    }
    long budget = 700_000_000L;
    double[][] res = new double[2][rounds];
    for (int r = -6; r < rounds; r++) for (int k = 0; k < 2; k++) {
      long t0 = mx.getCurrentThreadCpuTime(); int n = 0;
      while (mx.getCurrentThreadCpuTime() - t0 < budget) { review[k].invoke(null, texts[k][n % texts[k].length], checks[k]); n++; }
      if (r >= 0) res[k][r] = (mx.getCurrentThreadCpuTime() - t0) / 1e3 / n;
    }
    for (int k = 0; k < 2; k++) Arrays.sort(res[k]);
    System.out.printf("%s: base median %.1f min %.1f | new median %.1f min %.1f | speedup %.2fx (median)%n", input,
        res[0][rounds/2], res[0][0], res[1][rounds/2], res[1][0], res[0][rounds/2]/res[1][rounds/2]);
  }
}
