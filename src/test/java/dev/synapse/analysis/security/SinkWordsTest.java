package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.rules.RulePacks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The word conditions of sink rows ({@code call_has}, {@code call_lacks}, {@code scope_has},
 * {@code scope_lacks}) and the {@code parse} / categorised {@code path} guards, written as user
 * packs over made-up APIs so that only the mechanism is under test.
 */
class SinkWordsTest {

  private static SecurityKnowledge knowledge(Path dir, String pack) throws IOException {
    Files.writeString(dir.resolve("p.yml"), pack);
    return new SecurityKnowledge(RulePacks.withUserPacks(List.of(dir)));
  }

  private static RuleCases.Result run(SecurityKnowledge k, String file, String code) {
    return new RuleCases(k).run(file, code);
  }

  @Test
  @DisplayName("call_lacks keeps a sink quiet when a call argument names the safe option, keyword arguments included")
  void callLacksSeesKeywordArguments(@TempDir Path dir) throws IOException {
    SecurityKnowledge k = knowledge(dir, """
        pack: t
        languages: [python]
        sinks:
          - names: [unpack]
            category: insecure_deserialization
            receiver: [blobs]
            call_lacks: ["*trusted_only*"]
        """);
    RuleCases.Result r = run(k, "tests/python/t.py", """
        from flask import request
        import blobs

        def a():
            # ruleid: insecure_deserialization
            return blobs.unpack(request.data)

        def b():
            # ok: insecure_deserialization
            return blobs.unpack(request.data, mode=blobs.TRUSTED_ONLY)
        """);
    assertTrue(r.passed(), r.problems().toString());
    assertEquals(1, r.expected());
    assertEquals(1, r.okMarks());
  }

  @Test
  @DisplayName("call_has matches a name=value setting written as an option object")
  void callHasMatchesSettings(@TempDir Path dir) throws IOException {
    SecurityKnowledge k = knowledge(dir, """
        pack: t
        languages: [javascript]
        sinks:
          - names: [readdoc]
            category: xxe
            call_has: ["expand=true"]
        """);
    RuleCases.Result r = run(k, "tests/javascript/t.js", """
        app.post('/x', (req, res) => {
          // ruleid: xxe
          const a = docs.readDoc(req.body.xml, { expand: true });
          // ok: xxe
          const b = docs.readDoc(req.body.xml, { expand: false });
          res.send(a + b);
        });
        """);
    assertTrue(r.passed(), r.problems().toString());
    assertEquals(1, r.expected());
  }

  @Test
  @DisplayName("scope_has and scope_lacks look at the whole enclosing function, not only the call")
  void scopeConditionsSeeTheFunction(@TempDir Path dir) throws IOException {
    SecurityKnowledge k = knowledge(dir, """
        pack: t
        languages: [java]
        sinks:
          - names: [load]
            category: xxe
            receiver: ["*loader"]
            scope_has: ["unsafemode"]
            scope_lacks: ["*hardened*"]
        """);
    RuleCases.Result r = run(k, "tests/java/T.java", """
        class T {
          String a(javax.servlet.http.HttpServletRequest request) {
            loader.setMode(Mode.UNSAFEMODE);
            // ruleid: xxe
            return loader.load(request.getParameter("x"));
          }
          String b(javax.servlet.http.HttpServletRequest request) {
            // ok: xxe
            return loader.load(request.getParameter("x"));
          }
          String c(javax.servlet.http.HttpServletRequest request) {
            loader.setMode(Mode.UNSAFEMODE);
            loader.setFeature("http://example.com/hardened", true);
            // ok: xxe
            return loader.load(request.getParameter("x"));
          }
        }
        """);
    assertTrue(r.passed(), r.problems().toString());
    assertEquals(1, r.expected());
    assertEquals(2, r.okMarks());
  }

  @Test
  @DisplayName("a parse guard tested in a condition cleans its first argument for the row's categories only")
  void parseGuardCleansItsArgument(@TempDir Path dir) throws IOException {
    SecurityKnowledge k = knowledge(dir, """
        pack: t
        languages: [python]
        sinks:
          - names: [fetch_url]
            category: ssrf
            receiver: [net]
          - names: [run_cmd]
            category: command_injection
            receiver: [net]
        guards:
          - kind: parse
            categories: [ssrf]
            names: [split_address]
        """);
    RuleCases.Result r = run(k, "tests/python/t.py", """
        from flask import request, abort
        import net

        def a():
            url = request.args.get("u")
            if split_address(url).host not in ALLOWED:
                abort(400)
            # ok: ssrf
            net.fetch_url(url)
            # ruleid: command_injection
            net.run_cmd(url)

        def b():
            url = request.args.get("u")
            # ruleid: ssrf
            net.fetch_url(url)
        """);
    assertTrue(r.passed(), r.problems().toString());
    assertEquals(2, r.expected());
  }

  @Test
  @DisplayName("a Kotlin elvis or TypeScript ?? default picks one operand and builds no path text")
  void defaultOperatorsBuildNoText() {
    RuleCases.Result kt = run(SecurityKnowledge.bundled(), "tests/kotlin/t.kt", """
        fun Route.loginDone() {
            get("/login/done") {
                // ok: path_traversal
                val next = call.request.queryParameters["next"] ?: "/"
                // ruleid: open_redirect
                call.respondRedirect(next)
            }
        }
        """);
    assertTrue(kt.passed(), kt.problems().toString());
    RuleCases.Result ts = run(SecurityKnowledge.bundled(), "tests/typescript/t.ts", """
        app.get('/logout', async (request, reply) => {
          // ok: path_traversal
          const next = request.query.next ?? '/';
          // ruleid: open_redirect
          return reply.redirect(next);
        });
        """);
    assertTrue(ts.passed(), ts.problems().toString());
  }

  @Test
  @DisplayName("a request handler's parameter used as-is reaches a whole-value sink; a helper's parameter does not")
  void handlerParametersReachWholeValueSinks() {
    RuleCases.Result r = run(SecurityKnowledge.bundled(), "tests/elixir/t.ex", """
        defmodule ShopWeb.ImageController do
          use ShopWeb, :controller

          def show(conn, %{"url" => url}) do
            # ruleid: ssrf
            {:ok, resp} = HTTPoison.get(url)
            send_resp(conn, 200, resp.body)
          end
        end

        defmodule Shop.Fetcher do
          def fetch(url) do
            # ok: ssrf
            HTTPoison.get(url)
          end
        end
        """);
    assertTrue(r.passed(), r.problems().toString());
    assertEquals(1, r.expected());
  }
}
