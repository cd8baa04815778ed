package dev.synapse.analysis.security;

import dev.synapse.analysis.lang.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the taint analysis knows about APIs: untrusted sources, sanitisers, guards, sinks and
 * functions whose result carries no taint. Names are matched on the callee's dotted path as
 * written in the code (lower-cased). Stateless and thread-safe.
 *
 * <p>Sources of the lists: OWASP Cheat Sheets (Injection Prevention, XSS Prevention, OS Command
 * Injection Defense, File Upload / Path Traversal, LDAP Injection Prevention), CWE-89/79/78/22/90/
 * 643/94/501 descriptions and the frameworks' own documentation.
 */
final class Knowledge {
  private Knowledge() {}

  static final int SQL = Rule.SQL_INJECTION.bit();
  static final int XSS = Rule.XSS.bit();
  static final int CMD = Rule.COMMAND_INJECTION.bit();
  static final int PATH = Rule.PATH_TRAVERSAL.bit();
  static final int LDAP = Rule.LDAP_INJECTION.bit();
  static final int XPATH = Rule.XPATH_INJECTION.bit();
  static final int CODE = Rule.CODE_INJECTION.bit();
  static final int TRUST = Rule.TRUST_BOUNDARY.bit();
  static final int INJECTIONS = SQL | XSS | CMD | PATH | LDAP | XPATH | CODE;

  // ------------------------------------------------------------------ sources

  private static final Set<String> REQUEST_OBJECTS = Set.of("req", "request", "ctx.request",
      "httprequest", "servletrequest", "httpservletrequest", "req.raw", "this.request",
      "self.request", "context.request", "httpcontext.request", "$request", "request()", "r",
      "event", "$this.request");
  private static final Set<String> REQUEST_FIELDS = Set.of("query", "params", "body", "headers",
      "cookies", "signedcookies", "files", "file", "args", "form", "values", "json", "data", "get",
      "post", "meta", "query_params", "path_params", "querystring", "rawbody", "raw_post",
      "url", "originalurl", "path", "hostname", "fields", "querystringparameters",
      "pathparameters", "multivaluequerystringparameters", "cookie", "query_string", "input",
      "all", "only", "except", "header", "route", "string", "str", "post_vars", "get_vars", "forms",
      "getparameter", "getparametervalues", "getparametermap", "getparameternames", "getquerystring",
      "getheader", "getheaders", "getheadernames", "getcookies", "getinputstream", "getreader",
      "getrequesturi", "getrequesturl", "getpathinfo", "getpart", "getparts", "get_json",
      "formvalue", "postformvalue", "pathvalue", "form_data", "payload", "text", "content");
  private static final Set<String> GO_REQUEST_FIELDS = Set.of("url", "form", "postform", "body",
      "header", "formvalue", "postformvalue", "pathvalue", "cookie", "cookies", "multipartform",
      "formfile", "requesturi", "host");
  private static final Set<String> ANY_RECEIVER_SOURCES = Set.of("getparameter", "getparametervalues",
      "getparametermap", "getparameternames", "getquerystring", "getcookies", "getheaders",
      "getheader", "gettheparameter", "getthevalue", "queryparammap", "parammap", "queryparams",
      "getrequesturi", "getpathinfo", "get_json", "formvalue", "postformvalue", "pathvalue",
      "shouldbindjson", "queryparam", "getquery", "postform", "defaultquery", "urlparam",
      "get_req_header", "fetch_query_params", "useparams", "usesearchparams", "searchparams");

  /**
   * @param path the lower-cased dotted access path with {@code ()} after calls, e.g.
   *     {@code request.getparameter()}, {@code req.query.id}, {@code $_get[doc]}
   * @param lang the language
   * @return the confidence that the value is untrusted input (0 when not a source)
   */
  static double source(String path, Language lang) {
    if (path.indexOf('.') < 0 && path.indexOf('[') < 0 && path.indexOf('(') < 0
        && !BARE_SOURCES.contains(path)) {
      return 0;
    }
    String p = path;
    if (p.startsWith("this.") || p.startsWith("self.")) p = p.substring(5);
    String[] seg = p.split("\\.");
    for (int i = 0; i < seg.length; i++) seg[i] = strip(seg[i]);
    String head = seg[0];
    if (p.startsWith("$_get") || p.startsWith("$_post") || p.startsWith("$_request")
        || p.startsWith("$_cookie") || p.startsWith("$_server") || p.startsWith("$_files")) {
      return 0.95;
    }
    if (head.equals("argv") && seg.length >= 1 && lang == Language.PHP) return 0.8;
    if (p.startsWith("$argv") || p.startsWith("sys.argv") || p.startsWith("os.args")
        || p.startsWith("process.argv") || p.equals("argv") && lang == Language.RUBY
        || head.equals("argv") && lang == Language.RUBY || p.startsWith("system.argv")
        || p.startsWith("flag.arg") || p.startsWith("environment.getcommandlineargs")) {
      return 0.8;
    }
    if (lang == Language.RUBY && (head.equals("params") || head.equals("cookies")
        || p.startsWith("request.params") || p.startsWith("request.body")
        || p.startsWith("request.headers") || p.startsWith("request.query_string")
        || p.startsWith("request.raw_post") || p.startsWith("request.env"))) {
      return 0.95;
    }
    if (lang == Language.ELIXIR && (p.startsWith("conn.params") || p.startsWith("conn.query_params")
        || p.startsWith("conn.body_params") || p.startsWith("conn.path_params")
        || p.startsWith("conn.req_headers") || p.startsWith("conn.cookies")
        || p.startsWith("system.argv"))) {
      return 0.95;
    }
    if (lang == Language.PYTHON && (p.equals("input()") || p.startsWith("input()"))) return 0.8;
    if ((lang == Language.JAVASCRIPT || lang == Language.TYPESCRIPT)
        && (p.startsWith("location.search") || p.startsWith("location.hash")
        || p.startsWith("window.location") || p.startsWith("document.location")
        || p.startsWith("document.url") || p.startsWith("document.cookie")
        || p.startsWith("document.referrer") || p.startsWith("window.name"))) {
      return 0.85;
    }
    if (lang == Language.GO && (head.equals("r") || head.equals("req") || head.equals("request"))
        && seg.length >= 2 && GO_REQUEST_FIELDS.contains(seg[1])) {
      return 0.95;
    }
    if (lang == Language.GO && (p.startsWith("mux.vars(") || p.startsWith("chi.urlparam("))) {
      return 0.95;
    }
    // request.<field> / req.<field> (the field test first: it is the rarer one)
    for (int i = 0; i < seg.length - 1 && i < 3; i++) {
      String last = seg[i];
      String field = seg[i + 1];
      if (REQUEST_FIELDS.contains(field) && (last.equals("request") || last.equals("req")
          || last.endsWith("request") && !last.equals("newrequest")
          || REQUEST_OBJECTS.contains(i == 0 ? head : String.join(".", List.of(seg).subList(0, i + 1))))) {
        if (head.equals("r") && lang != Language.GO) continue;
        if (head.equals("event") && !field.equals("body") && !field.equals("querystringparameters")
            && !field.equals("pathparameters") && !field.equals("data")) {
          continue;
        }
        return 0.95;
      }
    }
    // distinctive accessor names whatever the receiver
    for (String s : seg) {
      if (ANY_RECEIVER_SOURCES.contains(s)) return 0.9;
    }
    // message payloads
    if ((head.equals("msg") || head.equals("message")) && seg.length >= 2
        && (seg[1].equals("payload") || seg[1].equals("body")
        || seg[1].equals("data") || seg[1].equals("value"))) {
      return 0.8;
    }
    if (head.equals("record") && seg.length >= 2 && seg[1].equals("value")) return 0.7;
    if (lang == Language.CSHARP && (p.startsWith("request.query") || p.startsWith("request.form")
        || p.startsWith("request.cookies") || p.startsWith("request.headers")
        || p.startsWith("request.querystring") || p.startsWith("request.params")
        || p.startsWith("request.body") || p.startsWith("request[")
        || p.startsWith("httpcontext.request."))) {
      return 0.95;
    }
    return 0;
  }

