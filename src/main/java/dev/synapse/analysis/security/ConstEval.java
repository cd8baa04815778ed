package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import java.util.List;
import java.util.function.Function;

/**
 * Evaluates constant expressions over tokens (numbers, strings, characters, booleans, variables
 * with known constant values, arithmetic, comparisons, boolean operators, a few string methods
 * such as {@code charAt}/{@code equals}/{@code length}), so that branches and ternaries decided by
 * constants can be folded. Returns null for anything not constant. Recursion is bounded.
 */
final class ConstEval {
  /** Thrown internally when an expression is not constant; stackless and shared (immutable). */
  private static final class NotConstant extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotConstant() {
      super("not a constant expression", null, false, false);
    }
  }

  private static final NotConstant NOT_CONSTANT = new NotConstant();

  private final List<Token> t;
  private final int end;
  private final Function<String, Object> vars;
  private int pos;
  private int depth;

  private ConstEval(List<Token> t, int a, int b, Function<String, Object> vars) {
    this.t = t;
    this.pos = a;
    this.end = b;
    this.vars = vars;
  }

  /** @return the constant value of tokens [a, b), or null */
  static Object eval(List<Token> t, int a, int b, Function<String, Object> vars) {
    if (a >= b) return null;
    ConstEval c = new ConstEval(t, a, b, vars);
    try {
      Object v = c.or();
      return c.pos == b ? v : null;
    } catch (RuntimeException e) {
      return null; // not a constant expression (e.g. division by zero, unexpected shape)
    }
  }

  /** @return Boolean.TRUE/FALSE when [a,b) is a constant condition, else null */
  static Boolean condition(List<Token> t, int a, int b, Function<String, Object> vars) {
    Object v = eval(t, a, b, vars);
    return v instanceof Boolean bo ? bo : null;
  }

  private boolean at(String op) {
    if (pos >= end) return false;
    Token x = t.get(pos);
    return (x.kind() == TokenKind.OPERATOR || x.kind() == TokenKind.KEYWORD) && x.text().equals(op);
  }

  private Object or() {
    Object l = and();
    while (at("||") || at("or")) {
      pos++;
      Object r = and();
      l = bool(l) || bool(r);
    }
    return l;
  }

  private Object and() {
    Object l = cmp();
    while (at("&&") || at("and")) {
      pos++;
      Object r = cmp();
      l = bool(l) && bool(r);
    }
    return l;
  }

  private Object cmp() {
    Object l = add();
    while (at("==") || at("!=") || at("===") || at("!==") || at("<") || at(">") || at("<=")
        || at(">=")) {
      String op = t.get(pos++).text();
      Object r = add();
      l = compare(op, l, r);
    }
    return l;
  }

  private Object add() {
    Object l = mul();
    while (at("+") || at("-") || at(".") && false) {
      String op = t.get(pos++).text();
      Object r = mul();
      if (op.equals("+") && (l instanceof String || r instanceof String)) {
        l = str(l) + str(r);
      } else {
        l = arith(op, l, r);
      }
    }
    return l;
  }

  private Object mul() {
    Object l = unary();
    while (at("*") || at("/") || at("%")) {
      String op = t.get(pos++).text();
      Object r = unary();
      l = arith(op, l, r);
    }
    return l;
  }

  private Object unary() {
    if (at("!") || at("not")) {
      pos++;
      return !bool(unary());
    }
    if (at("-")) {
      pos++;
      Object v = unary();
      if (v instanceof Long n) return -n;
      if (v instanceof Double d) return -d;
      throw NOT_CONSTANT;
    }
    return postfix(primary());
  }

  private Object primary() {
    if (pos >= end || ++depth > 100) throw NOT_CONSTANT;
    Token x = t.get(pos++);
    switch (x.kind()) {
      case NUMBER: {
        String s = x.text().replace("_", "");
        if (s.startsWith("?")) return (long) s.charAt(1);
        String lower = s.toLowerCase();
        while (!lower.isEmpty() && "lfdu".indexOf(lower.charAt(lower.length() - 1)) >= 0
            && !lower.startsWith("0x")) {
          lower = lower.substring(0, lower.length() - 1);
        }
        if (lower.startsWith("0x")) return Long.parseLong(lower.substring(2), 16);
        if (lower.contains(".") || lower.contains("e")) return Double.parseDouble(lower);
        return Long.parseLong(lower);
      }
      case STRING:
        if (x.has(Token.F_INTERPOLATED)) throw NOT_CONSTANT;
        if (x.text().length() == 1 && "'".equals(x.prefix())) return x.text().charAt(0);
        return x.text();
      case KEYWORD:
        switch (x.text()) {
          case "true": case "True": return Boolean.TRUE;
          case "false": case "False": return Boolean.FALSE;
          default: throw NOT_CONSTANT;
        }
      case IDENTIFIER: {
        Object v = vars.apply(x.text());
        if (v == null) throw NOT_CONSTANT;
        return v;
      }
      case OPERATOR:
        if (x.text().equals("(")) {
          Object v = or();
          if (!at(")")) throw NOT_CONSTANT;
          pos++;
          return v;
        }
        throw NOT_CONSTANT;
      default:
        throw NOT_CONSTANT;
    }
  }

  private Object postfix(Object v) {
    while (at("[") || at(".") && pos + 1 < end && t.get(pos + 1).kind() == TokenKind.IDENTIFIER) {
      if (at("[")) {
        pos++;
        Object idx = or();
        if (!at("]")) throw NOT_CONSTANT;
        pos++;
        v = index(v, idx);
        continue;
      }
      String m = t.get(pos + 1).text();
      pos += 2;
      Object arg = null;
      if (at("(")) {
        pos++;
        if (!at(")")) arg = or();
        if (!at(")")) throw NOT_CONSTANT;
        pos++;
      }
      v = method(v, m, arg);
    }
    return v;
  }

  /** A subscript of a string ({@code "ABC"[1]}, Python's {@code "ABC"[-1]}): a one-character string. */
  private static Object index(Object v, Object idx) {
    String s = v instanceof String str ? str : null;
    if (s == null || !(idx instanceof Long n)) throw NOT_CONSTANT;
    long i = n < 0 ? s.length() + n : n;
    if (i < 0 || i >= s.length()) throw NOT_CONSTANT;
    return String.valueOf(s.charAt((int) i));
  }

  /**
   * @return whether two constants are equal as a {@code ==} would see them: numbers by value, a
   *     one-character string equal to the same character
   */
  static boolean same(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) return x.doubleValue() == y.doubleValue();
    if (a instanceof Character c) a = String.valueOf(c);
    if (b instanceof Character c) b = String.valueOf(c);
    return a.equals(b);
  }

  private static Object method(Object v, String m, Object arg) {
    String s = v instanceof String str ? str : v instanceof Character c ? String.valueOf(c) : null;
    if (s == null) throw NOT_CONSTANT;
    switch (m) {
      case "charAt": return s.charAt((int) (long) (Long) arg);
      case "length": return (long) s.length();
      case "equals": return s.equals(str(arg));
      case "equalsIgnoreCase": return s.equalsIgnoreCase(str(arg));
      case "toUpperCase": return s.toUpperCase();
      case "toLowerCase": return s.toLowerCase();
      case "isEmpty": return s.isEmpty();
      case "contains": return s.contains(str(arg));
      case "startsWith": return s.startsWith(str(arg));
      case "trim": case "strip": return s.trim();
      case "upper": return s.toUpperCase();
      case "lower": return s.toLowerCase();
      case "startswith": return s.startsWith(str(arg));
      case "endswith": return s.endsWith(str(arg));
      default: throw NOT_CONSTANT;
    }
  }

  private static boolean bool(Object o) {
    if (o instanceof Boolean b) return b;
    throw NOT_CONSTANT;
  }

  private static String str(Object o) {
    if (o == null) throw NOT_CONSTANT;
    return String.valueOf(o);
  }

  private static Object arith(String op, Object l, Object r) {
    if (l instanceof Character c) l = (long) c;
    if (r instanceof Character c) r = (long) c;
    if (l instanceof Long a && r instanceof Long b) {
      switch (op) {
        case "+": return a + b;
        case "-": return a - b;
        case "*": return a * b;
        case "/": return a / b;
        case "%": return a % b;
        default: throw NOT_CONSTANT;
      }
    }
    if (l instanceof Number a && r instanceof Number b) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      switch (op) {
        case "+": return x + y;
        case "-": return x - y;
        case "*": return x * y;
        case "/": return x / y;
        case "%": return x % y;
        default: throw NOT_CONSTANT;
      }
    }
    throw NOT_CONSTANT;
  }

  private static Object compare(String op, Object l, Object r) {
    if (l instanceof Character c && r instanceof Character d) {
      l = (long) c;
      r = (long) d;
    }
    if (l instanceof Number a && r instanceof Number b) {
      double x = a.doubleValue();
      double y = b.doubleValue();
      switch (op) {
        case "==": case "===": return x == y;
        case "!=": case "!==": return x != y;
        case "<": return x < y;
        case ">": return x > y;
        case "<=": return x <= y;
        case ">=": return x >= y;
        default: throw NOT_CONSTANT;
      }
    }
    if (op.equals("==") || op.equals("===")) return same(l, r);
    if (op.equals("!=") || op.equals("!==")) return !same(l, r);
    throw NOT_CONSTANT;
  }
}
