package dev.synapse.analysis.rules;

import java.util.List;

/**
 * When a row applies to a call: receiver and callee globs (any of a list matches; the {@code _not}
 * lists must not match), constructor form and argument count. Absent parts always hold.
 * Immutable.
 *
 * @param receiver globs of which one must match the receiver ({@code null}: any receiver)
 * @param receiverNot globs none of which may match the receiver
 * @param callee globs of which one must match the dotted callee ({@code new T} for constructors)
 * @param calleeNot globs none of which may match the callee
 * @param constructor true: constructor calls only; false: plain calls only; null: both
 * @param argc required argument count, or null
 * @param argcNot excluded argument count, or null
 */
public record Condition(List<Glob> receiver, List<Glob> receiverNot, List<Glob> callee,
    List<Glob> calleeNot, Boolean constructor, Integer argc, Integer argcNot) {
  /** A condition that always holds. */
  public static final Condition ALWAYS = new Condition(null, null, null, null, null, null, null);

  /** @return every glob of this condition (to resolve receiver classes) */
  public List<Glob> globs() {
    java.util.ArrayList<Glob> g = new java.util.ArrayList<>();
    for (List<Glob> l : java.util.Arrays.asList(receiver, receiverNot, callee, calleeNot)) {
      if (l != null) g.addAll(l);
    }
    return g;
  }
}
