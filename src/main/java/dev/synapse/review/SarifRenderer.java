package dev.synapse.review;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Invocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.Notification;
import com.contrastsecurity.sarif.PartialFingerprints;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.PropertyBag;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.synapse.signal.Finding;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Severity;
import dev.synapse.signal.Side;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link ReviewSummary} as a SARIF 2.1.0 log (OASIS SARIF 2.1.0; the subset GitHub code
 * scanning reads) with the java-sarif object model. One run; {@code tool.driver.rules} holds one
 * rule per distinct {@code rule_id} (id, name, short and full description, help text, helpUri
 * to the CWE entry, tags {@code security}/{@code performance} and {@code external/cwe/cwe-N},
 * {@code security-severity} for security rules); every result has a {@code level}, a
 * repo-relative {@code artifactLocation.uri} under {@code %SRCROOT%}, {@code region.startLine}
 * ≥ 1 and a {@code partialFingerprints} entry {@value #FINGERPRINT_KEY} holding the finding's
 * fingerprint, which does not change when lines shift. Stateless and thread-safe.
 */
public final class SarifRenderer {
  /** Key of our entry in {@code partialFingerprints}. */
  public static final String FINGERPRINT_KEY = "synapse/v1";
  /** Tool name in {@code tool.driver.name}. */
  public static final String TOOL_NAME = "Synapse";
  /** Tool version in {@code tool.driver.semanticVersion}. */
  public static final String TOOL_VERSION = "0.1.0";
  /** Media type of a SARIF log. */
  public static final String MEDIA_TYPE = "application/sarif+json";
  private static final URI SCHEMA = URI.create("https://json.schemastore.org/sarif-2.1.0.json");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
      .addMixIn(Result.class, WriteDefaults.class)
      .addMixIn(ReportingConfiguration.class, WriteDefaults.class);

  /**
   * java-sarif omits properties equal to their schema default ({@code NON_DEFAULT}); GitHub code
   * scanning wants {@code level} written on every result, so these types write them.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  private interface WriteDefaults {}

  private SarifRenderer() {}

  /**
   * @param summary a finished review's summary
   * @return the SARIF log as compact JSON text (UTF-8 when encoded)
   * @throws IllegalStateException if serialisation fails (a defect, not bad input)
   */
  public static String render(ReviewSummary summary) {
    try {
      return MAPPER.writeValueAsString(log(summary));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("SARIF serialisation failed", e);
    }
  }

  /** @return the SARIF object model of the summary */
  public static SarifSchema210 log(ReviewSummary summary) {
    Map<String, ReportingDescriptor> rules = new LinkedHashMap<>();
    Map<String, Severity> ruleSeverity = new LinkedHashMap<>();
    for (Finding f : summary.findings()) ruleSeverity.merge(ruleId(f), f.severity(), Severity::max);
    List<Result> results = new ArrayList<>();
    for (Finding f : summary.findings()) {
      String id = ruleId(f);
      rules.computeIfAbsent(id, k -> rule(f, k, ruleSeverity.get(k)));
      results.add(result(f, id, new ArrayList<>(rules.keySet()).indexOf(id)));
    }
    Invocation invocation = new Invocation()
        .withExecutionSuccessful(!ReviewSummary.FAILED.equals(summary.status()));
    List<Notification> notes = new ArrayList<>();
    for (String e : summary.escalations()) {
      notes.add(new Notification().withLevel(Notification.Level.WARNING).withMessage(new Message().withText(e)));
    }
    if (!notes.isEmpty()) invocation.setToolExecutionNotifications(notes);
    Run run = new Run()
        .withTool(new Tool().withDriver(new ToolComponent().withName(TOOL_NAME)
            .withSemanticVersion(TOOL_VERSION).withRules(new LinkedHashSet<>(rules.values()))))
        .withInvocations(List.of(invocation))
        .withResults(results)
        .withProperties(new PropertyBag()
            .withAdditionalProperty("review_id", summary.reviewId())
            .withAdditionalProperty("decision_path", summary.decisionPath())
            .withAdditionalProperty("severity", summary.severity().wire()));
    return new SarifSchema210().with$schema(SCHEMA).withVersion(SarifSchema210.Version._2_1_0)
        .withRuns(List.of(run));
  }

  private static String ruleId(Finding f) {
    if (f.ruleId() != null && !f.ruleId().isBlank()) return f.ruleId();
    return "SYN-" + (f.type() == null ? "UNKNOWN" : f.type().toUpperCase(Locale.ROOT));
  }

  private static ReportingDescriptor rule(Finding f, String id, Severity severity) {
    CategoryInfo info = CategoryInfo.of(f.type());
    String cwe = f.cwe() != null ? f.cwe() : info.defaultCwe();
    Set<String> tags = new LinkedHashSet<>();
    tags.add(info.security() ? "security" : "performance");
    if (cwe != null) tags.add("external/cwe/" + cwe.toLowerCase(Locale.ROOT));
    PropertyBag props = new PropertyBag().withTags(tags)
        .withAdditionalProperty("category", info.id())
        .withAdditionalProperty("precision", "medium");
    if (info.security()) props.setAdditionalProperty("security-severity", securitySeverity(severity));
    String help = info.description()
        + (f.recommendation() == null ? "" : "\n\nRecommendation: " + f.recommendation())
        + (cwe == null ? "" : "\n\nReference: " + cwe);
    ReportingDescriptor rule = new ReportingDescriptor().withId(id).withName(pascal(info.id()))
        .withShortDescription(new MultiformatMessageString().withText(info.title()))
        .withFullDescription(new MultiformatMessageString().withText(info.description()))
        .withHelp(new MultiformatMessageString().withText(help))
        .withDefaultConfiguration(new ReportingConfiguration().withLevel(configLevel(severity)))
        .withProperties(props);
    URI helpUri = cweUri(cwe);
    if (helpUri != null) rule.setHelpUri(helpUri);
    return rule;
  }

  private static Result result(Finding f, String ruleId, int ruleIndex) {
    String text = f.summary() == null ? CategoryInfo.of(f.type()).title() : f.summary();
    if (f.side() == Side.OLD) text += " (on a removed line: line " + f.line() + " of the old file)";
    Region region = new Region().withStartLine(Math.max(1, f.line()));
    if (f.endLine() != null && f.endLine() >= region.getStartLine()) region.setEndLine(f.endLine());
    PhysicalLocation where = new PhysicalLocation()
        .withArtifactLocation(new ArtifactLocation().withUri(relativeUri(f.file())).withUriBaseId("%SRCROOT%"))
        .withRegion(region);
    PropertyBag props = new PropertyBag()
        .withAdditionalProperty("severity", f.severity().wire())
        .withAdditionalProperty("confidence", f.confidence())
        .withAdditionalProperty("side", f.side() == null ? "new" : f.side().wire());
    if (f.agent() != null) props.setAdditionalProperty("agent", f.agent());
    return new Result().withRuleId(ruleId).withRuleIndex(ruleIndex).withLevel(level(f.severity()))
        .withMessage(new Message().withText(text))
        .withLocations(List.of(new Location().withPhysicalLocation(where)))
        .withPartialFingerprints(new PartialFingerprints().withAdditionalProperty(FINGERPRINT_KEY, fingerprint(f)))
        .withProperties(props);
  }

  /** @return SARIF result level: high → error, medium → warning, low and none → note */
  static Result.Level level(Severity s) {
    return switch (s) {
      case HIGH -> Result.Level.ERROR;
      case MEDIUM -> Result.Level.WARNING;
      default -> Result.Level.NOTE;
    };
  }

  private static ReportingConfiguration.Level configLevel(Severity s) {
    return ReportingConfiguration.Level.fromValue(level(s).value());
  }

  /** GitHub's {@code security-severity}: a CVSS-like score as a string (high ≥ 7.0). */
  private static String securitySeverity(Severity s) {
    return switch (s) {
      case HIGH -> "8.0";
      case MEDIUM -> "5.5";
      case LOW -> "3.0";
      case NONE -> "0.0";
    };
  }

  private static URI cweUri(String cwe) {
    if (cwe == null || !cwe.startsWith("CWE-")) return null;
    String n = cwe.substring(4);
    if (n.isEmpty() || !n.chars().allMatch(Character::isDigit)) return null;
    return URI.create("https://cwe.mitre.org/data/definitions/" + n + ".html");
  }

  private static String pascal(String id) {
    StringBuilder b = new StringBuilder();
    for (String part : id.split("_")) {
      if (!part.isEmpty()) b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return b.toString();
  }

  /**
   * @param file a path from the diff
   * @return a repo-relative URI reference: no leading {@code /} or {@code ./}, each segment
   *     percent-encoded (RFC 3986 unreserved characters kept)
   */
  static String relativeUri(String file) {
    String p = file == null ? "" : file.replace('\\', '/');
    while (p.startsWith("/") || p.startsWith("./")) p = p.startsWith("/") ? p.substring(1) : p.substring(2);
    if (p.isEmpty()) p = "unknown";
    StringBuilder b = new StringBuilder(p.length() + 8);
    for (byte c : p.getBytes(StandardCharsets.UTF_8)) {
      int u = c & 0xff;
      if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9')
          || u == '-' || u == '.' || u == '_' || u == '~' || u == '/') {
        b.append((char) u);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(u >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(u & 0xf, 16)));
      }
    }
    return b.toString();
  }

  private static String fingerprint(Finding f) {
    if (f.fingerprint() != null && !f.fingerprint().isBlank()) return f.fingerprint();
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(
          (f.file() + "\u0000" + f.ruleId() + "\u0000" + f.summary()).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
