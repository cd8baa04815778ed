package dev.synapse.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SarifRenderer")
class SarifRendererTest {
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in = SarifRendererTest.class.getResourceAsStream("/sarif-schema-2.1.0.json")) {
      assertNotNull(in, "sarif-schema-2.1.0.json must be on the test classpath");
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    }
  }

  static Finding finding(String type, Severity sev, String file, int line, String cwe, String fp) {
    return new Finding(type, sev, file, line, Side.NEW, null, "SYN-" + type.toUpperCase(), cwe,
        "Something is wrong with " + type, "Do it differently", 0.8, fp, "security_specialist");
  }

  static ReviewSummary summary(List<Finding> findings) {
    Severity max = findings.stream().map(Finding::severity).reduce(Severity.NONE, Severity::max);
    return new ReviewSummary("r-1", ReviewSummary.COMPLETE, max, findings, List.of("Do it differently"),
        List.of(), "deep_review", "labels", List.of("security_specialist"), List.of(), 12, 0);
  }

  static ReviewSummary sample() {
    return summary(List.of(
        finding("sql_injection", Severity.HIGH, "src/main/java/App.java", 42, "CWE-89", "fp-sqli"),
        finding("sql_injection", Severity.HIGH, "src/main/java/Other.java", 7, "CWE-89", "fp-sqli-2"),
        new Finding("n_plus_one", Severity.MEDIUM, "/lib/my file.rb", 0, Side.OLD, 3, "SYN-PERF-N1", null,
            "Query in a loop", null, 0.6, "fp-n1", "performance_specialist")));
  }

  @Test
  @DisplayName("a review with findings renders a log that validates against the SARIF 2.1.0 schema")
  void validatesAgainstSchema() {
    List<Error> errors = schema.validate(SarifRenderer.render(sample()), InputFormat.JSON);
    assertTrue(errors.isEmpty(), () -> "schema errors: " + errors);
  }

  @Test
  @DisplayName("a review without findings renders a valid log with an empty result list")
  void emptyReviewIsValid() {
    String sarif = SarifRenderer.render(summary(List.of()));
    assertTrue(schema.validate(sarif, InputFormat.JSON).isEmpty());
    assertEquals("2.1.0", new JsonObject(sarif).getString("version"));
  }

  @Test
  @DisplayName("each distinct rule id appears once in tool.driver.rules with descriptions, help and CWE tags")
  void rulesAreDescribed() {
    JsonObject driver = run(sample()).getJsonObject("tool").getJsonObject("driver");
    JsonArray rules = driver.getJsonArray("rules");
    assertEquals(2, rules.size());
    JsonObject sqli = rules.getJsonObject(0);
    assertEquals("SYN-SQL_INJECTION", sqli.getString("id"));
    assertEquals("SqlInjection", sqli.getString("name"));
    assertEquals("SQL injection", sqli.getJsonObject("shortDescription").getString("text"));
    assertFalse(sqli.getJsonObject("fullDescription").getString("text").isBlank());
    assertTrue(sqli.getJsonObject("help").getString("text").contains("Do it differently"));
    assertEquals("https://cwe.mitre.org/data/definitions/89.html", sqli.getString("helpUri"));
    JsonObject props = sqli.getJsonObject("properties");
    assertTrue(props.getJsonArray("tags").contains("external/cwe/cwe-89"));
    assertEquals("8.0", props.getString("security-severity"));
  }

  @Test
  @DisplayName("performance rules carry no security-severity")
  void performanceRuleHasNoSecuritySeverity() {
    JsonObject perf = run(sample()).getJsonObject("tool").getJsonObject("driver").getJsonArray("rules").getJsonObject(1);
    assertFalse(perf.getJsonObject("properties").containsKey("security-severity"));
    assertTrue(perf.getJsonObject("properties").getJsonArray("tags").contains("performance"));
  }

  @Test
  @DisplayName("every result has a level mapped from its severity")
  void levels() {
    JsonArray results = run(sample()).getJsonArray("results");
    assertEquals("error", results.getJsonObject(0).getString("level"));
    assertEquals("warning", results.getJsonObject(2).getString("level"));
  }

  @Test
  @DisplayName("locations are repo-relative, percent-encoded URIs with startLine at least 1")
  void locations() {
    JsonObject loc = run(sample()).getJsonArray("results").getJsonObject(2).getJsonArray("locations")
        .getJsonObject(0).getJsonObject("physicalLocation");
    assertEquals("lib/my%20file.rb", loc.getJsonObject("artifactLocation").getString("uri"));
    assertEquals("%SRCROOT%", loc.getJsonObject("artifactLocation").getString("uriBaseId"));
    assertEquals(1, loc.getJsonObject("region").getInteger("startLine"));
  }

  @Test
  @DisplayName("partial fingerprints carry the finding fingerprint, so they do not change when lines shift")
  void fingerprintsIgnoreLineShifts() {
    ReviewSummary before = summary(List.of(finding("xss", Severity.HIGH, "a.js", 10, "CWE-79", "fp-x")));
    ReviewSummary after = summary(List.of(finding("xss", Severity.HIGH, "a.js", 25, "CWE-79", "fp-x")));
    JsonObject fpBefore = run(before).getJsonArray("results").getJsonObject(0).getJsonObject("partialFingerprints");
    JsonObject fpAfter = run(after).getJsonArray("results").getJsonObject(0).getJsonObject("partialFingerprints");
    assertEquals("fp-x", fpBefore.getString(SarifRenderer.FINGERPRINT_KEY));
    assertEquals(fpBefore, fpAfter);
  }

  @Test
  @DisplayName("ruleIndex points at the result's rule in tool.driver.rules")
  void ruleIndex() {
    JsonObject run = run(sample());
    JsonArray rules = run.getJsonObject("tool").getJsonObject("driver").getJsonArray("rules");
    for (Object o : run.getJsonArray("results")) {
      JsonObject r = (JsonObject) o;
      assertEquals(r.getString("ruleId"), rules.getJsonObject(r.getInteger("ruleIndex")).getString("id"));
    }
  }

  private static JsonObject run(ReviewSummary s) {
    return new JsonObject(SarifRenderer.render(s)).getJsonArray("runs").getJsonObject(0);
  }
}
