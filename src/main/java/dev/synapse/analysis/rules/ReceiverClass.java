package dev.synapse.analysis.rules;

import java.util.Set;

/**
 * A named receiver condition of the packs ({@code receiver_classes}), used as {@code @name} in
 * receiver globs: the lower-cased receiver itself is one of {@link #names}, or its last segment
 * (after the last dot, {@code ()} removed) is one of them or ends with one of {@link #suffixes}.
 * An empty receiver never matches. Immutable.
 */
public record ReceiverClass(String name, Set<String> names, java.util.List<String> suffixes) {
  /** @param recv lower-cased receiver path, "" when none */
  public boolean matches(String recv) {
    if (recv.isEmpty()) return false;
    if (names.contains(recv)) return true;
    String last = recv.substring(recv.lastIndexOf('.') + 1).replace("()", "");
    if (names.contains(last)) return true;
    for (String s : suffixes) if (last.endsWith(s)) return true;
    return false;
  }
}
