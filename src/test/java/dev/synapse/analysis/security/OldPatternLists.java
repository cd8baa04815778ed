package dev.synapse.analysis.security;

import dev.synapse.analysis.rules.PackParser;
import dev.synapse.analysis.rules.RuleCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** TEMPORARY (differential test): the pattern lists as they were before the move, from a snapshot. */
final class OldPatternLists {
  private OldPatternLists() {}

  private static final Map<String, List<String>> LISTS = load();

  private static Map<String, List<String>> load() {
    try {
      String text = Files.readString(Path.of("src/test/resources/old-patterns.yml"), StandardCharsets.UTF_8);
      return new PackParser(RuleCatalog.bundled(), true).parse("old-patterns.yml", text).patternLists();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> list(String name) {
    List<String> l = LISTS.get(name);
    if (l == null) throw new IllegalStateException("no old list " + name);
    return l;
  }

  static String[] array(String name) {
    return list(name).toArray(new String[0]);
  }

  static Set<String> set(String name) {
    return Set.copyOf(list(name));
  }
}
