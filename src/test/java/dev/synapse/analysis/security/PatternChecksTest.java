package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.Diff;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Side;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PatternChecksTest {

  // ------------------------------------------------------------------ hardcoded_secret

  @Test
  @DisplayName("secrets: literal credentials in several languages are reported")
  void secretsReported() {
    assertEquals(List.of(1), lines(newFile("a.go", "const apiToken = \"fxtzAYS7CcWjOpwj14Krx_qNMYqE20Ni\"\n"),
        "hardcoded_secret"));
    assertEquals(List.of(2), lines(newFile("db.php", "<?php\n  'password' => 'mysql-R00t!orchard-2024',\n"),
        "hardcoded_secret"));
    assertEquals(List.of(1), lines(newFile("c.ts",
        "export const c = createClient({ url: 'redis://default:H1TsbsxOlUd645F@cache:6379/0' });\n"),
        "hardcoded_secret"));
    assertEquals(List.of(2), lines(newFile("prod.exs",
        "config :app, Endpoint,\n  secret_key_base: \"xnay1KuuW9HKLYy3z1T10USRk2CwbS6LzNvP3BhT5vsg\"\n"),
        "hardcoded_secret"));
  }

  @Test
  @DisplayName("secrets: placeholders, environment lookups, header names and labels are not reported")
  void secretsSkipped() {
    assertEquals(List.of(), lines(newFile("w.py", """
        API_KEY = os.environ.get("WEATHER_API_KEY", "")
        PASSWORD = "changeme"
        SECRET_HEADER = "X-Carrier-Signature"
        password_label = "Password must be at least 12 characters"
        token = "${TOKEN}"
        """), "hardcoded_secret"));
  }

  @Test
  @DisplayName("secrets: the value never appears in the summary or recommendation")
  void secretValueNotEchoed() {
    String value = "b020da1c05fd22e3f6d2c39284855598";
    List<Finding> fs = SecurityTestDiffs.run(newFile("V.java",
        "class V {\n  private static final String SIGNING_SECRET = \"" + value + "\";\n}\n"), "hardcoded_secret");
    assertEquals(1, fs.size());
    assertFalse(fs.get(0).summary().contains(value));
    assertFalse(fs.get(0).recommendation().contains(value));
    assertFalse(fs.get(0).toJson().encode().contains(value));
    assertFalse(fs.get(0).summary().contains(value.substring(0, 8)));
  }

  // ------------------------------------------------------------------ weak_crypto

  @Test
  @DisplayName("weak crypto: MD5/SHA-1 for security and ECB/DES ciphers are reported")
  void weakHashesAndCiphers() {
    assertEquals(List.of(2), lines(newFile("H.java", """
        class H {
          MessageDigest md = MessageDigest.getInstance("MD5");
          Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        }
        """), "weak_crypto"));
    assertEquals(List.of(1), lines(newFile("e.js", "const c = crypto.createCipheriv('aes-128-ecb', key, null);\n"),
        "weak_crypto"));
    assertEquals(List.of(2), lines(newFile("u.ex", """
        defp hash(pw) do
          :crypto.hash(:md5, pw) |> Base.encode16()
        end
        """), "weak_crypto"));
  }

  @Test
  @DisplayName("weak crypto: MD5 marked not-for-security and SHA-256 are not reported")
  void hashesSkipped() {
    assertEquals(List.of(), lines(newFile("k.py", """
        key = hashlib.md5(str(pk).encode(), usedforsecurity=False).hexdigest()
        digest = hashlib.sha256(token.encode()).hexdigest()
        """), "weak_crypto"));
  }

  @Test
  @DisplayName("weak crypto: predictable random is reported only for security values")
  void predictableRandom() {
    assertEquals(List.of(2), lines(newFile("t.js", """
        function newResetToken() {
          return Math.random().toString(36).slice(2);
        }
        """), "weak_crypto"));
    assertEquals(List.of(), lines(newFile("a.js", """
        function jitter() {
          return Math.random() * 100;
        }
        """), "weak_crypto"));
  }

  @Test
  @DisplayName("weak crypto: disabled TLS verification is reported in Python, Go and Node")
  void tlsVerification() {
    assertEquals(List.of(1), lines(newFile("p.py", "r = requests.get(url, verify=False)\n"), "weak_crypto"));
    assertEquals(List.of(1), lines(newFile("s.go", "cfg := &tls.Config{InsecureSkipVerify: true}\n"),
        "weak_crypto"));
    assertEquals(List.of(1), lines(newFile("l.ts", "const a = new https.Agent({ rejectUnauthorized: false });\n"),
        "weak_crypto"));
    assertEquals(List.of(), lines(newFile("p.py", "urllib3.disable_warnings()\n"), "weak_crypto"));
  }

  // ------------------------------------------------------------------ insecure_cookie

  @Test
  @DisplayName("cookies: setSecure(false) and secure:false on a cookie are reported; SMTP secure:false is not")
  void cookies() {
    assertEquals(List.of(3), lines(newFile("C.java", """
        class C { void f(HttpServletResponse response, String v) {
          Cookie c = new Cookie("session", v);
          c.setSecure(false);
          response.addCookie(c);
        } }
        """), "insecure_cookie"));
    assertEquals(List.of(), lines(newFile("C.java", """
        class C { void f(HttpServletResponse response, String v) {
          Cookie c = new Cookie("session", v);
          c.setSecure(true);
          c.setHttpOnly(true);
        } }
        """), "insecure_cookie"));
    assertEquals(List.of(1), lines(newFile("s.js", "res.cookie('sid', id, { httpOnly: true, secure: false });\n"),
        "insecure_cookie"));
    assertEquals(List.of(), lines(newFile("m.js", "nodemailer.createTransport({ host, port: 587, secure: false });\n"),
        "insecure_cookie"));
  }

  // ------------------------------------------------------------------ auth_bypass

  @Test
  @DisplayName("auth: a removed authorization call is reported on its old line with side OLD")
  void removedGuard() {
    Diff d = SecurityTestDiffs.hunk("app/Http/Controllers/InvoiceController.php", 10,
        "    public function update(Request $request, Invoice $invoice)",
        "    {",
        "-        $this->authorize('update', $invoice);",
        "         $invoice->save();",
        "     }");
    List<Finding> fs = SecurityTestDiffs.run(d, "auth_bypass");
    assertEquals(1, fs.size());
    assertEquals(12, fs.get(0).line());
    assertEquals(Side.OLD, fs.get(0).side());
  }

  @Test
  @DisplayName("auth: a guard moved to another place in the same change is not reported")
  void movedGuard() {
    Diff d = SecurityTestDiffs.hunk("src/projects.controller.ts", 4,
        "+@UseGuards(JwtAuthGuard)",
        " export class ProjectsController {",
        "   @Get()",
        "-  @UseGuards(JwtAuthGuard)",
        "   findAll() { return this.projects.findAll(); }",
        " }");
    assertTrue(lines(d, "auth_bypass").isEmpty());
  }

  @Test
  @DisplayName("auth: permitAll replacing a role check and jwt.decode are reported on the new line")
  void weakenings() {
    Diff d = SecurityTestDiffs.hunk("SecurityConfig.java", 16,
        "   .authorizeHttpRequests(auth -> auth",
        "-      .requestMatchers(\"/admin/**\").hasRole(\"ADMIN\")",
        "+      .requestMatchers(\"/admin/**\").permitAll()",
        "       .anyRequest().authenticated())");
    assertEquals(List.of(17), lines(d, "auth_bypass"));
    Diff j = SecurityTestDiffs.hunk("bearer.js", 8,
        "   try {",
        "-    req.user = jwt.verify(token, key);",
        "+    req.user = jwt.decode(token);",
        "     return next();");
    assertEquals(List.of(9), lines(j, "auth_bypass"));
  }

  @Test
  @DisplayName("auth: a guard short-circuited to return true is reported")
  void returnTrue() {
    Diff d = SecurityTestDiffs.hunk("src/auth/roles.guard.ts", 14,
        "   canActivate(context: ExecutionContext): boolean {",
        "-    return required.some((role) => user.roles.includes(role));",
        "+    return true;",
        "   }");
    assertEquals(List.of(15), lines(d, "auth_bypass"));
  }

  @Test
  @DisplayName("auth: removing a debug bypass (not a guard) is not reported")
  void removedBypass() {
    Diff d = SecurityTestDiffs.hunk("auth.go", 10,
        "-\t\tif r.Header.Get(\"X-Debug-User\") != \"\" {",
        "-\t\t\tnext.ServeHTTP(w, r)",
        "-\t\t\treturn",
        "-\t\t}",
        " \t\traw := r.Header.Get(\"Authorization\")");
    assertTrue(lines(d, "auth_bypass").isEmpty());
  }
}
