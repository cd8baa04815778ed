package dev.synapse.analysis.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document read with SnakeYAML's node API into a Jackson tree, keeping the 1-based line of
 * every value by JSON pointer ({@code /sinks/3/arg}) so schema and semantic errors can name the
 * line. Aliases, custom tags and documents over 2 MiB are refused. Immutable once built.
 *
 * @param file the name used in messages
 * @param root the document (an object node for a valid pack)
 * @param lines JSON pointer to 1-based line
 */
public record YamlTree(String file, JsonNode root, Map<String, Integer> lines) {
  /** Largest accepted document, in characters. */
  public static final int MAX_CHARS = 2 * 1024 * 1024;

  /**
   * @param file the name used in messages
   * @param text the YAML text
   * @return the tree
   * @throws PackException on a syntax error (with its line), an alias or an over-long document
   */
  public static YamlTree parse(String file, String text) {
    if (text.length() > MAX_CHARS) {
      throw new PackException(file, 1, "", "document longer than " + MAX_CHARS + " characters");
    }
    LoaderOptions opts = new LoaderOptions();
    opts.setAllowDuplicateKeys(false);
    opts.setMaxAliasesForCollections(0);
    opts.setCodePointLimit(MAX_CHARS * 2);
    Node node;
    try {
      node = new Yaml(opts).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
      throw new PackException(file, line, "", "YAML syntax: " + e.getProblem());
    } catch (YAMLException e) {
      throw new PackException(file, 1, "", "YAML: " + e.getMessage());
    }
    Map<String, Integer> lines = new HashMap<>();
    if (node == null) return new YamlTree(file, JsonNodeFactory.instance.objectNode(), Map.of("", 1));
    JsonNode root = convert(file, node, "", lines);
    return new YamlTree(file, root, Map.copyOf(lines));
  }

  private static JsonNode convert(String file, Node node, String pointer, Map<String, Integer> lines) {
    int line = node.getStartMark().getLine() + 1;
    lines.putIfAbsent(pointer, line);
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node instanceof MappingNode m) {
      ObjectNode o = f.objectNode();
      for (NodeTuple t : m.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode k)) {
          throw new PackException(file, t.getKeyNode().getStartMark().getLine() + 1, pointer, "keys must be plain text");
        }
        String key = k.getValue();
        String p = pointer + "/" + key.replace("~", "~0").replace("/", "~1");
        lines.put(p, k.getStartMark().getLine() + 1);
        o.set(key, convert(file, t.getValueNode(), p, lines));
      }
      return o;
    }
    if (node instanceof SequenceNode s) {
      ArrayNode a = f.arrayNode();
      int i = 0;
      for (Node item : s.getValue()) a.add(convert(file, item, pointer + "/" + i++, lines));
      return a;
    }
    ScalarNode sc = (ScalarNode) node;
    String v = sc.getValue();
    Tag tag = sc.getTag();
    try {
      if (Tag.INT.equals(tag)) return f.numberNode(Long.parseLong(v.replace("_", "")));
      if (Tag.FLOAT.equals(tag)) return f.numberNode(Double.parseDouble(v.replace("_", "")));
    } catch (NumberFormatException e) {
      return f.textNode(v);
    }
    if (Tag.BOOL.equals(tag)) {
      // YAML 1.1 also reads yes/no/on/off as booleans: only true/false are (pack: off is a name)
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) return f.booleanNode(v.equalsIgnoreCase("true"));
      return f.textNode(v);
    }
    if (Tag.NULL.equals(tag)) return f.nullNode();
    if (!Tag.STR.equals(tag)) {
      throw new PackException(file, line, pointerToField(pointer), "unsupported YAML tag " + tag.getValue());
    }
    return f.textNode(v);
  }

  /**
   * @param pointer a JSON pointer, e.g. {@code /sinks/3/arg}
   * @return the 1-based line of that value, or of its nearest ancestor that has one
   */
  public int lineOf(String pointer) {
    String p = pointer;
    while (true) {
      Integer l = lines.get(p);
      if (l != null) return l;
      if (p.isEmpty()) return 1;
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** @return a pointer as a dotted field path: {@code /sinks/3/arg} is {@code sinks[3].arg} */
  public static String pointerToField(String pointer) {
    StringBuilder b = new StringBuilder();
    for (String part : pointer.split("/")) {
      if (part.isEmpty()) continue;
      if (part.chars().allMatch(Character::isDigit)) b.append('[').append(part).append(']');
      else {
        if (b.length() > 0) b.append('.');
        b.append(part.replace("~1", "/").replace("~0", "~"));
      }
    }
    return b.toString();
  }
}
