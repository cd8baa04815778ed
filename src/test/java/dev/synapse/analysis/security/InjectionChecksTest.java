package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class InjectionChecksTest {

  // ------------------------------------------------------------------ SQL

  @Test
  @DisplayName("SQL: a Java parameter concatenated into SQL is reported on the concatenation line")
  void sqlJavaConcat() {
    String src = """
        class Repo {
          List<Row> find(String status) {
            String sql = "SELECT * FROM t WHERE status = '" + status + "'";
            return jdbcTemplate.query(sql + " ORDER BY id", MAPPER);
          }
        }
        """;
    List<Finding> fs = SecurityTestDiffs.run(newFile("Repo.java", src), "sql_injection");
    assertEquals(1, fs.size());
    assertEquals(3, fs.get(0).line());
    assertEquals(Severity.HIGH, fs.get(0).severity());
    assertEquals("CWE-89", fs.get(0).cwe());
  }

  @Test
  @DisplayName("SQL: Python bound parameters are not reported")
  void sqlPythonBound() {
    String src = """
        def find(conn, email):
            cur = conn.cursor()
            cur.execute("SELECT * FROM users WHERE email = %s", (email,))
            return cur.fetchall()
        """;
    assertEquals(List.of(), lines(newFile("q.py", src), "sql_injection"));
  }

  @Test
  @DisplayName("SQL: an Express query string concatenated into db.query is reported")
  void sqlExpress() {
    String src = """
        router.get('/', async (req, res) => {
          const rows = await db.query("SELECT * FROM p WHERE c = '" + req.query.c + "'");
          res.json(rows);
        });
        """;
    assertEquals(List.of(2), lines(newFile("r.js", src), "sql_injection"));
  }

  @Test
  @DisplayName("SQL: Rails hash-form where and Prisma tagged templates are safe")
  void sqlSafeForms() {
    assertEquals(List.of(), lines(newFile("c.rb", """
        def index
          @v = Vendor.where(name: params[:q])
        end
        """), "sql_injection"));
    assertEquals(List.of(), lines(newFile("r.ts", """
        export async function f(prisma: PrismaClient, id: string) {
          return prisma.$queryRaw`SELECT * FROM t WHERE id = ${id}`;
        }
        """), "sql_injection"));
  }

  @Test
  @DisplayName("SQL: Go placeholder query with the value as an argument is safe")
  void sqlGoPlaceholder() {
    String src = """
        func get(ctx context.Context, db *sql.DB, r *http.Request) error {
        \tid := r.URL.Query().Get("id")
        \trow := db.QueryRowContext(ctx, "SELECT name FROM c WHERE id = $1", id)
        \treturn row.Err()
        }
        """;
    assertEquals(List.of(), lines(newFile("g.go", src), "sql_injection"));
  }

  // ------------------------------------------------------------------ XSS

  @Test
  @DisplayName("XSS: innerHTML with a template literal of untrusted data is reported")
  void xssInnerHtml() {
    String src = """
        function show(comment) {
          el.innerHTML = `<b>${comment.author}</b>`;
        }
        """;
    assertEquals(List.of(2), lines(newFile("a.js", src), "xss"));
  }

  @Test
  @DisplayName("XSS: encoded output (HtmlUtils, htmlspecialchars) is not reported")
  void xssEncoded() {
    assertEquals(List.of(), lines(newFile("S.java", """
        class S {
          void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String q = request.getParameter("q");
            response.getWriter().println("<p>" + HtmlUtils.htmlEscape(q) + "</p>");
          }
        }
        """), "xss"));
    assertEquals(List.of(), lines(newFile("t.php", """
        <?php
        $term = $_GET['term'];
        echo htmlspecialchars($term, ENT_QUOTES, 'UTF-8');
        """), "xss"));
  }

  @Test
  @DisplayName("XSS: a Phoenix html/2 response interpolating params is reported")
  void xssPhoenix() {
    String src = """
        defmodule W.C do
          def show(conn, params) do
            name = Map.get(params, "name", "you")
            html(conn, "<h1>Hello #{name}</h1>")
          end
        end
        """;
    assertEquals(List.of(4), lines(newFile("c.ex", src), "xss"));
  }

  @Test
  @DisplayName("XSS: Express res.send of request data is reported; JSON and parameters passed through are not")
  void xssExpressSend() {
    String src = """
        app.get('/hi', (req, res) => {
          res.send('Hello ' + req.query.name);
          res.json({ name: req.query.name });
        });
        function reply(res, msg) {
          res.send(msg);
        }
        """;
    assertEquals(List.of(2), lines(newFile("a.js", src), "xss"));
  }

  // ------------------------------------------------------------------ command

  @Test
  @DisplayName("command: os.system with a formatted request value is reported")
  void cmdPython() {
    String src = """
        def ping(request):
            host = request.GET.get("host", "")
            os.system("ping -c 1 %s" % host)
        """;
    assertEquals(List.of(3), lines(newFile("v.py", src), "command_injection"));
  }

  @Test
  @DisplayName("command: argument-array process APIs without a shell are not reported")
  void cmdArgv() {
    assertEquals(List.of(), lines(newFile("a.js", """
        function f(file) {
          execFile('pdftotext', ['-layout', file.path, '-'], cb);
        }
        """), "command_injection"));
    assertEquals(List.of(), lines(newFile("c.rb", """
        def count(path)
          out, err, st = Open3.capture3("pdfinfo", "--", path)
        end
        """), "command_injection"));
  }

  @Test
  @DisplayName("command: Go sh -c with a query value is reported")
  void cmdGoShell() {
    String src = """
        func h(w http.ResponseWriter, r *http.Request) {
        \tdir := r.URL.Query().Get("dir")
        \tout, _ := exec.Command("sh", "-c", "du -sh "+dir).Output()
        \tw.Write(out)
        }
        """;
    assertEquals(List.of(3), lines(newFile("h.go", src), "command_injection"));
  }

  // ------------------------------------------------------------------ path

  @Test
  @DisplayName("path: a route parameter joined onto a directory and sent is reported at the join")
  void pathJoin() {
    String src = """
        router.get('/:f', (req, res) => {
          const p = path.join(ROOT, req.params.f);
          res.sendFile(p);
        });
        """;
    assertEquals(List.of(2), lines(newFile("r.ts", src), "path_traversal"));
  }

  @Test
  @DisplayName("path: canonicalise-then-check and basename are not reported")
  void pathSafe() {
    assertEquals(List.of(), lines(newFile("F.java", """
        class F {
          InputStream open(@RequestParam String name) throws IOException {
            Path c = base.resolve(name).normalize();
            if (!c.startsWith(base)) throw new IllegalArgumentException();
            return Files.newInputStream(c);
          }
        }
        """), "path_traversal"));
    assertEquals(List.of(), lines(newFile("c.rb", """
        def show
          name = File.basename(params[:name].to_s)
          send_file File.join(ROOT, name)
        end
        """), "path_traversal"));
  }

  // ------------------------------------------------------------------ LDAP, XPath, code, trust

  @Test
  @DisplayName("LDAP: a request value in a search filter is reported; an encoded one is not")
  void ldap() {
    String vulnerable = """
        class L {
          void f(HttpServletRequest request) throws Exception {
            String user = request.getParameter("u");
            String filter = "(&(objectclass=person)(uid=" + user + "))";
            ctx.search("ou=users", filter, controls);
          }
        }
        """;
    assertEquals(List.of(4), lines(newFile("L.java", vulnerable), "ldap_injection"));
    String safe = vulnerable.replace("+ user +", "+ ESAPI.encoder().encodeForLDAP(user) +");
    assertEquals(List.of(), lines(newFile("L.java", safe), "ldap_injection"));
  }

  @Test
  @DisplayName("XPath: a request value in an XPath expression is reported; a constant is not")
  void xpath() {
    String vulnerable = """
        class X {
          String f(HttpServletRequest request) throws Exception {
            String id = request.getParameter("id");
            String expr = "/Employees/Employee[@id='" + id + "']";
            return xp.evaluate(expr, doc);
          }
        }
        """;
    assertEquals(List.of(4), lines(newFile("X.java", vulnerable), "xpath_injection"));
    assertEquals(List.of(), lines(newFile("X.java", vulnerable.replace("+ id +", "+ \"7\" +")),
        "xpath_injection"));
  }

  @Test
  @DisplayName("code injection: eval of request data is reported in Python and Elixir")
  void code() {
    assertEquals(List.of(3), lines(newFile("v.py", """
        def calc(request):
            expr = request.args.get("e")
            return eval(expr)
        """), "code_injection"));
    assertEquals(List.of(3), lines(newFile("c.ex", """
        defmodule C do
          def run(conn, %{"code" => code}) do
            Code.eval_string(code)
          end
        end
        """), "code_injection"));
    assertEquals(List.of(), lines(newFile("v.py", """
        def calc(request):
            return eval("1 + 2")
        """), "code_injection"));
  }

  @Test
  @DisplayName("trust boundary: a request value stored in the session is reported; a constant is not")
  void trust() {
    String src = """
        class T {
          void f(HttpServletRequest request) {
            String v = request.getParameter("v");
            request.getSession().setAttribute("user", v);
            request.getSession().setAttribute("visited", "yes");
          }
        }
        """;
    assertEquals(List.of(4), lines(newFile("T.java", src), "trust_boundary"));
  }

  @Test
  @DisplayName("findings come only from added lines: a vulnerable context line is not reported")
  void onlyAddedLines() {
    var diff = SecurityTestDiffs.hunk("Q.java", 10,
        " String sql = \"SELECT * FROM t WHERE a = '\" + request.getParameter(\"a\") + \"'\";",
        "+int unrelated = 1;",
        " statement.executeQuery(sql);");
    assertTrue(lines(diff, "sql_injection").isEmpty());
  }
}
