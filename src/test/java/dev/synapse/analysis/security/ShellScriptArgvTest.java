package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: a shell script handed to {@code bash -c} / {@code sh -c} / {@code cmd /c}
 * inside an argument array is command injection when it is built from untrusted input, although
 * the argument-array form runs no shell for the other elements.
 */
class ShellScriptArgvTest {

  private static List<Integer> cmdi(String path, String src) {
    return lines(newFile(path, src), "command_injection");
  }

  @Test
  @DisplayName("Python: subprocess.run([\"bash\", \"-c\", script]) with request input in the script is reported")
  void pythonBashC() {
    assertEquals(List.of(4), cmdi("v.py", """
        @app.route("/thumb")
        def thumb():
            name = request.args.get("name")
            subprocess.run(["bash", "-c", "convert " + name + " out.png"], check=True)
        """));
    assertEquals(List.of(4), cmdi("v.py", """
        @app.route("/run")
        def run_it():
            script = request.form["script"]
            subprocess.check_output(["/bin/sh", "-c", script])
        """));
  }

  @Test
  @DisplayName("Python: the same input as a plain argv element (no shell) is not reported")
  void pythonArgvWithoutShell() {
    assertEquals(List.of(), cmdi("v.py", """
        @app.route("/thumb")
        def thumb():
            name = request.args.get("name")
            subprocess.run(["convert", name, "out.png"], check=True)
            subprocess.run(["bash", "-c", "convert in.png out.png"], check=True)
        """));
  }

  @Test
  @DisplayName("JavaScript: spawn(\"sh\", [\"-c\", script]) with request input is reported, spawn(\"ls\", [dir]) is not")
  void jsSpawnShC() {
    assertEquals(List.of(3), cmdi("r.js", """
        app.get('/ls', (req, res) => {
          const dir = req.query.dir;
          const p = spawn('sh', ['-c', 'ls -l ' + dir]);
          p.stdout.pipe(res);
        });
        """));
    assertEquals(List.of(), cmdi("r.js", """
        app.get('/ls', (req, res) => {
          const dir = req.query.dir;
          const p = spawn('ls', ['-l', dir]);
          p.stdout.pipe(res);
        });
        """));
  }

  @Test
  @DisplayName("Go: exec.Command(\"sh\", \"-c\", s) with request input is reported")
  void goShC() {
    assertEquals(List.of(5), cmdi("h.go", """
        package h
        
        func handler(w http.ResponseWriter, r *http.Request) {
        	host := r.URL.Query().Get("host")
        	out, _ := exec.Command("sh", "-c", "ping -c 1 "+host).Output()
        	w.Write(out)
        }
        """));
  }

  @Test
  @DisplayName("Java: new ProcessBuilder(\"sh\", \"-c\", s) and exec(new String[]{\"cmd\", \"/c\", s}) with request input are reported")
  void javaShC() {
    assertEquals(List.of(4, 5), cmdi("S.java", """
        class S extends HttpServlet {
          public void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String f = request.getParameter("f");
            new ProcessBuilder("sh", "-c", "cat " + f).start();
            Runtime.getRuntime().exec(new String[] {"cmd.exe", "/c", "type " + f});
          }
        }
        """));
  }
}
