package dev.synapse.analysis.performance;

import java.util.List;

/**
 * Cyclomatic complexity (McCabe 1976; counting rules in the style of PMD, ESLint, gocyclo,
 * radon, RuboCop and Credo): 1 + the number of decision points in a function's code. Decision
 * points per language:
 *
 * <ul>
 *   <li>all: {@code if}, loops ({@code for}, {@code while}; {@code foreach} in PHP and C#),
 *       boolean operators {@code &&} and {@code ||};
 *   <li>C-family (Java, C#, JavaScript, TypeScript, Go, PHP): {@code case} arms (not
 *       {@code default}), {@code catch}; the ternary {@code ? :} except in Go;
 *       {@code ??} in JavaScript, TypeScript, C# and PHP; {@code ?:} in PHP and Kotlin;
 *       {@code when} exception filters in C#;
 *   <li>Kotlin: {@code when} arms ({@code ->} outside a lambda), {@code catch};
 *   <li>Python: {@code elif}, {@code except}, {@code case} arms, {@code and}, {@code or}
 *       (comprehension {@code for}/{@code if} included);
 *   <li>Ruby: {@code elsif}, {@code unless}, {@code until}, {@code when}, {@code rescue},
 *       {@code and}, {@code or}, ternary;
 *   <li>PHP: {@code elseif}, {@code and}, {@code or};
 *   <li>Elixir: {@code unless}, each {@code ->} clause (case, cond, with-else, receive, fn,
 *       rescue), {@code when} guards, {@code and}, {@code or}.
 * </ul>
 *
 * {@code else}, {@code default} and iterator calls such as {@code each}/{@code map} are not
 * decisions. Input is masked code (strings and comments blanked), so keywords inside literals
 * do not count. Stateless; linear in the token count.
 */
final class Complexity {
  private static final WordSet COMMON = WordSet.of(
      "if", "for", "while", "&&", "||");

  /**
   * First characters of every token that can be a decision point below ({@code if for foreach
   * while when && || case catch ? ?? ?: elif elseif elsif except and or unless until rescue ->});
   * other tokens are skipped without a set lookup.
   */
  private static final boolean[] MAY_DECIDE = new boolean[128];

  static {
    for (char c : "ifw&|c?eaour-".toCharArray()) MAY_DECIDE[c] = true;
  }

  private Complexity() {}

  /**
   * @param lang the language
   * @param lines tokenised masked lines of one function (declaration included)
   * @return 1 + decision points
   */
  static int of(SourceLanguage lang, List<List<Tok>> lines) {
    int c = 1;
    for (List<Tok> line : lines) c += decisions(lang, line);
    return c;
  }

  /** @return the decision points on one tokenised line */
  static int decisions(SourceLanguage lang, List<Tok> t) {
    int n = 0;
    for (int i = 0; i < t.size(); i++) {
      Tok tok = t.get(i);
      String s = tok.text();
      char first = s.charAt(0);
      if (first >= 128 || !MAY_DECIDE[first]) continue;
      if (COMMON.contains(s)) {
        n++;
        continue;
      }
      switch (lang) {
        case JAVA, JAVASCRIPT, TYPESCRIPT, CSHARP, PHP -> {
          if (s.equals("case") || s.equals("catch")) n++;
          else if (ternary(t, i)) n++;
          else if (s.equals("??") && lang != SourceLanguage.JAVA) n++;
          else if (lang == SourceLanguage.PHP && (s.equals("elseif") || s.equals("foreach")
              || s.equals("and") || s.equals("or") || s.equals("?:"))) n++;
          else if (lang == SourceLanguage.CSHARP && (s.equals("foreach") || s.equals("when"))) n++;
        }
        case GO -> {
          if (s.equals("case")) n++;
        }
        case KOTLIN -> {
          if (s.equals("catch") || s.equals("?:")) n++;
          else if (s.equals("->") && whenArm(t, i)) n++;
        }
        case PYTHON -> {
          if (s.equals("elif") || s.equals("except") || s.equals("and") || s.equals("or")) n++;
          else if (s.equals("case") && i == 0) n++;
        }
        case RUBY -> {
          if (s.equals("elsif") || s.equals("unless") || s.equals("until") || s.equals("when")
              || s.equals("rescue") || s.equals("and") || s.equals("or")) n++;
          else if (ternary(t, i)) n++;
        }
        case ELIXIR -> {
          if (s.equals("unless") || s.equals("->") || s.equals("when") || s.equals("and")
              || s.equals("or")) n++;
        }
        default -> { }
      }
    }
    return n;
  }

  /** A lone {@code ?} with whitespace after it and whitespace or {@code )} before it. */
  private static boolean ternary(List<Tok> t, int i) {
    Tok tok = t.get(i);
    if (!tok.is("?") || !tok.spaceAfter()) return false;
    return tok.spaceBefore() || (i > 0 && t.get(i - 1).is(")"));
  }

  /** A Kotlin {@code ->} not inside a lambda brace on the same line and not after {@code else}. */
  private static boolean whenArm(List<Tok> t, int i) {
    for (int k = Math.max(0, i - 64); k < i; k++) if (t.get(k).is("{")) return false;
    return !(i == 1 && t.get(0).is("else"));
  }
}
