package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class LineTokensTest {
  // The regular expressions the hand-written scanner replaced: the reference for its splits.
  private static final Pattern CODE_ONLY = Pattern.compile(
      "\\$[A-Za-z0-9_$]*|[A-Za-z_@][A-Za-z0-9_$]*[?!]?|\\d+|--[A-Za-z-]*|\\S");
  private static final Pattern TOKEN = Pattern.compile(
      "\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`(?:[^`\\\\]|\\\\.)*`"
          + "|\\$[A-Za-z0-9_$]*|[A-Za-z_@][A-Za-z0-9_$]*[?!]?|\\d+|--[A-Za-z-]*|\\S");

  private static List<LineTokens.Tok> reference(String line) {
    List<LineTokens.Tok> out = new ArrayList<>();
    if (line == null || line.length() > LineTokens.MAX_CHARS) return out;
    boolean template = line.contains("{{") || line.contains("<%") || line.contains("<?=");
    Matcher m = (template ? CODE_ONLY : TOKEN).matcher(line);
    while (m.find()) {
      String s = m.group();
      char c = s.charAt(0);
      char kind = c == '"' || c == '\'' || c == '`' ? 's'
          : Character.isDigit(c) ? 'n'
          : Character.isLetter(c) || c == '_' || c == '$' || c == '@' ? 'w' : 'p';
      out.add(new LineTokens.Tok(kind, s, m.start()));
    }
    return out;
  }

  @Test
  void splitsTrickyLinesLikeTheReferenceExpressions() {
    String[] lines = {
      "x = \"a\\\"b\" + 'c' + `d`", "unclosed \"quote here", "esc at end \"abc\\", "esc\\\r\"x\\\rq\"",
      "<%= h @user.name %> \"x\"", "{{ .Name | html }} 'y'", "$var = $_GET['id']; $$x", "--flag-x --",
      "cmd -- -x ---a", "é = ü + 123abc 4.5e6", "emoji 😀 \"😀\\😀\" ok", "\u00a0nbsp\u2028sep", "a?!b? c!d",
      "@Annotation(x=1)", "", "   \t\f\u000b  ", null, "x".repeat(LineTokens.MAX_CHARS + 1), "'\\\n'",
      "\"\\u2028\"", "\ud800 lone \udc00 surrogates \ud83d"
    };
    for (String l : lines) assertEquals(reference(l), LineTokens.of(l), () -> "line: " + l);
  }

  @Test
  void splitsRandomLinesOfCodeCharactersLikeTheReferenceExpressions() {
    String alphabet = "aZ_@$09-?!\"'`\\ \t\r\n{}<%=?.()|,;:é😀\u2028\u0085\u00a0";
    Random r = new Random(12);
    for (int n = 0; n < 50_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(24);
      for (int i = 0; i < len; i++) {
        int at = r.nextInt(alphabet.length());
        char c = alphabet.charAt(at);
        b.append(c);
        if (Character.isHighSurrogate(c) && at + 1 < alphabet.length()) b.append(alphabet.charAt(at + 1));
      }
      String l = b.toString();
      assertEquals(reference(l), LineTokens.of(l), () -> "line: " + l);
    }
  }

  @Test
  void splitsEveryLineOfTheCorporaLikeTheReferenceExpressions() throws IOException {
    int lines = 0;
    try (Stream<Path> files = Files.walk(Path.of("src/test/resources/corpus"))) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        for (String l : new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.UTF_8).split("\n", -1)) {
          assertEquals(reference(l), LineTokens.of(l), () -> p + ": " + l);
          lines++;
        }
      }
    }
    assertEquals(true, lines > 1000, "corpus lines read: " + lines);
  }
}
