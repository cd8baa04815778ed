package dev.synapse.analysis.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LexerTest {

  private static List<Token> lex(String src, Language lang) {
    return Lexer.lex(src, 1, lang);
  }

  private static String kinds(List<Token> ts) {
    return ts.stream().map(t -> t.kind().name().charAt(0) + ":" + t.text())
        .collect(Collectors.joining(" "));
  }

  private static List<String> identifiers(List<Token> ts) {
    return ts.stream().filter(t -> t.kind() == TokenKind.IDENTIFIER).map(Token::text).toList();
  }

  @Test
  @DisplayName("a Java block comment spanning lines hides the code inside it")
  void javaBlockComment() {
    List<Token> ts = lex("a = 1; /* b = evil(x);\n c = 2; */ d = 3;", Language.JAVA);
    assertEquals(List.of("a", "d"), identifiers(ts));
    Token d = ts.stream().filter(t -> t.text().equals("d")).findFirst().orElseThrow();
    assertEquals(2, d.line());
  }

  @Test
  @DisplayName("Ruby interpolation yields the embedded expression as tokens between markers")
  void rubyInterpolation() {
    List<Token> ts = lex("q = \"name = '#{params[:q]}'\"", Language.RUBY);
    assertEquals(TokenKind.INTERP_START, ts.get(3).kind());
    assertEquals("params", ts.get(4).text());
    assertEquals(TokenKind.SYMBOL, ts.get(6).kind());
    assertTrue(ts.get(2).has(Token.F_INTERPOLATED));
  }

  @Test
  @DisplayName("JavaScript template literals expose ${} expressions and tagged templates are marked")
  void jsTemplates() {
    List<Token> plain = lex("x = `a ${req.query.id} b`", Language.JAVASCRIPT);
    assertTrue(identifiers(plain).contains("req"));
    assertFalse(plain.stream().anyMatch(t -> t.has(Token.F_TAGGED)));
    List<Token> tagged = lex("db.$queryRaw`SELECT ${id}`", Language.TYPESCRIPT);
    assertTrue(tagged.stream().filter(t -> t.kind() == TokenKind.STRING).allMatch(t -> t.has(Token.F_TAGGED)));
    assertTrue(tagged.stream().filter(t -> t.text().equals("id")).allMatch(t -> t.has(Token.F_IN_TAGGED)));
  }

  @Test
  @DisplayName("Python f-strings interpolate, plain and triple-quoted strings do not")
  void pythonStrings() {
    List<Token> ts = lex("a = f\"x {user} {{lit}}\"\nb = \"\"\"doc {nope}\nmore\"\"\"\nc = 1", Language.PYTHON);
    assertTrue(identifiers(ts).contains("user"));
    assertFalse(identifiers(ts).contains("nope"));
    assertFalse(identifiers(ts).contains("lit"));
    Token c = ts.stream().filter(t -> t.text().equals("c")).findFirst().orElseThrow();
    assertEquals(4, c.line());
  }

  @Test
  @DisplayName("Kotlin $name and ${expr} templates, C# $\"{x}\" and PHP \"$var\" interpolate")
  void otherInterpolations() {
    assertTrue(identifiers(lex("val s = \"hi $name and ${user.id}\"", Language.KOTLIN)).containsAll(List.of("name", "user")));
    assertTrue(identifiers(lex("var s = $\"hi {name} {{x}}\";", Language.CSHARP)).contains("name"));
    assertFalse(identifiers(lex("var s = $\"hi {{x}}\";", Language.CSHARP)).contains("x"));
    assertTrue(identifiers(lex("$s = \"hi $name {$obj->id}\";", Language.PHP)).containsAll(List.of("$name", "$obj")));
    assertFalse(identifiers(lex("$s = 'hi $name';", Language.PHP)).contains("$name"));
  }

  @Test
  @DisplayName("Ruby heredocs are one string in place and the following code keeps its line numbers")
  void rubyHeredoc() {
    List<Token> ts = lex("sql = <<~SQL\n  SELECT * FROM t WHERE a = '#{x}'\nSQL\ny = 2", Language.RUBY);
    assertEquals("sql", ts.get(0).text());
    assertEquals(TokenKind.STRING, ts.get(2).kind());
    assertTrue(identifiers(ts).contains("x"));
    Token y = ts.stream().filter(t -> t.text().equals("y")).findFirst().orElseThrow();
    assertEquals(4, y.line());
    Token x = ts.stream().filter(t -> t.text().equals("x")).findFirst().orElseThrow();
    assertEquals(2, x.line());
  }

  @Test
  @DisplayName("Elixir heredocs interpolate on their own lines; uppercase sigils do not interpolate")
  void elixirHeredocAndSigils() {
    List<Token> ts = lex("sql = \"\"\"\nSELECT 1\nORDER BY #{sort}\n\"\"\"\nz = ~S(#{no})", Language.ELIXIR);
    Token sort = ts.stream().filter(t -> t.text().equals("sort")).findFirst().orElseThrow();
    assertEquals(3, sort.line());
    assertFalse(identifiers(ts).contains("no"));
  }

  @Test
  @DisplayName("comments of each family are recognised and keep their text")
  void comments() {
    assertEquals(TokenKind.COMMENT, lex("# synapse:ignore", Language.PYTHON).get(0).kind());
    assertEquals(TokenKind.COMMENT, lex("// x", Language.GO).get(0).kind());
    assertEquals(TokenKind.COMMENT, lex("# x", Language.PHP).get(0).kind());
    assertEquals(TokenKind.COMMENT, lex("=begin\nx = 1\n=end", Language.RUBY).get(0).kind());
    assertEquals("x", lex("\"# not a comment\" ; x", Language.RUBY).get(2).text());
  }

  @Test
  @DisplayName("backtick strings in Ruby and PHP are marked as shell commands")
  void commandStrings() {
    assertTrue(lex("`ls #{d}`", Language.RUBY).get(0).has(Token.F_COMMAND));
    assertTrue(lex("$o = `ls $d`;", Language.PHP).get(2).has(Token.F_COMMAND));
  }

  @Test
  @DisplayName("a JavaScript regex literal is a string, a division is an operator")
  void regexVersusDivision() {
    assertEquals("regex", lex("x = s.replace(/\\//g, '_')", Language.JAVASCRIPT).get(6).prefix());
    assertEquals(TokenKind.OPERATOR, lex("x = a / b / c", Language.JAVASCRIPT).get(3).kind());
  }

  @Test
  @DisplayName("an unterminated Java string stops at the end of its line")
  void unterminatedString() {
    List<Token> ts = lex("s = \"abc\nnext = 1;", Language.JAVA);
    assertTrue(identifiers(ts).contains("next"));
  }

  @Test
  @DisplayName("the lexer handles 1 MB adversarial inputs of every family within the bound")
  void adversarialMegabyte() {
    String[][] cases = {{"/[", "javascript"}, {"<<~A ", "ruby"}, {"%w(", "ruby"}, {"f'{", "python"},
        {"$a.", "php"}, {"~s(", "elixir"}, {"\"\"\"", "kotlin"}, {"/*", "java"}, {"`", "go"}};
    for (String[] c : cases) {
      String src = c[0].repeat((1 << 20) / c[0].length());
      Language lang = Language.valueOf(c[1].toUpperCase(java.util.Locale.ROOT));
      List<Token> ts = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
          java.time.Duration.ofSeconds(10), () -> Lexer.lex(src, 1, lang));
      assertFalse(ts.isEmpty(), c[0]);
    }
  }

  @Test
  @DisplayName("deeply nested interpolation is bounded and does not overflow the stack")
  void deepNesting() {
    String src = "`${`".repeat(20000);
    List<Token> ts = lex(src, Language.JAVASCRIPT);
    assertFalse(ts.isEmpty());
    assertTrue(kinds(ts).length() > 0);
  }

  @Test
  @DisplayName("a lone $ is a name in JavaScript and TypeScript (jQuery) but a sigil operator in PHP")
  void loneDollar() {
    List<Token> js = lex("$('.inner').prepend(x)", Language.JAVASCRIPT);
    assertEquals(TokenKind.IDENTIFIER, js.get(0).kind());
    assertEquals("$", js.get(0).text());
    assertEquals(TokenKind.IDENTIFIER, lex("$(sel)", Language.TYPESCRIPT).get(0).kind());
    assertEquals(TokenKind.OPERATOR, lex("<?php $$name = 1;", Language.PHP).get(0).kind());
  }
}
