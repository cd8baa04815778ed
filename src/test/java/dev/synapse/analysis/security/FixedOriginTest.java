package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static dev.synapse.analysis.security.SecurityTestDiffs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.signal.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A URL literal that fixes scheme and host ({@code "https://api.example.com/" + id}) leaves the
 * input a path on that host: no {@code ssrf} and no {@code open_redirect}; a literal that stops
 * before the host is complete ({@code "https://" + host}, {@code "https://api.example.com" + p},
 * {@code "//" + host}) still lets the input choose the host.
 */
class FixedOriginTest {

  private static List<Integer> lines(List<Finding> fs) {
    return fs.stream().map(Finding::line).toList();
  }

  @Test
  @DisplayName("Express: request data after a fixed https://host/ prefix is no ssrf or open_redirect; before the host it is")
  void javascriptPrefixes() {
    String src = """
        app.get('/go', (req, res) => {
          axios.get(`https://api.example.com/users/${req.query.id}`);
          axios.get("https://api.example.com/users/" + req.query.id);
          axios.get("https://" + req.query.host + "/users");
          axios.get("https://api.example.com" + req.query.path);
          axios.get("//" + req.query.host);
          res.redirect("https://example.com/welcome?from=" + req.query.from);
          res.redirect(req.query.next);
        });
        """;
    assertEquals(List.of(4, 5, 6), lines(run(newFile("src/app.js", src), "ssrf")));
    assertEquals(List.of(8), lines(run(newFile("src/app.js", src), "open_redirect")));
  }

  @Test
  @DisplayName("Python: an f-string or format string with a fixed host is no ssrf; a host placeholder is")
  void pythonPrefixes() {
    String src = """
        @app.route("/fetch")
        def fetch():
            user = request.args.get("user")
            requests.get(f"https://api.example.com/users/{user}")
            requests.get("https://api.example.com/users/%s" % user)
            requests.get("https://{}/users".format(user))
            requests.get("https://%s/users" % user)
            return "ok"
        """;
    assertEquals(List.of(6, 7), lines(run(newFile("app/views.py", src), "ssrf")));
  }
}
