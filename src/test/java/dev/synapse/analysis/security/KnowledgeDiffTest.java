package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.lang.Lexer;
import dev.synapse.analysis.lang.Token;
import dev.synapse.analysis.lang.TokenKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import org.junit.jupiter.api.Test;

/** TEMPORARY: old Knowledge vs packs over names harvested from the corpora. */
class KnowledgeDiffTest {
  @Test
  void same() throws Exception {
    Set<String> words = new TreeSet<>();
    Set<String> paths = new TreeSet<>();
    for (String f : List.of("src/test/resources/corpus/review-cases.jsonl", "src/test/resources/corpus/heldout-cases.jsonl")) {
      String s = Files.readString(Path.of(f)).toLowerCase(Locale.ROOT);
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("[$@a-z_][a-z0-9_?!]*").matcher(s);
      while (m.find()) words.add(m.group());
      java.util.regex.Matcher pm = java.util.regex.Pattern.compile("[$a-z_][a-z0-9_]*(?:\\(\\))?(?:\\[[^\\]\\\\]{0,12}\\])?(?:\\.[a-z_][a-z0-9_]*(?:\\(\\))?(?:\\[[^\\]\\\\]{0,12}\\])?){0,5}").matcher(s);
      while (pm.find()) {
        String p = pm.group();
        paths.add(p);
        String[] seg = p.split("\\.");
        for (int i = 1; i <= seg.length; i++) paths.add(String.join(".", Arrays.copyOf(seg, i)));
      }
    }
    SecurityKnowledge k = SecurityKnowledge.bundled();
    List<String> diffs = new ArrayList<>();
    List<String> recvs = new ArrayList<>(List.of("", "db", "conn", "cursor", "os", "subprocess", "res", "response", "w", "fmt", "exec", "file", "files", "document", "template", "html", "process", "system", ":os", "repo", "ecto.adapters.sql", "$wpdb", "$pdo", "xpath", "ctx", "ldap", "session", "out", "pw", "response.getwriter()", "system.out", "pattern", "child_process", "cp", "kernel", "open3", "io", "http", "this", "window", "$(x)", "jquery", "x.res", "x.response", "sqlalchemy", "sa", "builtins", "shutil", "flask", "codecs", "ioutil", "filter", "fileutils", "system.io.file", "csharpscript", "commands", "rw", "writer", "request.session", "mycursor()", "x.cursor()", "stmt", "jdbctemplate", "mydb", "a.jdbc"));
    List<String> fixed = List.copyOf(recvs);
    Set<String> sinkNames = new HashSet<>();
    for (var pk : k.packs().packs()) for (var s : pk.sinks()) sinkNames.addAll(s.names());
    for (String p : paths) if (p.length() < 30) recvs.add(p);
    int checked = 0;
    for (Language lang : Language.values()) {
      if (lang == Language.UNKNOWN) continue;
      for (String p : paths) {
        double a = Knowledge.source(p, lang), b = k.source(p, lang);
        if (a != b) diffs.add("source " + lang + " " + p + " " + a + " vs " + b);
        checked++;
      }
      for (String w : words) {
        for (String callee : List.of(w, "new " + w, "re." + w, "x." + w, "bleach." + w, "strconv." + w, "shlex." + w, "conn." + w, "htmlencoder.default." + w, "path." + w, "os.path." + w, "paths." + w, "promise." + w, "java.nio.file.paths." + w, "new java.io." + w, "pathlib." + w, "pathname." + w)) {
          int sa = Knowledge.sanitiser(w, callee, lang), sb = k.sanitiser(w, callee, lang);
          if (sa != sb) diffs.add("sanitiser " + lang + " " + w + " " + callee + " " + sa + " vs " + sb);
          if (Knowledge.pathBuilder(w, callee, lang) != k.pathBuilder(w, callee, lang)) diffs.add("pathBuilder " + lang + " " + w + " " + callee);
          checked++;
        }
        if (Knowledge.formatter(w) != k.formatter(w)) diffs.add("formatter " + w);
        if (Knowledge.CLEAN_RESULT.contains(w) != k.cleanResult(w)) diffs.add("clean " + w);
        if (Knowledge.PATH_GUARDS.contains(w) != k.pathGuard(w)) diffs.add("pathguard " + w);
        if (Knowledge.ALLOW_GUARDS.contains(w) != k.allowGuard(w)) diffs.add("allowguard " + w);
        if (Knowledge.safeType(w) != k.safeType(w)) diffs.add("safetype " + w);
        for (String recv : sinkNames.contains(w) ? recvs : fixed) {
          for (int argc : new int[] {1, 4}) {
            for (String callee : List.of(recv.isEmpty() ? w : recv + "." + w, "new " + w)) {
              String ra = Knowledge.sinks(w, callee, recv, argc, lang).toString();
              String rb = hits(k.sinks(w, callee, recv, argc, lang));
              if (!ra.equals(rb)) diffs.add("sink " + lang + " " + w + " " + callee + " recv=" + recv + " argc=" + argc + "\n   " + ra + "\n   " + rb);
              checked++;
            }
          }
        }
      }
    }
    for (String w : words) {
      if (Knowledge.maySourceSegment(w) && !k.maySourceSegment(w)) diffs.add("segment " + w);
    }
    System.out.println("checked " + checked + " diffs " + diffs.size());
    diffs.stream().limit(60).forEach(System.out::println);
    org.junit.jupiter.api.Assertions.assertTrue(diffs.isEmpty());
  }

  private static String hits(List<SecurityKnowledge.Sink> s) {
    List<String> out = new ArrayList<>();
    for (SecurityKnowledge.Sink x : s) out.add("Hit[rule=" + x.rule() + ", arg=" + x.arg() + ", needText=" + x.needText() + ", conf=" + x.conf() + "]");
    return out.toString();
  }
}
