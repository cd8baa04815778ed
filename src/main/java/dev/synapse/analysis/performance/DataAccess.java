package dev.synapse.analysis.performance;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Recognises calls that reach a database or a remote service: ORM finders and query builders,
 * repository/DAO methods, SQL driver calls, and HTTP clients, for the languages of DESIGN.md.
 * Stateless.
 */
final class DataAccess {
  /** What a call reaches. */
  enum Kind { QUERY, REMOTE }

  /** Capitalised receivers that are library classes, not ORM models. */
  private static final Set<String> NOT_MODELS = Set.of(
      "Math", "String", "Integer", "Long", "Double", "Float", "Boolean", "Character", "Byte",
      "Short", "Map", "List", "Set", "Arrays", "Collections", "Objects", "Optional", "Stream",
      "Collectors", "IntStream", "JSON", "Object", "Array", "Promise", "Date", "Number",
      "Decimal", "Keyword", "Kernel", "Path", "Paths", "Files", "File", "IO", "System",
      "BigDecimal", "BigInteger", "Regex", "URI", "URL", "Base64", "Time", "DateTime",
      "NaiveDateTime", "Duration", "UUID", "Logger", "Process", "Enum", "Access", "Tuple",
      "Atom", "Code", "Application", "Agent", "GenServer", "Task", "Registry", "Jason", "Poison",
      "Ecto", "Calendar", "Locale", "Pattern", "Matcher", "Instant", "LocalDate",
      "LocalDateTime", "ZonedDateTime", "CSV", "YAML", "Hash", "Struct", "Reflect", "Symbol",
      "Intl", "Buffer", "Console", "Thread", "Executors", "CompletableFuture", "Mono", "Flux",
      "Str", "Arr", "Carbon", "Collection", "Validator", "Log", "Cache", "Config", "Session",
      "Request", "Response", "Route", "View", "Linq", "Enumerable", "Convert", "Guid",
      "TimeSpan", "Environment", "ActiveSupport", "Rails", "I18n", "ERB", "Digest",
      "SecureRandom", "OpenSSL", "Marshal", "Comparator", "Function", "Functions", "Strings",
      "Lists", "Maps", "Sets", "ImmutableList", "ImmutableMap", "Iterables", "Iterators",
      "Preconditions", "Assert", "Assertions", "Storage", "Settings", "Env", "Sentry", "Timber",
      "MapSet", "Phoenix", "Plug", "Mix", "Supervisor", "Node", "Bitwise");
  /** Model finders: {@code Model.find(…)}, {@code Model::where(…)}, … */
  private static final Set<String> MODEL_FINDERS = Set.of(
      "find", "find_by", "find_by!", "findOrFail", "findOrNew", "firstWhere", "findOne",
      "findById", "findByPk", "findUnique", "findFirst", "findAll", "findMany", "where",
      "find_or_create_by", "find_or_initialize_by", "findOneBy", "findBy", "exists", "exists?",
      "count", "sum", "pluck", "whereIn", "query", "select", "get", "first", "take",
      "findOrCreate", "findAndCountAll", "countDocuments", "aggregate");
  /** Repository / DAO method prefixes. */
  private static final String[] REPO_PREFIXES = {"find", "get", "load", "fetch", "query", "count",
      "exists", "select", "search", "lookup"};
  /** Driver and entity-manager calls that always execute SQL. */
  private static final Set<String> SQL_CALLS = Set.of(
      "QueryRow", "QueryRowContext", "QueryContext", "queryForObject", "queryForList",
      "queryForMap", "queryForRowSet", "getResultList", "getSingleResult", "find_by_sql",
      "fetchone", "fetchall", "fetchmany", "selectOne", "selectList", "get_object_or_404",
      "get_list_or_404", "findByIdOrNull", "SelectContext", "GetContext", "ExecuteScalar",
      "ExecuteReader", "FromSqlRaw", "rawQuery", "select_one", "select_all", "select_value",
      "select_rows");
  /** Receivers whose {@code execute/query/get} run SQL. */
  private static final Set<String> SQL_RECEIVERS = Set.of(
      "cursor", "cur", "conn", "connection", "db", "tx", "pool", "session", "stmt", "statement",
      "pdo", "mysqli", "wpdb", "client", "knex", "sequelize", "em", "entityManager",
      "jdbcTemplate", "jdbc", "namedParameterJdbcTemplate", "sqlx", "dbh", "database", "DB",
      "Repo", "sql", "pg", "dbConn", "dbConnection", "datasource", "$pdo", "$db", "$conn",
      "$mysqli", "$wpdb", "$connection", "_db", "_context", "dbContext", "_dbContext", "Db",
      "prisma", "manager", "orm", "queryRunner");
  private static final Set<String> SQL_METHODS = Set.of(
      "execute", "executeQuery", "exec_query", "query", "Query", "Get", "Select", "get", "one",
      "all", "first", "scalar", "scalars", "get_by", "get!", "get_by!", "one!", "exists?",
      "aggregate", "preload", "select", "fetch", "fetchAll", "fetchOne", "fetchAssoc",
      "get_results", "get_row", "get_var", "queryOne", "findUnique", "findFirst", "findMany",
      "count", "Find", "FindAsync", "FirstOrDefault", "FirstOrDefaultAsync", "SingleOrDefault",
      "SingleOrDefaultAsync", "ToList", "ToListAsync", "CountAsync", "AnyAsync", "find",
      "findOne", "findOneBy", "findBy", "createQuery", "createNativeQuery", "load", "table",
      "raw", "getRepository", "First", "Take", "Last", "Raw", "Pluck", "Count",
      "QueryRowx", "Queryx", "Preload", "Exec", "ExecContext", "NamedExec", "QueryRowxContext",
      "exec");
  /** Finder names that are data access on any receiver ({@code customers.findById(…)}). */
  private static final Set<String> FINDERS = Set.of(
      "findOne", "findOneOrFail", "findOneByOrFail", "findByPk", "findUnique", "findUniqueOrThrow",
      "findFirstOrThrow", "findOrFail", "getReferenceById", "find_by", "find_by!", "get_or_none",
      "find_one", "fetchrow", "fetchval", "fetch_one", "fetch_val", "selectByPrimaryKey");
  /** Camel-case finder prefixes, data access on any receiver when followed by a capital or nothing. */
  private static final String[] FINDER_PREFIXES = {"findBy", "findOneBy", "findAllBy", "findFirstBy",
      "getBy", "loadBy", "fetchBy", "countBy", "existsBy", "queryBy", "selectBy"};
  /** Snake-case finder prefixes ({@code get_by_id}, {@code find_by_email}). */
  private static final String[] SNAKE_FINDER_PREFIXES = {"find_by_", "get_by_", "load_by_", "fetch_by_",
      "find_one_by", "find_all_by_"};
  /** Testing-library element queries ({@code screen.getByText}) share the finder prefixes. */
  private static final String[] DOM_QUERY_SUFFIXES = {"Text", "Role", "LabelText", "PlaceholderText",
      "TestId", "AltText", "Title", "DisplayValue", "Selector", "TagName", "ClassName", "Name"};
  /** Utility libraries and UI-test drivers whose finder-like names are in-memory or DOM lookups. */
  private static final Set<String> NOT_DATA_ROOTS = Set.of("_", "lodash", "R", "screen", "page",
      "browser", "driver", "cy", "document", "window", "element", "locator", "wrapper", "container");
  /** Declared type names (lower case, matched as suffixes) of data-access receivers. */
  private static final String[] DATA_TYPE_SUFFIXES = {"repository", "repo", "dao", "entitymanager",
      "jdbctemplate", "datasource", "dbcontext", "prismaclient", "knex", "sequelize", "mongoclient"};
  /** Declared type names (lower case, matched as suffixes) of remote-service clients. */
  private static final String[] CLIENT_TYPE_SUFFIXES = {"client", "resttemplate", "webclient", "api",
      "gateway"};
  /** Rails association queries: {@code project.tasks.where(…)}. */
  private static final Set<String> RUBY_ASSOC = Set.of(
      "where", "count", "find", "find_by", "exists?", "pluck", "sum", "order", "limit",
      "maximum", "minimum", "average", "calculate", "find_each");
  /** Django related-manager queries: {@code inv.lines.all()}. */
  private static final Set<String> PYTHON_ASSOC = Set.of(
      "all", "filter", "exclude", "count", "get", "first", "last", "exists", "aggregate",
      "annotate", "values", "values_list", "order_by", "latest", "earliest");
  /** Laravel relation-method queries: {@code $order->lines()->where(…)}. */
  private static final Set<String> PHP_ASSOC = Set.of(
      "where", "count", "get", "first", "exists", "sum", "pluck", "find", "latest", "orderBy",
      "firstOrFail", "paginate");
  /** HTTP client libraries / objects. */
  private static final Set<String> HTTP_ROOTS = Set.of(
      "axios", "got", "superagent", "requests", "httpx", "http", "https", "HTTParty", "Faraday",
      "RestClient", "HTTPoison", "Req", "Tesla", "Finch", "Http", "Net", "urllib", "urllib3",
      "aiohttp", "restTemplate", "webClient", "restClient", "httpClient", "HttpClient", "client",
      "$http", "ky", "HTTP", "needle", "Excon", "Typhoeus", "Guzzle", "curl", "_httpClient",
      "_client", "$client");
  private static final Set<String> HTTP_METHODS = Set.of(
      "get", "post", "put", "patch", "delete", "head", "request", "send", "sendAsync", "Get",
      "Post", "PostForm", "Head", "Do", "urlopen", "getForObject", "getForEntity",
      "postForObject", "postForEntity", "exchange", "retrieve", "GetAsync", "PostAsync",
      "PutAsync", "DeleteAsync", "SendAsync", "GetStringAsync", "GetFromJsonAsync",
      "PostAsJsonAsync", "GetByteArrayAsync", "GetStreamAsync", "get!", "post!", "getAsync",
      "postAsync", "requestAsync", "fetch", "call", "execute");

