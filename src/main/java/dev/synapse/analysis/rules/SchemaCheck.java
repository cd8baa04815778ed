package dev.synapse.analysis.rules;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Validates a {@link YamlTree} against one of the bundled JSON Schemas (draft 7) and reports
 * every violation as {@code file:line: field: message}. Immutable and thread-safe (the compiled
 * schema is shared).
 */
public final class SchemaCheck {
  /** The rule-pack schema ({@code rules/pack.schema.json}). */
  public static final String PACK = "/rules/pack.schema.json";
  /** The catalog schema ({@code rules/catalog.schema.json}). */
  public static final String CATALOG = "/rules/catalog.schema.json";

  private final Schema schema;

  private static final class Shared {
    static final SchemaCheck PACK_CHECK = new SchemaCheck(PACK);
    static final SchemaCheck CATALOG_CHECK = new SchemaCheck(CATALOG);
  }

  /** @return the shared validator of {@link #PACK} (compiled once) */
  public static SchemaCheck pack() {
    return Shared.PACK_CHECK;
  }

  /** @return the shared validator of {@link #CATALOG} (compiled once) */
  public static SchemaCheck catalog() {
    return Shared.CATALOG_CHECK;
  }

  /** @param resource class-path resource of the schema, e.g. {@link #PACK} */
  public SchemaCheck(String resource) {
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("missing schema resource " + resource);
      this.schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @param tree a parsed document
   * @throws PackException listing every violation (sorted by line) when the document is invalid
   */
  public void validate(YamlTree tree) {
    List<Error> errors = schema.validate(tree.root());
    if (errors.isEmpty()) return;
    List<PackException.Problem> out = new ArrayList<>();
    for (Error e : errors) {
      String pointer = pointer(e.getInstanceLocation());
      String field = YamlTree.pointerToField(pointer);
      String msg = e.getMessage();
      // the library prefixes messages with the instance location ("/sinks/0: ..."): drop it
      int colon = msg.indexOf(": ");
      if (colon > 0 && (msg.startsWith("/") || msg.startsWith("$"))) msg = msg.substring(colon + 2);
      out.add(new PackException.Problem(tree.file(), tree.lineOf(pointer), field.isEmpty() ? "(document)" : field, msg));
    }
    out.sort(Comparator.comparingInt(PackException.Problem::line));
    throw new PackException(out);
  }

  private static String pointer(NodePath path) {
    StringBuilder b = new StringBuilder();
    if (path == null) return "";
    for (int i = 0; i < path.getNameCount(); i++) b.append('/').append(path.getElement(i));
    return b.toString();
  }
}
