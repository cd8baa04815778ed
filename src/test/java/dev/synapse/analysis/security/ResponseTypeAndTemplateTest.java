package dev.synapse.analysis.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.analysis.lang.Language;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Response-type awareness (handler return values, JSON responses, HTML content types) and
 * template sinks (pack sections response_returns, template_sinks, sink markers shape and
 * html_context).
 */
class ResponseTypeAndTemplateTest {

  private static List<Integer> xssLines(String path, String content) {
    return SecurityTestDiffs.run(SecurityTestDiffs.newFile(path, content), "xss").stream()
        .map(Finding::line).toList();
  }

  @Test
  @DisplayName("a Flask view returning markup built from request data is XSS; the same in a plain helper is not")
  void flaskViewReturn() {
    String src = """
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/search")
        def search():
            q = request.args.get("q", "")
            return f"<h2>Results for {q}</h2>"

        def page(q):
            return f"<h2>Results for {q}</h2>"
        """;
    assertEquals(List.of(7), xssLines("app/views.py", src));
  }

  @Test
  @DisplayName("a Flask view returning jsonify of request data, or markup without it, is not XSS")
  void flaskJsonReturn() {
    String src = """
        from flask import Flask, request, jsonify
        app = Flask(__name__)

        @app.route("/search.json")
        def search():
            q = request.args.get("q", "")
            return jsonify(query=q)

        @app.route("/about")
        def about():
            return "<h2>About</h2>"
        """;
    assertEquals(List.of(), xssLines("app/views.py", src));
  }

  @Test
  @DisplayName("a FastAPI path operation returns JSON unless its response class is HTMLResponse")
  void fastApiResponseClass() {
    String src = """
        from fastapi import FastAPI
        from fastapi.responses import HTMLResponse
        app = FastAPI()

        @app.get("/hello")
        def hello(name: str):
            return f"<h1>{name}</h1>"

        @app.get("/page", response_class=HTMLResponse)
        def page(name: str):
            return f"<h1>{name}</h1>"
        """;
    assertEquals(List.of(11), xssLines("api/pages.py", src));
  }

  @Test
  @DisplayName("Express res.send of an object literal answers JSON; of a request string, HTML")
  void expressSendShape() {
    String src = """
        router.get('/debug/echo', (req, res) => {
          res.send({ query: req.query, headers: { accept: req.get('accept') } });
        });
        router.get('/hello', (req, res) => {
          res.send(req.query.name);
        });
        """;
    assertEquals(List.of(5), xssLines("src/routes/debug.js", src));
  }

  @Test
  @DisplayName("node:http res.end of request data counts only under a text/html Content-Type in the function")
  void nodeHttpContentType() {
    String json = """
        http.createServer((req, res) => {
          const url = new URL(req.url, 'http://localhost');
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(url.searchParams.get('name'));
        });
        """;
    assertEquals(List.of(), xssLines("src/server.js", json));
    assertEquals(List.of(4), xssLines("src/server.js", json.replace("application/json", "text/html")));
  }

  @Test
  @DisplayName("a JAX-RS resource returning markup is XSS only when it produces text/html")
  void jaxRsProduces() {
    String src = """
        @Path("/greeting")
        public class GreetingResource {
            @GET
            @Produces(MediaType.TEXT_HTML)
            public String greet(@QueryParam("name") String name) {
                return "<h1>Welcome, " + name + "</h1>";
            }
        }
        """;
    assertEquals(List.of(6), xssLines("src/main/java/a/GreetingResource.java", src));
    assertEquals(List.of(), xssLines("src/main/java/a/GreetingResource.java",
        src.replace("MediaType.TEXT_HTML", "MediaType.APPLICATION_JSON")));
  }

  @Test
  @DisplayName("Jinja |safe: a constant is no finding, a variable is partial and one severity step down, a request source is full")
  void jinjaSafeConfidence() {
    String src = """
        <div>{{ "<b>x</b>"|safe }}</div>
        <div>{{ comment.body|safe }}</div>
        <div>{{ request.args.q|safe }}</div>
        <div>{{ comment.body }}</div>
        """;
    List<Finding> fs = SecurityTestDiffs.run(SecurityTestDiffs.newFile("app/templates/c.html", src), "xss");
    assertEquals(List.of(2, 3), fs.stream().map(Finding::line).toList());
    Finding variable = fs.get(0);
    Finding source = fs.get(1);
    assertEquals(0.6, variable.confidence(), 1e-9);
    assertTrue(source.confidence() > variable.confidence());
    assertEquals(Severity.LOW, variable.severity());
    assertEquals(Rule.XSS.severity(), source.severity());
  }

  @Test
  @DisplayName("PHP templates: echo of request data is XSS, echo of a variable or of an encoded value is not")
  void phpTemplateEcho() {
    String src = """
        <span><?php echo $_GET['ref']; ?></span>
        <span><?= $title ?></span>
        <span><?= htmlspecialchars($_GET['q'], ENT_QUOTES) ?></span>
        """;
    assertEquals(List.of(1), xssLines("templates/header.php", src));
  }

  @Test
  @DisplayName("only template rows whose file globs match apply: v-html in a .vue file, not in a .py file")
  void templateRowsByFileName() {
    SecurityKnowledge k = SecurityKnowledge.bundled();
    assertFalse(TemplateSinks.rowsFor("src/views/A.vue", k).isEmpty());
    assertTrue(TemplateSinks.rowsFor("src/views/a.py", k).isEmpty());
    assertEquals(List.of(1), xssLines("src/views/A.vue", "<div v-html=\"banner\"></div>\n<div v-html=\"'<hr>'\"></div>\n"));
  }

  @Test
  @DisplayName("template expressions become access paths the pack sources recognise")
  void accessPaths() {
    assertEquals("params[tagline]", TemplateSinks.accessPath("params[:tagline]"));
    assertEquals("request.args.get()", TemplateSinks.accessPath("request.args.get('q', '')"));
    assertEquals("$request.query()", TemplateSinks.accessPath("$request->query('q')"));
    assertEquals("comment.body", TemplateSinks.accessPath("comment.body | default('')"));
    SecurityKnowledge k = SecurityKnowledge.bundled();
    assertTrue(TemplateSinks.knownSource("params[:tagline]", Language.RUBY, k));
    assertTrue(TemplateSinks.knownSource("$_GET['q']", Language.PHP, k));
    assertFalse(TemplateSinks.knownSource("@profile.bio", Language.RUBY, k));
  }
}