  private DataAccess() {}

  /**
   * @param c a call
   * @param loopVars variables bound by an enclosing loop (association access through them is a
   *     query per iteration)
   * @return what the call reaches, or null for an ordinary call
   */
  static Kind classify(SourceLanguage lang, Call c, Set<String> loopVars) {
    return classify(lang, c, loopVars, false, Map.of());
  }

  /**
   * @param c a call
   * @param loopVars variables bound by an enclosing loop
   * @param awaited the call is the operand of {@code await} (JS/TS, Python, C#): it does I/O
   * @param declared receivers whose declared type is a data-access or client type, see
   *     {@link #declaredReceivers}
   * @return what the call reaches, or null for an ordinary call
   */
  static Kind classify(SourceLanguage lang, Call c, Set<String> loopVars, boolean awaited,
      Map<String, Kind> declared) {
    Kind k = classifyByName(lang, c, loopVars);
    if (k != null) return k;
    if (c.chain().size() < 2) return null;
    String name = c.name();
    String receiver = c.receiver();
    if (NOT_DATA_ROOTS.contains(c.root())) return null;
    // finder names mean data access whatever the receiver is called: customers.findById(…)
    if (finderName(name) && !(name.equals("findOne") && c.emptyArgs() && lang == SourceLanguage.JAVA)) {
      return Kind.QUERY;
    }
    if (name.equals("findFirst") && !c.emptyArgs() && lang.js()) return Kind.QUERY;
    // a receiver declared as a repository/DAO/entity manager/client: this.customers.load(id)
    Kind typed = declared.get(receiver);
    if (typed == Kind.QUERY && (startsWithAny(name, REPO_PREFIXES) || SQL_METHODS.contains(name))) return Kind.QUERY;
    if (typed == Kind.REMOTE && (HTTP_METHODS.contains(name) || startsWithAny(name, REPO_PREFIXES))) return Kind.REMOTE;
    // await x.load(…) / await this.users.get(id): an awaited data-access name is a round trip
    boolean onThis = c.chain().size() == 2 && (c.root().equals("this") || c.root().equals("self"));
    if (awaited && !onThis && (startsWithAny(name, REPO_PREFIXES) || name.equals("first")) && !domQuery(name)) {
      return Kind.QUERY;
    }
    return null;
  }

