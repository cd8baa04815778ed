package dev.synapse.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Prometheus text exposition format and sums samples by metric name (labels dropped), for
 * the key figures shown by {@code synapse remote}. Linear in the input; ignores comments and
 * lines it cannot read. Immutable after construction.
 */
final class MetricsDigest {
  private final Map<String, Double> sums = new LinkedHashMap<>();

  /** @param text a {@code GET /metrics} body */
  MetricsDigest(String text) {
    for (String line : text.split("\n")) {
      String l = line.trim();
      if (l.isEmpty() || l.startsWith("#")) continue;
      int nameEnd = 0;
      while (nameEnd < l.length() && l.charAt(nameEnd) != '{' && l.charAt(nameEnd) != ' ') nameEnd++;
      String name = l.substring(0, nameEnd);
      int valueStart = l.charAt(Math.min(nameEnd, l.length() - 1)) == '{' ? l.lastIndexOf('}') + 1 : nameEnd;
      String[] rest = l.substring(Math.max(valueStart, nameEnd)).trim().split(" ");
      try {
        double v = Double.parseDouble(rest[0]);
        if (!Double.isNaN(v)) sums.merge(name, v, Double::sum);
      } catch (NumberFormatException e) {
        // not a sample line
      }
    }
  }

  /** @return the sum of every sample of the metric, or null when absent */
  Double sum(String name) {
    return sums.get(name);
  }

  /** @return true when the body held no samples at all */
  boolean isEmpty() {
    return sums.isEmpty();
  }
}
