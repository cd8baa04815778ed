package dev.synapse.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.diff.Diff;
import dev.synapse.diff.DiffParser;
import dev.synapse.signal.Finding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * False alarms seen on ordinary commits of open-source projects (issue 12), each with the input
 * that raised it. Paths are production paths, so the test-code policy does not hide them: the
 * checks themselves must stay quiet.
 */
class QuietOnOrdinaryCodeTest {

  /** A diff of one hunk: '+' added, '-' removed, anything else context. */
  private static Diff hunk(String path, int firstLine, String... lines) {
    StringBuilder body = new StringBuilder();
    int oldN = 0;
    int newN = 0;
    for (String l : lines) {
      char c = l.isEmpty() ? ' ' : l.charAt(0);
      if (c == '+') {
        newN++;
        body.append(l).append('\n');
      } else if (c == '-') {
        oldN++;
        body.append(l).append('\n');
      } else {
        oldN++;
        newN++;
        body.append(c == ' ' ? l : " " + l).append('\n');
      }
    }
    return DiffParser.parse("diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/"
        + path + "\n@@ -" + firstLine + "," + oldN + " +" + firstLine + "," + newN + " @@\n" + body);
  }

  /** @return every finding of every check, as a specialist reports them, of one category */
  private static List<Finding> run(Diff diff, String category) {
    AnalysisContext ctx = new AnalysisContext(diff, List.of(), null);
    List<Finding> all = new ArrayList<>();
    for (Check c : Checks.security()) all.addAll(c.run(ctx));
    for (Check c : Checks.performance()) all.addAll(c.run(ctx));
    return Suppressions.apply(all, ctx).kept().stream().filter(f -> f.type().equals(category)).toList();
  }

  @Test
  @DisplayName("memory_hotspot: adding an argument to a ReadAsStringAsync() already on the line is not a new finding")
  void editedLineKeepsOldPattern() {
    Diff diff = hunk("src/Api/OrdersClient.cs", 10,
        "    public async Task<string> Get(HttpClient client, CancellationToken ct)",
        "    {",
        "        var response = await client.GetAsync(\"/orders\");",
        "-        var body = await response.Content.ReadAsStringAsync();",
        "+        var body = await response.Content.ReadAsStringAsync(ct);",
        "        return body;",
        "    }");
    assertEquals(List.of(), run(diff, "memory_hotspot"));
  }

  @Test
  @DisplayName("memory_hotspot: a whole-body read moved to another function of the file is not a new finding")
  void movedWithinFile() {
    String path = "src/Api/OrdersClient.cs";
    Diff diff = DiffParser.parse("diff --git a/" + path + " b/" + path + "\n--- a/" + path + "\n+++ b/" + path
        + "\n@@ -10,4 +10,3 @@\n"
        + "     public async Task<string> Get(HttpClient client)\n"
        + "     {\n"
        + "-        var body = await response.Content.ReadAsStringAsync();\n"
        + "         return body;\n"
        + "@@ -40,2 +39,3 @@\n"
        + "     public async Task<string> Read(HttpResponseMessage response)\n"
        + "     {\n"
        + "+        var body = await response.Content.ReadAsStringAsync();\n");
    assertEquals(List.of(), run(diff, "memory_hotspot"));
  }

  @Test
  @DisplayName("memory_hotspot: a ReadAsStringAsync() the change adds is still reported")
  void addedLineStillReported() {
    Diff diff = hunk("src/Api/OrdersClient.cs", 10,
        "    public async Task<string> Get(HttpClient client, CancellationToken ct)",
        "    {",
        "        var response = await client.GetAsync(\"/orders\");",
        "-        var body = \"\";",
        "+        var body = await response.Content.ReadAsStringAsync(ct);",
        "        return body;",
        "    }");
    assertEquals(1, run(diff, "memory_hotspot").size());
  }

  @Test
  @DisplayName("memory_hotspot: an unbounded SELECT literal already on the edited line is not a new finding")
  void editedSelectKeepsOldPattern() {
    Diff diff = hunk("app/reports.py", 3,
        "def rows(db):",
        "-    return db.execute(\"SELECT id, name FROM users\").fetchall()",
        "+    return db.execute(\"SELECT id, name FROM users\", timeout=5).fetchall()");
    assertEquals(List.of(), run(diff, "memory_hotspot"));
  }

  @Test
  @DisplayName("memory_hotspot: a method declaration named findAll is not a call")
  void findAllDeclaration() {
    Diff diff = hunk("src/main/java/com/acme/UserQueries.java", 20,
        "  }",
        "+",
        "+  @Transactional(readOnly = true)",
        "+  public List<User> findAll() {",
        "+    return jdbc.query(SQL_PAGE, mapper, 50);",
        "+  }",
        "}");
    assertEquals(List.of(), run(diff, "memory_hotspot"));
    Diff kotlin = hunk("src/main/kotlin/com/acme/UserQueries.kt", 20,
        "+  fun findAll() {",
        "+    println(1)",
        "+  }");
    assertEquals(List.of(), run(kotlin, "memory_hotspot"));
    Diff ts = hunk("src/users/users.controller.ts", 20,
        "+  findAll(): Promise<User[]> {",
        "+    return this.users.page(0, 50);",
        "+  }");
    assertEquals(List.of(), run(ts, "memory_hotspot"));
  }

