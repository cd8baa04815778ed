package dev.synapse.cli;

import dev.synapse.config.SynapseConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option: extra rule-pack directories for commands that analyse. */
public final class RulesOptions {
  /** A repository's own packs, picked up by {@code synapse review} when present. */
  public static final Path REPOSITORY_RULES = Path.of(".synapse", "rules");

  @Option(names = "--rules", paramLabel = "DIR",
      description = "extra rule-pack directory (repeatable), loaded after the bundled packs and rule_packs")
  List<Path> dirs = new ArrayList<>();

  /** @return the directories given with --rules, in order */
  public List<Path> dirs() {
    return List.copyOf(dirs);
  }

  /**
   * @param config the loaded configuration
   * @param repositoryRules true to add the repository's {@code .synapse/rules} when it exists
   *     ({@link #repositoryRules})
   * @return the configuration with {@code rule_packs}, then {@code .synapse/rules}, then --rules
   */
  public SynapseConfig apply(SynapseConfig config, boolean repositoryRules) {
    List<Path> all = new ArrayList<>(config.rulePacks());
    Path repo = repositoryRules ? repositoryRules(Path.of("").toAbsolutePath()) : null;
    if (repo != null) all.add(repo);
    all.addAll(dirs);
    return all.equals(config.rulePacks()) ? config : config.withRulePacks(all);
  }

  /**
   * @param start the working directory (absolute)
   * @return {@code .synapse/rules} of {@code start} or of the nearest parent directory that has
   *     one, looking no further up than the repository root (the first directory holding
   *     {@code .git}); null when there is none
   */
  public static Path repositoryRules(Path start) {
    for (Path d = start; d != null; d = d.getParent()) {
      Path rules = d.resolve(REPOSITORY_RULES);
      if (Files.isDirectory(rules)) return rules;
      if (Files.exists(d.resolve(".git"))) return null;
    }
    return null;
  }
}