  /**
   * Lower-cased path segments of which every path that {@link #source} accepts contains at least
   * one: the heads its prefix tests name, the receivers of the request-field test (a request
   * field counts only after one of them, see {@link #REQUEST_OBJECTS}) and the accessor names
   * that count whatever the receiver. With {@link #maySourceSegment}'s other cases (a name ending
   * in {@code request}, a {@code $} sigil, text holding {@code . [ (}) this covers every test of
   * {@link #source}.
   */
  private static final Set<String> SOURCE_SEGMENTS = sourceSegments();

  private static Set<String> sourceSegments() {
    Set<String> s = new java.util.HashSet<>(ANY_RECEIVER_SOURCES);
    s.addAll(List.of("argv", "sys", "os", "process", "system", "flag", "environment", "params",
        "cookies", "request", "req", "r", "raw", "event", "conn", "input", "location", "window",
        "document", "mux", "chi", "msg", "message", "record", "httpcontext"));
    return Set.copyOf(s);
  }

  /**
   * @param lowerSegment one lower-cased segment of an access path (a name between dots)
   * @return false when no path containing this segment can be a {@link #source} unless another
   *     of its segments can (a sound pre-test: true for anything unusual)
   */
  static boolean maySourceSegment(String lowerSegment) {
    return lowerSegment.isEmpty() || lowerSegment.charAt(0) == '$' || lowerSegment.indexOf('.') >= 0
        || lowerSegment.indexOf('[') >= 0 || lowerSegment.indexOf('(') >= 0
        || lowerSegment.endsWith("request") || SOURCE_SEGMENTS.contains(lowerSegment);
  }

  private static final Set<String> BARE_SOURCES = Set.of("params", "cookies", "argv", "$argv",
      "$_get", "$_post", "$_request", "$_cookie", "$_server", "$_files", "input()");

  private static String strip(String s) {
    int b = s.indexOf('[');
    String x = b >= 0 ? s.substring(0, b) : s;
    return x.endsWith("()") ? x.substring(0, x.length() - 2) : x;
  }

  /** Parameter annotations/attributes that mark framework-bound request input. */
  static final Set<String> SOURCE_ANNOTATIONS = Set.of("RequestParam", "PathVariable",
      "RequestBody", "RequestHeader", "CookieValue", "ModelAttribute", "MatrixVariable",
      "RequestPart", "QueryParam", "PathParam", "FormParam", "HeaderParam", "CookieParam",
      "BeanParam", "Body", "Param", "Query", "Headers", "FromQuery", "FromBody", "FromRoute",
      "FromForm", "FromHeader", "Req", "Payload", "MessageBody", "Argument", "Arg");

  /** Parameter names that are framework objects, not data. */
  static final Set<String> FRAMEWORK_PARAMS = Set.of("request", "req", "res", "response", "resp",
      "conn", "ctx", "context", "next", "socket", "self", "cls", "this", "w", "r", "rw", "writer",
      "$request", "$response", "httpRequest", "servletRequest", "servletResponse", "model",
      "session", "$this", "env", "_env", "cb", "callback", "done", "err", "error", "e", "ex",
      "logger", "log", "db", "repo", "pool", "client", "http", "exchange", "chain", "filterChain",
      "principal", "authentication", "auth", "assigns", "_params", "_conn", "prisma", "app",
      "router", "_", "opts", "options", "config", "cfg", "settings", "job", "t", "tx", "em",
      "entityManager", "jdbcTemplate", "template", "bindingResult", "redirectAttributes",
      "pageable", "locale", "headers_", "cancellationToken", "ct", "token_", "user", "current_user",
      "currentUser", "account", "state", "info", "root");

  /** Declared types whose values cannot carry an injection payload. */
  static boolean safeType(String type) {
    if (type == null || type.isEmpty()) return false;
    String t = type.toLowerCase(Locale.ROOT).replace("?", "").replace("final", "");
    if (t.endsWith("[]") || t.startsWith("list") || t.startsWith("map") || t.contains("string")
        || t.equals("object") || t.equals("any") || t.equals("unknown")) {
      return false;
    }
    return SAFE_TYPES.contains(t);
  }

  private static final Set<String> SAFE_TYPES = Set.of("int", "long", "short", "byte", "boolean", "bool", "double", "float", "char",
        "integer", "number", "bigdecimal", "biginteger", "uuid", "localdate", "localdatetime",
        "instant", "date", "datetime", "duration", "int64", "int32", "int16", "int8", "uint",
        "uint64", "uint32", "float64", "float32", "decimal", "timespan", "guid", "datetimeoffset",
        "offsetdatetime", "zoneddatetime", "time.time", "time.duration", "context.context",
        "http.responsewriter", "*http.request", "http.request", "httpservletrequest",
        "httpservletresponse", "model", "pageable", "principal", "authentication", "bindingresult",
        "cancellationtoken", "ilogger", "logger", "bigint", "datetimeimmutable",
        "\\datetimeimmutable", "\\datetimeinterface", "datetimeinterface", "carbon", "pdo",
        "httpservletrequestwrapper", "responsewriter", "*gin.context", "echo.context",
        "iformfile", "void", "sql.db", "*sql.db", "path", "file", "uri", "url", "java.nio.file.path",
        "java.io.file", "pathlib.path");

