package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.lines;
import static dev.synapse.analysis.security.SecurityTestDiffs.newFile;
import static dev.synapse.analysis.security.SecurityTestDiffs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.synapse.signal.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6, {@link FlawedChecks}: prefix containment without a separator, a character-wise
 * common prefix, argument injection through argument arrays, and locality decided from the Host
 * header.
 */
class FlawedChecksTest {

  @Test
  @DisplayName("startswith(root) on an abspath with no separator is path_traversal; root + sep is not")
  void prefixWithoutSeparator() {
    assertEquals(List.of(3), lines(newFile("app/fileio.py", """
        def to_os_path(root, path):
            os_path = os.path.join(root, path)
            if not (os.path.abspath(os_path) + os.path.sep).startswith(root):
                raise HTTPError(404)
            if not (os.path.abspath(os_path) + os.path.sep).startswith(root + os.path.sep):
                raise HTTPError(404)
            return os_path
        """), "path_traversal"));
  }

  @Test
  @DisplayName("Ruby expand_path(...).start_with?(@root) is flagged; a root built with the separator is not")
  void rubyStartWith() {
    assertEquals(List.of(2), lines(newFile("lib/directory.rb", """
        def check_forbidden(path_info)
          return if ::File.expand_path(::File.join(@root, path_info)).start_with?(@root)
          @root_with_separator = "#{@root}#{::File::SEPARATOR}"
          return if ::File.expand_path(::File.join(@root, path_info)).start_with?(@root_with_separator)
        end
        """), "path_traversal"));
  }

  @Test
  @DisplayName("Java Path.startsWith compares components and is not flagged; getCanonicalPath() strings are")
  void javaPathVersusString() {
    assertEquals(List.of(6), lines(newFile("src/main/java/a/Unpack.java", """
        class Unpack {
          void entry(File destDir, String name) throws IOException {
            File dest = new File(destDir, name);
            if (!dest.toPath().normalize().startsWith(destDir.toPath().normalize())) throw new IOException();
            String canonical = dest.getCanonicalPath();
            if (!canonical.startsWith(base)) throw new IOException();
          }
        }
        """), "path_traversal"));
  }

  @Test
  @DisplayName("os.path.commonprefix used as containment is path_traversal")
  void commonPrefix() {
    assertEquals(List.of(4), lines(newFile("plugins/untar.py", """
        def _is_within_directory(directory, target):
            abs_directory = os.path.abspath(directory)
            abs_target = os.path.abspath(target)
            prefix = os.path.commonprefix([abs_directory, abs_target])
            return prefix == abs_directory
        """), "path_traversal"));
  }

  @Test
  @DisplayName("a variable after constant git arguments without -- is argument injection (CWE-88); with -- it is not")
  void argumentInjection() {
    List<Finding> fs = run(newFile("internal/release.go", """
        func deleteTag(repoPath string, rel *Release) error {
        	_, stderr, err := process.ExecDir(-1, repoPath, "delete tag",
        		"git", "tag", "-d", rel.TagName)
        	_, stderr, err = process.ExecDir(-1, repoPath, "merge",
        		"git", "merge", "--no-ff", "--end-of-options", rel.Branch)
        	_, stderr, err = process.ExecDir(-1, repoPath, "status", "git", "status", "--short")
        	return err
        }
        """), "command_injection");
    assertEquals(List.of(3), fs.stream().map(Finding::line).toList());
    assertEquals("CWE-88", fs.get(0).cwe());
    assertEquals(List.of(2), lines(newFile("tools/fetch.py", """
        def fetch(url, dest):
            subprocess.run(["git", "clone", url, dest], check=True)
            subprocess.run(["git", "clone", "--", url, dest], check=True)
        """), "command_injection"));
  }

  @Test
  @DisplayName("a local-only check that accepts a loopback Host header is auth_bypass (CWE-290)")
  void hostHeaderTrust() {
    List<Finding> fs = run(newFile("app/cnl.py", """
        def local_check(func):
            def wrapper(*args, **kwargs):
                remote_addr = flask.request.environ.get("REMOTE_ADDR", "0")
                http_host = flask.request.environ.get("HTTP_HOST", "0")
                if remote_addr in ("127.0.0.1", "::1") or http_host in ("127.0.0.1:9666", "[::1]:9666"):
                    return func(*args, **kwargs)
                return "Forbidden", 403
            return wrapper
        """), "auth_bypass");
    assertEquals(List.of(5), fs.stream().map(Finding::line).toList());
    assertEquals("CWE-290", fs.get(0).cwe());
    assertEquals(List.of(), lines(newFile("app/local.py", """
        def local_only(func):
            def wrapper(*args, **kwargs):
                if flask.request.remote_addr in ("127.0.0.1", "::1"):
                    return func(*args, **kwargs)
                return "Forbidden", 403
            return wrapper
        """), "auth_bypass"));
  }

  @Test
  void onlyLinesWithAConditionProgramOrPrefixMethodAreSplit() {
    assertEquals(true, FlawedChecks.candidate("    if request.host == \"localhost\":"));
    assertEquals(true, FlawedChecks.candidate("  } else if (host.equals(\"127.0.0.1\")) {"));
    assertEquals(true, FlawedChecks.candidate("subprocess.run([\"git\", \"log\", ref])"));
    assertEquals(true, FlawedChecks.candidate("return real.StartsWith(root)"));
    assertEquals(true, FlawedChecks.candidate("os.path.commonprefix([a, b])"));
    assertEquals(false, FlawedChecks.candidate("    total = price * count;"));
    assertEquals(false, FlawedChecks.candidate("return render(template, context)"));
  }
}
