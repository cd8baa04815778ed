package dev.synapse.github;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.synapse.signal.Severity;
import io.vertx.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads {@code .synapse.yml}: SnakeYAML with safe types only (no tags, no duplicate keys, at
 * most {@value #MAX_BYTES} bytes, few aliases), then JSON Schema validation against
 * {@code /github/synapse-yml.schema.json} (networknt). Errors name the line of the offending
 * value: {@code .synapse.yml line 3: fail_on: does not have a value in the enumeration ...}.
 * Thread-safe (the schema is immutable once loaded).
 */
public final class RepoConfigParser {
  /** Largest accepted file, in bytes. */
  public static final int MAX_BYTES = 64 * 1024;
  /** The file's name in a repository. */
  public static final String FILE = ".synapse.yml";

  private final Schema schema;

  /** A {@code .synapse.yml} that cannot be used; the message names the line. */
  public static final class InvalidConfigException extends RuntimeException {
    private final int line;

    InvalidConfigException(int line, String message) {
      super(FILE + (line > 0 ? " line " + line : "") + ": " + message);
      this.line = line;
    }

    /** @return the 1-based line of the error, or 0 when unknown */
    public int line() {
      return line;
    }
  }

  /** Loads the bundled schema. */
  public RepoConfigParser() {
    try (InputStream in = RepoConfigParser.class.getResourceAsStream("/github/synapse-yml.schema.json")) {
      if (in == null) throw new IllegalStateException("github/synapse-yml.schema.json is missing from the classpath");
      schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the .synapse.yml schema", e);
    }
  }

  /**
   * @param text the file's content
   * @return the settings
   * @throws InvalidConfigException naming the line of the first problem
   */
  public RepoConfig parse(String text) {
    if (text.length() > MAX_BYTES) throw new InvalidConfigException(0, "larger than " + MAX_BYTES + " bytes");
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(10);
    options.setCodePointLimit(MAX_BYTES);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    Node root;
    Object data;
    try {
      root = yaml.compose(new StringReader(text));
      data = yaml.load(text);
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      throw new InvalidConfigException(m == null ? 0 : m.getLine() + 1, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new InvalidConfigException(0, "not valid YAML: " + e.getMessage());
    }
    if (data == null) return RepoConfig.DEFAULT;
    String json;
    try {
      json = Json.encode(data);
    } catch (RuntimeException e) {
      throw new InvalidConfigException(1, "holds values that are not plain YAML (strings, numbers, lists, maps)");
    }
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    if (!errors.isEmpty()) {
      Error first = errors.get(0);
      NodePath at = first.getInstanceLocation();
      if ("additionalProperties".equals(first.getKeyword()) && first.getProperty() != null) {
        at = at.append(first.getProperty()); // the unknown key's own line, not its parent's
      }
      throw new InvalidConfigException(line(root, at), describe(first));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) data;
    return new RepoConfig(
        map.get("fail_on") instanceof String s ? Severity.parse(s) : null,
        strings(map.get("ignore_paths")),
        new HashSet<>(strings(map.get("disable"))),
        map.get("min_confidence") instanceof Number n ? n.doubleValue() : 0.0,
        strings(map.get("deep_review_labels")),
        map.get("drafts") instanceof Boolean b ? b : null);
  }

  private static String describe(Error e) {
    String where = e.getInstanceLocation() == null ? "" : path(e.getInstanceLocation());
    String property = e.getProperty();
    if ("additionalProperties".equals(e.getKeyword()) && property != null) {
      return "unknown key '" + property + "' (known: fail_on, ignore_paths, disable, min_confidence, deep_review_labels, drafts)";
    }
    return (where.isEmpty() ? "" : where + ": ") + e.getMessage().replaceFirst("^\\$[^:]*: ", "");
  }

  private static String path(NodePath p) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < p.getNameCount(); i++) {
      Object el = p.getElement(i);
      if (el instanceof Integer idx) sb.append('[').append(idx).append(']');
      else sb.append(sb.length() == 0 ? "" : ".").append(el);
    }
    return sb.toString();
  }

  /** @return the 1-based line of the node at the path (the deepest one found) */
  static int line(Node root, NodePath p) {
    Node node = root;
    if (node == null) return 0;
    int count = p == null ? 0 : p.getNameCount();
    for (int i = 0; i < count; i++) {
      Object el = p.getElement(i);
      Node next = null;
      if (node instanceof MappingNode m && !(el instanceof Integer)) {
        for (NodeTuple t : m.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(String.valueOf(el))) {
            next = t.getValueNode();
            break;
          }
        }
      } else if (node instanceof SequenceNode s && el instanceof Integer idx && idx < s.getValue().size()) {
        next = s.getValue().get(idx);
      }
      if (next == null) break;
      node = next;
    }
    return node.getStartMark().getLine() + 1;
  }

  private static List<String> strings(Object v) {
    List<String> out = new ArrayList<>();
    if (v instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
    return out;
  }
}
