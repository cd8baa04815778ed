package dev.synapse.analysis.performance;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.analysis.Check;
import dev.synapse.analysis.performance.FileView.Row;
import dev.synapse.diff.LineKind;
import dev.synapse.signal.Finding;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code memory_hotspot} (CWE-770, allocation of resources without limits; a case of CWE-400):
 * an added line that loads an input of unbounded size into memory at once:
 *
 * <ul>
 *   <li>{@link #RULE_FILE}: a whole file whose path is not a constant ({@code Files.readAllLines},
 *       {@code File.read!}, {@code CSV.read}, PHP {@code file()}, {@code fs.readFileSync},
 *       {@code fs.promises.readFile}, {@code os.ReadFile}, {@code File.ReadAllText}, Python
 *       {@code .read()}, …), read line-wise, then split into lines/records, or — the same test
 *       in every language — request-controlled (request input, a request handler's parameter or
 *       a local assigned from one) or unbounded (a log/export/dump/upload/… file, or the change
 *       replaced a stream with the whole read);
 *   <li>{@link #RULE_BODY}: a whole request, response or stream body ({@code io.ReadAll} without
 *       {@code http.MaxBytesReader}/{@code io.LimitReader}, {@code InputStream.readAllBytes},
 *       {@code IOUtils.toByteArray}, {@code ReadToEnd}, {@code php://input}, raw-body without
 *       {@code limit}, {@code request.body.read}, …);
 *   <li>{@link #RULE_TABLE}: a whole table or unbounded result set ({@code findAll()},
 *       Prisma {@code findMany} without {@code take}, Ecto {@code Repo.all} without
 *       {@code limit}, {@code Model.all.each}, Laravel {@code Model::all()}, Django
 *       {@code list(Model.objects.all())}, a {@code SELECT … FROM} literal with no
 *       {@code WHERE}/{@code LIMIT}).
 * </ul>
 *
 * <p>Not reported: reads bounded by a limit in the same statement or a size check earlier in
 * the function; files with a constant path or a configuration-like name; streaming APIs
 * ({@code Files.lines}, {@code File.stream!}, {@code CSV.foreach}, {@code find_each},
 * cursors); queries bounded by a key list ({@code IN (…)}, {@code In(ids)}, {@code in ^ids}).
 *
 * <p>Severity: request/response/stream bodies high (a client controls the size), files and
 * tables medium. Stateless and thread-safe.
 */
public final class MemoryHotspotCheck implements Check {
  /** Rule id: whole file read into memory. */
  public static final String RULE_FILE = "SYN-PERF-MEM-001";
  /** Rule id: whole request/response/stream body read into memory. */
  public static final String RULE_BODY = "SYN-PERF-MEM-002";
  /** Rule id: whole table or unbounded result set loaded into memory. */
  public static final String RULE_TABLE = "SYN-PERF-MEM-003";
  static final String CATEGORY = "memory_hotspot";

  private static final Set<String> FILE_READERS = Set.of("readAllBytes", "readAllLines", "readString",
      "readFileToString", "readFileToByteArray", "ReadAllText", "ReadAllBytes", "ReadAllLines",
      "ReadAllTextAsync", "ReadAllBytesAsync", "ReadAllLinesAsync", "readFileSync", "readFile",
      "ReadFile", "read", "read!", "readlines", "binread", "read_text", "read_bytes", "file",
      "file_get_contents", "readText", "readBytes", "readLines", "read_lines");
  private static final Set<String> STREAM_READERS = Set.of("ReadAll", "toByteArray", "copyToByteArray",
      "copyToString", "ReadToEnd", "ReadToEndAsync", "ReadAsStringAsync", "ReadAsByteArrayAsync",
      "stream_get_contents", "get_data", "raw_post", "getRawBody", "readAllBytes");
  private static final String[] SIZE_GUARDS = {"maxbytesreader", "limitreader", "limitedreader",
      "files.size(", "filesize(", "file.size(", "getsize(", "statsync(", "os.stat(", "contentlength",
      "content_length", "content-length", "max_upload", "max_size", "maxsize", "max_bytes", "maxbytes",
      "size_limit", "limit:", "boundedinputstream", "take(", "setmaxresults", ".size() >", ".length >"};
  private static final String[] BOUNDS = {"limit", "take", "top ", "first", "paginate", "page",
      "per_page", "chunk", "find_each", "in_batches", "batch", "stream", "cursor", "iterator",
      "setmaxresults", "pageable", "pagerequest", "fetch first", "[:", "in ^", "in(", "__in", "in:",
      " in (", "slice", "rownum", "offset", "max_results", "maxresults"};
  /** Readers that return the input already split into lines or records. */
  private static final Set<String> LINE_READERS = Set.of("readAllLines", "readlines", "file", "ReadAllLines",
      "ReadAllLinesAsync", "readLines", "read_lines");
  /** Signs that a whole input is then processed piece by piece (so it could have been streamed). */
  private static final String[] PIECEWISE = {"split", ".lines", "lines(", "splitlines", "each_line",
      "explode(", "str_getcsv", "csv.parse", "csv.reader", "parse_csv", "csv::", "csv.new", "lines()",
      "linesequence", "readline", "scanner"};
  private static final String[] REQUEST_INPUT = {"params", "request", "req.", "upload", "files[",
      "body", "multipart", "attachment", "stream"};
  private static final String[] CONFIG_WORDS = {"config", "conf", "settings", "template", "schema",
      "cert", "key", "secret", "manifest", "version", "properties", "env", "yaml", "yml", "toml",
      "ini", "license", "readme", "migration", "fixture", "locale", "i18n", "translation"};
  /** Parameter names and types of request handlers (Express, Spring, servlets, Go, ASP.NET, Django). */
  private static final Set<String> HANDLER_PARAMS = Set.of("req", "request", "res", "response", "Request",
      "Response", "HttpServletRequest", "HttpServletResponse", "ResponseWriter", "HttpRequest",
      "HttpResponse", "HttpContext", "RequestParam", "PathVariable", "FastifyRequest", "FastifyReply",
      "NextRequest", "NextApiRequest", "NextApiResponse", "ServerRequest", "reply");
  /** Words naming files that grow without bound. */
  private static final Set<String> UNBOUNDED_FILES = Set.of("log", "logs", "dump", "dumps", "export",
      "exports", "backup", "backups", "archive", "archives", "upload", "uploads", "download", "downloads",
      "attachment", "attachments", "media", "video", "videos", "dataset", "datasets", "audit", "trace",
      "traces", "recording", "recordings");
  /** Streaming reads (on removed lines: the change replaced a stream with a whole read). */
  private static final String[] STREAMING = {"createreadstream", "files.lines", "bufferedreader",
      "newscanner", "file.stream!", "each_line", "fgets", "readline", ".pipe(", "io.copy", "csv.foreach",
      "streamreader", "newinputstream", "iterrows", "chunksize"};
  private static final Set<String> NOT_VARIABLES = Set.of("true", "false", "nil", "null", "None", "True",
      "False", "undefined", "__dirname", "__filename", "__DIR__", "__FILE__", "__file__", "utf8",
      "encoding", "headers", "mode", "flag", "charset");

  /** Capitalised PHP receivers with static get()/all() that are not Eloquent models. */
  private static final Set<String> NOT_TABLES = Set.of("Cache", "Config", "Session", "Request",
      "Cookie", "Auth", "Arr", "Str", "Http", "Storage", "Route", "App", "Env", "Redis");
  /** Last tokens of a row that continue the statement on the next row. */
  private static final WordSet OPENERS = WordSet.of("(", ",", "|>", "=", "{", "[", ".", "->");
  /** Calls examined per row at most, so a pathological line stays linear. */
  private static final int MAX_CALLS_PER_ROW = 64;
  /** Names any rule looks at; other calls are skipped cheaply. */
  private static final WordSet INTERESTING;

  static {
    Set<String> s = new java.util.HashSet<>(FILE_READERS);
    s.addAll(STREAM_READERS);
    s.addAll(List.of("findAll", "findMany", "findAndCount", "findAndCountAll", "find", "findBy", "all",
        "each", "map", "to_a", "collect", "each_with_index", "select", "reject", "sort_by", "group_by",
        "index_by", "to_h", "each_with_object", "ToList", "ToListAsync", "file_get_contents", "body",
        "get", "read_csv", "read_excel", "read_json", "read_parquet", "read_sql", "toArray", "toList"));
    INTERESTING = WordSet.of(s.toArray(new String[0]));
  }

  /** What kind of input is read whole. */
  private enum Kind { FILE, BODY, TABLE }

  private record Hit(Kind kind, String what) {}

  @Override
  public String id() {
    return CATEGORY;
  }

  @Override
  public String category() {
    return CATEGORY;
  }

  @Override
  public List<Finding> run(AnalysisContext context) {
    List<Finding> out = new ArrayList<>();
    PerfFingerprint fingerprints = new PerfFingerprint();
    for (FileView v : FileViews.of(context)) {
      if (v.lang == SourceLanguage.UNKNOWN) continue;
      for (int i = 0; i < v.rows.size(); i++) {
        Row r = v.rows.get(i);
        if (r.kind() != LineKind.ADDED) continue;
        Hit hit = null;
        if (mentionsInteresting(r.toks())) {
          String[] stmt = new String[1];
          int tried = 0;
          for (Call c : v.calls(i, v.lang == SourceLanguage.RUBY)) {
            if (!INTERESTING.contains(c.name()) || tried++ > MAX_CALLS_PER_ROW) continue;
            if (declaration(v, i, c)) continue;
            hit = match(v, i, c, stmt);
            // an edited line reports only what the change introduced
            if (hit != null && oldSideHasHit(v, i, c, hit)) hit = null;
            if (hit != null) break;
          }
        }
        if (hit == null) {
          hit = unboundedSelect(v, i);
          if (hit != null && oldSideHasSelect(v, i)) hit = null;
        }
        if (hit != null) out.add(finding(fingerprints, v, i, hit));
      }
    }
    return out;
  }

  /** Words before a name that make {@code name(...)} an expression, not a declaration. */
  private static final WordSet EXPRESSION_WORDS = WordSet.of("return", "new", "await", "yield",
      "throw", "in", "of", "case", "else", "do", "not", "and", "or", "is", "typeof", "echo", "print",
      "puts", "then", "when", "go", "defer", "raise", "assert", "with", "from", "import", "let", "var",
      "val", "const");
  /** Keywords that introduce a function declaration. */
  private static final WordSet DECLARATION_WORDS = WordSet.of("def", "function", "func", "fun", "fn",
      "defp", "sub", "void");

  /**
   * A call that is really the name of a function being declared: {@code public List<User>
   * findAll() {}, {@code void findAll()}, {@code fun findAll()}, {@code def findAll}, a
   * JavaScript/TypeScript method {@code findAll(): T {}, or the declaration line of a function
   * the segmenter found under that name.
   */
  private static boolean declaration(FileView v, int row, Call c) {
    if (c.chain().size() != 1) return false;
    FileView.Function f = v.newFunctionAt(row);
    if (f != null && f.declRow() == row && f.name().equals(c.name())) return true;
    Toks t = v.rows.get(row).toks();
    int k = c.tokenIndex();
    if (k > 0) {
      if (DECLARATION_WORDS.contains(t, k - 1)) return true;
      // a type or modifier right before the name: "List<User> findAll(", "async findAll(", "User[] findAll("
      boolean typeBefore = t.ident(k - 1) && !EXPRESSION_WORDS.contains(t, k - 1)
          || (t.is(k - 1, ">") || t.is(k - 1, "]")) && t.spaceAfter(k - 1);
      return typeBefore && v.lang != SourceLanguage.RUBY && v.lang != SourceLanguage.ELIXIR
          && v.lang != SourceLanguage.PYTHON && bodyFollows(t, c);
    }
    // "findAll(): Promise<T> {" / "findAll() {" at the start of a line: a class method
    return (v.lang.js() || v.lang == SourceLanguage.PHP) && bodyFollows(t, c);
  }

  /** After the call's closing parenthesis: a block, a return type or the end of the line. */
  private static boolean bodyFollows(Toks t, Call c) {
    int close = c.closeParen();
    if (close < 0) return true;
    if (close + 1 >= t.size()) return true;
    return t.is(close + 1, "{") || t.is(close + 1, ":") || t.is(close + 1, "throws")
        || t.is(close + 1, "=>") || t.is(close + 1, "where");
  }

  /**
   * @return true when a word of the row is a name some rule looks at; a call's name is one of
   *     its row's words, so a row without one has no call worth finding
   */
  private static boolean mentionsInteresting(Toks t) {
    for (int k = 0; k < t.size(); k++) if (t.ident(k) && INTERESTING.contains(t, k)) return true;
    return false;
  }

  private static Hit match(FileView v, int row, Call c, String[] stmtMemo) {
    Toks t = v.rows.get(row).toks();
    String name = c.name();
    String root = c.root();
    String receiver = c.receiver();
    if (stmtMemo[0] == null) stmtMemo[0] = statement(v, row).toLowerCase(Locale.ROOT);
    String stmt = stmtMemo[0];
    // --- tables -------------------------------------------------------------------------
    if (name.equals("findAll") && (c.noArgs(t) || !bounded(stmt))) {
      return guarded(v, row) ? null : new Hit(Kind.TABLE, "findAll() loads every row of the table");
    }
    if ((name.equals("findMany") || name.equals("findAndCount") || name.equals("findAndCountAll"))
        && !bounded(stmt)) {
      return new Hit(Kind.TABLE, name + " without take/limit loads every matching row");
    }
    if ((name.equals("find") || name.equals("findBy")) && v.lang.js() && c.openParen() >= 0
        && c.openParen() + 1 < t.size() && t.is(c.openParen() + 1, "{") && stmt.contains("where")
        && !bounded(stmt)) {
      return new Hit(Kind.TABLE, name + "({ where }) without take loads every matching row");
    }
    if (name.equals("all") && (root.equals("Repo") || receiver.equals("Repo")) && !bounded(stmt)
        && !stmt.contains("group_by")) {
      return new Hit(Kind.TABLE, "Repo.all without limit loads every matching row");
    }
    if (name.equals("all") && c.noArgs(t) && c.chain().size() == 2 && Character.isUpperCase(root.charAt(0))
        && v.lang == SourceLanguage.PHP) {
      return new Hit(Kind.TABLE, root + "::all() loads every row of the table");
    }
    if (v.lang == SourceLanguage.PHP && (name.equals("get") || name.equals("all")) && c.noArgs(t)
        && (c.chain().size() == 2 && Character.isUpperCase(root.charAt(0)) && !NOT_TABLES.contains(root)
            || root.equals("DB") && c.via("table"))
        && !bounded(stmt) && !stmt.contains("where") && !stmt.contains("find")) {
      return new Hit(Kind.TABLE, root + (root.equals("DB") ? "::table(...)->" : "::") + name + "() loads every row of the table");
    }
    if (v.lang == SourceLanguage.PYTHON && (receiver.equals("pd") || receiver.equals("pandas"))
        && (name.equals("read_csv") || name.equals("read_excel") || name.equals("read_json")
            || name.equals("read_parquet") || name.equals("read_sql"))
        && !stmt.contains("chunksize") && !stmt.contains("nrows") && variable(v, row, c)
        && !configLike(v, row, argsText(v, row, c).toLowerCase(Locale.ROOT)) && !guarded(v, row)) {
      return new Hit(Kind.FILE, "pandas." + name + " without chunksize loads the whole input");
    }
    if ((name.equals("collect") || name.equals("toList")) && c.via("lines")
        && (root.equals("Files") || c.via("reader") || c.via("bufferedReader") || c.via("br"))
        && !bounded(stmt)) {
      return guarded(v, row) ? null : new Hit(Kind.FILE, "collecting every line of the file into a list");
    }
    if (name.equals("toArray") && (c.via("find") || c.via("aggregate")) && !bounded(stmt)) {
      return new Hit(Kind.TABLE, "find(...).toArray() without limit loads every matching document");
    }
    if (v.lang == SourceLanguage.RUBY && c.chain().size() >= 3 && c.chain().get(c.chain().size() - 2).equals("all")
        && Character.isUpperCase(root.charAt(0)) && Set.of("each", "map", "to_a", "collect", "each_with_index",
            "select", "reject", "sort_by", "group_by", "index_by", "to_h", "each_with_object").contains(name)) {
      return new Hit(Kind.TABLE, root + ".all." + name + " loads every row (use find_each / in_batches)");
    }
    if (v.lang == SourceLanguage.PYTHON && name.equals("all") && receiver.equals("objects") && c.noArgs(t)
        && (wrappedInList(t, c.tokenIndex()) || iteratedDirectly(t, c.tokenIndex())) && !bounded(stmt)) {
      return new Hit(Kind.TABLE, "Model.objects.all() materialised in full (use .iterator() or slicing)");
    }
    if (v.lang == SourceLanguage.CSHARP && (name.equals("ToList") || name.equals("ToListAsync"))
        && c.chain().size() == 3 && !bounded(stmt) && !stmt.contains("where")) {
      return new Hit(Kind.TABLE, name + " over a whole DbSet loads every row");
    }
    // --- bodies and streams ---------------------------------------------------------------
    if (STREAM_READERS.contains(name)) {
      if (name.equals("getRawBody") && (stmt.contains("limit") || guarded(v, row))) return null;
      if (name.equals("readAllBytes") && (root.equals("Files") || receiver.equals("Files"))) {
        return fileRead(v, row, c, t);
      }
      if (name.equals("ReadAll") && !(receiver.equals("io") || receiver.equals("ioutil"))) return null;
      if (name.equals("toByteArray") && !Set.of("IOUtils", "ByteStreams").contains(receiver)) return null;
      if (stmt.contains("maxbytesreader") || stmt.contains("limitreader") || guarded(v, row)) return null;
      String args = argsText(v, row, c).toLowerCase(Locale.ROOT) + " " + String.join(".", c.chain()).toLowerCase(Locale.ROOT);
      boolean network = args.contains("body") || args.contains("req") || args.contains("request")
          || args.contains("resp") || args.contains("inputstream") || args.contains("content")
          || args.contains("conn") || name.equals("raw_post") || name.equals("get_data")
          || name.equals("getRawBody") || name.startsWith("ReadAs");
      if (!network && !piecewise(v, row)) return null;
      return new Hit(network ? Kind.BODY : Kind.FILE, name + " reads the whole " + (network ? "body" : "stream") + " into memory");
    }
    if (name.equals("file_get_contents") && v.rows.get(row).raw().contains("php://input")) {
      return new Hit(Kind.BODY, "file_get_contents('php://input') reads the whole request body");
    }
    if (name.equals("body") && receiver.equals("request") && c.noArgs(t) && v.lang == SourceLanguage.PYTHON) {
      return guarded(v, row) ? null : new Hit(Kind.BODY, "request.body() reads the whole request body");
    }
    // --- files ------------------------------------------------------------------------------
    if (FILE_READERS.contains(name)) return fileRead(v, row, c, t);
    return null;
  }

  private static Hit fileRead(FileView v, int row, Call c, Toks t) {
    String name = c.name();
    String receiver = c.receiver();
    boolean generic = name.equals("read") || name.equals("read!") || name.equals("readlines")
        || name.equals("readText") || name.equals("readBytes") || name.equals("readLines")
        || name.equals("readAllBytes") && !receiver.equals("Files");
    if (name.equals("file") && (v.lang != SourceLanguage.PHP || c.chain().size() > 1)) return null;
    if (name.equals("file_get_contents") && v.lang != SourceLanguage.PHP) return null;
    if (name.equals("readString") || name.equals("readAllLines") || name.equals("readAllBytes") && !generic) {
      if (!receiver.equals("Files")) return null;
    }
    if ((name.equals("ReadFile")) && !(receiver.equals("os") || receiver.equals("ioutil"))) return null;
    if (name.startsWith("ReadAll") && !receiver.equals("File")) return null;
    if ((name.equals("readFileToString") || name.equals("readFileToByteArray")) && !receiver.equals("FileUtils")) return null;
    if ((name.equals("readLines")) && receiver.equals("IOUtils")) generic = false;
    String target;
    if (generic) {
      // instance reads: f.read(), request.body.read, File(x).readText(), IO.read(dev, :all)
      if (v.lang == SourceLanguage.RUBY && (receiver.equals("File") || receiver.equals("IO") || receiver.equals("CSV"))) {
        target = argsText(v, row, c);
        if (!variable(v, row, c)) return null;
      } else if (v.lang == SourceLanguage.ELIXIR && receiver.equals("File")) {
        if (!variable(v, row, c)) return null;
        target = argsText(v, row, c);
      } else if (v.lang == SourceLanguage.ELIXIR && receiver.equals("IO")) {
        String a = argsText(v, row, c);
        if (!(a.contains(":all") || a.contains(":eof"))) return null;
        target = a;
      } else if (v.lang == SourceLanguage.PYTHON || v.lang == SourceLanguage.RUBY
          || v.lang == SourceLanguage.KOTLIN || v.lang == SourceLanguage.JAVA) {
        if (c.chain().size() < 2) return null;
        if (c.openParen() >= 0 && !c.noArgs(t) && v.lang != SourceLanguage.KOTLIN) return null;
        if (v.lang == SourceLanguage.JAVA && !name.equals("readAllBytes")) return null;
        if (v.lang == SourceLanguage.RUBY && c.openParen() < 0 && !(name.equals("read") || name.equals("readlines"))) return null;
        target = String.join(".", c.chain());
        String lt = target.toLowerCase(Locale.ROOT);
        boolean network = lt.contains("body") || lt.contains("request") || lt.contains("req.")
            || lt.contains("resp") || lt.contains("stream") || lt.contains("upload") || lt.contains("files")
            || lt.contains("params") || lt.contains("attachment");
        if (configLike(v, row, lt) || guarded(v, row)) return null;
        if (!network && !LINE_READERS.contains(name) && !piecewise(v, row) && !unboundedUse(v, row, c, target)) return null;
        return new Hit(network ? Kind.BODY : Kind.FILE, target + " reads the whole " + (network ? "body" : "input") + " into memory");
      } else {
        return null;
      }
    } else {
      if (!variable(v, row, c)) return null;
      target = argsText(v, row, c);
    }
    String lt = target.toLowerCase(Locale.ROOT);
    if (configLike(v, row, lt) || guarded(v, row)) return null;
    boolean lines = LINE_READERS.contains(name) || receiver.equals("CSV");
    if (!lines && !containsAny(lt, REQUEST_INPUT) && !piecewise(v, row) && !unboundedUse(v, row, c, target)) return null;
    String shown = receiver.isEmpty() ? name : receiver + "." + name;
    return new Hit(Kind.FILE, shown + " reads the whole file into memory");
  }

  /**
   * The file read whole is request-controlled or of unbounded size: its path comes from a
   * request handler's parameters (directly or through a local assigned from them earlier in the
   * function), the path or function names a growing kind of file (logs, exports, dumps, uploads,
   * …), or the removed lines of the hunk streamed it.
   */
  private static boolean unboundedUse(FileView v, int row, Call c, String target) {
    return requestControlled(v, row, c) || unboundedName(v, row, target) || replacedStream(v, row);
  }

  /**
   * The path argument names a parameter of the enclosing function, which handles a request, or a
   * local assigned earlier in the function from such a parameter (one hop per assignment, in
   * order: {@code name := r.URL.Query().Get("file")}, {@code const p = req.params.name}).
   */
  private static boolean requestControlled(FileView v, int row, Call c) {
    FileView.Function f = v.newFunctionAt(row);
    if (f == null || f.declRow() < 0 || c.openParen() < 0) return false;
    Set<String> tainted = new java.util.HashSet<>();
    boolean handler = false;
    int depth = 0;
    boolean opened = false;
    int bodyFrom = row;
    for (int q = f.declRow(); q <= Math.min(row - 1, f.declRow() + 8); q++) {
      Row r = v.rows.get(q);
      if (!r.onNewSide()) continue;
      for (Tok t : r.toks()) {
        if (t.is("(")) {
          depth++;
          opened = true;
        } else if (t.is(")")) {
          depth--;
        } else if (t.ident() && opened && depth > 0) {
          tainted.add(t.text());
          if (HANDLER_PARAMS.contains(t.text())) handler = true;
        }
      }
      if (opened && depth <= 0) {
        bodyFrom = q + 1;
        break;
      }
    }
    if (!handler) return false;
    for (int q = bodyFrom; q < row && q - bodyFrom < 200; q++) {
      Row r = v.rows.get(q);
      if (!r.onNewSide()) continue;
      Toks t = r.toks();
      for (int j = 1; j < t.size(); j++) {
        if (!t.is(j, "=")) continue;
        int lhs = t.is(j - 1, ":") && j >= 2 ? j - 2 : j - 1; // Go's := is two tokens
        if (!t.ident(lhs)) break;
        for (int k = j + 1; k < Math.min(t.size(), j + 200); k++) {
          if (t.ident(k) && tainted.contains(t.text(k))) {
            tainted.add(t.text(lhs));
            break;
          }
        }
        break;
      }
    }
    Toks t = v.rows.get(row).toks();
    int to = c.closeParen() < 0 ? t.size() : c.closeParen();
    for (int j = c.openParen() + 1; j < Math.min(to, c.openParen() + 200); j++) {
      Tok a = t.get(j);
      boolean member = t.is(j - 1, ".") || t.is(j - 1, "?.");
      if (a.ident() && !member && !HANDLER_PARAMS.contains(a.text()) && tainted.contains(a.text())) return true;
    }
    return false;
  }

  /** The path or the function names a kind of file that grows without bound. */
  private static boolean unboundedName(FileView v, int row, String target) {
    FileView.Function f = v.functionAt(row);
    String words = target + " " + (f == null ? "" : f.name());
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.length(); i++) {
      char ch = words.charAt(i);
      if (Character.isUpperCase(ch) && i > 0 && Character.isLowerCase(words.charAt(i - 1))) sb.append(' ');
      sb.append(Character.isLetter(ch) ? Character.toLowerCase(ch) : ' ');
    }
    for (String w : sb.toString().split(" ")) if (UNBOUNDED_FILES.contains(w)) return true;
    return false;
  }

  /** A removed line of the same hunk streamed the input (the change turns a stream into a whole read). */
  private static boolean replacedStream(FileView v, int row) {
    int hunk = v.rows.get(row).hunk();
    for (int q = Math.max(0, row - 20); q < Math.min(v.rows.size(), row + 20); q++) {
      Row r = v.rows.get(q);
      if (r.hunk() != hunk || r.kind() != LineKind.REMOVED) continue;
      if (containsAny(cut(r.code()).toLowerCase(Locale.ROOT), STREAMING)) return true;
    }
    return false;
  }

  /** A line cut to the length the tokenizer looks at, so pathological lines stay cheap. */
  private static String cut(String code) {
    return code.length() <= Tok.MAX_CHARS ? code : code.substring(0, Tok.MAX_CHARS);
  }

  /** A SELECT … FROM literal without WHERE or LIMIT (or an aggregate). */
  private static Hit unboundedSelect(FileView v, int row) {
    Row r = v.rows.get(row);
    // the literal's "select" is taken from the raw text: without it there is nothing to find
    if (!containsIgnoreCase(r.head(), "select")) return null;
    String literal = literals(r);
    // no character lower-cases into these letters but their own capitals: without a match here the
    // lower-cased literal has no "select " either
    if (!containsIgnoreCase(literal, "select ")) return null;
    String lit = literal.toLowerCase(Locale.ROOT);
    int sel = lit.indexOf("select ");
    if (sel < 0) return null;
    // SELECT and FROM in one literal, or the literal continues on the next rows of the statement
    StringBuilder all = new StringBuilder(lit);
    int hunk = r.hunk();
    int depth = 0;
    depth += r.toks().depthSum();
    for (int q = row + 1, seen = 0; q < v.rows.size() && seen < 12; q++) {
      Row n = v.rows.get(q);
      if (n.hunk() != hunk) break;
      if (!v.sameSide(row, n)) continue;
      seen++;
      Toks nt = n.toks();
      boolean continues = depth > 0 || (!nt.isEmpty() && (nt.is(0, ".") || nt.is(0, "+")
          || nt.is(0, "\"") || nt.is(0, "'")));
      if (!continues) break;
      all.append(' ').append(literals(n).toLowerCase(Locale.ROOT));
      depth += nt.depthSum();
    }
    String s = all.toString();
    if (s.indexOf(" from ", s.indexOf("select ")) < 0) return null;
    // an expected query in an assertion is compared, not run
    String stmt = statement(v, row).toLowerCase(Locale.ROOT);
    if (stmt.contains("assert") || stmt.contains("expect(")) return null;
    for (String w : new String[] {"where", "limit", " top ", "fetch first", "count(", "sum(", "max(",
        "min(", "avg(", "group by", "exists", "rownum", "offset", "insert", "update", "delete", "create",
        "union", "join"}) {
      if (s.contains(w)) return null;
    }
    return new Hit(Kind.TABLE, "SELECT without WHERE or LIMIT reads the whole table");
  }

  /** Removed rows examined per hit at most, so a file rewritten wholesale stays linear. */
  private static final int MAX_OLD_CANDIDATES = 64;

  /**
   * The old side already had this finding: a removed row of the file (the edited line, or the
   * line a moved statement came from) makes the same call (name and receiver chain) and, read on
   * the old side, gives the same hit. Adding an argument to
   * {@code response.Content.ReadAsStringAsync()} does not add a whole-body read, nor does moving
   * it to another function of the file; dropping the {@code take} of a {@code findMany} does.
   */
  private static boolean oldSideHasHit(FileView v, int row, Call c, Hit hit) {
    boolean bare = v.lang == SourceLanguage.RUBY;
    List<Integer> candidates = v.removedRowsCalling(c.name(), bare);
    for (int i = 0; i < candidates.size() && i < MAX_OLD_CANDIDATES; i++) {
      int q = candidates.get(i);
      for (Call old : v.calls(q, bare)) {
        if (!old.name().equals(c.name()) || !old.chain().equals(c.chain())) continue;
        if (hit.equals(match(v, q, old, new String[1]))) return true;
      }
    }
    return false;
  }

  /** The old side of the file already had the same unbounded SELECT (same literal text). */
  private static boolean oldSideHasSelect(FileView v, int row) {
    String select = selectText(v.rows.get(row));
    int examined = 0;
    for (int q : v.removedRows()) {
      Row r = v.rows.get(q);
      if (!containsIgnoreCase(r.head(), "select")) continue;
      if (examined++ >= MAX_OLD_CANDIDATES) break;
      if (selectText(r).equals(select) && unboundedSelect(v, q) != null) return true;
    }
    return false;
  }

  /** @return a row's string literals from the first {@code select}, lower-cased and squeezed */
  private static String selectText(Row r) {
    String lit = literals(r).toLowerCase(Locale.ROOT);
    int sel = lit.indexOf("select ");
    return sel < 0 ? "" : squeeze(lit.substring(sel));
  }

  /** @return {@code s} trimmed, every run of whitespace made one space */
  private static String squeeze(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }

  /**
   * @return true when some characters of {@code s} in a row each lower-case
   *     ({@link Character#toLowerCase(char)}) to the characters of the lower-case ASCII {@code word}
   */
  private static boolean containsIgnoreCase(String s, String word) {
    char first = word.charAt(0);
    for (int i = 0; i + word.length() <= s.length(); i++) {
      if (lower(s.charAt(i)) != first) continue;
      int k = 1;
      while (k < word.length() && lower(s.charAt(i + k)) == word.charAt(k)) k++;
      if (k == word.length()) return true;
    }
    return false;
  }

  private static char lower(char c) {
    if (c < 128) return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    return Character.toLowerCase(c);
  }

  private static boolean containsAny(String s, String[] words) {
    for (String w : words) if (s.contains(w)) return true;
    return false;
  }

  /** The read's result is split into lines/records in the same statement or the next rows. */
  private static boolean piecewise(FileView v, int row) {
    StringBuilder sb = new StringBuilder(statement(v, row));
    int hunk = v.rows.get(row).hunk();
    int seen = 0;
    for (int q = row + 1; q < v.rows.size() && seen < 6; q++) {
      Row r = v.rows.get(q);
      if (r.hunk() != hunk) break;
      if (!v.sameSide(row, r)) continue;
      sb.append(r.head()).append('\n');
      seen++;
    }
    return containsAny(sb.toString().toLowerCase(Locale.ROOT), PIECEWISE);
  }

  /** @return the string-literal contents of a row (everything the masker blanked inside quotes) */
  private static String literals(Row r) {
    String code = r.code();
    if (code.indexOf('"') < 0 && code.indexOf('\'') < 0 && code.indexOf('`') < 0) return "";
    String raw = r.head();
    char[] lit = new char[Math.min(raw.length(), code.length())];
    for (int i = 0; i < lit.length; i++) {
      char c = raw.charAt(i);
      lit[i] = c != code.charAt(i) ? c : ' ';
    }
    return new String(lit);
  }

  private static boolean bounded(String stmt) {
    for (String b : BOUNDS) if (stmt.contains(b)) return true;
    return false;
  }

  /** A size check or limit earlier in the enclosing function. */
  private static boolean guarded(FileView v, int row) {
    FileView.Function f = v.functionAt(row);
    int from = f == null ? Math.max(0, row - 30) : f.startRow();
    for (int i = from; i <= row; i++) {
      Row r = v.rows.get(i);
      if (!v.sameSide(row, r)) continue;
      String raw = r.head().toLowerCase(Locale.ROOT);
      for (String g : SIZE_GUARDS) if (raw.contains(g)) return true;
    }
    return false;
  }

  private static boolean configLike(FileView v, int row, String target) {
    FileView.Function f = v.functionAt(row);
    String fn = f == null ? "" : f.name().toLowerCase(Locale.ROOT);
    for (String w : CONFIG_WORDS) if (target.contains(w) || fn.contains(w)) return true;
    return false;
  }

  private static boolean wrappedInList(Toks t, int k) {
    for (int j = k - 1; j >= Math.max(1, k - 40); j--) if (t.is(j, "(") && t.is(j - 1, "list")) return true;
    return false;
  }

  private static boolean iteratedDirectly(Toks t, int k) {
    boolean in = false;
    for (int j = k - 1; j >= Math.max(0, k - 40); j--) {
      if (t.is(j, "in")) in = true;
      if (t.is(j, "for") && in) return true;
    }
    return false;
  }

  /**
   * True when the call's input is not a constant: its arguments (or, for a piped Elixir call,
   * the pipeline head) contain a variable, field, parameter or call result.
   */
  private static boolean variable(FileView v, int row, Call c) {
    Toks t = v.rows.get(row).toks();
    int from;
    int to;
    if (c.openParen() < 0 || c.noArgs(t)) {
      // piped (x |> File.read!()) or Ruby without parentheses: look before the call / after it
      if (c.openParen() < 0) {
        from = c.tokenIndex() + 1;
        to = t.size();
      } else {
        int pipe = -1;
        for (int j = c.tokenIndex(); j >= Math.max(0, c.tokenIndex() - 40); j--) if (t.is(j, "|>")) {
          pipe = j;
          break;
        }
        if (pipe < 0) return false;
        if (pipe == 0) return true;
        from = 0;
        to = pipe;
      }
    } else {
      from = c.openParen() + 1;
      to = c.closeParen() < 0 ? t.size() : c.closeParen();
      if (c.closeParen() < 0) return true;
    }
    for (int j = from; j < Math.min(to, from + 200); j++) {
      Tok tok = t.get(j);
      if (!tok.ident()) continue;
      String s = tok.text();
      if (NOT_VARIABLES.contains(s)) continue;
      boolean member = j > 0 && (t.is(j - 1, ".") || t.is(j - 1, "::") || t.is(j - 1, "->"));
      boolean kwarg = j + 1 < t.size() && (t.is(j + 1, ":") || t.is(j + 1, "=")) && !s.startsWith("$");
      boolean module = j + 1 < t.size() && t.is(j + 1, ".")
          && Set.of("path", "os", "filepath", "fs", "process", "Path", "File", "Rails", "Dir").contains(s);
      boolean constant = Character.isUpperCase(s.charAt(0));
      boolean atom = j > 0 && t.is(j - 1, ":") && v.lang == SourceLanguage.ELIXIR;
      if (member || kwarg || module || constant || atom) continue;
      return true;
    }
    return false;
  }

  private static String argsText(FileView v, int row, Call c) {
    Row r = v.rows.get(row);
    Toks t = r.toks();
    String raw = r.head();
    if (c.openParen() < 0) return raw.substring(Math.min(raw.length(), t.col(c.tokenIndex())));
    int start = t.col(c.openParen());
    int end = c.closeParen() < 0 ? raw.length() : t.col(c.closeParen());
    return raw.substring(Math.min(start, raw.length()), Math.min(end, raw.length())) + " "
        + raw.substring(0, Math.min(start, raw.length()));
  }

  /** The statement around a row: continuation rows before (pipelines, open calls) and after. */
  static String statement(FileView v, int row) {
    StringBuilder sb = new StringBuilder();
    int hunk = v.rows.get(row).hunk();
    int start = row;
    for (int q = row; q > 0 && row - q < 12; q--) {
      Row cur = v.rows.get(q);
      int prevRow = prevRowOnSide(v, row, q);
      Row prev = prevRow < 0 ? null : v.rows.get(prevRow);
      if (prev == null || prev.hunk() != hunk) break;
      boolean continues = !cur.toks().isEmpty() && (cur.toks().is(0, "|>") || cur.toks().is(0, ".")
          || cur.toks().is(0, "->") || cur.toks().is(0, "?."));
      Toks pt = prev.toks();
      boolean prevOpen = !pt.isEmpty() && OPENERS.contains(pt.get(pt.size() - 1));
      if (!continues && !prevOpen) break;
      start = prevRow; // rows of one file are distinct (hunk, kind and line numbers): indexOf found this one
    }
    int depth = 0;
    for (int q = start; q < v.rows.size() && q - row < 15; q++) {
      Row r = v.rows.get(q);
      if (r.hunk() != hunk) break;
      if (!v.sameSide(row, r)) continue;
      if (q > row && depth <= 0) {
        boolean continues = !r.toks().isEmpty() && (r.toks().is(0, "|>") || r.toks().is(0, ".")
            || r.toks().is(0, "->") || r.toks().is(0, "?."));
        if (!continues) break;
      }
      sb.append(r.head()).append('\n');
      depth += r.toks().depthSum();
    }
    return sb.toString();
  }

  /** @return the index of the nearest row before {@code q} on the side of {@code row}, or -1 */
  private static int prevRowOnSide(FileView v, int row, int q) {
    for (int p = q - 1; p >= 0; p--) if (v.sameSide(row, v.rows.get(p))) return p;
    return -1;
  }

  private static Finding finding(PerfFingerprint fingerprints, FileView v, int row, Hit hit) {
    Row r = v.rows.get(row);
    FileView.Function f = v.newFunctionAt(row);
    String rule = switch (hit.kind()) {
      case FILE -> RULE_FILE;
      case BODY -> RULE_BODY;
      case TABLE -> RULE_TABLE;
    };
    Severity severity = hit.kind() == Kind.BODY ? Severity.HIGH : Severity.MEDIUM;
    String recommendation = switch (hit.kind()) {
      case FILE -> "Stream the file (Files.lines / BufferedReader, File.stream!, CSV.foreach, fgets, readline, bufio.Scanner, createReadStream) or check its size first.";
      case BODY -> "Bound the read (http.MaxBytesReader / io.LimitReader, a body-size limit, Content-Length check) or process the body as a stream.";
      case TABLE -> "Page or stream the rows (LIMIT/take, cursor or keyset pagination, find_each/in_batches, Repo.stream, iterator()) instead of loading the whole result.";
    };
    return new Finding(CATEGORY, severity, v.path, r.newLine(), Side.NEW, null, rule, "CWE-770",
        "Unbounded read into memory: " + hit.what() + ".", recommendation,
        hit.kind() == Kind.TABLE ? 0.7 : 0.8, fingerprints.of(rule, v.path, f == null ? "" : f.name(), r.raw()), null);
  }
}
