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
  static int of(SourceLanguage lang, List<Toks> lines) {
    int c = 1;
    for (Toks line : lines) c += decisions(lang, line);
    return c;
  }

  /** @return the decision points on one tokenised line */
  static int decisions(SourceLanguage lang, Toks t) {
    int n = 0;
    for (int i = 0; i < t.size(); i++) {
      char first = t.charAt(i, 0);
      if (first >= 128 || !MAY_DECIDE[first]) continue;
      if (COMMON.contains(t, i)) {
        n++;
        continue;
      }
      switch (lang) {
        case JAVA, JAVASCRIPT, TYPESCRIPT, CSHARP, PHP -> {
          if (t.is(i, "case") || t.is(i, "catch")) n++;
          else if (ternary(t, i)) n++;
          else if (t.is(i, "??") && lang != SourceLanguage.JAVA) n++;
          else if (lang == SourceLanguage.PHP && (t.is(i, "elseif") || t.is(i, "foreach")
              || t.is(i, "and") || t.is(i, "or") || t.is(i, "?:"))) n++;
          else if (lang == SourceLanguage.CSHARP && (t.is(i, "foreach") || t.is(i, "when"))) n++;
        }
        case GO -> {
          if (t.is(i, "case")) n++;
        }
        case KOTLIN -> {
          if (t.is(i, "catch") || t.is(i, "?:")) n++;
          else if (t.is(i, "->") && whenArm(t, i)) n++;
        }
        case PYTHON -> {
          if (t.is(i, "elif") || t.is(i, "except") || t.is(i, "and") || t.is(i, "or")) n++;
          else if (t.is(i, "case") && i == 0) n++;
        }
        case RUBY -> {
          if (t.is(i, "elsif") || t.is(i, "unless") || t.is(i, "until") || t.is(i, "when")
              || t.is(i, "rescue") || t.is(i, "and") || t.is(i, "or")) n++;
          else if (ternary(t, i)) n++;
        }
        case ELIXIR -> {
          if (t.is(i, "unless") || t.is(i, "->") || t.is(i, "when") || t.is(i, "and")
              || t.is(i, "or")) n++;
        }
        default -> { }
      }
    }
    return n;
  }

  /** A lone {@code ?} with whitespace after it and whitespace or {@code )} before it. */
  private static boolean ternary(Toks t, int i) {
    if (!t.is(i, "?") || !t.spaceAfter(i)) return false;
    return t.spaceBefore(i) || (i > 0 && t.is(i - 1, ")"));
  }

  /** A Kotlin {@code ->} not inside a lambda brace on the same line and not after {@code else}. */
  private static boolean whenArm(Toks t, int i) {
    for (int k = Math.max(0, i - 64); k < i; k++) if (t.is(k, "{")) return false;
    return !(i == 1 && t.is(0, "else"));
  }
}