  /** A finder name that is data access on any receiver. */
  static boolean finderName(String name) {
    if (FINDERS.contains(name)) return true;
    if (domQuery(name)) return false;
    for (String p : FINDER_PREFIXES) {
      if (name.startsWith(p) && (name.length() == p.length() || Character.isUpperCase(name.charAt(p.length())))) {
        return true;
      }
    }
    for (String p : SNAKE_FINDER_PREFIXES) if (name.startsWith(p)) return true;
    return false;
  }

  /** DOM / testing-library element queries: getByText, findByRole, getElementsByTagName, … */
  private static boolean domQuery(String name) {
    int by = name.indexOf("By");
    if (by < 0) return false;
    String rest = name.substring(by + 2);
    for (String s : DOM_QUERY_SUFFIXES) if (rest.equals(s)) return true;
    return false;
  }

  /**
   * Names declared in a file with a data-access or client type: fields, parameters and
   * variables such as {@code private final CustomerRepository customers;},
   * {@code private readonly customers: Repository<Customer>}, {@code IOrderDao _orders},
   * {@code db *sql.DB}, {@code CustomerRepository $customers}. Looks at new-side rows only;
   * linear in the number of tokens.
   *
   * @return name to what calls through it reach (QUERY for repositories/DAOs/entity managers
   *     and database handles, REMOTE for clients)
   */
  static Map<String, Kind> declaredReceivers(FileView v) {
    Map<String, Kind> out = new HashMap<>();
    for (FileView.Row r : v.rows) {
      if (!r.onNewSide()) continue;
      Toks t = r.toks();
      for (int i = 0; i + 1 < t.size(); i++) {
        if (!t.ident(i)) continue;
        // name: Type / name?: Type (TypeScript, Kotlin, Python annotations)
        if ((t.is(i + 1, ":") || t.is(i + 1, "?") && i + 2 < t.size() && t.is(i + 2, ":"))) {
          int ti = t.is(i + 1, ":") ? i + 2 : i + 3;
          if (ti < t.size() && t.ident(ti)) {
            Kind k = typeKind(lastQualified(t, ti));
            if (k != null) out.put(t.text(i), k);
          }
          continue;
        }
        // Type name; / Type<X> name = / *sql.DB (Go: name *pkg.Type)
        if (v.lang == SourceLanguage.GO) {
          int ti = t.is(i + 1, "*") ? i + 2 : i + 1;
          if (ti < t.size() && t.ident(ti) && !t.is(ti, "func")) {
            Kind k = typeKind(lastQualified(t, ti));
            if (k != null) out.put(t.text(i), k);
          }
          continue;
        }
        if (!t.ident(i + 1) || i + 2 >= t.size() && v.lang != SourceLanguage.PHP) continue;
        if (i + 2 < t.size() && !(t.is(i + 2, ";") || t.is(i + 2, "=") || t.is(i + 2, ",") || t.is(i + 2, ")")
            || t.is(i + 2, "{"))) {
          continue;
        }
        if (!Character.isUpperCase(t.charAt(i, 0))) continue; // typeKind needs a capitalised type
        Kind k = typeKind(t.text(i));
        if (k != null) {
          String b = t.text(i + 1);
          out.put(b.startsWith("$") ? b.substring(1) : b, k);
        }
      }
      // generic types: IRepository<Customer> _customers / Repository<Order> orders
      for (int i = 2; i < t.size(); i++) {
        if (!t.ident(i) || !t.is(i - 1, ">")) continue;
        int depth = 0;
        int j = i - 1;
        for (; j >= Math.max(0, i - 40); j--) {
          if (t.is(j, ">")) depth++;
          else if (t.is(j, "<") && --depth == 0) break;
        }
        if (j <= 0 || depth != 0 || !t.ident(j - 1)) continue;
        Kind k = typeKind(t.text(j - 1));
        String n = t.text(i);
        if (k != null) out.put(n.startsWith("$") ? n.substring(1) : n, k);
      }
    }
    return out;
  }

