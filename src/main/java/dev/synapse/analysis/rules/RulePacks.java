package dev.synapse.analysis.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The loaded rule packs, in load order: the bundled packs (listed in {@code rules/bundled.txt})
 * and then user packs from directories. Loading is all or nothing: the first invalid file fails
 * the whole load with {@code file:line: field: message}. Immutable and thread-safe.
 */
public final class RulePacks {
  /** Class-path resource listing the bundled pack files, one per line, in load order. */
  public static final String BUNDLED_INDEX = "/rules/bundled.txt";
  /** Largest number of pack files read from one directory tree. */
  public static final int MAX_FILES = 500;

  private final RuleCatalog catalog;
  private final List<Pack> packs;
  private final Set<String> disabled;

  private RulePacks(RuleCatalog catalog, List<Pack> packs) {
    this.catalog = catalog;
    this.packs = List.copyOf(packs);
    Set<String> d = new LinkedHashSet<>();
    Map<String, Pack> ids = new HashMap<>();
    List<PackException.Problem> problems = new ArrayList<>();
    for (Pack p : packs) {
      Pack before = ids.putIfAbsent(p.id(), p);
      if (before != null) {
        problems.add(new PackException.Problem(p.file(), 1, "pack",
            "duplicate pack id '" + p.id() + "' (also in " + before.file() + ")"));
      }
      d.addAll(p.disable());
    }
    if (!problems.isEmpty()) throw new PackException(problems);
    this.disabled = Set.copyOf(d);
  }

  private static final class Bundled {
    static final RulePacks INSTANCE = new RulePacks(RuleCatalog.bundled(), readBundled(RuleCatalog.bundled()));
  }

  /** @return the packs shipped in the jar (read and validated once) */
  public static RulePacks bundled() {
    return Bundled.INSTANCE;
  }

  /**
   * @param dirs directories of user packs (every {@code *.yml}/{@code *.yaml} below them, sorted
   *     by path; directories named {@code tests} hold example cases and are skipped)
   * @return the bundled packs followed by the user packs
   * @throws PackException when a file is invalid or a directory cannot be read
   */
  public static RulePacks withUserPacks(List<Path> dirs) {
    if (dirs.isEmpty()) return bundled();
    List<Pack> all = new ArrayList<>(bundled().packs);
    PackParser parser = new PackParser(RuleCatalog.bundled());
    for (Path dir : dirs) {
      for (Path f : packFiles(dir)) all.add(parseFile(parser, f));
    }
    return new RulePacks(RuleCatalog.bundled(), all);
  }

  /**
   * @param pack a pack to check together with the bundled ones
   * @return the bundled packs with the one of the same id replaced by {@code pack} (appended when
   *     no bundled pack has its id): how a bundled pack under edit is validated
   */
  public static RulePacks withPack(Pack pack) {
    List<Pack> all = new ArrayList<>();
    boolean replaced = false;
    for (Pack p : bundled().packs) {
      if (p.id().equals(pack.id())) {
        all.add(pack);
        replaced = true;
      } else {
        all.add(p);
      }
    }
    if (!replaced) all.add(pack);
    return new RulePacks(RuleCatalog.bundled(), all);
  }

  /** @return true when a bundled pack has this id */
  public static boolean isBundledId(String id) {
    return bundled().packs.stream().anyMatch(p -> p.id().equals(id));
  }

  /**
   * @param dir a directory (or a single pack file)
   * @return the pack files below it, sorted
   * @throws PackException when it does not exist or cannot be read
   */
  public static List<Path> packFiles(Path dir) {
    if (Files.isRegularFile(dir)) return List.of(dir);
    if (!Files.isDirectory(dir)) throw new PackException(dir.toString(), 0, "", "no such rule-pack directory");
    try (Stream<Path> s = Files.walk(dir, 8)) {
      List<Path> files = s.filter(Files::isRegularFile)
          .filter(p -> !dir.relativize(p).toString().replace('\\', '/').matches("(.*/)?tests/.*"))
          .filter(p -> {
            String n = p.getFileName().toString();
            return n.endsWith(".yml") || n.endsWith(".yaml");
          }).sorted().toList();
      if (files.size() > MAX_FILES) {
        throw new PackException(dir.toString(), 0, "", "more than " + MAX_FILES + " pack files");
      }
      return files;
    } catch (IOException e) {
      throw new PackException(dir.toString(), 0, "", "cannot read: " + e.getMessage());
    }
  }

  /**
   * @param parser the parser
   * @param file a pack file
   * @return the pack
   * @throws PackException when the file is unreadable or invalid
   */
  public static Pack parseFile(PackParser parser, Path file) {
    try {
      if (Files.size(file) > YamlTree.MAX_CHARS) {
        throw new PackException(file.toString(), 1, "", "file larger than " + YamlTree.MAX_CHARS + " bytes");
      }
      return parser.parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new PackException(file.toString(), 0, "", "cannot read: " + e.getMessage());
    }
  }

  private static List<Pack> readBundled(RuleCatalog catalog) {
    PackParser parser = new PackParser(catalog, true);
    List<Pack> out = new ArrayList<>();
    for (String name : bundledFiles()) {
      String res = "/rules/" + name;
      try (InputStream in = RulePacks.class.getResourceAsStream(res)) {
        if (in == null) throw new IllegalStateException("missing bundled pack " + res);
        out.add(parser.parse("rules/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** @return the bundled pack files (relative to {@code rules/}) in load order */
  public static List<String> bundledFiles() {
    try (InputStream in = RulePacks.class.getResourceAsStream(BUNDLED_INDEX)) {
      if (in == null) throw new IllegalStateException("missing " + BUNDLED_INDEX);
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String l = line.strip();
        if (!l.isEmpty() && !l.startsWith("#")) out.add(l);
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** @return the catalog the packs were checked against */
  public RuleCatalog catalog() {
    return catalog;
  }

  /** @return every pack in load order */
  public List<Pack> packs() {
    return packs;
  }

  /** @return the rule ids and categories turned off by some pack */
  public Set<String> disabled() {
    return disabled;
  }

  /**
   * @param category a category id
   * @return true when a pack disabled this category or its rule id
   */
  public boolean isDisabled(String category) {
    if (disabled.isEmpty()) return false;
    if (disabled.contains(category)) return true;
    return catalog.category(category).map(c -> c.rules().stream().anyMatch(r -> disabled.contains(r.id())))
        .orElse(false);
  }
}
