package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Data-flow behaviour of the taint analysis, shown through the SQL and command checks. */
class DataFlowTest {

  private static String servlet(String body) {
    return "class S extends HttpServlet {\n"
        + "  public void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {\n"
        + "    String param = request.getParameter(\"p\");\n"
        + body
        + "    String sql = \"SELECT * FROM users WHERE name = '\" + bar + \"'\";\n"
        + "    statement.executeQuery(sql);\n"
        + "  }\n"
        + "}\n";
  }

  private static List<Integer> sql(String body) {
    return lines(newFile("S.java", servlet(body)), "sql_injection");
  }

  private static int sqlLine(String body) {
    return body.split("\n", -1).length - 1 + 4;
  }

  @Test
  @DisplayName("a map value is tainted only under the key that received the input")
  void mapKeys() {
    String tainted = """
            java.util.HashMap<String, Object> map = new java.util.HashMap<>();
            map.put("keyA", "a_Value");
            map.put("keyB", param);
            String bar = (String) map.get("keyB");
        """;
    assertEquals(List.of(sqlLine(tainted)), sql(tainted));
    assertEquals(List.of(), sql(tainted.replace("map.get(\"keyB\")", "map.get(\"keyA\")")));
  }

  @Test
  @DisplayName("list positions follow add and remove")
  void listPositions() {
    String body = """
            java.util.List<String> list = new java.util.ArrayList<>();
            list.add("safe");
            list.add(param);
            list.add("moresafe");
            list.remove(0);
            String bar = list.get(0);
        """;
    assertEquals(List.of(sqlLine(body)), sql(body));
    assertEquals(List.of(), sql(body.replace("list.get(0)", "list.get(1)")));
  }

  @Test
  @DisplayName("array elements and builders carry taint")
  void arraysAndBuilders() {
    String body = """
            String[] parts = {"a", param};
            StringBuilder sb = new StringBuilder();
            sb.append(parts[1]);
            String bar = sb.toString();
        """;
    assertEquals(List.of(sqlLine(body)), sql(body));
  }

  @Test
  @DisplayName("a branch decided by constants is folded: the dead branch carries nothing")
  void constantIf() {
    String body = """
            String bar;
            int num = 86;
            if ((7 * 42) - num > 200) bar = "This_should_always_happen";
            else bar = param;
        """;
    assertEquals(List.of(), sql(body));
    assertEquals(List.of(sqlLine(body)), sql(body.replace("> 200", "> 300")));
  }

  @Test
  @DisplayName("a constant ternary and a constant switch are folded")
  void constantTernaryAndSwitch() {
    String ternary = """
            int num = 106;
            String bar = (7 * 18) + num > 200 ? "This_should_always_happen" : param;
        """;
    assertEquals(List.of(), sql(ternary));
    String sw = """
            String bar;
            String guess = "ABC";
            char target = guess.charAt(1);
            switch (target) {
              case 'A': bar = param; break;
              case 'B': bar = "bob"; break;
              default: bar = param; break;
            }
        """;
    assertEquals(List.of(), sql(sw));
    assertEquals(List.of(sqlLine(sw)), sql(sw.replace("charAt(1)", "charAt(0)")));
  }

  @Test
  @DisplayName("constant branches are folded in Python, JavaScript and Ruby too")
  void constantBranchesOtherLanguages() {
    assertEquals(List.of(), lines(newFile("v.py", """
        def view(request):
            q = request.GET["q"]
            if 1 > 2:
                sql = "SELECT * FROM t WHERE a = '" + q + "'"
            else:
                sql = "SELECT 1"
            safe = q if False else "x"
            cursor.execute(sql)
            cursor.execute("SELECT * FROM t WHERE b = '" + safe + "'")
        """), "sql_injection"));
    assertEquals(List.of(), lines(newFile("r.js", """
        app.get('/', (req, res) => {
          let html = 'none';
          if (false) { html = req.query.x; }
          res.send('<p>' + html + '</p>');
        });
        """), "xss"));
    assertEquals(List.of(4), lines(newFile("c.rb", """
        def index
          q = "safe"
          q = params[:q] if 2 > 1
          @r = User.where("name = '#{q}'")
        end
        """), "sql_injection"));
  }

  @Test
  @DisplayName("an undecided branch joins both values")
  void undecidedBranch() {
    String body = """
            String bar = "safe";
            if (param.length() > 3) { bar = param; } else { bar = "x"; }
        """;
    assertEquals(List.of(sqlLine(body)), sql(body));
  }

  @Test
  @DisplayName("a variable overwritten with a constant before use is clean")
  void overwritten() {
    String body = """
            String bar = param;
            bar = "constant";
        """;
    assertEquals(List.of(), sql(body));
  }

  @Test
  @DisplayName("numeric parsing sanitises")
  void numericParsing() {
    String body = """
            String bar = String.valueOf(Integer.parseInt(param));
        """;
    assertEquals(List.of(), sql(body));
  }

  @Test
  @DisplayName("helper methods in the same file pass taint through or return constants")
  void helpers() {
    String src = """
        class S extends HttpServlet {
          public void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String param = request.getParameter("p");
            String a = passThrough(param);
            String b = constant(param);
            statement.executeQuery("SELECT * FROM t WHERE a = '" + a + "'");
            statement.executeQuery("SELECT * FROM t WHERE b = '" + b + "'");
          }
          private static String passThrough(String v) {
            String r = v.trim();
            return r;
          }
          private static String constant(String v) {
            return "fixed";
          }
        }
        """;
    assertEquals(List.of(6), lines(newFile("S.java", src), "sql_injection"));
  }

  @Test
  @DisplayName("cookie values read in a for-each loop are tainted")
  void forEachCookies() {
    String body = """
            String bar = "none";
            for (javax.servlet.http.Cookie c : request.getCookies()) {
              if (c.getName().equals("x")) bar = c.getValue();
            }
        """;
    assertEquals(List.of(sqlLine(body)), sql(body));
  }

  @Test
  @DisplayName("a parameter of a changed function is a lower-confidence source")
  void parameterSource() {
    String src = """
        class R {
          List<Row> find(String name, long id) {
            jdbc.query("SELECT * FROM t WHERE n = '" + name + "' AND id = " + id, M);
            return jdbc.query("SELECT * FROM t WHERE id = " + id, M);
          }
        }
        """;
    var fs = SecurityTestDiffs.run(newFile("R.java", src), "sql_injection");
    assertEquals(1, fs.size());
    assertEquals(3, fs.get(0).line());
    assertEquals(true, fs.get(0).confidence() < 0.9);
  }

  @Test
  @DisplayName("a parameter used as-is by a wrapper is not reported; one built into SQL text is")
  void parameterUsedAsIs() {
    String src = """
        def run_query(cursor, sql):
            cursor.execute(sql)

        def find(cursor, name):
            cursor.execute("SELECT * FROM t WHERE name = '" + name + "'")
        """;
    assertEquals(List.of(5), lines(newFile("db.py", src), "sql_injection"));
  }

  @Test
  @DisplayName("in a hunk cut out of a function, unknown variables are a low-confidence source")
  void partialFunction() {
    var diff = SecurityTestDiffs.hunk("Run.php", 12,
        "        mkdir($tmpDir, 0700, true);",
        "+        system('rm -rf ' . $tmpDir);",
        "         return $pdf;");
    var fs = SecurityTestDiffs.run(diff, "command_injection");
    assertEquals(1, fs.size());
    assertEquals(13, fs.get(0).line());
    assertEquals(true, fs.get(0).confidence() < 0.6);
  }
}
