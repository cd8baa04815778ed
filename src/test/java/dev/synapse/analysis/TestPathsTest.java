package dev.synapse.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestPathsTest {

  @Test
  @DisplayName("a file under test/ is test code")
  void testDir() {
    assertTrue(TestPaths.isTest("test/models/user_test.rb"));
    assertTrue(TestPaths.isTest("packages/core/test/util.js"));
  }

  @Test
  @DisplayName("a file under tests/ is test code")
  void testsDir() {
    assertTrue(TestPaths.isTest("tests/conftest_helpers.py"));
    assertTrue(TestPaths.isTest("app/tests/views.py"));
  }

  @Test
  @DisplayName("a file under spec/ is test code")
  void specDir() {
    assertTrue(TestPaths.isTest("spec/support/helpers.rb"));
  }

  @Test
  @DisplayName("a file under __tests__/ is test code")
  void jestDir() {
    assertTrue(TestPaths.isTest("src/components/__tests__/Button.jsx"));
  }

  @Test
  @DisplayName("a file under src/test/ is test code")
  void mavenTestDir() {
    assertTrue(TestPaths.isTest("src/test/java/com/acme/Fixtures.java"));
    assertTrue(TestPaths.isTest("src/test/kotlin/com/acme/pay/StripeClientTest.kt"));
  }

  @Test
  @DisplayName("a file under a .NET test project folder (MyApp.Tests/) is test code")
  void dotnetTestProject() {
    assertTrue(TestPaths.isTest("src/MyApp.Tests/Controllers/HomeControllerFacts.cs"));
    assertTrue(TestPaths.isTest("MyApp.IntegrationTests/ApiFixture.cs"));
  }

  @Test
  @DisplayName("a Go file named *_test.go is test code")
  void goTest() {
    assertTrue(TestPaths.isTest("pkg/server/handler_test.go"));
  }

  @Test
  @DisplayName("a Java or Kotlin file named *Test, *Tests or *IT is test code")
  void javaTest() {
    assertTrue(TestPaths.isTest("core/src/com/acme/UserServiceTest.java"));
    assertTrue(TestPaths.isTest("core/src/com/acme/UserServiceTests.java"));
    assertTrue(TestPaths.isTest("core/src/com/acme/UserRepositoryIT.java"));
    assertTrue(TestPaths.isTest("app/src/com/acme/ClientTest.kt"));
  }

  @Test
  @DisplayName("a C# file named *Tests.cs or *Test.cs is test code")
  void csharpTest() {
    assertTrue(TestPaths.isTest("Api/Controllers/OrdersControllerTests.cs"));
    assertTrue(TestPaths.isTest("Api/OrdersTest.cs"));
  }

  @Test
  @DisplayName("a Python file named test_*.py, *_test.py or conftest.py is test code")
  void pythonTest() {
    assertTrue(TestPaths.isTest("app/test_views.py"));
    assertTrue(TestPaths.isTest("app/views_test.py"));
    assertTrue(TestPaths.isTest("conftest.py"));
  }

  @Test
  @DisplayName("a JavaScript or TypeScript file named *.spec.* or *.test.* is test code")
  void jsTest() {
    assertTrue(TestPaths.isTest("src/app/user.service.spec.ts"));
    assertTrue(TestPaths.isTest("src/app/user.test.ts"));
    assertTrue(TestPaths.isTest("lib/router.spec.js"));
    assertTrue(TestPaths.isTest("lib/router.test.js"));
    assertTrue(TestPaths.isTest("src/Button.test.tsx"));
  }

  @Test
  @DisplayName("a Ruby file named *_spec.rb or *_test.rb is test code")
  void rubyTest() {
    assertTrue(TestPaths.isTest("app/models/user_spec.rb"));
    assertTrue(TestPaths.isTest("lib/parser_test.rb"));
  }

  @Test
  @DisplayName("an Elixir file named *_test.exs is test code")
  void elixirTest() {
    assertTrue(TestPaths.isTest("apps/web/lib/page_controller_test.exs"));
  }

  @Test
  @DisplayName("a PHP file named *Test.php is test code")
  void phpTest() {
    assertTrue(TestPaths.isTest("app/Http/UserControllerTest.php"));
  }

  @ParameterizedTest
  @DisplayName("production files whose names merely contain 'test' are not test code")
  @ValueSource(strings = {"src/main/java/com/acme/Contest.java", "src/main/java/com/acme/Latest.java",
      "app/services/attestation.rb", "lib/testing_utils.go", "src/protest.ts", "app/latest.py",
      "src/main/java/com/acme/HIT.java", "web/contest.spec.json", "src/specification/Rules.java",
      "app/controllers/users_controller.rb", "cmd/server/main.go", "testimonials/page.tsx", "README.md"})
  void notTests(String path) {
    assertFalse(TestPaths.isTest(path), path);
  }

  @Test
  @DisplayName("a null or empty path is not test code")
  void empty() {
    assertFalse(TestPaths.isTest(null));
    assertFalse(TestPaths.isTest(""));
  }
}
