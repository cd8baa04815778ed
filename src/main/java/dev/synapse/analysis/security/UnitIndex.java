package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What every walk of {@link TaintAnalyzer} over one unit's tokens shares, computed once per unit
 * (the analyser walks a unit up to three times): bracket matches, the statements of the body,
 * per-token operator flags (member access, opening brackets) so that scans test a byte instead of
 * comparing strings, the positions of call-like names, prefix counts that answer "does [a, b)
 * contain any ..." in O(1), jump tables to the next token a scan acts on, and memos of lower-cased
 * token text, literal classification and the request-source pre-test filled on first use. Two
 * passes over the tokens; linear time and space in the unit's tokens. Not thread-safe: owned by
 * the one analyser that built it.
 */
final class UnitIndex {
  /** Calls that start a per-element callback (the receiver's taint flows to its parameter). */
  static final Set<String> LOOP_FUNCS = Set.of("forEach", "each", "map", "filter",
      "flatMap", "each_with_index", "each_with_object", "collect", "select", "reject", "find",
      "for_each", "foreach", "ForEach", "flat_map", "find_each", "each_slice", "map!", "each_value");

  /** Per-token flag: an operator text {@link ConstEval} can consume. */
  private static final int F_CONST_OP = 1;
  /** Per-token flag: an opening bracket (round, square or curly). */
  private static final int F_OPENER = 2;
  /** Per-token flag: a member-access operator of the language ({@link #member}). */
  private static final int F_MEMBER = 4;
  /** Per-token flag: the operator {@code <}. */
  private static final int F_LESS = 8;

  private final List<Token> toks;
  /**
   * Matching bracket per token: for ( [ { and interpolation starts the index of the closer, for
   * closers the opener's; -1 when unmatched (an unbalanced opener inside a pair is dropped).
   */
  final int[] match;
  /** Statements of the body (from {@code bodyFrom}). */
  final List<Statements.Stmt> stmts;
  private final int[] nonConst;
  private final int[] questions;
  private final int[] ifs;
  /** Prefix counts of the keyword {@code for} (Python comprehensions). */
  private final int[] fors;
  private final int[] nextGuard;
  private final int[] nextLoop;
  private final int[] textFlags;
  private final String[] lower;
  /**
   * Indices of the identifiers followed by {@code (} or {@code <} (calls, generic calls,
   * declarations, and comparisons), in descending order.
   */
  final int[] calls;
  /** Per token: F_* flags. */
  private final byte[] flags;
  /** Per token: 0 = not computed, 1 = no, 2 = {@link SecurityKnowledge#maySourceSegment} of its text. */
  private final byte[] sourceSeg;
  private final SecurityKnowledge k;

