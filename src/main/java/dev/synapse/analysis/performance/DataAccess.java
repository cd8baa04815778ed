package dev.synapse.analysis.performance;

import java.util.List;
import java.util.Locale;
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
      "QueryRowx", "Queryx", "Preload");
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