  // ------------------------------------------------------------------ sanitisers

  private static final Map<String, Integer> SANITISERS = Map.ofEntries(
      // numeric parsing and type conversion: nothing injectable survives
      Map.entry("parseint", Rule.ALL), Map.entry("parselong", Rule.ALL),
      Map.entry("parsedouble", Rule.ALL), Map.entry("parsefloat", Rule.ALL),
      Map.entry("parseshort", Rule.ALL), Map.entry("parseboolean", Rule.ALL),
      Map.entry("valueof", 0), Map.entry("number", Rule.ALL), Map.entry("int", Rule.ALL),
      Map.entry("float", Rule.ALL), Map.entry("bool", Rule.ALL), Map.entry("to_i", Rule.ALL),
      Map.entry("to_f", Rule.ALL), Map.entry("to_r", Rule.ALL), Map.entry("atoi", Rule.ALL),
      Map.entry("parseuint", Rule.ALL), Map.entry("parsebool", Rule.ALL),
      Map.entry("intval", Rule.ALL), Map.entry("floatval", Rule.ALL), Map.entry("boolval", Rule.ALL),
      Map.entry("to_integer", Rule.ALL), Map.entry("to_float", Rule.ALL),
      Map.entry("fromstring", Rule.ALL), Map.entry("uuid", Rule.ALL), Map.entry("isdigit", Rule.ALL),
      Map.entry("tointeger", Rule.ALL), Map.entry("toint", Rule.ALL), Map.entry("tolong", Rule.ALL),
      Map.entry("hashcode", Rule.ALL), Map.entry("hexdigest", Rule.ALL),
      Map.entry("digest", Rule.ALL), Map.entry("hash_hmac", Rule.ALL),
      // SQL escaping
      Map.entry("escape_string", SQL), Map.entry("real_escape_string", SQL),
      Map.entry("mysql_real_escape_string", SQL), Map.entry("mysqli_real_escape_string", SQL),
      Map.entry("pg_escape_string", SQL), Map.entry("pg_escape_literal", SQL),
      Map.entry("sanitize_sql", SQL), Map.entry("sanitize_sql_like", SQL),
      Map.entry("sanitize_sql_array", SQL), Map.entry("escapesql", SQL),
      Map.entry("escapeliteral", SQL), Map.entry("escapeidentifier", SQL),
      Map.entry("quote_ident", SQL), Map.entry("quote_literal", SQL),
      Map.entry("encodeforsql", SQL), Map.entry("quotename", SQL),
      // HTML encoding
      Map.entry("htmlescape", XSS), Map.entry("escapehtml", XSS), Map.entry("escapehtml4", XSS),
      Map.entry("escapexml", XSS), Map.entry("escapexml10", XSS), Map.entry("escapexml11", XSS),
      Map.entry("encodeforhtml", XSS), Map.entry("encodeforhtmlattribute", XSS),
      Map.entry("encodeforjavascript", XSS), Map.entry("encodeforcss", XSS),
      Map.entry("encodeforurl", XSS | CMD | PATH), Map.entry("forhtml", XSS),
      Map.entry("forhtmlattribute", XSS), Map.entry("forhtmlcontent", XSS),
      Map.entry("forjavascript", XSS), Map.entry("htmlspecialchars", XSS),
      Map.entry("htmlentities", XSS), Map.entry("strip_tags", XSS), Map.entry("esc_html", XSS),
      Map.entry("esc_attr", XSS), Map.entry("e", XSS), Map.entry("h", XSS),
      Map.entry("escape", XSS), Map.entry("html_escape", XSS), Map.entry("escapehtmlattr", XSS),
      Map.entry("escapehtml_", XSS), Map.entry("sanitize", XSS), Map.entry("sanitizehtml", XSS),
      Map.entry("clean", XSS), Map.entry("htmlencode", XSS), Map.entry("htmlattributeencode", XSS),
      Map.entry("javascriptstringencode", XSS), Map.entry("htmlescapestring", XSS),
      Map.entry("escapestring", XSS), Map.entry("text_to_html", XSS),
      Map.entry("escape_javascript", XSS), Map.entry("escapejavascript", XSS),
      Map.entry("encodeuricomponent", XSS | CMD | PATH), Map.entry("escapeecmascript", XSS),
      Map.entry("escapeecmascript4", XSS), Map.entry("xmlescape", XSS | XPATH),
      Map.entry("quoteattr", XSS), Map.entry("safe_join", PATH),
      // shell quoting
      Map.entry("shellescape", CMD), Map.entry("shell_escape", CMD), Map.entry("escapeshellarg", CMD),
      Map.entry("escapeshellcmd", CMD), Map.entry("quote", CMD | SQL), Map.entry("shlex.quote", CMD),
      Map.entry("encodeforos", CMD),
      // path reduction
      Map.entry("basename", PATH), Map.entry("getname", PATH), Map.entry("getfilename", PATH),
      Map.entry("secure_filename", PATH), Map.entry("base", PATH), Map.entry("filename", 0),
      Map.entry("sanitize_filename", PATH), Map.entry("sanitizefilename", PATH),
      // LDAP / XPath escaping
      Map.entry("encodeforldap", LDAP), Map.entry("encodefordn", LDAP),
      Map.entry("escape_filter_chars", LDAP), Map.entry("escape_dn_chars", LDAP),
      Map.entry("ldap_escape", LDAP), Map.entry("filterencode", LDAP),
      Map.entry("escapeldapsearchfilter", LDAP), Map.entry("escapefilter", LDAP),
      Map.entry("encodeforxpath", XPATH));

  /**
   * @param name lower-cased called name (last segment)
   * @param callee lower-cased dotted callee
   * @return the categories the call sanitises (0 when none)
   */
  static int sanitiser(String name, String callee, Language lang) {
    Integer m = SANITISERS.get(name);
    if (m != null) {
      if (name.equals("escape") && (callee.startsWith("re.") || callee.contains("regexp")
          || callee.startsWith("pattern."))) {
        return 0;
      }
      if (name.equals("e") && lang != Language.PHP) return 0;
      if (name.equals("h") && lang != Language.RUBY) return 0;
      if (name.equals("clean") && !callee.contains("bleach")) return 0;
      if (name.equals("base") && lang != Language.GO) return 0;
      if (name.equals("int") && lang != Language.PYTHON) return 0;
      if (name.equals("quote") && !(callee.startsWith("shlex") || callee.startsWith("pipes")
          || callee.contains("conn") || callee.contains("pdo") || callee.contains("db"))) {
        return 0;
      }
      return m;
    }
    if (callee.equals("integer.valueof") || callee.equals("long.valueof")
        || callee.equals("double.valueof") || callee.equals("boolean.valueof")
        || callee.equals("strconv.itoa") || callee.equals("string.valueof") && false) {
      return Rule.ALL;
    }
    // .NET System.Text.Encodings.Web: HtmlEncoder.Default.Encode(x), JavaScriptEncoder...Encode(x)
    if (name.equals("encode") && (callee.startsWith("htmlencoder.") || callee.contains(".htmlencoder.")
        || callee.startsWith("_htmlencoder.") || callee.startsWith("javascriptencoder."))) {
      return XSS;
    }
    return 0;
  }

