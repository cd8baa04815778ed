package dev.synapse.analysis.security;

import static dev.synapse.analysis.security.SecurityTestDiffs.hunk;
import static dev.synapse.analysis.security.SecurityTestDiffs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 item 6, {@link RemovedProtection}: a change that removes a sanitiser from a line, or
 * a security check in front of code that stays, is reported on the new side; a protection moved
 * or replaced is not.
 */
class RemovedProtectionTest {

  private static List<String> found(List<Finding> fs) {
    return fs.stream().map(f -> f.type() + "@" + f.side().wire() + ":" + f.line()).toList();
  }

  @Test
  @DisplayName("an escaping helper removed from a PHP print line is xss there, though the value's origin is not shown")
  void escaperRemovedFromPrint() {
    List<Finding> fs = run(hunk("lib/html.php", 20,
        "function form_area($text) { ?>",
        "-\t<?php print html_escape($text);?>",
        "+\t<?php print $text;?>",
        "<?php }"));
    assertEquals(List.of("xss@new:21"), found(fs));
    assertTrue(fs.get(0).confidence() < 0.6, "partial confidence");
    assertEquals(Severity.LOW, fs.get(0).severity(), "one step below the rule's medium");
  }

  @Test
  @DisplayName("a quoting call removed from SQL text is sql_injection; one moved to the line above is not")
  void quotingRemovedFromSql() {
    assertEquals(List.of("sql_injection@new:11"), found(run(hunk("lib/filter.php", 10,
        "foreach ($fields as $column) {",
        "-\t$sql .= ' OR ' . $column . ' LIKE ' . db_qstr('%' . $filter . '%');",
        "+\t$sql .= ' OR ' . $column . ' LIKE \"%' . $filter . '%\"';",
        "}"))));
    assertEquals(List.of(), found(run(hunk("lib/filter.php", 10,
        "foreach ($fields as $column) {",
        "+\t$like = db_qstr('%' . $filter . '%');",
        "-\t$sql .= ' OR ' . $column . ' LIKE ' . db_qstr('%' . $filter . '%');",
        "+\t$sql .= ' OR ' . $column . ' LIKE ' . $like;",
        "}"))));
  }

  @Test
  @DisplayName("ERB h and a Go template | Sanitize filter removed from an output tag are xss")
  void templateFiltersRemoved() {
    assertEquals(List.of("xss@new:15"), found(run(hunk("web/views/metrics.erb", 14,
        "<label for=\"substr\"><%= t('Filter') %></label>",
        "-<input type=\"text\" name=\"substr\" value=\"<%= h params[:substr] %>\">",
        "+<input type=\"text\" name=\"substr\" value=\"<%= params[:substr] %>\">"))));
    assertEquals(List.of("xss@new:71"), found(run(hunk("templates/issue/new_form.tmpl", 70,
        "{{range .OpenMilestones}}",
        "-<div class=\"item\" data-id=\"{{.ID}}\"> {{.Name | Sanitize}}</div>",
        "+<div class=\"item\" data-id=\"{{.ID}}\"> {{.Name}}</div>",
        "{{end}}"))));
  }

  @Test
  @DisplayName("the safe_ variant swapped for the plain deserialiser is insecure_deserialization")
  void safeVariantSwapped() {
    assertEquals(List.of("insecure_deserialization@new:6"), found(run(hunk("app/config.py", 5,
        "def load_settings(text):",
        "-    return yaml.safe_load(text)",
        "+    return yaml.load(text)"))));
  }

  @Test
  @DisplayName("a replacement that adds another escaper, or a removed call with constant arguments, is no removal")
  void replacedOrConstant() {
    assertEquals(List.of(), found(run(hunk("lib/html.php", 20,
        "function form_area($text) { ?>",
        "-\t<?php print html_escape($text);?>",
        "+\t<?php print htmlspecialchars($text);?>",
        "<?php }"))));
    assertEquals(List.of(), found(run(hunk("src/app/login.py", 48,
        "def login():",
        "-    next = get_redirect_url(fallback=flask.url_for(\"app.dashboard\"))",
        "+    next_url = get_redirect_url(fallback=\"app.dashboard\")",
        "    return next_url"))));
  }

  @Test
  @DisplayName("a refusing check whose removed comment names the attack is reported at the code it guarded")
  void commentedCheckRemoved() {
    List<Finding> fs = run(hunk("tornado/web.py", 2879, // the shape of CVE-2023-28370, re-introduced
        "            if not self.request.path.endswith(\"/\"):",
        "-                if self.request.path.startswith(\"//\"):",
        "-                    # A protocol-relative URL makes this effectively an open redirect.",
        "-                    raise HTTPError(403, \"cannot redirect path with two initial slashes\")",
        "                self.redirect(self.request.path + \"/\", permanent=True)",
        "                return None"));
    assertEquals(List.of("open_redirect@new:2880"), found(fs));
  }

