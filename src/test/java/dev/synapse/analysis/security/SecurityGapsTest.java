package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.synapse.signal.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Gaps found by a held-out corpus: each behaviour has a vulnerable and a safe case. */
class SecurityGapsTest {

  @Test
  @DisplayName("JS: a name destructured from req.query is untrusted")
  void jsDestructuredQuery() {
    String src = """
        router.get('/s', (req, res) => {
          const { q } = req.query;
          const html = `<p>Results for <b>${q}</b></p>`;
          res.send(html);
        });
        """;
    assertEquals(List.of(3), lines(newFile("s.js", src), "xss"));
  }

  @Test
  @DisplayName("JS: a name destructured from a constant object is not untrusted")
  void jsDestructuredConstant() {
    String src = """
        router.get('/s', (req, res) => {
          const { q } = CONFIG;
          const html = `<p>Results for <b>${q}</b></p>`;
          res.send(html);
        });
        """;
    assertEquals(List.of(), lines(newFile("s.js", src), "xss"));
  }

  @Test
  @DisplayName("JS: names destructured from req.body and nested req.params are untrusted")
  void jsDestructuredBodyAndNested() {
    String src = """
        function h(req, res) {
          const { name, id } = req.body;
          let pid;
          ({ params: { id: pid } } = req);
          db.query("SELECT * FROM u WHERE n = '" + name + "'");
          db.query("SELECT * FROM u WHERE p = " + pid);
        }
        """;
    assertEquals(List.of(5, 6), lines(newFile("h.js", src), "sql_injection"));
  }

  @Test
  @DisplayName("TS: request data stored through a cast of req.session is a trust-boundary violation")
  void tsSessionCast() {
    String src = """
        export function setCurrency(req: Request, res: Response) {
          const isAdmin = req.body.isAdmin;
          (req.session as any).isAdmin = isAdmin;
          (<any>req.session).role = req.body.role;
          req.session!.team = (req.body as Form).team;
          res.sendStatus(204);
        }
        """;
    assertEquals(List.of(3, 4, 5), lines(newFile("cart.ts", src), "trust_boundary"));
  }

  @Test
  @DisplayName("TS: a constant stored through a cast of req.session is not reported")
  void tsSessionCastConstant() {
    String src = """
        export function setCurrency(req: Request, res: Response) {
          (req.session as any).currency = 'EUR';
          res.sendStatus(204);
        }
        """;
    assertEquals(List.of(), lines(newFile("cart.ts", src), "trust_boundary"));
  }

  @Test
  @DisplayName("Node: execFile with an argv array runs no shell, so request data in it is not command injection")
  void nodeExecFileArgv() {
    String src = """
        module.exports = function checkout(req, res) {
          execFile('git', ['-C', '/srv/repo', 'checkout', '--', req.body.branch], (err, out) => {
            res.send(err ? 'failed' : out);
          });
          spawn('git', ['log', req.query.ref]);
        };
        """;
    assertEquals(List.of(), lines(newFile("git2.js", src), "command_injection"));
  }

  @Test
  @DisplayName("Node: spawn with shell: true and request data in its arguments is command injection")
  void nodeSpawnShellTrue() {
    String src = """
        module.exports = function checkout(req, res) {
          spawn('git', ['log', req.query.ref], { shell: true });
          execFile(req.query.tool, ['--version']);
        };
        """;
    assertEquals(List.of(2, 3), lines(newFile("git3.js", src), "command_injection"));
  }

  @Test
  @DisplayName("Kotlin: a request parameter run through ProcessBuilder(\"bash\", \"-c\", cmd) is command injection")
  void kotlinProcessBuilderShell() {
    String src = """
        class Backup {
            @PostMapping("/backup")
            fun run(@RequestParam db: String): String {
                val cmd = listOf("pg_dump", db, "|", "gzip").joinToString(" ")
                val proc = ProcessBuilder("bash", "-c", cmd).start()
                val p2 = ProcessBuilder("powershell", "-Command", db).start()
                return "exit ${proc.waitFor()}"
            }
        }
        """;
    List<Integer> found = lines(newFile("Backup.kt", src), "command_injection");
    assertEquals(true, found.contains(6), found.toString());
    assertEquals(true, found.contains(4) || found.contains(5), found.toString());
  }

