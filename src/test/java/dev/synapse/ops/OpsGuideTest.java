package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.config.ConfigKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The configuration table of docs/operations.md (moved there from README.md, "Operating Synapse",
 * when the README was split) stays consistent with {@link ConfigKey}.
 */
class OpsGuideTest {
  private static final Path GUIDE = Path.of("docs/operations.md");

  /** @return the table row prefix documenting the key: json name, env, aliases, default */
  static String rowPrefix(ConfigKey k) {
    String aliases = k.aliases().isEmpty() ? "—"
        : k.aliases().stream().map(a -> "`" + a + "`").collect(Collectors.joining(", "));
    String def = k.defaultValue() == null ? "unset" : k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`";
    return "| `" + k.jsonName() + "` | `" + k.env() + "` | " + aliases + " | " + def + " | ";
  }

  @Test
  @DisplayName("every configuration key has a row with its environment name, aliases and default")
  void everyKeyDocumented() throws IOException {
    String guide = Files.readString(GUIDE);
    for (ConfigKey k : ConfigKey.values()) {
      assertTrue(guide.contains(rowPrefix(k)), "missing or stale row: " + rowPrefix(k));
    }
  }

  @Test
  @DisplayName("the table documents no key that the application does not know")
  void noExtraRows() throws IOException {
    long rows = Files.readAllLines(GUIDE).stream().filter(l -> l.matches("\\| `[a-z_]+` \\| `[A-Z_]+` \\|.*")).count();
    assertEquals(ConfigKey.values().length, rows);
  }
}
