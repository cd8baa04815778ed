package dev.synapse.analysis.performance;

import static dev.synapse.analysis.performance.PerfTestSupport.diff;
import static dev.synapse.analysis.performance.PerfTestSupport.lines;
import static dev.synapse.analysis.performance.PerfTestSupport.newFile;
import static dev.synapse.analysis.performance.PerfTestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.signal.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NPlusOneCheckTest {
  private final NPlusOneCheck check = new NPlusOneCheck();

  @Test
  @DisplayName("a Django query inside a for loop is reported on the query line")
  void django() {
    List<Finding> f = run(check, newFile("tasks.py",
        "def remind(invoices):",
        "    for invoice in invoices:",
        "        customer = Customer.objects.get(pk=invoice.customer_id)",
        "        send(customer)"));
    assertEquals(List.of(3), lines(f));
    assertEquals("CWE-1073", f.get(0).cwe());
  }

  @Test
  @DisplayName("the query that produces the loop's collection is not reported")
  void iterableQuery() {
    assertTrue(run(check, newFile("tasks.py",
        "def remind():",
        "    for invoice in Invoice.objects.filter(paid=False):",
        "        send(invoice)")).isEmpty());
  }

  @Test
  @DisplayName("a Rails association query on the block variable is reported")
  void railsAssociation() {
    assertEquals(List.of(3), lines(run(check, newFile("app/c.rb",
        "def show",
        "  @counts = @projects.to_h do |project|",
        "    [project.id, project.tasks.where(done: false).count]",
        "  end",
        "end"))));
  }

  @Test
  @DisplayName("an association preloaded in the same function is not reported")
  void preloaded() {
    assertTrue(run(check, newFile("views.py",
        "def index(request):",
        "    invoices = Invoice.objects.prefetch_related(\"lines\")",
        "    rows = [",
        "        len(inv.lines.all())",
        "        for inv in invoices",
        "    ]")).isEmpty());
  }

  @Test
  @DisplayName("the same association without preloading is reported inside a comprehension")
  void comprehension() {
    assertEquals(List.of(4), lines(run(check, newFile("views.py",
        "def index(request):",
        "    invoices = Invoice.objects.all()[:10]",
        "    rows = [",
        "        len(inv.lines.all())",
        "        for inv in invoices",
        "    ]"))));
  }

  @Test
  @DisplayName("a Go QueryRowContext inside a range loop is reported")
  void goQuery() {
    assertEquals(List.of(4), lines(run(check, newFile("r.go",
        "package r",
        "func Fill(ctx context.Context, db *sql.DB, orders []Order) {",
        "\tfor i := range orders {",
        "\t\tdb.QueryRowContext(ctx, \"SELECT 1\", orders[i].ID).Scan(&orders[i].N)",
        "\t}",
        "}"))));
  }

  @Test
  @DisplayName("an HTTP fetch per element inside map is a remote N+1 (CWE-1050)")
  void fetchInMap() {
    List<Finding> f = run(check, newFile("enrich.ts",
        "export async function enrich(ms: Member[]) {",
        "  return Promise.all(ms.map((m) => fetch(`/p/${m.id}`).then((r) => r.json())));",
        "}"));
    assertEquals(List.of(2), lines(f));
    assertEquals(NPlusOneCheck.RULE_REMOTE, f.get(0).ruleId());
    assertEquals("CWE-1050", f.get(0).cwe());
  }

  @Test
  @DisplayName("PHP Model::find in a foreach and Elixir Repo.get in Enum.map are reported")
  void phpAndElixir() {
    assertEquals(List.of(4), lines(run(check, newFile("S.php",
        "<?php",
        "function lists($orders) {",
        "    foreach ($orders as $order) {",
        "        $c = Customer::find($order->customer_id);",
        "    }",
        "}"))));
    assertEquals(List.of(4), lines(run(check, newFile("lib/d.ex",
        "defmodule D do",
        "  def names(posts) do",
        "    Enum.map(posts, fn post ->",
        "      Repo.get(User, post.user_id).name",
        "    end)",
        "  end",
        "end"))));
  }

  @Test
  @DisplayName("lookups in a map built before the loop are not reported")
  void inMemoryLookup() {
    assertTrue(run(check, newFile("h.ts",
        "async function history(ids: string[]) {",
        "  const items = await this.items.find({ where: { orderId: In(ids) } });",
        "  const byOrder = new Map<string, Item[]>();",
        "  for (const item of items) {",
        "    byOrder.set(item.orderId, [...(byOrder.get(item.orderId) ?? []), item]);",
        "  }",
        "}")).isEmpty());
  }

  @Test
  @DisplayName("a Spring RestClient call per cart line is reported")
  void javaRestClient() {
    assertEquals(List.of(4), lines(run(check, newFile("src/Q.java",
        "class Q {",
        "  Quote build(Cart cart) {",
        "    for (CartLine line : cart.lines()) {",
        "      Price p = pricing.get().uri(\"/p/{s}\", line.sku()).retrieve().body(Price.class);",
        "    }",
        "  }",
        "}"))));
  }

  @Test
  @DisplayName("a query in a loop on unchanged context lines is not reported")
  void contextOnly() {
    assertTrue(run(check, diff("tasks.py", 1,
        " def remind(invoices):",
        "     for invoice in invoices:",
        "         customer = Customer.objects.get(pk=invoice.customer_id)",
        "-        send(customer, 1)",
        "+        send(customer, 2)")).isEmpty());
  }

  @Test
  @DisplayName("a loop over a numeric literal range is not a loop over records")
  void numericRange() {
    assertTrue(run(check, newFile("retry.py",
        "def poll():",
        "    for attempt in range(3):",
        "        requests.get(URL)")).isEmpty());
  }

  @Test
  @DisplayName("an Entity Framework FindAsync inside an Allman-style foreach is reported")
  void csharpAllman() {
    assertEquals(List.of(7), lines(run(check, newFile("A.cs",
        "public class A",
        "{",
        "    public async Task F(List<Order> orders)",
        "    {",
        "        foreach (var o in orders)",
        "        {",
        "            var c = await _db.Customers.FindAsync(o.CustomerId);",
        "        }",
        "    }",
        "}"))));
  }

  @Test
  @DisplayName("a Kotlin repository call inside map { } is reported")
  void kotlinMap() {
    assertEquals(List.of(1), lines(run(check, newFile("A.kt",
        "fun f(orders: List<Order>) = orders.map { repo.findById(it.customerId) }"))));
  }

  @Test
  @DisplayName("list element access through the loop variable is not a query")
  void javaListGet() {
    assertTrue(run(check, newFile("A.java",
        "class A {",
        "  void f(List<Order> orders) {",
        "    for (Order o : orders) {",
        "      Line l = o.getLines().get(0);",
        "    }",
        "  }",
        "}")).isEmpty());
  }

  @Test
  @DisplayName("GORM First inside a range loop is reported")
  void gorm() {
    assertEquals(List.of(5), lines(run(check, newFile("a.go",
        "package a", "func f(db *gorm.DB, orders []Order) {", "\tfor _, o := range orders {",
        "\t\tvar c Customer", "\t\tdb.First(&c, o.CustomerID)", "\t}", "}"))));
  }

  @Test
  @DisplayName("reading rows of an open cursor in a loop is not an N+1")
  void cursorScan() {
    assertTrue(run(check, newFile("a.go",
        "package a", "func f(rows *sql.Rows) {", "\tfor rows.Next() {", "\t\trows.Scan(&x)",
        "\t\tout = append(out, x)", "\t}", "}")).isEmpty());
  }

  @Test
  @DisplayName("JSON parsing with an ObjectMapper in a loop is not a query")
  void objectMapper() {
    assertTrue(run(check, newFile("A.java",
        "class A {", "  void f(List<String> lines) throws IOException {", "    for (String l : lines) {",
        "      Event e = objectMapper.readValue(l, Event.class);", "    }", "  }", "}")).isEmpty());
  }

  @Test
  @DisplayName("a Phoenix context getter per element inside Enum.map is reported; Map.get is not")
  void phoenixContext() {
    assertEquals(List.of(4), lines(run(check, newFile("lib/feed.ex",
        "defmodule Feed do", "  def authors(posts) do", "    Enum.map(posts, fn post ->",
        "      Accounts.get_user!(post.user_id)", "    end)", "  end", "end"))));
    assertTrue(run(check, newFile("lib/feed.ex",
        "defmodule Feed do", "  def counts(posts, counts) do", "    Enum.map(posts, fn post ->",
        "      Map.get(counts, post.id, 0)", "    end)", "  end", "end")).isEmpty());
  }

  @Test
  @DisplayName("a LINQ Select that queries per element is reported")
  void linqSelect() {
    assertEquals(List.of(3), lines(run(check, newFile("A.cs",
        "public class A {", "  public List<Customer> F(List<Order> orders) {",
        "    return orders.Select(o => _db.Customers.Find(o.CustomerId)).ToList();", "  }", "}"))));
  }

  @Test
  @DisplayName("a findById call is a query whatever the receiver is called")
  void finderOnAnyReceiver() {
    assertEquals(List.of(4), lines(run(check, newFile("A.java",
        "class A {", "  List<Invoice> monthly() {", "    for (Order o : orders.findAll()) {",
        "      Customer c = customers.findById(o.getCustomerId()).orElseThrow();", "    }", "  }", "}"))));
  }

  @Test
  @DisplayName("Map.get and List.get in a loop are not queries")
  void mapAndListGet() {
    assertTrue(run(check, newFile("A.java",
        "class A {", "  void f(List<Order> orders, Map<Long, Customer> byId, List<String> names) {",
        "    for (Order o : orders) {", "      Customer c = byId.get(o.getCustomerId());",
        "      String n = names.get(0);", "    }", "  }", "}")).isEmpty());
  }

  @Test
  @DisplayName("dict.get inside a Python loop is not a query")
  void dictGet() {
    assertTrue(run(check, newFile("a.py",
        "def total(items, prices):", "    s = 0", "    for item in items:",
        "        s += prices.get(item.sku, 0)", "    return s")).isEmpty());
  }

  @Test
  @DisplayName("an awaited TypeORM findOneBy inside for-of is reported")
  void typeormFindOneBy() {
    assertEquals(List.of(5), lines(run(check, newFile("s.ts",
        "export class S {", "  async f(): Promise<void> {", "    const all = await this.orders.find();",
        "    for (const o of all) {", "      const c = await this.customers.findOneBy({ id: o.customerId });",
        "    }", "  }", "}"))));
  }

  @Test
  @DisplayName("an awaited data-access call on a plain receiver inside a loop is reported")
  void awaitedDataAccess() {
    assertEquals(List.of(3), lines(run(check, newFile("s.js",
        "async function names(ids) {", "  for (const id of ids) {", "    const u = await users.load(id);",
        "  }", "}"))));
  }

  @Test
  @DisplayName("testing-library element queries in a loop are not data access")
  void domQueries() {
    assertTrue(run(check, newFile("s.test.ts",
        "test('labels', async () => {", "  for (const label of labels) {",
        "    expect(await screen.findByText(label)).toBeTruthy();", "    screen.getByRole('button');",
        "  }", "});")).isEmpty());
  }

  @Test
  @DisplayName("a data-access method on a receiver declared as a repository is reported")
  void declaredRepository() {
    assertEquals(List.of(6), lines(run(check, newFile("A.java",
        "class A {", "  private final CustomerRepository people;",
        "  void f(List<Order> orders) {", "    for (Order o : orders) {", "      // per element",
        "      Customer c = people.load(o.getCustomerId());", "    }", "  }", "}"))));
  }

  @Test
  @DisplayName("the same method on a receiver declared as a map is not reported")
  void declaredMap() {
    assertTrue(run(check, newFile("A.java",
        "class A {", "  private final Map<Long, Customer> people;",
        "  void f(List<Order> orders) {", "    for (Order o : orders) {", "      // per element",
        "      Customer c = people.get(o.getCustomerId());", "    }", "  }", "}")).isEmpty());
  }

  @Test
  @DisplayName("Java Stream findFirst in a loop is not a query")
  void streamFindFirst() {
    assertTrue(run(check, newFile("A.java",
        "class A {", "  void f(List<Order> orders, List<Customer> cs) {", "    for (Order o : orders) {",
        "      cs.stream().filter(c -> c.id() == o.customerId()).findFirst();", "    }", "  }", "}")).isEmpty());
  }

  @Test
  @DisplayName("a query inside Go's for rows.Next() loop is reported")
  void goRowsNext() {
    assertEquals(List.of(5), lines(run(check, newFile("a.go",
        "package a", "func (s *Store) f(rows *sql.Rows) {", "	for rows.Next() {", "		rows.Scan(&o.ID)",
        "		s.DB.QueryRow(\"SELECT email FROM users WHERE id = $1\", o.UserID).Scan(&o.Email)",
        "	}", "}"))));
  }

  @Test
  @DisplayName("a Go condition loop on a counter is not a loop over records")
  void goCounterLoop() {
    assertTrue(run(check, newFile("a.go",
        "package a", "func f(db *sql.DB) {", "	for i < 3 {",
        "		db.Exec(\"UPDATE t SET n = n + 1\")", "		i++", "	}", "}")).isEmpty());
  }

  @Test
  @DisplayName("a Go Exec per element of a range loop is reported")
  void goExec() {
    assertEquals(List.of(4), lines(run(check, newFile("a.go",
        "package a", "func f(db *sql.DB, ids []int) {", "	for _, id := range ids {",
        "		db.Exec(\"DELETE FROM t WHERE id = $1\", id)", "	}", "}"))));
  }

  @Test
  @DisplayName("lodash countBy in a loop is not a query")
  void lodashCountBy() {
    assertTrue(run(check, newFile("s.js",
        "function f(groups) {", "  for (const g of groups) {", "    const n = _.countBy(g.items, 'kind');",
        "  }", "}")).isEmpty());
  }
}