  @Test
  @DisplayName("Kotlin: ProcessBuilder with a fixed program and an argv list is not command injection")
  void kotlinProcessBuilderArgv() {
    String src = """
        class Backup {
            @PostMapping("/backup")
            fun run(@RequestParam db: String): String {
                val proc = ProcessBuilder("pg_dump", "--dbname", db).start()
                return "exit ${proc.waitFor()}"
            }
        }
        """;
    assertEquals(List.of(), lines(newFile("Backup.kt", src), "command_injection"));
  }

  @Test
  @DisplayName("Java: Cipher.getInstance with a same-file constant naming an ECB transformation is weak crypto")
  void javaCipherConstant() {
    String src = """
        public class Vault {
            private static final String TRANSFORM = "AES/ECB/PKCS5Padding";
            public byte[] seal(SecretKey key, byte[] data) throws Exception {
                Cipher c = Cipher.getInstance(TRANSFORM);
                c.init(Cipher.ENCRYPT_MODE, key);
                return c.doFinal(data);
            }
        }
        """;
    assertEquals(List.of(4), lines(newFile("Vault.java", src), "weak_crypto"));
  }

  @Test
  @DisplayName("Java: Cipher.getInstance with a constant naming AES/GCM is not weak crypto")
  void javaCipherConstantStrong() {
    String src = """
        public class Vault {
            private static final String TRANSFORM = "AES/GCM/NoPadding";
            public byte[] seal(SecretKey key, byte[] data) throws Exception {
                Cipher c = Cipher.getInstance(TRANSFORM);
                return c.doFinal(data);
            }
        }
        """;
    assertEquals(List.of(), lines(newFile("Vault.java", src), "weak_crypto"));
  }

  @Test
  @DisplayName("PHP: request data cast with (int), (float) or intval() is not XSS")
  void phpNumericCasts() {
    String src = """
        <?php
        $term = $_GET['q'] ?? '';
        echo '<h1>Search: ' . htmlspecialchars($term, ENT_QUOTES, 'UTF-8') . '</h1>';
        echo '<p>Page ' . (int) ($_GET['page'] ?? 1) . '</p>';
        echo '<p>Size ' . (float)$_GET['size'] . '</p>';
        echo '<p>N ' . intval($_GET['n']) . '</p>';
        """;
    assertEquals(List.of(), lines(newFile("search2.php", src), "xss"));
  }

  @Test
  @DisplayName("PHP: request data cast to (string) is still XSS")
  void phpStringCast() {
    String src = """
        <?php
        echo '<p>Page ' . (string) ($_GET['page'] ?? 1) . '</p>';
        """;
    assertEquals(List.of(2), lines(newFile("search3.php", src), "xss"));
  }

  @Test
  @DisplayName("Java LDAP: a filter argument bound through {0} is escaped by JNDI and not reported")
  void ldapBoundFilterArgument() {
    String src = """
        public class Groups {
            public NamingEnumeration<SearchResult> members(HttpServletRequest req) throws NamingException {
                String cn = req.getParameter("group");
                return ctx.search("ou=groups,dc=acme,dc=com", "(&(objectClass=group)(cn={0}))",
                    new Object[] {cn}, new SearchControls());
            }
        }
        """;
    assertEquals(List.of(), lines(newFile("Groups.java", src), "ldap_injection"));
  }

  @Test
  @DisplayName("Java LDAP: a concatenated filter is reported even in the four-argument search form")
  void ldapConcatenatedFilterFourArgs() {
    String src = """
        public class Groups {
            public NamingEnumeration<SearchResult> members(HttpServletRequest req) throws NamingException {
                String cn = req.getParameter("group");
                return ctx.search("ou=groups,dc=acme,dc=com", "(cn=" + cn + ")",
                    new Object[] {}, new SearchControls());
            }
        }
        """;
    assertEquals(List.of(4), lines(newFile("Groups.java", src), "ldap_injection"));
  }