  /** Names whose result is a boolean or a number: the result carries no taint. */
  static final Set<String> CLEAN_RESULT = Set.of("equals", "equalsignorecase", "contains",
      "startswith", "endswith", "isempty", "isblank", "size", "length", "count", "len", "exists",
      "matches", "indexof", "lastindexof", "compareto", "test", "includes", "has", "haskey",
      "containskey", "containsvalue", "is_a?", "nil?", "empty?", "present?", "blank?", "any?",
      "include?", "start_with?", "end_with?", "is_file", "isset", "file_exists", "is_numeric",
      "ctype_digit", "ctype_alnum", "is_dir", "isfile", "isdirectory", "isdir", "exist?",
      "file?", "directory?", "instanceof", "strlen", "count_chars", "is_int", "is_string",
      "isinstance", "hasattr", "callable", "startswith_", "hasprefix", "hassuffix", "is_binary",
      "is_integer", "member?", "starts_with?", "ends_with?", "size?", "valid?", "isvalid",
      "isnan", "isfinite", "isnumeric", "isdigit", "isalpha", "isalnum", "tobool", "preg_match",
      "in_array", "array_key_exists", "isnullorempty", "isnullorwhitespace", "equal", "getlength",
      "nanotime", "currenttimemillis", "now", "time", "uuid4", "randomuuid", "id", "getid");

  // ------------------------------------------------------------------ guards

  /** Calls that, used in a condition, check a path against a root (canonicalise-then-check). */
  static final Set<String> PATH_GUARDS = Set.of("startswith", "start_with?", "starts_with?",
      "hasprefix", "str_starts_with", "issubpath", "is_relative_to", "isrelativeto", "startswith_");

  /** Calls that, used in a condition, check a value against an allow-list or pattern. */
  static final Set<String> ALLOW_GUARDS = Set.of("matches", "fullmatch", "match", "match?",
      "matchstring", "preg_match", "in_array", "includes", "include?", "contains", "containskey",
      "member?", "has", "isvalid", "is_valid", "validate", "isalphanumeric", "isnumeric",
      "isdigit", "isalnum", "isalpha", "test", "ctype_alnum", "ctype_digit", "is_numeric",
      "fullmatch_", "valid?", "is_safe", "issafe", "allowed?", "permitted?");

  // ------------------------------------------------------------------ path builders

  static boolean pathBuilder(String name, String fullCallee, Language lang) {
    String callee = fullCallee;
    if (callee.startsWith("java.") || callee.startsWith("javax.") || callee.startsWith("kotlin.")
        || callee.startsWith("system.io.") || callee.startsWith("new java.")) {
      String[] seg = callee.split("\\.");
      callee = (callee.startsWith("new ") ? "new " : "")
          + (seg.length >= 2 ? seg[seg.length - 2] + "." + seg[seg.length - 1] : callee);
      if (callee.startsWith("new ") && seg.length >= 1) callee = "new " + seg[seg.length - 1];
    }
    switch (name) {
      case "join":
        return callee.startsWith("path.") || callee.startsWith("os.path.")
            || callee.startsWith("filepath.") || callee.startsWith("file.")
            || callee.contains("root") || callee.startsWith("posixpath.")
            || callee.startsWith("pathname") || lang == Language.ELIXIR && callee.startsWith("path.");
      case "resolve":
        return !callee.startsWith("promise") && !callee.contains("promise");
      case "get":
        return callee.equals("paths.get") || callee.endsWith("filesystems.getdefault().getpath");
      case "of":
        return callee.equals("path.of");
      case "getpath":
      case "combine":
      case "resolvesibling":
      case "expand_path":
      case "absolute_path":
      case "realpath":
        return !name.equals("combine") || callee.startsWith("path.");
      case "file":
      case "path":
      case "pathname":
        return callee.equals("new file") || callee.equals("pathlib.path") || callee.equals("path")
            || callee.equals("new pathname") || callee.equals("pathname.new");
      default:
        return false;
    }
  }

  /** Calls that combine all their arguments as text (format, join). */
  static boolean formatter(String name) {
    return FORMATTERS.contains(name);
  }

  private static final Set<String> FORMATTERS = Set.of("format", "sprintf", "printf", "fprintf",
      "formatted", "join", "concat", "implode", "vsprintf", "str", "sprintf_", "fmt");

  // ------------------------------------------------------------------ sinks

  /** One way a call can be a sink. */
  record Hit(Rule rule, int arg, int needText, double conf) {
    /** Any argument. */
    static final int ANY = -1;
    /** The last argument. */
    static final int LAST = -2;
    /** Every argument after the first. */
    static final int REST = -3;
    /** needText marker: only data straight from a request source (not parameters) counts. */
    static final int REQUEST_ONLY = -2;
  }

  private static final Set<String> DB_RECEIVERS = Set.of("db", "conn", "connection", "cursor",
      "cur", "stmt", "statement", "st", "ps", "pst", "pstmt", "jdbc", "jdbctemplate", "pool",
      "client", "session", "em", "entitymanager", "knex", "sequelize", "database", "sql", "repo",
      "pdo", "mysqli", "pg", "sqlite", "con", "dbh", "$db", "$pdo", "$conn", "$mysqli", "$wpdb",
      "$this.db", "$this.pdo", "$this.connection", "this.db", "this.pool", "this.jdbctemplate",
      "namedparameterjdbctemplate", "tx", "trx", "query", "querybuilder",
      "activerecord::base.connection", "connection()", "engine", "self.db", "dataSource",
      "this.connection", "this.client", "this.repository", "ecto.adapters.sql", "dbx",
      "sqlx", "gorm", "this.em", "this.entitymanager", "s.db", "h.db", "a.db");

