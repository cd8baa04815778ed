package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.rules.Pack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RequiredLiteralsTest {

  private static List<String> of(String regex) {
    return RequiredLiterals.of(Pattern.compile(regex));
  }

  @Test
  void theLongestPlainRunOfEachAlternativeIsRequired() {
    assertEquals(List.of("csrf_exempt"), of("\\bcsrf_exempt\\s*\\(\\s*[A-Za-z_]"));
    assertEquals(List.of(".DisableAntiforgery"), of("\\.DisableAntiforgery\\s*\\(\\s*\\)"));
    assertEquals(List.of("withNoXsrfProtection", "HttpClientXsrfModule"),
        of("\\bwithNoXsrfProtection\\s*\\(\\s*\\)|\\bHttpClientXsrfModule\\s*\\.\\s*disable\\s*\\(\\s*\\)"));
    assertEquals(List.of("setFeature"), of("setFeature\\s*\\(\\s*\"http://x(?:a|b)\""));
  }

  @Test
  void aQuantifiedCharacterIsNotPartOfTheRun() {
    assertEquals(List.of("abc"), of("abcd?ef"));
    assertEquals(List.of("abcd"), of("xy+abcd"));
    assertEquals(List.of("efgh"), of("ab{2}efgh"));
  }

  @Test
  void anythingNotReadGivesNoFilter() {
    assertEquals(List.of(), of("(?i)csrf_exempt"));
    assertEquals(List.of(), RequiredLiterals.of(Pattern.compile("csrf_exempt", Pattern.CASE_INSENSITIVE)));
    assertEquals(List.of(), of("\\Qcsrf\\E_exempt"));
    assertEquals(List.of(), of("csrf|ab"));
    assertEquals(List.of(), of("(abc)\\1def"));
    assertEquals(List.of(), of("[]abc]xyzw"));
  }

  @Test
  void everyMatchOfEveryBundledRowContainsOneOfItsLiterals() throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources"))) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        for (String l : text.split("\n", -1)) lines.add(l);
      }
    }
    SecurityKnowledge k = SecurityKnowledge.bundled();
    int filtered = 0;
    int matched = 0;
    for (Pack.LinePattern r : k.linePatterns()) {
      List<String> lits = k.linePatternLiterals(r);
      if (!lits.isEmpty()) filtered++;
      for (String l : lines) {
        if (!r.pattern().matcher(l).find()) continue;
        matched++;
        assertTrue(lits.isEmpty() || lits.stream().anyMatch(l::contains), r.pattern() + " on " + l);
      }
    }
    assertTrue(filtered * 2 > k.linePatterns().size(), "rows with a filter: " + filtered);
    assertTrue(matched > 0, "no row matched any test line");
  }

  @Test
  void randomExpressionsNeverFilterOutAMatch() {
    Random rnd = new Random(12);
    String[] atoms = {"a", "b", "ab", "\\.", "\\(", "\\s*", "\\b", "[ab]", ".", "(?:a|bb)", "b?", "a+", "(?!a)",
        "|", "x{1,2}", "(?<v>ba)", "c"};
    int checked = 0;
    for (int n = 0; n < 3000; n++) {
      StringBuilder re = new StringBuilder();
      for (int j = rnd.nextInt(8) + 1; j > 0; j--) re.append(atoms[rnd.nextInt(atoms.length)]);
      Pattern p;
      try {
        p = Pattern.compile(re.toString());
      } catch (java.util.regex.PatternSyntaxException e) {
        continue;
      }
      List<String> lits = RequiredLiterals.of(p);
      for (int m = 0; m < 40; m++) {
        StringBuilder s = new StringBuilder();
        for (int j = rnd.nextInt(12); j > 0; j--) s.append("ab .(cx".charAt(rnd.nextInt(7)));
        String line = s.toString();
        if (p.matcher(line).find()) {
          checked++;
          assertTrue(lits.isEmpty() || lits.stream().anyMatch(line::contains), re + " on " + line + " " + lits);
        }
      }
    }
    assertTrue(checked > 1000, "matches checked: " + checked);
  }
}
