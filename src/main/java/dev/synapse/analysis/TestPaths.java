package dev.synapse.analysis;

import java.util.Locale;
import java.util.Set;

/**
 * Tells test code from production code by its path, following each ecosystem's conventions:
 * test folders ({@code test/}, {@code tests/}, {@code spec/}, {@code __tests__/},
 * {@code src/test/}, {@code testdata/}, {@code MyApp.Tests/}…) and test file names
 * ({@code *_test.go}, {@code *Test.java}, {@code *Tests.cs}, {@code test_*.py},
 * {@code *.spec.ts}, {@code *_spec.rb}, {@code *_test.exs}…). Path only: the file's content is
 * not read. Stateless and thread-safe.
 */
public final class TestPaths {
  private TestPaths() {}

  /** Folder names (lower case) whose files are test code wherever the folder sits. */
  private static final Set<String> TEST_DIRS = Set.of("test", "tests", "spec", "specs",
      "__tests__", "__mocks__", "testdata", "test-data", "test_data", "testfixtures",
      "androidtest", "integrationtest", "integrationtests", "e2e", "cypress", "playwright");

  /** Suffixes (after the last dot-separated name) of .NET and other test projects' folders. */
  private static final String[] TEST_DIR_SUFFIXES = {".tests", ".test", ".unittests",
      ".integrationtests", ".functionaltests", ".specs", "-tests", "_tests"};

  /** Extensions of JavaScript/TypeScript sources, for {@code *.spec.*} and {@code *.test.*}. */
  private static final Set<String> JS_EXTENSIONS = Set.of("js", "jsx", "mjs", "cjs", "ts", "tsx",
      "mts", "cts", "vue", "svelte");

  /**
   * @param path a repository-relative path with {@code /} separators (may be null)
   * @return true when the path is test code by folder or file-name convention
   */
  public static boolean isTest(String path) {
    if (path == null || path.isEmpty()) return false;
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (testDir(parts[i])) return true;
    }
    return testFile(parts[parts.length - 1]);
  }

  private static boolean testDir(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (TEST_DIRS.contains(n)) return true;
    for (String s : TEST_DIR_SUFFIXES) if (n.endsWith(s) && n.length() > s.length()) return true;
    return false;
  }

  private static boolean testFile(String name) {
    int dot = name.lastIndexOf('.');
    if (dot <= 0) return false;
    String base = name.substring(0, dot);
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    String lowerBase = base.toLowerCase(Locale.ROOT);
    switch (ext) {
      case "go":
        return lowerBase.endsWith("_test");
      case "java", "kt", "kts", "groovy", "scala":
        return camelSuffix(base, "Test", "Tests", "IT", "TestCase", "Spec");
      case "cs", "vb", "fs":
        return camelSuffix(base, "Test", "Tests", "Spec", "Specs");
      case "php":
        return camelSuffix(base, "Test", "TestCase");
      case "py":
        return lowerBase.startsWith("test_") || lowerBase.endsWith("_test")
            || lowerBase.equals("conftest") || lowerBase.equals("tests");
      case "rb":
        return lowerBase.endsWith("_spec") || lowerBase.endsWith("_test") || lowerBase.startsWith("test_");
      case "exs":
        return lowerBase.endsWith("_test") || lowerBase.equals("test_helper");
      default:
        if (!JS_EXTENSIONS.contains(ext)) return false;
        int inner = lowerBase.lastIndexOf('.');
        if (inner < 0) return false;
        String marker = lowerBase.substring(inner + 1);
        return marker.equals("spec") || marker.equals("test") || marker.equals("e2e-spec")
            || marker.equals("cy");
    }
  }

  /** @return true when {@code base} ends with one of the suffixes as a capitalised word */
  private static boolean camelSuffix(String base, String... suffixes) {
    for (String s : suffixes) {
      if (base.equals(s)) return true;
      if (base.endsWith(s) && base.length() > s.length()) {
        char before = base.charAt(base.length() - s.length() - 1);
        // FooTest, Foo_Test, FooIT; not "Contest", not "ReportIT" read as "Repor"+"tIT"
        if (Character.isLowerCase(before) || Character.isDigit(before) || before == '_'
            || (Character.isUpperCase(before) && !s.equals("IT"))) {
          return true;
        }
      }
    }
    return false;
  }
}