  private static boolean dbReceiver(String recv) {
    if (recv.isEmpty()) return false;
    if (DB_RECEIVERS.contains(recv)) return true;
    String last = recv.substring(recv.lastIndexOf('.') + 1).replace("()", "");
    return DB_RECEIVERS.contains(last) || last.endsWith("db") || last.endsWith("connection")
        || last.endsWith("conn") || last.endsWith("cursor") || last.endsWith("statement")
        || last.endsWith("stmt") || last.endsWith("jdbctemplate") || last.endsWith("repo")
        || last.endsWith("entitymanager") || last.endsWith("pool") || last.endsWith("session")
        || last.endsWith("datasource") || last.equals("getconnection");
  }

  /**
   * @param name lower-cased called name
   * @param callee lower-cased dotted callee path (with {@code ()} after inner calls); for
   *     constructors {@code new <Type>}
   * @param recv lower-cased receiver path, "" when none
   * @param argc number of arguments
   * @param lang the language
   * @return the ways this call is a sink, possibly empty
   */
  static List<Hit> sinks(String name, String callee, String recv, int argc, Language lang) {
    List<Hit> out = new ArrayList<>(2);
    boolean ctor = callee.startsWith("new ");
    switch (lang) {
      case JAVA:
        javaSinks(name, callee, recv, ctor, argc, out);
        break;
      case KOTLIN:
        // Kotlin constructs without `new`: ProcessBuilder(..), File(..) are receiverless calls
        javaSinks(name, callee, recv, ctor || recv.isEmpty(), argc, out);
        break;
      case CSHARP:
        csharpSinks(name, callee, recv, ctor, out);
        break;
      case PYTHON:
        pythonSinks(name, callee, recv, out);
        break;
      case JAVASCRIPT:
      case TYPESCRIPT:
      case UNKNOWN:
        jsSinks(name, callee, recv, ctor, out);
        break;
      case GO:
        goSinks(name, callee, recv, out);
        break;
      case RUBY:
        rubySinks(name, callee, recv, out);
        break;
      case PHP:
        phpSinks(name, callee, recv, out);
        break;
      case ELIXIR:
        elixirSinks(name, callee, recv, out);
        break;
      default:
    }
    return out;
  }

  private static void sql(List<Hit> out, int arg, boolean certain) {
    if (certain) out.add(new Hit(Rule.SQL_INJECTION, arg, 0, 1.0));
    out.add(new Hit(Rule.SQL_INJECTION, Hit.ANY, Value.T_SQL, 0.9));
  }

