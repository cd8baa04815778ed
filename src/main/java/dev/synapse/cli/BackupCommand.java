package dev.synapse.cli;

import dev.synapse.config.ConfigException;
import dev.synapse.config.SynapseConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code synapse backup}: asks a running node to write a state snapshot now
 * ({@code POST /api/admin/backup}) and prints the snapshot's path on that node. The state lives
 * in the running process, so there is no offline variant: with the node stopped, its shutdown
 * snapshot is already the latest backup. Exit codes: 0 written, 3 the node is unreachable,
 * refused, or has snapshots off ({@code SYNAPSE_BACKUP_DIR} unset).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Ask a running node to write a state snapshot to its SYNAPSE_BACKUP_DIR now.")
public final class BackupCommand implements Callable<Integer> {
  @Mixin NodeTarget target;
  @Mixin ConfigOptions configOptions;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    SynapseConfig config;
    try {
      config = configOptions.load();
    } catch (ConfigException e) {
      err.println("synapse backup: configuration error: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    AdminClient client = new AdminClient(target.url(config), target.token(config), Duration.ofMinutes(3));
    AdminClient.Response r = client.post("/api/admin/backup");
    if (r.ok()) {
      String file;
      try {
        file = new JsonObject(r.body()).getString("file");
      } catch (DecodeException e) {
        file = r.body();
      }
      out.println("snapshot written on " + client.base() + ": " + file);
      return 0;
    }
    err.println("synapse backup: " + (r.status() < 0 ? r.body() : client.base() + " answered " + r.status() + ": " + r.body()));
    return Main.EXIT_FAILURE;
  }
}