  /** The last segment of a qualified type name starting at token {@code i}: sql.DB gives DB. */
  private static String lastQualified(Toks t, int i) {
    String s = t.text(i);
    int j = i;
    while (j + 2 < t.size() && t.is(j + 1, ".") && t.ident(j + 2) && j - i < 12) {
      j += 2;
      s = t.text(j);
    }
    return s;
  }

  private static Kind typeKind(String type) {
    if (type.isEmpty() || !Character.isUpperCase(type.charAt(0))) return null;
    String l = lower(type);
    if (l.equals("db") || l.equals("tx") || l.equals("pool") || l.equals("conn")) return Kind.QUERY;
    if (l.endsWith("mapper") && !(l.endsWith("objectmapper") || l.endsWith("jsonmapper")
        || l.endsWith("xmlmapper") || l.endsWith("modelmapper"))) {
      return Kind.QUERY;
    }
    for (String s : DATA_TYPE_SUFFIXES) if (l.endsWith(s)) return Kind.QUERY;
    for (String s : CLIENT_TYPE_SUFFIXES) if (l.endsWith(s)) return Kind.REMOTE;
    return null;
  }

  private static Kind classifyByName(SourceLanguage lang, Call c, Set<String> loopVars) {
    String name = c.name();
    List<String> chain = c.chain();
    String root = c.root();
    String receiver = c.receiver();
    boolean hasReceiver = chain.size() > 1;
    // HTTP first: fetch(url), http.Get, axios.get, requests.post, ….retrieve()
    if (!hasReceiver && (name.equals("fetch") || name.equals("urlopen") || name.equals("axios")
        || name.equals("got") || name.equals("curl_exec"))) {
      return Kind.REMOTE;
    }
    if (c.via("retrieve") || name.equals("retrieve") || c.via("exchange") && c.via("webClient")) return Kind.REMOTE;
    if (hasReceiver && HTTP_METHODS.contains(name) && (HTTP_ROOTS.contains(receiver)
        || lower(receiver).endsWith("client") || lower(receiver).endsWith("http") || lower(receiver).endsWith("api"))) {
      if (!isSqlReceiver(root, receiver)) return Kind.REMOTE;
    }
    if (!hasReceiver) {
      return SQL_CALLS.contains(name) ? Kind.QUERY : null;
    }
    if (SQL_CALLS.contains(name)) return Kind.QUERY;
    // Django / SQLAlchemy: Model.objects.…, Model.query.…
    if (c.via("objects") && Character.isUpperCase(root.charAt(0))) return Kind.QUERY;
    if (c.via("query") && Character.isUpperCase(root.charAt(0)) && chain.size() >= 3) return Kind.QUERY;
    // association query through a loop variable: project.tasks.where(…), inv.lines.all()
    String bareRoot = root.startsWith("$") ? root.substring(1) : root;
    if ((loopVars.contains(root) || loopVars.contains(bareRoot)) && chain.size() >= 3) {
      String second = chain.get(1);
      boolean attribute = !second.equals("()") && !second.equals("[]");
      if (lang == SourceLanguage.RUBY && attribute && RUBY_ASSOC.contains(name)) return Kind.QUERY;
      if (lang == SourceLanguage.PYTHON && attribute && chain.size() == 3 && PYTHON_ASSOC.contains(name)) {
        return Kind.QUERY;
      }
      if (lang == SourceLanguage.PHP && attribute && chain.size() >= 4 && chain.get(2).equals("()")
          && PHP_ASSOC.contains(name)) {
        return Kind.QUERY;
      }
    }
    // Model finders: Customer::find, Product.find_by, User.findByPk, Task.where
    if (Character.isUpperCase(bareRoot.isEmpty() ? 'x' : bareRoot.charAt(0)) && !NOT_MODELS.contains(root)
        && chain.size() == 2 && (MODEL_FINDERS.contains(name) || name.startsWith("find_by_"))
        && !allCaps(root)) {
      return Kind.QUERY;
    }
    // Phoenix contexts: Accounts.get_user!(id), Catalog.list_products(), Blog.fetch_post(id)
    if (lang == SourceLanguage.ELIXIR && chain.size() == 2 && Character.isUpperCase(root.charAt(0))
        && !NOT_MODELS.contains(root) && (name.startsWith("get_") || name.startsWith("list_")
            || name.startsWith("fetch_") || name.startsWith("find_") || name.startsWith("count_"))) {
      return Kind.QUERY;
    }
    // Repo.get / db.QueryRow / cursor.execute / prisma.user.findUnique / em.find
    if (isSqlReceiver(root, receiver) && SQL_METHODS.contains(name)) return Kind.QUERY;
    // repositories and DAOs: userRepository.findById, orderDao.load
    String r = lower(receiver);
    boolean serializer = r.endsWith("objectmapper") || r.endsWith("jsonmapper") || r.endsWith("xmlmapper")
        || r.endsWith("modelmapper");
    if ((r.endsWith("repository") || r.endsWith("repo") || r.endsWith("dao") || r.endsWith("mapper") && !serializer)
        && startsWithAny(name, REPO_PREFIXES)) {
      return Kind.QUERY;
    }
    return null;
  }

  private static boolean isSqlReceiver(String root, String receiver) {
    return SQL_RECEIVERS.contains(root) || SQL_RECEIVERS.contains(receiver)
        || root.endsWith("Repo") || receiver.endsWith("Repo") || root.equals("prisma");
  }

  private static boolean allCaps(String s) {
    for (int i = 0; i < s.length(); i++) if (Character.isLowerCase(s.charAt(i))) return false;
    return s.length() > 1;
  }

  private static boolean startsWithAny(String name, String[] prefixes) {
    String n = name.startsWith("_") ? name.substring(1) : name;
    for (String p : prefixes) if (n.startsWith(p)) return true;
    return false;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
