package dev.synapse.cli;

import dev.synapse.analysis.lang.Language;
import dev.synapse.analysis.rules.Pack;
import dev.synapse.analysis.rules.PackException;
import dev.synapse.analysis.rules.PackParser;
import dev.synapse.analysis.rules.RuleCatalog;
import dev.synapse.analysis.rules.RulePacks;
import dev.synapse.analysis.security.RuleCases;
import dev.synapse.analysis.security.SecurityKnowledge;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code synapse rules list | validate FILE… | test DIR}: the rule catalog and packs, pack
 * validation with {@code file:line: field: message}, and the annotated example cases. Exit codes:
 * 0 success, 1 invalid packs or failing cases, 2 usage (a missing file or directory).
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
    description = "Rule catalog and rule packs: list, validate pack files, run example cases.",
    subcommands = {RulesCommand.ListCommand.class, RulesCommand.ValidateCommand.class,
        RulesCommand.TestCommand.class})
public final class RulesCommand implements Runnable {
  /** Exit code: a pack is invalid or a case failed. */
  public static final int EXIT_FAILED = 1;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(out);
  }

  /** {@code rules list}: every rule of the catalog, then the loaded packs. */
  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List the catalog's rules and the loaded packs (bundled plus --rules).")
  static final class ListCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand RulesCommand parent;
    @Mixin RulesOptions rulesOptions;

    @Override
    public Integer call() {
      RulePacks packs;
      try {
        packs = RulePacks.withUserPacks(rulesOptions.dirs());
      } catch (PackException e) {
        parent.err.println(e.getMessage());
        return EXIT_FAILED;
      }
      PrintStream out = parent.out;
      out.printf("%-22s %-26s %-11s %-8s %s%n", "RULE", "CATEGORY", "CWE", "SEVERITY", "TITLE");
      for (RuleCatalog.Category c : packs.catalog().categories()) {
        for (RuleCatalog.RuleEntry r : c.rules()) {
          boolean off = packs.disabled().contains(r.id()) || packs.disabled().contains(c.category());
          out.printf("%-22s %-26s %-11s %-8s %s%s%n", r.id(), c.category(), r.cwe() == null ? "-" : r.cwe(),
              r.severity(), r.title(), off ? "  [disabled]" : "");
        }
      }
      out.println();
      out.printf("%-22s %6s %6s %6s  %s%n", "PACK", "SOURCE", "SINK", "SANIT.", "FILE");
      for (Pack p : packs.packs()) {
        out.printf("%-22s %6d %6d %6d  %s%n", p.id(), p.sources().size(), p.sinks().size(),
            p.sanitisers().size(), p.file());
      }
      return 0;
    }
  }

  /** {@code rules validate FILE…}: parse and validate pack files. */
  @Command(name = "validate", mixinStandardHelpOptions = true,
      description = "Validate rule-pack files; prints file:line: field: message for each problem.")
  static final class ValidateCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand RulesCommand parent;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pack files (.yml) or directories")
    List<Path> files;

    @Override
    public Integer call() {
      PackParser parser = new PackParser(RuleCatalog.bundled());
      PackParser bundledParser = new PackParser(RuleCatalog.bundled(), true);
      int bad = 0;
      for (Path f : files) {
        List<Path> list;
        try {
          list = RulePacks.packFiles(f);
        } catch (PackException e) {
          parent.err.println(e.getMessage());
          return dev.synapse.cli.Main.EXIT_USAGE;
        }
        for (Path file : list) {
          try {
            // a bundled pack under edit (same id) is checked in its place, with the bundled rules
            Pack probe = RulePacks.parseFile(bundledParser, file);
            Pack p = RulePacks.isBundledId(probe.id()) ? probe : RulePacks.parseFile(parser, file);
            new SecurityKnowledge(RulePacks.withPack(p));
            parent.out.println("ok: " + file + " (pack " + p.id() + ": " + p.sinks().size() + " sinks, "
                + p.sanitisers().size() + " sanitisers, " + p.sources().size() + " sources"
                + (p.patternLists().isEmpty() ? "" : ", " + p.patternLists().size() + " pattern lists") + ")");
          } catch (PackException e) {
            bad++;
            parent.out.println(e.getMessage());
          }
        }
      }
      return bad == 0 ? 0 : EXIT_FAILED;
    }
  }

  /** {@code rules test DIR}: run every annotated case file below DIR. */
  @Command(name = "test", mixinStandardHelpOptions = true,
      description = "Run the annotated example cases (ruleid: / ok: comments) below DIR against the "
          + "bundled packs, the packs in DIR and --rules.")
  static final class TestCommand implements Callable<Integer> {
    @picocli.CommandLine.ParentCommand RulesCommand parent;
    @Mixin RulesOptions rulesOptions;

    @Parameters(index = "0", paramLabel = "DIR", description = "directory with case files (and packs)")
    Path dir;

    @Override
    public Integer call() {
      if (!Files.isDirectory(dir)) {
        parent.err.println(dir + ": no such directory");
        return dev.synapse.cli.Main.EXIT_USAGE;
      }
      SecurityKnowledge knowledge;
      List<Path> cases;
      try {
        knowledge = new SecurityKnowledge(packs(dir, rulesOptions.dirs()));
        cases = caseFiles(dir, knowledge);
      } catch (PackException e) {
        parent.err.println(e.getMessage());
        return EXIT_FAILED;
      } catch (IOException e) {
        parent.err.println(dir + ": cannot read: " + e.getMessage());
        return dev.synapse.cli.Main.EXIT_USAGE;
      }
      RuleCases runner = new RuleCases(knowledge);
      int failed = 0;
      for (Path c : cases) {
        RuleCases.Result r;
        try {
          r = runner.run(dir.relativize(c).toString(), Files.readString(c, StandardCharsets.UTF_8));
        } catch (IOException e) {
          r = new RuleCases.Result(c.toString(), 0, 0, List.of(c + ": cannot read: " + e.getMessage()));
        }
        if (r.passed()) {
          parent.out.println("PASS " + c + " (" + r.expected() + " expected, " + r.okMarks() + " ok)");
        } else {
          failed++;
          parent.out.println("FAIL " + c);
          for (String p : r.problems()) parent.out.println("  " + p);
        }
      }
      parent.out.println(cases.size() + " case files, " + failed + " failed");
      return failed == 0 && !cases.isEmpty() ? 0 : EXIT_FAILED;
    }
  }

  /**
   * @param dir a case directory; pack files below it (outside {@code tests/}) are loaded unless a
   *     bundled pack has the same id (the bundled copy is used)
   * @param extra --rules directories
   * @return bundled packs plus the packs of DIR and --rules
   */
  static RulePacks packs(Path dir, List<Path> extra) {
    Set<String> bundledIds = new HashSet<>();
    for (Pack p : RulePacks.bundled().packs()) bundledIds.add(p.id());
    List<Path> user = new ArrayList<>();
    // probe ids with the bundled rules (a bundled pack's copy in DIR may set pattern_lists);
    // user files are parsed again, as user packs, by withUserPacks
    PackParser parser = new PackParser(RuleCatalog.bundled(), true);
    for (Path f : RulePacks.packFiles(dir)) {
      String name = f.getFileName().toString();
      if (name.equals("catalog.yml")) continue;
      Pack p = RulePacks.parseFile(parser, f);
      if (!bundledIds.contains(p.id())) user.add(f);
    }
    user.addAll(extra);
    return RulePacks.withUserPacks(user);
  }

  /**
   * @return files below DIR in a {@code tests} directory whose extension names a language or
   *     that a template rule of the knowledge applies to ({@code .html}, {@code .vue}...)
   */
  static List<Path> caseFiles(Path dir, SecurityKnowledge knowledge) throws IOException {
    try (Stream<Path> s = Files.walk(dir, 8)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> dir.relativize(p).toString().replace('\\', '/').matches("(.*/)?tests/.*"))
          .filter(p -> RuleCases.caseFile(p.getFileName().toString(), knowledge))
          .sorted().limit(RulePacks.MAX_FILES).toList();
    }
  }
}
