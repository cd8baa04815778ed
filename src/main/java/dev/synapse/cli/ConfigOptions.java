package dev.synapse.cli;

import dev.synapse.config.ConfigLoader;
import dev.synapse.config.SynapseConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --conf FILE} option shared by commands that start a node. */
public final class ConfigOptions {
  /** Defaults file read when present, relative to the working directory or SYNAPSE_HOME. */
  public static final String DEFAULTS = "conf/synapse.json";

  @Option(names = "--conf", paramLabel = "FILE",
      description = "JSON configuration file; overrides conf/synapse.json and the environment")
  Path conf;

  /**
   * @return the layered configuration: conf/synapse.json, environment, --conf
   * @throws dev.synapse.config.ConfigException naming the bad key
   */
  public SynapseConfig load() {
    String home = System.getenv("SYNAPSE_HOME");
    Path defaults = home != null ? Path.of(home, DEFAULTS) : Path.of(DEFAULTS);
    return ConfigLoader.load(defaults, System.getenv(), conf);
  }
}
