package dev.synapse.analysis.security;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The abstract value of an expression in the taint analysis: which categories it is tainted for,
 * how sure we are, where untrusted data was first mixed into text per category, what kinds of
 * literal text it carries, a constant if known, and for containers the values per constant key.
 * Immutable; operations return new values.
 */
final class Value {
  /** Text flag: SQL keywords. */
  static final int T_SQL = 1;
  /** Text flag: strong SQL (SELECT..FROM, INSERT INTO, UPDATE..SET, DELETE FROM, ORDER BY...). */
  static final int T_SQL_STRONG = 2;
  /** Text flag: HTML markup. */
  static final int T_HTML = 4;
  /** Text flag: a shell program name such as sh, bash, cmd.exe. */
  static final int T_SHELL = 8;
  /** Text flag: LDAP filter syntax. */
  static final int T_LDAP = 16;
  /** Text flag: XPath syntax. */
  static final int T_XPATH = 32;

  /** Origin: HTTP request, CLI or message input. */
  static final int O_REQUEST = 1;
  /** Origin: a parameter of the analysed function. */
  static final int O_PARAM = 2;
  /** Origin: a variable defined outside the visible code. */
  static final int O_FREE = 4;

  static final Value CLEAN = new Value(0, 0, null, 0, 0, null, null, 0L, 0);

  /** The rules in ordinal order (one copy: {@code Rule.values()} clones on every call). */
  private static final Rule[] RULES = Rule.values();
  /** Number of rules: the length of every mix-line array. */
  static final int RULE_COUNT = RULES.length;

  final int mask;
  final double conf;
  private final int[] mix;
  final int strongMix;
  final int text;
  final Object constant;
  final Map<String, Value> keyed;
  final long paramDeps;
  final int origin;

  private Value(int mask, double conf, int[] mix, int strongMix, int text, Object constant,
      Map<String, Value> keyed, long paramDeps, int origin) {
    this.mask = mask;
    this.conf = conf;
    this.mix = mix;
    this.strongMix = strongMix;
    this.text = text;
    this.constant = constant;
    this.keyed = keyed;
    this.paramDeps = paramDeps;
    this.origin = origin;
  }

  static Value source(double conf, int origin) {
    return new Value(Rule.ALL, conf, null, 0, 0, null, null, 0L, origin);
  }

  static Value param(int index, double conf) {
    return new Value(Rule.ALL, conf, null, 0, 0, null, null, index < 63 ? 1L << index : 0L, O_PARAM);
  }

  static Value constant(Object c, int text) {
    return new Value(0, 0, null, 0, text, c, null, 0L, 0);
  }

  static Value text(int text) {
    return text == 0 ? CLEAN : new Value(0, 0, null, 0, text, null, null, 0L, 0);
  }

  boolean tainted() {
    return mask != 0;
  }

  boolean tainted(Rule r) {
    return (mask & r.bit()) != 0;
  }

  int mix(Rule r) {
    return mix == null ? 0 : mix[r.ordinal()];
  }

  /** @return the mix line of the rule with this ordinal (0 = none) */
  int mix(int ordinal) {
    return mix == null ? 0 : mix[ordinal];
  }

  /** @return the union of both values (may-analysis join) */
  Value join(Value o) {
    if (o == this) return this;
    if (o == null || o == CLEAN) return this.constant != null && o == CLEAN ? withoutConstant() : this;
    if (this == CLEAN) return o.constant != null ? o.withoutConstant() : o;
    int[] m = null;
    if (mix != null || o.mix != null) {
      m = new int[RULE_COUNT];
      for (int i = 0; i < m.length; i++) {
        int a = mix == null ? 0 : mix[i];
        int b = o.mix == null ? 0 : o.mix[i];
        m[i] = a == 0 ? b : b == 0 ? a : Math.min(a, b);
      }
    }
    Map<String, Value> k = null;
    if (keyed != null || o.keyed != null) {
      k = new LinkedHashMap<>();
      if (keyed != null) k.putAll(keyed);
      if (o.keyed != null) for (Map.Entry<String, Value> e : o.keyed.entrySet()) {
        k.merge(e.getKey(), e.getValue(), Value::join);
      }
    }
    return new Value(mask | o.mask, Math.max(conf, o.conf), m, strongMix | o.strongMix,
        text | o.text, null, k, paramDeps | o.paramDeps, origin | o.origin);
  }

  Value withoutConstant() {
    if (constant == null) return this;
    return new Value(mask, conf, mix, strongMix, text, null, keyed, paramDeps, origin);
  }

  /** @return this value with the given categories sanitised */
  Value sanitise(int categories) {
    int m = mask & ~categories;
    if (m == mask) return this;
    return new Value(m, m == 0 ? 0 : conf, mix, strongMix & m, text, constant, keyed,
        m == 0 ? 0L : paramDeps, m == 0 ? 0 : origin);
  }