  /**
   * @param toks the unit's significant tokens
   * @param bodyFrom index of the first body token
   * @param lang the file's language
   * @param view the file's view (statement levels read line indentation)
   * @param knowledge the knowledge (guard names, source segments)
   */
  UnitIndex(List<Token> toks, int bodyFrom, Language lang, SourceView view, SecurityKnowledge knowledge) {
    this.k = knowledge;
    this.toks = toks;
    int n = toks.size();
    byte[] brackets = new byte[n];
    this.nonConst = new int[n + 1];
    this.questions = new int[n + 1];
    this.ifs = new int[n + 1];
    this.fors = new int[n + 1];
    this.nextGuard = new int[n + 1];
    this.nextLoop = new int[n + 1];
    this.textFlags = new int[n];
    this.lower = new String[n];
    this.flags = new byte[n];
    this.sourceSeg = new byte[n];
    for (int i = 0; i < n; i++) {
      Token x = toks.get(i);
      TokenKind k = x.kind();
      int f = 0;
      if (k == TokenKind.OPERATOR) {
        f = operatorFlags(x.text(), lang);
        brackets[i] = (byte) bracket(x.text());
      } else if (k == TokenKind.INTERP_START) {
        brackets[i] = INTERP;
      } else if (k == TokenKind.INTERP_END) {
        brackets[i] = -INTERP;
      }
      flags[i] = (byte) f;
      boolean constable = k == TokenKind.NUMBER || k == TokenKind.STRING || k == TokenKind.KEYWORD
          || k == TokenKind.IDENTIFIER || (f & F_CONST_OP) != 0;
      nonConst[i + 1] = nonConst[i] + (constable ? 0 : 1);
      questions[i + 1] = questions[i] + (k == TokenKind.OPERATOR && x.text().equals("?") ? 1 : 0);
      ifs[i + 1] = ifs[i] + (k == TokenKind.KEYWORD && x.text().equals("if") ? 1 : 0);
      fors[i + 1] = fors[i] + (k == TokenKind.KEYWORD && x.text().equals("for") ? 1 : 0);
    }
    this.match = matchBrackets(brackets);
    this.stmts = Statements.split(toks, bodyFrom, n, lang, view, match);
    int nextG = n;
    int nextL = n;
    nextGuard[n] = n;
    nextLoop[n] = n;
    int[] calls = new int[16];
    int nc = 0;
    for (int i = n - 1; i >= 0; i--) {
      Token x = toks.get(i);
      boolean ident = x.kind() == TokenKind.IDENTIFIER;
      boolean callParen = ident && i + 1 < n && brackets[i + 1] == 1;
      if (lang == Language.PYTHON && x.word("in") || x.op("=~")) {
        nextG = i;
      } else if (callParen) {
        String name = lower(i);
        if (k.pathGuard(name) || k.allowGuard(name)
            || FlowWords.CONTAINMENT_GUARDS.contains(name)
            || k.parseGuardMask(name) != 0) {
          nextG = i;
        }
      } else if (x.kind() == TokenKind.STRING && x.text().length() <= 3 && x.text().contains("..")) {
        nextG = i; // a '..' rejection check (TaintAnalyzer.dotDotCheck)
      }
      if (callParen || ident && i + 1 < n && (flags[i + 1] & F_LESS) != 0) {
        if (nc == calls.length) calls = java.util.Arrays.copyOf(calls, nc * 2);
        calls[nc++] = i;
      }
      if (ident && loopInitial(x.text()) && LOOP_FUNCS.contains(x.text())) {
        nextL = i;
      }
      nextGuard[i] = nextG;
      nextLoop[i] = nextL;
    }
    this.calls = java.util.Arrays.copyOf(calls, nc);
  }

  /** Bracket code of an interpolation start (negated: its end). */
  private static final int INTERP = 4;

  /** @return 1, 2, 3 for the operator texts ( [ {, the negated code for their closers, else 0 */
  private static int bracket(String s) {
    if (s.length() != 1) return 0;
    switch (s.charAt(0)) {
      case '(': return 1;
      case '[': return 2;
      case '{': return 3;
      case ')': return -1;
      case ']': return -2;
      case '}': return -3;
      default: return 0;
    }
  }

  /** @return the {@link #match} table of per-token bracket codes ({@link #bracket}, INTERP) */
  private static int[] matchBrackets(byte[] codes) {
    int n = codes.length;
    int[] m = new int[n];
    java.util.Arrays.fill(m, -1);
    int[] stack = new int[n];
    int sp = 0;
    for (int i = 0; i < n; i++) {
      int code = codes[i];
      if (code > 0) {
        stack[sp++] = i;
      } else if (code < 0) {
        // pop to the nearest compatible opener
        while (sp > 0) {
          int o = stack[sp - 1];
          if (codes[o] == -code) {
            sp--;
            m[o] = i;
            m[i] = o;
            break;
          }
          if (code == -INTERP || codes[o] != INTERP) {
            sp--; // unbalanced opener inside: drop it
          } else {
            break;
          }
        }
      }
    }
    return m;
  }

