package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.SourceView;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits a function's significant tokens into statements: at {@code ;}, at block braces, and (in
 * languages without mandatory semicolons) at line ends that do not continue the expression. Each
 * statement gets a nesting level: block depth for brace languages, indentation otherwise.
 * Linear in the number of tokens. Stateless.
 */
final class Statements {
  private Statements() {}

  /**
   * @param a first token index
   * @param b one past the last token index
   * @param level nesting level
   */
  record Stmt(int a, int b, int level) {}

  private static final Set<String> CONT_END = Set.of("+", "-", "*", "/", "%", "=", "==", "!=",
      "&&", "||", ".", ",", "(", "[", "{", "=>", "|>", "<>", "\\", "?", "+=", "-=", "&", "|", "??",
      ":=", "===", "!==", "<=", ">=", "and", "or", "not", "in", "<<", "**", "?.", "..", "++_");
  private static final Set<String> CONT_START = Set.of(".", "?.", "|>", "&&", "||", "?", "->",
      "<>", "and", "or", "+", "::", "then", "++_", "]", ")", "}");

  static List<Stmt> split(List<Token> t, int from, int to, Language lang, SourceView view,
      int[] match) {
    List<Stmt> out = new ArrayList<>();
    boolean cLike = lang.family() == Language.Family.C_LIKE;
    boolean newlines = lang != Language.JAVA && lang != Language.CSHARP && lang != Language.PHP;
    int paren = 0;
    int block = 0;
    // open braces, innermost last: the paren depth saved by a block brace, or -1 for a non-block
    int[] braces = new int[16];
    int sp = 0;
    int start = from;
    for (int i = from; i < to; i++) {
      Token tok = t.get(i);
      if (tok.kind() == TokenKind.STRING && "html".equals(tok.prefix())) {
        emit(out, start, i, level(t, start, block, cLike, view));
        start = i + 1;
        continue;
      }
      if (tok.kind() == TokenKind.OPERATOR) {
        String s = tok.text();
        if (s.equals("(") || s.equals("[")) {
          paren++;
        } else if (s.equals(")") || s.equals("]")) {
          if (paren > 0) paren--;
        } else if (s.equals("{")) {
          if (cLike && isBlock(t, from, start, i, lang)) {
            emit(out, start, i, level(t, start, block, cLike, view));
            if (sp == braces.length) braces = java.util.Arrays.copyOf(braces, sp * 2);
            braces[sp++] = paren;
            paren = 0;
            block++;
            start = i + 1;
            continue;
          }
          if (sp == braces.length) braces = java.util.Arrays.copyOf(braces, sp * 2);
          braces[sp++] = -1;
          paren++;
        } else if (s.equals("}")) {
          int savedParen = sp == 0 ? 0 : braces[--sp]; // an unmatched } closes a block
          if (savedParen >= 0) {
            emit(out, start, i, level(t, start, block, cLike, view));
            block--;
            paren = savedParen;
            start = i + 1;
            continue;
          }
          if (paren > 0) paren--;
        } else if (s.equals(";") && paren == 0) {
          emit(out, start, i, level(t, start, block, cLike, view));
          start = i + 1;
          continue;
        }
      }
      if (newlines && paren == 0 && i + 1 < to && t.get(i + 1).line() > tok.endLine()
          && !continues(tok, t.get(i + 1), lang)) {
        emit(out, start, i + 1, level(t, start, block, cLike, view));
        start = i + 1;
      }
    }
    emit(out, start, to, level(t, Math.min(start, to - 1), block, cLike, view));
    return out;
  }

  private static void emit(List<Stmt> out, int a, int b, int level) {
    if (b > a) out.add(new Stmt(a, b, level));
  }

  private static int level(List<Token> t, int start, int block, boolean cLike, SourceView view) {
    if (cLike || start < 0 || start >= t.size()) return block;
    String text = view.line(t.get(start).line());
    int ind = text == null ? 0 : SourceView.indentOf(text);
    return Math.max(ind, 0);
  }

  private static boolean continues(Token last, Token next, Language lang) {
    if (last.kind() == TokenKind.OPERATOR || last.kind() == TokenKind.KEYWORD) {
      String s = last.text();
      if (CONT_END.contains(s)) {
        return !(s.equals("{") && lang != Language.GO);
      }
      if (s.equals("->") && lang != Language.ELIXIR) return true;
    }
    if (next.kind() == TokenKind.OPERATOR || next.kind() == TokenKind.KEYWORD) {
      String s = next.text();
      if (CONT_START.contains(s)) return true;
      if (s.equals(":") && lang != Language.PYTHON) return false;
    }
    return false;
  }

  private static boolean isBlock(List<Token> t, int from, int stmtStart, int i, Language lang) {
    int p = i - 1;
    if (p < from) return true;
    Token prev = t.get(p);
    if (prev.op(")") || prev.op("=>") || prev.op("->")) return true;
    if (prev.kind() == TokenKind.KEYWORD) {
      String k = prev.text();
      return !(k.equals("return") || k.equals("in") || k.equals("of") || k.equals("yield")
          || k.equals("await") || k.equals("throw")
          // const { a, b } = obj  (JS/TS destructuring declaration)
          || (k.equals("const") || k.equals("let") || k.equals("var"))
          && (lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT));
    }
    if (prev.kind() == TokenKind.OPERATOR) {
      String s = prev.text();
      if (s.equals("=") || s.equals("(") || s.equals(",") || s.equals(":") || s.equals("?")
          || s.equals("[") || s.equals("||") || s.equals("&&") || s.equals("??") || s.equals("+")
          || s.equals("{") || s.equals("]") && lang != Language.GO && false) {
        return false;
      }
      if (s.equals("]")) return false;
      if (s.equals(";") || s.equals("}")) return true;
      return s.equals(">") ? stmtHasKeyword(t, stmtStart, i) : false;
    }
    if (prev.kind() == TokenKind.IDENTIFIER) {
      if (lang == Language.GO) {
        Token first = t.get(stmtStart);
        return first.kind() == TokenKind.KEYWORD;
      }
      return true;
    }
    return false;
  }

  private static boolean stmtHasKeyword(List<Token> t, int a, int b) {
    for (int i = a; i < b; i++) {
      Token x = t.get(i);
      if (x.kind() == TokenKind.KEYWORD && (x.text().equals("class") || x.text().equals("interface")
          || x.text().equals("extends") || x.text().equals("implements") || x.text().equals("public")
          || x.text().equals("private") || x.text().equals("protected") || x.text().equals("static"))) {
        return true;
      }
      if (x.op("=")) return false;
    }
    return true;
  }
}