  /** @return this value with mix lines set for categories that have none yet */
  Value mixed(int categories, int line, int strongCats) {
    if (mask == 0 || categories == 0) return this;
    int[] m = mix == null ? new int[RULE_COUNT] : Arrays.copyOf(mix, mix.length);
    int s = strongMix;
    for (Rule r : RULES) {
      if ((categories & r.bit()) != 0 && (mask & r.bit()) != 0 && m[r.ordinal()] == 0) {
        m[r.ordinal()] = line;
        if ((strongCats & r.bit()) != 0) s |= r.bit();
      }
    }
    return new Value(mask, conf, m, s, text, constant, keyed, paramDeps, origin);
  }

  /** @return this value with the other value's mix lines for categories that have none here */
  Value withMixFrom(Value o) {
    if (o == null || o.mix == null || mask == 0) return this;
    int[] m = mix == null ? new int[RULE_COUNT] : Arrays.copyOf(mix, mix.length);
    int s = strongMix;
    for (int i = 0; i < m.length; i++) {
      if (m[i] == 0 && o.mix[i] != 0 && (mask & (1 << i)) != 0) {
        m[i] = o.mix[i];
        s |= o.strongMix & (1 << i);
      }
    }
    return new Value(mask, conf, m, s, text | o.text, constant, keyed, paramDeps, origin);
  }

  /**
   * @param lines per-category mix lines to set where this value has none (0 = none)
   * @param strongCats categories whose new mix is strong evidence
   * @return the value with those mix lines
   */
  Value withMixLines(int[] lines, int strongCats) {
    int[] m = mix == null ? new int[RULE_COUNT] : Arrays.copyOf(mix, mix.length);
    int s = strongMix;
    boolean changed = false;
    for (int i = 0; i < m.length; i++) {
      if (m[i] == 0 && lines[i] != 0 && (mask & (1 << i)) != 0) {
        m[i] = lines[i];
        s |= strongCats & (1 << i);
        changed = true;
      }
    }
    return changed ? new Value(mask, conf, m, s, text, constant, keyed, paramDeps, origin) : this;
  }

  Value withText(int t) {
    if ((text | t) == text) return this;
    return new Value(mask, conf, mix, strongMix, text | t, constant, keyed, paramDeps, origin);
  }

  Value withConf(double c) {
    return new Value(mask, c, mix, strongMix, text, constant, keyed, paramDeps, origin);
  }

  Value restrict(int m) {
    int nm = mask & m;
    return new Value(nm, nm == 0 ? 0 : conf, mix, strongMix & nm, text, null, keyed,
        nm == 0 ? 0L : paramDeps, nm == 0 ? 0 : origin);
  }

  /** @return a container value with {@code key} bound to {@code v} (strong update of the key) */
  Value put(String key, Value v) {
    Map<String, Value> k = keyed == null ? new LinkedHashMap<>() : new LinkedHashMap<>(keyed);
    k.put(key, v);
    Value base = new Value(mask, conf, mix, strongMix, text, null, k, paramDeps, origin);
    return base;
  }

  /** @return the value stored under {@code key}, or null when the container has no such key */
  Value get(String key) {
    return keyed == null ? null : keyed.get(key);
  }

  /** @return this value without strong-mix evidence (the text was consumed by a call) */
  Value weak() {
    if (strongMix == 0) return this;
    return new Value(mask, conf, mix, 0, text, constant, keyed, paramDeps, origin);
  }

  /** @return the container's own taint (from unknown keys), without its keyed elements */
  Value own() {
    return new Value(mask, conf, mix, strongMix, text, null, null, paramDeps, origin);
  }

  /** @return the join of every keyed element and the container's own taint */
  Value flatten() {
    if (keyed == null && constant == null) return this; // already flat (values are immutable)
    Value v = new Value(mask, conf, mix, strongMix, text, null, null, paramDeps, origin);
    if (keyed != null) for (Value e : keyed.values()) v = v.join(e.flatten());
    return v;
  }

  Value asList(java.util.List<Value> items) {
    Map<String, Value> k = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) k.put("#" + i, items.get(i));
    return new Value(mask, conf, mix, strongMix, text, null, k, paramDeps, origin);
  }

  /** @return list elements stored as "#0", "#1", ... or null when this is not a positional list */
  java.util.List<Value> listItems() {
    if (keyed == null) return null;
    java.util.List<Value> out = new java.util.ArrayList<>();
    for (int i = 0; ; i++) {
      Value v = keyed.get("#" + i);
      if (v == null) break;
      out.add(v);
    }
    return out.size() == keyed.size() ? out : null;
  }
}