  private static void javaSinks(String name, String callee, String recv, boolean ctor, int argc,
      List<Hit> out) {
    switch (name) {
      case "executequery": case "executeupdate": case "executelargeupdate": case "preparestatement":
      case "preparecall": case "addbatch": case "createnativequery": case "createsqlquery":
      case "queryforobject": case "queryforlist": case "queryformap": case "queryforrowset":
      case "batchupdate": case "querystream":
        sql(out, 0, true);
        break;
      case "execute":
        sql(out, 0, dbReceiver(recv));
        break;
      case "query": case "update": case "createquery": case "nativequery":
        sql(out, 0, dbReceiver(recv) || recv.contains("jdbc"));
        break;
      case "println": case "print": case "write": case "format": case "printf": case "append":
        if ((recv.endsWith("out") || recv.contains("getwriter") || recv.endsWith("writer")
            || recv.equals("pw") || recv.endsWith("printwriter")) && !recv.startsWith("system.")) {
          out.add(new Hit(Rule.XSS, Hit.ANY, 0, 0.9));
        }
        break;
      case "exec":
        if (!recv.contains("pattern") && !recv.contains("regex")) {
          out.add(new Hit(Rule.COMMAND_INJECTION, Hit.ANY, 0, 1.0));
        }
        break;
      case "processbuilder":
      case "command":
        if (ctor || name.equals("command")) {
          out.add(new Hit(Rule.COMMAND_INJECTION, Hit.ANY, Value.T_SHELL, 1.0));
        }
        break;
      case "file": case "fileinputstream": case "fileoutputstream": case "filereader":
      case "filewriter": case "randomaccessfile": case "printwriter": case "zipfile":
      case "fileimageinputstream":
        if (ctor) out.add(new Hit(Rule.PATH_TRAVERSAL, Hit.ANY, 0, 1.0));
        break;
      case "readallbytes": case "readstring": case "readalllines": case "newinputstream":
      case "newoutputstream": case "newbufferedreader": case "newbufferedwriter": case "lines":
      case "delete": case "deleteifexists": case "copy": case "move": case "writestring":
        if (recv.equals("files")) out.add(new Hit(Rule.PATH_TRAVERSAL, Hit.ANY, 0, 1.0));
        break;
      case "search":
        if (argc == 4) {
          // search(name, filterExpr, filterArgs, controls): {0}-style arguments are escaped by
          // the provider (JNDI DirContext), so only the filter expression itself counts
          out.add(new Hit(Rule.LDAP_INJECTION, 1, 0, 1.0));
          break;
        }
        out.add(new Hit(Rule.LDAP_INJECTION, Hit.ANY,
            recv.contains("ctx") || recv.contains("context") || recv.contains("ldap")
                || recv.contains("idc") || recv.contains("dir") ? 0 : Value.T_LDAP, 1.0));
        break;
      case "compile": case "evaluate":
        if (recv.contains("xp") || recv.contains("xpath")) {
          out.add(new Hit(Rule.XPATH_INJECTION, 0, 0, 1.0));
        }
        break;
      case "eval":
        out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      case "parseexpression":
        out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 0.9));
        break;
      case "setattribute": case "putvalue":
        if (recv.contains("session")) out.add(new Hit(Rule.TRUST_BOUNDARY, Hit.ANY, 0, 1.0));
        break;
      default:
    }
  }

  private static void csharpSinks(String name, String callee, String recv, boolean ctor, List<Hit> out) {
    switch (name) {
      case "sqlcommand": case "npgsqlcommand": case "mysqlcommand": case "sqlitecommand":
        if (ctor) sql(out, 0, true);
        break;
      case "fromsqlraw": case "executesqlraw": case "sqlquery": case "executesqlrawasync":
      case "fromsqlinterpolated_":
        sql(out, 0, true);
        break;
      case "query": case "execute": case "queryasync": case "executeasync": case "queryfirst":
      case "queryfirstordefault": case "executescalar":
        sql(out, 0, dbReceiver(recv));
        break;
      case "raw": case "write":
        if (recv.equals("html") || recv.equals("response")) out.add(new Hit(Rule.XSS, Hit.ANY, 0, 1.0));
        break;
      case "content":
        // Controller.Content(body, "text/html"): the content type is checked by the caller
        if (recv.isEmpty() || recv.equals("this")) out.add(new Hit(Rule.XSS, 0, -1, 0.9));
        break;
      case "writeasync":
        if (recv.equals("response") || recv.endsWith(".response")) {
          out.add(new Hit(Rule.XSS, 0, Value.T_HTML, 0.85));
        }
        break;
      case "htmlstring": case "markupstring":
        if (ctor) out.add(new Hit(Rule.XSS, Hit.ANY, 0, 1.0));
        break;
      case "start":
        if (recv.equals("process")) out.add(new Hit(Rule.COMMAND_INJECTION, Hit.ANY, 0, 1.0));
        break;
      case "processstartinfo":
        if (ctor) out.add(new Hit(Rule.COMMAND_INJECTION, Hit.ANY, 0, 0.9));
        break;
      case "readalltext": case "readallbytes": case "readalllines": case "openread": case "open":
      case "writealltext": case "delete": case "openwrite": case "appendalltext":
        if (recv.equals("file") || recv.equals("system.io.file")) {
          out.add(new Hit(Rule.PATH_TRAVERSAL, Hit.ANY, 0, 1.0));
        }
        break;
      case "filestream": case "streamreader":
        if (ctor) out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        break;
      case "physicalfile":
        out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        break;
      case "directorysearcher":
        if (ctor) out.add(new Hit(Rule.LDAP_INJECTION, Hit.ANY, 0, 1.0));
        break;
      case "selectnodes": case "selectsinglenode":
        out.add(new Hit(Rule.XPATH_INJECTION, 0, 0, 1.0));
        break;
      case "evaluateasync": case "runasync":
        if (recv.contains("csharpscript")) out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      case "setstring":
        if (recv.contains("session")) out.add(new Hit(Rule.TRUST_BOUNDARY, Hit.ANY, 0, 1.0));
        break;
      default:
    }
  }

  private static void pythonSinks(String name, String callee, String recv, List<Hit> out) {
    switch (name) {
      case "execute": case "executemany": case "executescript": case "mogrify":
        sql(out, 0, dbReceiver(recv) || recv.isEmpty() || recv.endsWith("cursor()"));
        break;
      case "raw": case "read_sql": case "read_sql_query": case "rawsql":
        sql(out, 0, true);
        break;
      case "text":
        if (recv.isEmpty() || recv.equals("sqlalchemy") || recv.equals("sa")) sql(out, 0, false);
        break;
      case "extra":
        sql(out, Hit.ANY, false);
        break;
      case "mark_safe": case "markup": case "safestring": case "render_template_string":
      case "htmlresponse":
        out.add(new Hit(Rule.XSS, 0, 0, 1.0));
        break;
      case "httpresponse": case "make_response": case "response":
        out.add(new Hit(Rule.XSS, 0, Value.T_HTML, 0.9));
        break;
      case "system": case "popen": case "getoutput": case "getstatusoutput":
        if (recv.equals("os") || recv.equals("commands")
            || recv.equals("subprocess") && !name.equals("popen")) {
          out.add(new Hit(Rule.COMMAND_INJECTION, 0, 0, 1.0));
        } else if (recv.equals("subprocess")) {
          out.add(new Hit(Rule.COMMAND_INJECTION, 0, -1, 1.0));
        }
        break;
      case "run": case "call": case "check_call": case "check_output":
        if (recv.equals("subprocess")) out.add(new Hit(Rule.COMMAND_INJECTION, 0, -1, 1.0));
        break;
      case "open": case "remove": case "unlink": case "rmtree": case "send_file": case "copyfile":
      case "fileresponse": case "listdir": case "rmdir": case "makedirs_": case "copy": case "move":
        if (recv.isEmpty() || recv.equals("os") || recv.equals("shutil") || recv.equals("io")
            || recv.equals("codecs") || recv.equals("flask")) {
          out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        }
        break;
      case "search_s": case "search_ext_s": case "search_st":
        out.add(new Hit(Rule.LDAP_INJECTION, Hit.ANY, 0, 1.0));
        break;
      case "search":
        out.add(new Hit(Rule.LDAP_INJECTION, Hit.ANY, Value.T_LDAP, 1.0));
        break;
      case "xpath":
        out.add(new Hit(Rule.XPATH_INJECTION, 0, 0, 1.0));
        break;
      case "eval": case "exec": case "compile":
        if (recv.isEmpty() || recv.equals("builtins")) out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      default:
    }
  }

  private static void jsSinks(String name, String callee, String recv, boolean ctor, List<Hit> out) {
    switch (name) {
      case "query": case "execute":
        sql(out, 0, dbReceiver(recv));
        break;
      case "raw": case "whereraw": case "orderbyraw": case "havingraw": case "joinraw":
      case "selectraw": case "$queryrawunsafe": case "$executerawunsafe": case "groupbyraw":
        sql(out, 0, true);
        break;
      case "where": case "andwhere": case "orwhere": case "having": case "orderby": case "all":
      case "run": case "prepare": case "get":
        out.add(new Hit(Rule.SQL_INJECTION, 0, Value.T_SQL, 0.9));
        break;
      case "write": case "writeln":
        if (recv.equals("document")) out.add(new Hit(Rule.XSS, Hit.ANY, 0, 1.0));
        else if (recv.equals("res") || recv.equals("response")) out.add(new Hit(Rule.XSS, 0, Value.T_HTML, 0.8));
        break;
      case "insertadjacenthtml":
        out.add(new Hit(Rule.XSS, 1, 0, 1.0));
        break;
      case "bypasssecuritytrusthtml": case "bypasssecuritytrustscript": case "bypasssecuritytrusturl":
      case "bypasssecuritytrustresourceurl": case "bypasssecuritytruststyle":
        out.add(new Hit(Rule.XSS, 0, 0, 1.0));
        break;
      case "send": case "end":
        if (recv.equals("res") || recv.equals("response") || recv.endsWith(".res")) {
          out.add(new Hit(Rule.XSS, 0, Value.T_HTML, 0.85));
          out.add(new Hit(Rule.XSS, 0, Hit.REQUEST_ONLY, 0.75));
        }
        break;
      case "html":
        if (recv.startsWith("$") || recv.startsWith("jquery")) out.add(new Hit(Rule.XSS, 0, 0, 0.9));
        break;
      case "exec": case "execsync": case "execasync": case "execpromise":
        if (recv.isEmpty() || recv.contains("child_process") || recv.equals("cp")
            || recv.equals("childprocess") || recv.equals("shell")) {
          out.add(new Hit(Rule.COMMAND_INJECTION, 0, 0, 1.0));
        }
        break;
      case "spawn": case "spawnsync": case "execfile": case "execfilesync":
        // argv form: only the program name is dangerous, unless { shell: true } (checked by the caller)
        out.add(new Hit(Rule.COMMAND_INJECTION, 0, 0, 1.0));
        out.add(new Hit(Rule.COMMAND_INJECTION, Hit.ANY, Value.T_SHELL, 1.0));
        break;
      case "readfile": case "readfilesync": case "createreadstream": case "createwritestream":
      case "writefile": case "writefilesync": case "unlink": case "unlinksync": case "readdir":
      case "appendfile": case "rm": case "rmsync": case "opensync": case "readdirsync":
      case "appendfilesync":
        out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        break;
      case "sendfile": case "download":
        if (recv.equals("res") || recv.equals("response") || recv.endsWith(".res")) {
          out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        }
        break;
      case "eval":
        if (recv.isEmpty() || recv.equals("window")) out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      case "function":
        out.add(new Hit(Rule.CODE_INJECTION, Hit.ANY, 0, 1.0));
        break;
      case "runinnewcontext": case "runinthiscontext": case "runincontext": case "compilefunction":
        out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      case "script":
        if (ctor) out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      case "settimeout": case "setinterval":
        out.add(new Hit(Rule.CODE_INJECTION, 0, -1, 0.8));
        break;
      case "search":
        out.add(new Hit(Rule.LDAP_INJECTION, Hit.ANY, Value.T_LDAP, 0.9));
        break;
      case "select": case "select1": case "evaluate":
        if (recv.contains("xpath") || recv.equals("document")) out.add(new Hit(Rule.XPATH_INJECTION, 0, 0, 1.0));
        break;
      default:
    }
  }

  private static void goSinks(String name, String callee, String recv, List<Hit> out) {
    switch (name) {
      case "query": case "queryrow": case "exec": case "prepare": case "raw": case "queryx":
      case "queryrowx":
        sql(out, 0, !recv.equals("exec"));
        break;
      case "querycontext": case "queryrowcontext": case "execcontext": case "preparecontext":
        sql(out, 1, true);
        break;
      case "where": case "order": case "select": case "get":
        out.add(new Hit(Rule.SQL_INJECTION, Hit.ANY, Value.T_SQL, 0.9));
        break;
      case "fprintf": case "fprint": case "fprintln":
        if (recv.equals("fmt")) {
          out.add(new Hit(Rule.XSS, Hit.REST, Value.T_HTML, 0.9));
          out.add(new Hit(Rule.XSS, Hit.REST, Hit.REQUEST_ONLY, 0.75));
        }
        break;
      case "writestring":
        if (recv.equals("io")) out.add(new Hit(Rule.XSS, 1, Value.T_HTML, 0.85));
        break;
      case "write":
        if (recv.equals("w") || recv.equals("rw") || recv.equals("writer")) {
          out.add(new Hit(Rule.XSS, 0, Value.T_HTML, 0.85));
        }
        break;
      case "html": case "js":
        if (recv.equals("template")) out.add(new Hit(Rule.XSS, 0, 0, 1.0));
        break;
      case "command": case "commandcontext":
        if (recv.equals("exec")) {
          out.add(new Hit(Rule.COMMAND_INJECTION, Hit.ANY, Value.T_SHELL, 1.0));
          // the program itself comes from input
          out.add(new Hit(Rule.COMMAND_INJECTION, name.equals("command") ? 0 : 1, Hit.REQUEST_ONLY, 0.9));
        }
        break;
      case "open": case "openfile": case "readfile": case "create": case "writefile": case "remove":
      case "removeall": case "readdir":
        if (recv.equals("os") || recv.equals("ioutil")) out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        break;
      case "servefile":
        if (recv.equals("http")) out.add(new Hit(Rule.PATH_TRAVERSAL, 2, 0, 1.0));
        break;
      case "newsearchrequest":
        out.add(new Hit(Rule.LDAP_INJECTION, Hit.ANY, 0, 1.0));
        break;
      default:
    }
  }

  private static void rubySinks(String name, String callee, String recv, List<Hit> out) {
    switch (name) {
      case "where": case "order": case "group": case "having": case "joins": case "select":
      case "from": case "pluck": case "reorder": case "lock": case "exists?": case "not":
      case "update_all": case "delete_all": case "calculate": case "rewhere": case "find_by":
        out.add(new Hit(Rule.SQL_INJECTION, 0, -1, 0.95));
        break;
      case "find_by_sql": case "execute": case "exec_query": case "select_all": case "select_value":
      case "select_values": case "select_rows": case "count_by_sql": case "sql":
        sql(out, 0, true);
        break;
      case "raw": case "html_safe": case "safe_concat":
        out.add(new Hit(Rule.XSS, Hit.ANY, 0, 1.0));
        break;
      case "system": case "exec": case "spawn": case "popen": case "capture2": case "capture2e":
      case "capture3": case "popen3": case "popen2":
        if (recv.isEmpty() || recv.equals("kernel") || recv.equals("open3") || recv.equals("io")) {
          out.add(new Hit(Rule.COMMAND_INJECTION, 0, -1, 1.0));
        }
        break;
      case "send_file": case "send_data_":
        out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        break;
      case "open": case "read": case "readlines": case "write": case "delete": case "binread":
      case "foreach": case "new": case "unlink": case "rm": case "rm_rf": case "cp": case "mv":
        if (recv.equals("file") || recv.equals("io") || recv.equals("fileutils")) {
          out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        }
        break;
      case "eval": case "instance_eval": case "class_eval": case "module_eval":
        out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      case "constantize": case "safe_constantize":
        out.add(new Hit(Rule.CODE_INJECTION, Hit.ANY, 0, 0.8));
        break;
      case "xpath": case "at_xpath":
        out.add(new Hit(Rule.XPATH_INJECTION, 0, 0, 1.0));
        break;
      case "construct":
        if (recv.contains("filter")) out.add(new Hit(Rule.LDAP_INJECTION, 0, 0, 1.0));
        break;
      default:
    }
  }

  private static void phpSinks(String name, String callee, String recv, List<Hit> out) {
    switch (name) {
      case "query": case "exec": case "prepare":
        if (recv.isEmpty()) {
          if (name.equals("exec")) out.add(new Hit(Rule.COMMAND_INJECTION, 0, 0, 1.0));
        } else {
          sql(out, 0, dbReceiver(recv) || recv.contains("pdo") || recv.contains("db"));
        }
        break;
      case "get_results": case "get_row": case "get_var": case "get_col":
        if (recv.contains("wpdb")) sql(out, 0, true);
        break;
      case "mysqli_query": case "pg_query": case "mysql_query": case "sqlite_query":
        sql(out, Hit.LAST, true);
        break;
      case "whereraw": case "orderbyraw": case "havingraw": case "selectraw": case "groupbyraw":
      case "fromraw": case "unprepared": case "statement": case "raw": case "orwhereraw":
        sql(out, 0, true);
        break;
      case "select": case "insert": case "update": case "delete":
        if (recv.equals("db")) sql(out, 0, true);
        break;
      case "system": case "shell_exec": case "passthru": case "popen": case "proc_open":
      case "pcntl_exec":
        if (recv.isEmpty()) out.add(new Hit(Rule.COMMAND_INJECTION, 0, 0, 1.0));
        break;
      case "file_get_contents": case "file_put_contents": case "fopen": case "readfile":
      case "file": case "unlink": case "copy": case "rename": case "fpassthru": case "include":
      case "require": case "include_once": case "require_once": case "parse_ini_file":
      case "opendir": case "scandir": case "rmdir": case "mkdir":
        if (recv.isEmpty()) out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        break;
      case "download": case "file_":
        if (recv.contains("response")) out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        break;
      case "ldap_search": case "ldap_list": case "ldap_read":
        out.add(new Hit(Rule.LDAP_INJECTION, Hit.ANY, 0, 1.0));
        break;
      case "xpath":
        out.add(new Hit(Rule.XPATH_INJECTION, 0, 0, 1.0));
        break;
      case "evaluate":
        if (recv.contains("xpath")) out.add(new Hit(Rule.XPATH_INJECTION, 0, 0, 1.0));
        break;
      case "eval": case "assert": case "create_function":
        if (recv.isEmpty()) out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      case "printf": case "vprintf": case "print_r":
        if (recv.isEmpty()) out.add(new Hit(Rule.XSS, Hit.ANY, 0, 0.9));
        break;
      default:
    }
  }

  private static void elixirSinks(String name, String callee, String recv, List<Hit> out) {
    switch (name) {
      case "query": case "query!": case "query_many": case "query_many!":
        if (recv.contains("repo") || recv.contains("sql") || recv.contains("postgrex")
            || recv.contains("myxql")) {
          sql(out, recv.contains("ecto.adapters.sql") ? 1 : 0, true);
        }
        break;
      case "html":
        out.add(new Hit(Rule.XSS, Hit.LAST, 0, 1.0));
        break;
      case "raw":
        out.add(new Hit(Rule.XSS, Hit.ANY, 0, 1.0));
        break;
      case "send_resp":
        out.add(new Hit(Rule.XSS, Hit.LAST, Value.T_HTML, 0.9));
        break;
      case "shell":
        if (recv.equals("system")) out.add(new Hit(Rule.COMMAND_INJECTION, 0, 0, 1.0));
        break;
      case "cmd":
        if (recv.equals(":os")) out.add(new Hit(Rule.COMMAND_INJECTION, 0, 0, 1.0));
        else if (recv.equals("system")) out.add(new Hit(Rule.COMMAND_INJECTION, Hit.ANY, Value.T_SHELL, 1.0));
        break;
      case "read": case "read!": case "write": case "write!": case "stream!": case "rm": case "rm!":
      case "rm_rf": case "open": case "open!": case "cp": case "cp!": case "ls": case "ls!":
        if (recv.equals("file")) out.add(new Hit(Rule.PATH_TRAVERSAL, 0, 0, 1.0));
        break;
      case "send_file": case "send_download":
        out.add(new Hit(Rule.PATH_TRAVERSAL, Hit.LAST, 0, 1.0));
        break;
      case "eval_string": case "eval_quoted": case "compile_string":
        out.add(new Hit(Rule.CODE_INJECTION, 0, 0, 1.0));
        break;
      case "put_session":
        out.add(new Hit(Rule.TRUST_BOUNDARY, Hit.REST, 0, 1.0));
        break;
      default:
    }
  }

  // taintflow: the additions below are API names used by the data-flow extensions of issue 12
  // (items 5 and 6); kept apart so that they can move into rule packs as they are.

  // taintflow: shell programs that run their script argument ({@code sh -c SCRIPT})
  static final Set<String> TF_SHELL_PROGRAMS = Set.of("sh", "bash", "/bin/sh", "/bin/bash",
      "/usr/bin/bash", "zsh", "/bin/zsh", "ksh", "dash", "/bin/dash", "cmd", "cmd.exe",
      "powershell", "powershell.exe", "pwsh", "pwsh.exe");

  // taintflow: the flag after a shell program that makes the next argument a script
  static final Set<String> TF_SHELL_SCRIPT_FLAGS = Set.of("-c", "/c", "/k", "-command",
      "-encodedcommand", "-lc", "-ec", "-xc");

  // taintflow: calls that, used in a condition, check that a path stays under a root by
  // comparing whole components ({@code os.path.commonpath([root, p]) == root})
  static final Set<String> TF_CONTAINMENT_GUARDS = Set.of("commonpath", "is_subpath",
      "issubdirectory", "isunder", "is_within_directory", "contained_in");

  // taintflow: calls whose result is a path relative to a root ({@code filepath.Rel(root, p)},
  // {@code os.path.relpath(p, root)}, {@code path.relative(root, p)}): checking that result for
  // a leading ".." checks the paths it was computed from
  static final Set<String> TF_RELATIVE_PATH = Set.of("rel", "relpath", "relative",
      "relativize", "relative_path_from", "getrelativepath");

  // taintflow: calls that test a name for a ".." literal ({@code strings.Contains(name, "..")},
  // {@code name.includes('..')}); replace-style calls are not among them (a one-pass removal of
  // "../" is a known bypass)
  static final Set<String> TF_DOTDOT_TESTS = Set.of("contains", "includes", "include?",
      "indexof", "hasprefix", "startswith", "starts_with?", "start_with?", "str_contains",
      "strpos", "stripos", "index", "find", "count", "containsany", "match", "test", "matches",
      "contains?", "string.contains?", "has_prefix", "hassuffix", "endswith", "lastindexof");

  // taintflow: decorator/annotation/attribute names (lower-cased, last segment) that mark a
  // function as a request handler: Flask/FastAPI/Django REST/Express-style route decorators,
  // Spring MVC, JAX-RS, ASP.NET Core; its parameters are request input
  static final Set<String> TF_HANDLER_MARKS = Set.of("route", "get", "post", "put", "delete",
      "patch", "api_view", "api_route", "getmapping", "postmapping", "putmapping",
      "deletemapping", "patchmapping", "requestmapping", "httpget", "httppost", "httpput",
      "httpdelete", "httppatch", "acceptverbs", "websocket_route", "view_config");

  // taintflow: parameter types that make a function a request handler (Go net/http, Gin,
  // Echo, Fiber, ASP.NET Core minimal APIs' HttpContext)
  static final Set<String> TF_HANDLER_PARAM_TYPES = Set.of("*http.request", "http.request",
      "*gin.context", "echo.context", "*fiber.ctx", "httpcontext");
}