  @Test
  @DisplayName("memory_hotspot: a findAll() call is still reported")
  void findAllCallStillReported() {
    Diff diff = hunk("src/main/java/com/acme/UserService.java", 20,
        "  public List<User> all() {",
        "+    return repository.findAll();",
        "  }");
    assertEquals(1, run(diff, "memory_hotspot").size());
  }

  @Test
  @DisplayName("memory_hotspot: an expected SQL string inside assertSame or assertEquals is not a query")
  void expectedSqlInAssertion() {
    Diff java = hunk("src/main/java/com/acme/QueryBuilderChecks.java", 20,
        "  void builds() {",
        "+    assertSame(\"SELECT * FROM users\", builder.build());",
        "+    assertEquals(\"SELECT id FROM orders\", builder.orders());",
        "+    assertEquals(",
        "+        \"SELECT name FROM accounts\",",
        "+        builder.accounts());",
        "  }");
    assertEquals(List.of(), run(java, "memory_hotspot"));
    Diff python = hunk("app/sql_checks.py", 3,
        "    def test_builds(self):",
        "+        self.assertEqual(build(), \"SELECT * FROM users\")");
    assertEquals(List.of(), run(python, "memory_hotspot"));
  }

  @Test
  @DisplayName("memory_hotspot: a SELECT without WHERE that the code runs is still reported")
  void selectStillReported() {
    Diff diff = hunk("app/reports.py", 3,
        "def rows(db):",
        "+    return db.execute(\"SELECT id, name FROM users\").fetchall()");
    assertEquals(1, run(diff, "memory_hotspot").size());
  }

  @Test
  @DisplayName("n_plus_one: editing a query already in the loop body is not a new finding")
  void editedQueryInLoop() {
    Diff diff = hunk("app/services/billing.py", 3,
        "def totals(ids):",
        "    for i in ids:",
        "-        order = Order.objects.get(id=i)",
        "+        order = Order.objects.get(pk=i)",
        "        print(order.total)");
    assertEquals(List.of(), run(diff, "n_plus_one"));
  }

  @Test
  @DisplayName("n_plus_one: a query the change moves into the loop is still reported")
  void queryMovedIntoLoop() {
    Diff diff = hunk("app/services/billing.py", 3,
        "def totals(ids):",
        "-    orders = Order.objects.get(id__in=ids)",
        "    for i in ids:",
        "+        order = Order.objects.get(id=i)",
        "        print(order.total)");
    assertEquals(1, run(diff, "n_plus_one").size());
  }

  @Test
  @DisplayName("hardcoded_secret: a Razor directive attribute whose value is an expression is not a secret")
  void razorDirective() {
    Diff razor = hunk("Components/Pages/Messages.razor", 5,
        "@foreach (var message in messages)",
        "{",
        "+    <p @key=\"@message\">@message.Text</p>",
        "+    <InputText @bind-Value=\"@model.Password\" />",
        "+    <Secret Token=\"@token\" />",
        "}");
    assertEquals(List.of(), run(razor, "hardcoded_secret"));
    Diff cshtml = hunk("Views/Home/Index.cshtml", 5,
        "+<input type=\"hidden\" name=\"token\" value=\"@Model.AntiforgeryToken\" />",
        "+<div @key=\"@item.Id\"></div>");
    assertEquals(List.of(), run(cshtml, "hardcoded_secret"));
  }

  @Test
  @DisplayName("hardcoded_secret: a literal secret in a Razor file is still reported")
  void razorLiteralSecret() {
    Diff razor = hunk("Components/Pages/Pay.razor", 5,
        "+<StripeCheckout ApiKey=\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\" />");
    assertTrue(run(razor, "hardcoded_secret").size() == 1, run(razor, "hardcoded_secret").toString());
  }

  @Test
  @DisplayName("hardcoded_secret: a bare Key property holding a letters-only identifier is a lookup key, not a credential (Jellyfin task Key => \"TmdbRefreshUpcomingEpisodes\")")
  void keyPropertyIdentifier() {
    Diff task = hunk("MediaBrowser.Providers/Tasks/RefreshTask.cs", 20,
        "+        public string Key => \"TmdbRefreshUpcomingEpisodes\";",
        "+        private const string Key = \"library_refresh_task\";");
    assertEquals(List.of(), run(task, "hardcoded_secret"));
    Diff real = hunk("src/Payments/Client.cs", 20,
        "+        private const string Key = \"AKfq3x9LmZp27TrWq81\";",
        "+        private const string ApiKey = \"SuperSecretLettersOnly\";");
    assertEquals(2, run(real, "hardcoded_secret").size(), run(real, "hardcoded_secret").toString());
  }
}
