package dev.synapse.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README and the pages under docs/ keep their relative links working: every Markdown link
 * that is not a URL points to an existing file (resolved from the linking file's folder), and a
 * {@code #fragment} into a Markdown file names one of its headings (GitHub's anchor rules).
 */
class DocsLinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern HEADING = Pattern.compile("^#{1,6} +(.+?) *#*$");

  static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
    try (Stream<Path> docs = Files.list(Path.of("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    }
    return pages;
  }

  /** @return the text without fenced code blocks (their brackets are not links) */
  static String prose(Path page) throws IOException {
    StringBuilder out = new StringBuilder();
    boolean fenced = false;
    for (String line : Files.readAllLines(page)) {
      if (line.startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (!fenced) out.append(line).append('\n');
    }
    return out.toString();
  }

  /** @return GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens */
  static String anchor(String heading) {
    String s = heading.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "");
    return s.replace(' ', '-');
  }

  static Set<String> anchors(Path page) throws IOException {
    Set<String> anchors = new HashSet<>();
    for (String line : prose(page).split("\n")) {
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        String base = anchor(h.group(1));
        String a = base;
        for (int i = 1; !anchors.add(a); i++) a = base + "-" + i;
      }
    }
    return anchors;
  }

  @Test
  @DisplayName("GitHub anchors are computed as GitHub does")
  void anchorRules() {
    assertEquals("websocket-ws", anchor("WebSocket `/ws`"));
    assertEquals("admin-console-synapse-remote", anchor("Admin console: `synapse remote`"));
    assertEquals("measured-against-the-targets-2-cores-load-generator-included",
        anchor("Measured against the targets (2 cores, load generator included)"));
  }

  @Test
  @DisplayName("every relative link in README.md and docs/*.md points to an existing file and heading")
  void relativeLinksResolve() throws IOException {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : pages()) {
      Matcher m = LINK.matcher(prose(page));
      while (m.find()) {
        String target = m.group(1);
        if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) continue; // https:, mailto:
        checked++;
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String fragment = hash < 0 ? null : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
          broken.add(page + ": " + target + " (no file " + resolved + ")");
        } else if (fragment != null && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
          broken.add(page + ": " + target + " (no heading #" + fragment + " in " + resolved.getFileName() + ")");
        }
      }
    }
    assertTrue(checked > 20, "too few links found: " + checked);
    assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
  }

  @Test
  @DisplayName("the README links every page under docs/")
  void readmeLinksEveryPage() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    for (Path page : pages()) {
      if (page.startsWith("docs")) {
        assertTrue(readme.contains("](docs/" + page.getFileName() + ")"), "README does not link " + page);
      }
    }
  }
}
