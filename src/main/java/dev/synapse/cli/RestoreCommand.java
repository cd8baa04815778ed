package dev.synapse.cli;

import dev.synapse.config.ConfigException;
import dev.synapse.config.SynapseConfig;
import dev.synapse.ops.Snapshot;
import dev.synapse.ops.SnapshotException;
import dev.synapse.ops.SnapshotFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code synapse restore FILE}: validates a snapshot (format, version, checksum) and queues it as
 * {@code <backup_dir>/restore-pending.json}; the next start of a node with that backup folder
 * restores it in preference to its newest periodic snapshot. A running node is not changed:
 * restart it (rolling, one node at a time, in a cluster). Exit codes: 0 queued (or valid with
 * {@code --check}), 2 invalid snapshot or no backup folder, 3 the file could not be copied.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = "Validate a snapshot and queue it so that the next start restores it.")
public final class RestoreCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "FILE", description = "snapshot file (synapse-snapshot-*.json)")
  Path file;

  @Option(names = "--backup-dir", paramLabel = "DIR", description = "backup folder of the node (default: SYNAPSE_BACKUP_DIR)")
  Path backupDir;

  @Option(names = "--check", description = "only validate the file and print what it holds")
  boolean check;

  @Mixin ConfigOptions configOptions;

  PrintStream out = System.out;
  PrintStream err = System.err;

  @Override
  public Integer call() {
    Snapshot snapshot;
    try {
      snapshot = SnapshotFiles.read(file);
    } catch (SnapshotException e) {
      err.println("synapse restore: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    out.println("valid snapshot: taken " + snapshot.createdAt() + " by node " + snapshot.nodeId()
        + " (synapse " + snapshot.appVersion() + "), sections " + snapshot.sections().fieldNames());
    if (check) return 0;
    Path dir = backupDir;
    if (dir == null) {
      try {
        SynapseConfig config = configOptions.load();
        dir = config.backupDir();
      } catch (ConfigException e) {
        err.println("synapse restore: configuration error: " + e.getMessage());
        return Main.EXIT_USAGE;
      }
    }
    if (dir == null) {
      err.println("synapse restore: no backup folder: set SYNAPSE_BACKUP_DIR or pass --backup-dir");
      return Main.EXIT_USAGE;
    }
    try {
      Path pending = new SnapshotFiles(dir, Clock.systemUTC()).placePending(file);
      out.println("queued as " + pending + "; restart the node to restore it");
      return 0;
    } catch (SnapshotException e) {
      err.println("synapse restore: " + e.getMessage());
      return Main.EXIT_USAGE;
    } catch (IOException e) {
      err.println("synapse restore: cannot write to " + dir + ": " + e.getMessage());
      return Main.EXIT_FAILURE;
    }
  }
}
