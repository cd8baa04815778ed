package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6: flow into functions defined in the same diff, closures and module wrappers
 * behave like the same code at top level; join propagates taint.
 */
class NestedFlowTest {

  @Test
  @DisplayName("JS: exec of built text inside module.exports = function(arg) is reported as at top level")
  void moduleExportsWrapper() {
    assertEquals(List.of(3), lines(newFile("lib/open.js", """
        const { exec } = require('child_process');
        module.exports = function (target) {
          exec('xdg-open "' + target + '"');
        };
        """), "command_injection"));
  }

  @Test
  @DisplayName("JS: request input used inside an immediately invoked function expression is reported")
  void iife() {
    assertEquals(List.of(4), lines(newFile("lib/run.js", """
        (function () {
          const cp = require('child_process');
          const arg = process.argv[2];
          cp.exec('ls ' + arg);
        })();
        """), "command_injection"));
  }

  @Test
  @DisplayName("Python: a nested def that builds a command from its parameter is reported")
  void pythonNestedDef() {
    assertEquals(List.of(5), lines(newFile("tool.py", """
        import os

        def make_runner(base):
            def run(name):
                os.system("convert " + name + " " + base)
            return run
        """), "command_injection"));
  }

  @Test
  @DisplayName("Python: an f-string SQL query over \"','\".join(request values) is reported")
  void joinPropagates() {
    assertEquals(List.of(5), lines(newFile("views.py", """
        @app.route("/items")
        def items():
            ids = request.args.getlist("id")
            joined = "','".join(ids)
            cursor.execute(f"SELECT * FROM items WHERE id IN ('{joined}')")
        """), "sql_injection"));
    assertEquals(List.of(4), lines(newFile("views.py", """
        @app.route("/items")
        def items():
            ids = request.args.getlist("id")
            cursor.execute(f"SELECT * FROM items WHERE id IN ('{"','".join(ids)}')")
        """), "sql_injection"));
  }

  @Test
  @DisplayName("JS: a function nested in a module wrapper builds a command from its parameter: reported")
  void functionInsideWrapper() {
    assertEquals(List.of(4), lines(newFile("lib/git.js", """
        const { exec } = require('child_process');
        module.exports = function (opts) {
          function checkout(branch) {
            exec('git checkout ' + branch, { cwd: opts.dir });
          }
          return { checkout };
        };
        """), "command_injection"));
    assertEquals(List.of(4), lines(newFile("lib/git.js", """
        (function () {
          var exec = require('child_process').exec;
          exports.checkout = function (branch) {
            exec('git checkout ' + branch);
          };
        })();
        """), "command_injection"));
  }

  @Test
  @DisplayName("Python: a nested def inside a wrapper function builds a command from its parameter: reported")
  void pythonDefInsideDef() {
    assertEquals(List.of(4), lines(newFile("tool.py", """
        def make():
            import subprocess
            def run(name):
                subprocess.call("convert " + name, shell=True)
            return run
        """), "command_injection"));
  }

  @Test
  @DisplayName("Python: join over split request input, a list comprehension or a parameter list propagates taint")
  void joinVariants() {
    assertEquals(List.of(5), lines(newFile("views.py", """
        @app.route("/items")
        def items():
            ids = request.args.get("ids").split(",")
            quoted = "','".join([i.strip() for i in ids])
            cursor.execute(f"SELECT * FROM items WHERE id IN ('{quoted}')")
        """), "sql_injection"));
    assertEquals(List.of(3), lines(newFile("store.py", """
        def find_items(cursor, names):
            names_str = "','".join(names)
            query = f"SELECT * FROM items WHERE name IN ('{names_str}')"
            cursor.execute(query)
        """), "sql_injection"));
    assertEquals(List.of(4), lines(newFile("views.py", """
        @app.route("/items")
        def items():
            ids = request.args.getlist("id")
            query = "SELECT * FROM items WHERE id IN ('%s')" % "','".join(ids)
            cursor.execute(query)
        """), "sql_injection"));
  }

  @Test
  @DisplayName("Python: placeholders built by a comprehension over request values stay clean")
  void placeholderComprehension() {
    assertEquals(List.of(), lines(newFile("views.py", """
        @app.route("/items")
        def items():
            ids = request.args.getlist("id")
            marks = ",".join(["%s" for _ in ids])
            cursor.execute(f"SELECT * FROM items WHERE id IN ({marks})", ids)
        """), "sql_injection"));
  }
}