  @Test
  @DisplayName("a removed permission test with a refusing branch is auth_bypass on the next line")
  void permissionCheckRemoved() {
    assertEquals(List.of("auth_bypass@new:69"), found(run(hunk("http/resource.go", 68,
        "\tif checksum := r.URL.Query().Get(\"checksum\"); checksum != \"\" {",
        "-\t\tif !d.user.Perm.Download {",
        "-\t\t\treturn http.StatusAccepted, nil",
        "-\t\t}",
        "-",
        "\t\terr := file.Checksum(checksum)",
        "\t\treturn renderJSON(w, r, file)"))));
  }

  @Test
  @DisplayName("a guard-wrapped call unwrapped by the change is reported at the call; a rewritten check is not")
  void guardUnwrapped() {
    assertEquals(List.of("ssrf@new:587"), found(run(hunk("src/core/api.py", 586,
        "        if url:",
        "-            urlp = urlparse(url)",
        "-            if urlp.scheme in (\"http\", \"https\") and is_global_host(urlp.hostname):",
        "-                page = get_url(url)",
        "-                urls.update(RE_URLMATCH.findall(page))",
        "+            page = get_url(url)",
        "+            urls.update(RE_URLMATCH.findall(page))",
        "        return self.check_urls(list(urls))"))));
    assertEquals(List.of(), found(run(hunk("src/extractors/untar.py", 10,
        "    for member in tar.getmembers():",
        "        member_path = os.path.join(path, member.name)",
        "-        if not _is_within_directory(path, member_path):",
        "+        if not is_within_directory(path, member_path):",
        "            raise ArchiveError(\"Attempted Path Traversal in Tar File\")"))));
  }

  @Test
  @DisplayName("a deny list of characters that loses the null byte is path_traversal")
  void denyCharacterDropped() {
    assertEquals(List.of("path_traversal@new:291"), found(run(hunk("lib/plug/static.ex", 290,
        "  defp invalid_path?([h|_]) when h in [\".\", \"..\", \"\"], do: true",
        "-  defp invalid_path?([h|t]), do: String.contains?(h, [\"/\", \"\\\\\", \":\", \"\\0\"]) or invalid_path?(t)",
        "+  defp invalid_path?([h|t]), do: String.contains?(h, [\"/\", \"\\\\\", \":\"]) or invalid_path?(t)",
        "  defp invalid_path?([]), do: false"))));
  }

  @Test
  @DisplayName("comments naming attacks in documentation or tests are not checks")
  void docsAndTestsIgnored() {
    assertEquals(List.of(), found(run(hunk("CHANGELOG.md", 2,
        "## 7.2.4",
        "-- Fix XSS in metrics filtering introduced in 7.2.0",
        "+- Fix a typo"))));
    assertEquals(List.of(), found(run(hunk("tests/test_views.py", 10,
        "def test_download(client):",
        "-    # path traversal must be refused",
        "-    if client.get('/files?name=../x').status_code != 403:",
        "-        raise AssertionError()",
        "    assert True"))));
  }

  @Test
  @DisplayName("a variable the removed lines sanitised, now echoed raw by a PHP short tag on another line, is xss")
  void sanitisedVariableEchoedRaw() {
    assertEquals(List.of("xss@new:1190"), found(run(hunk("lib/functions.php", 1187,
        "\t?>",
        "\t<script type='text/javascript'>",
        "-\tvar mixedReasonTitle = DOMPurify.sanitize(<?php print json_encode($title, JSON_THROW_ON_ERROR);?>);",
        "\t$(function() {",
        "-\t\traiseMessage(mixedReasonTitle);",
        "+\t\traiseMessage('<?= $title?>')",
        "\t});"))));
  }

  @Test
  @DisplayName("a sanitising JSX wrapper replaced by dangerouslySetInnerHTML is xss")
  void safeWrapperReplacedByRawHtml() {
    assertEquals(List.of("xss@new:354"), found(run(hunk("ui/src/album/AlbumDetails.jsx", 353,
        "                <Typography variant={'body1'}>",
        "-                  <span><SafeHTML>{notes}</SafeHTML></span>",
        "+                  <span dangerouslySetInnerHTML={{ __html: notes }} />",
        "                </Typography>"))));
  }

  @Test
  @DisplayName("a removed validation of a value that reaches a known sink below is reported at the sink")
  void validationRemovedBeforeSink() {
    assertEquals(List.of("sql_injection@new:11"), found(run(hunk("app/users.py", 10,
        "def lookup(cur, name):",
        "-    if not name.isalnum():",
        "-        raise ValueError(\"invalid name\")",
        "    cur.execute(\"SELECT * FROM users WHERE name = '\" + name + \"'\")",
        "    return cur.fetchall()"))));
    assertEquals(List.of(), found(run(hunk("app/users.py", 10,
        "def lookup(cur, name):",
        "-    if not name:",
        "-        return []",
        "    return cur.execute(\"SELECT * FROM users\").fetchall()"))));
  }
}