  @Test
  @DisplayName("C#: a query parameter returned through Content(body, \"text/html\") is XSS")
  void csharpContentHtml() {
    String src = """
        public class EchoController : Controller
        {
            [HttpGet("/echo")]
            public IActionResult Echo([FromQuery] string msg)
            {
                var body = $"<html><body>{msg}</body></html>";
                return Content(body, "text/html");
            }
        }
        """;
    assertEquals(List.of(6), lines(newFile("EchoController.cs", src), "xss"));
  }

  @Test
  @DisplayName("C#: a query parameter returned through Content(body, \"text/plain\") is not XSS")
  void csharpContentPlain() {
    String src = """
        public class EchoController : Controller
        {
            [HttpGet("/echo")]
            public IActionResult Echo([FromQuery] string msg)
            {
                var body = $"<html><body>{msg}</body></html>";
                return Content(body, "text/plain");
            }
        }
        """;
    assertEquals(List.of(), lines(newFile("EchoController.cs", src), "xss"));
  }

  @Test
  @DisplayName("C#: a query parameter encoded with HtmlEncoder.Default.Encode is not XSS")
  void csharpHtmlEncoder() {
    String src = """
        public class Echo2Controller : Controller
        {
            [HttpGet("/echo2")]
            public IActionResult Echo([FromQuery] string msg)
            {
                var safe = HtmlEncoder.Default.Encode(msg ?? string.Empty);
                return Content($"<html><body>{safe}</body></html>", "text/html");
            }
        }
        """;
    assertEquals(List.of(), lines(newFile("Echo2Controller.cs", src), "xss"));
  }

  @Test
  @DisplayName("C#: a connection string constant with Password= is a hardcoded secret, without echoing it")
  void csharpConnectionStringPassword() {
    String src = """
        public static class Db
        {
            public const string ConnectionString =
                "Server=prod-sql.acme.local;Database=Shop;User Id=shop_app;Password=Xk9#vR2!mQ7pLz4w;";
        }
        """;
    List<Finding> fs = SecurityTestDiffs.run(newFile("Db.cs", src), "hardcoded_secret");
    assertEquals(1, fs.size());
    assertEquals(4, fs.get(0).line());
    assertFalse(fs.get(0).summary().contains("Xk9#vR2"));
  }

  @Test
  @DisplayName("C#: a connection string with integrated security or a placeholder password is not a secret")
  void csharpConnectionStringNoPassword() {
    String src = """
        public static class Db
        {
            public const string A = "Server=sql;Database=Shop;Integrated Security=true;";
            public const string B = "Server=sql;Database=Shop;User Id=app;Password=${DB_PASSWORD};";
        }
        """;
    assertEquals(List.of(), lines(newFile("Db.cs", src), "hardcoded_secret"));
  }

  @Test
  @DisplayName("C#: [AllowAnonymous] added to an action of an [Authorize] controller is an auth bypass")
  void csharpAllowAnonymousOnSensitiveAction() {
    String src = """
        [Authorize]
        public class AccountController : Controller
        {
            [AllowAnonymous]
            public IActionResult Export() => Ok();
        }
        """;
    assertEquals(List.of(4), lines(newFile("AccountController.cs", src), "auth_bypass"));
  }

  @Test
  @DisplayName("C#: [AllowAnonymous] added to a Login action is by design and not reported")
  void csharpAllowAnonymousOnLogin() {
    String src = """
        [Authorize]
        public class AccountController : Controller
        {
            [AllowAnonymous]
            public IActionResult Login(string returnUrl) => View();
        }
        """;
    assertEquals(List.of(), lines(newFile("AccountController.cs", src), "auth_bypass"));
  }
}