  /**
   * @return the F_* flags of an operator text: {@link ConstEval}'s operators ({@code || && == !=
   *     === !== < > <= >= + - * / % ! ( ) [ ] . or and not}), openers, the language's member operators
   */
  private static int operatorFlags(String s, Language lang) {
    switch (s) {
      case "(": case "[": case "{":
        return s.equals("{") ? F_OPENER : F_OPENER | F_CONST_OP;
      case "]":
        return F_CONST_OP;
      case ".":
        return lang == Language.PHP ? F_CONST_OP : F_CONST_OP | F_MEMBER;
      case "->":
        return lang == Language.ELIXIR ? 0 : F_MEMBER;
      case "?.":
        return lang == Language.PHP ? 0 : F_MEMBER;
      case "::":
        return F_MEMBER;
      case "<":
        return F_CONST_OP | F_LESS;
      case "||": case "&&": case "==": case "!=": case "===": case "!==": case ">":
      case "<=": case ">=": case "+": case "-": case "*": case "/": case "%": case "!": case ")":
      case "or": case "and": case "not":
        return F_CONST_OP;
      default:
        return 0;
    }
  }

  /**
   * @return whether token {@code i} is a member-access operator: {@code . -> ?. ::} ({@code ->}
   *     not in Elixir); in PHP only {@code ->} and {@code ::}
   */
  boolean member(int i) {
    return (flags[i] & F_MEMBER) != 0;
  }

  /** @return whether token {@code i} is an opening bracket operator (round, square or curly) */
  boolean opener(int i) {
    return (flags[i] & F_OPENER) != 0;
  }

  /** @return whether a name can be in {@link #LOOP_FUNCS} by its first letter (a cheap pre-test) */
  private static boolean loopInitial(String name) {
    if (name.isEmpty()) return false;
    switch (name.charAt(0)) {
      case 'f': case 'e': case 'm': case 'c': case 's': case 'r': case 'F':
        return true;
      default:
        return false;
    }
  }

  /**
   * @return false when [a, b) holds a token {@link ConstEval} cannot consume, so that evaluating
   *     it as a constant would give null; true when it might be constant
   */
  boolean mayBeConstant(int a, int b) {
    return b > toks.size() || nonConst[b] - nonConst[a] == 0;
  }

  /** @return whether [a, b) contains a {@code ?} operator */
  boolean hasQuestion(int a, int b) {
    return questions[Math.min(b, toks.size())] - questions[Math.min(a, toks.size())] > 0;
  }

  /** @return whether [a, b) contains the keyword {@code if} */
  boolean hasIf(int a, int b) {
    return ifs[Math.min(b, toks.size())] - ifs[Math.min(a, toks.size())] > 0;
  }

  /** @return whether [a, b) holds the keyword {@code for} (a comprehension may start there) */
  boolean hasFor(int a, int b) {
    return fors[Math.min(b, toks.size())] - fors[Math.min(a, toks.size())] > 0;
  }

  /**
   * @return the first index at or after {@code i} that a guard scan acts on (Python {@code in},
   *     {@code =~}, a call of a path, containment or allow-list guard name, a {@code ..} string
   *     literal); the token count when none
   */
  int nextGuard(int i) {
    return nextGuard[Math.min(i, toks.size())];
  }

  /** @return the first index at or after {@code i} naming a {@link #LOOP_FUNCS} call; size when none */
  int nextLoop(int i) {
    return nextLoop[Math.min(i, toks.size())];
  }

  /** @return {@link TextClass#classify} of string token {@code i}, computed once */
  int textOf(int i) {
    int f = textFlags[i]; // flags + 1; 0 = not classified yet
    if (f == 0) {
      f = TextClass.classify(toks.get(i).text()) + 1;
      textFlags[i] = f;
    }
    return f - 1;
  }

  /** @return the lower-cased (Locale.ROOT) text of token {@code i}, computed once */
  String lower(int i) {
    String s = lower[i];
    if (s == null) {
      s = toks.get(i).text().toLowerCase(Locale.ROOT);
      lower[i] = s;
    }
    return s;
  }

  /**
   * @return whether token {@code i}, as a segment of an access path, could make the path a
   *     request source ({@link SecurityKnowledge#maySourceSegment} of its lower-cased text), computed once
   */
  boolean maySourceSegment(int i) {
    byte b = sourceSeg[i];
    if (b == 0) {
      b = k.maySourceSegment(lower(i)) ? (byte) 2 : (byte) 1;
      sourceSeg[i] = b;
    }
    return b == 2;
  }
}
