package dev.synapse.config;

import java.nio.file.Path;

/**
 * The durability and resource-bound settings of a node (docs/reliability.md), part of
 * {@link SynapseConfig}.
 *
 * @param journalDir raw {@code journal_dir}: a folder, {@value #JOURNAL_OFF}, or null (unset:
 *     see {@link #journalPath(Path, Path)})
 * @param reviewRetentionBytes most bytes of reviews kept by a node's store (estimated heap); 0 =
 *     {@link #AUTO_RETENTION_HEAP_FRACTION} of the maximum heap
 * @param clusterBackupCount synchronous backups of each review in the cluster (Hazelcast
 *     applies as many as there are other members)
 * @param clusterExpectedSize members the cluster is meant to have; when ≥ 2, a side that sees
 *     fewer than a majority of them refuses new reviews (split-brain protection); 0 = off
 * @param reviewBudgetMs longest time a review may stay in flight, in ms: past it, the review is
 *     completed as {@code failed} with the results it has and an escalation
 */
public record Reliability(
    String journalDir,
    long reviewRetentionBytes,
    int clusterBackupCount,
    int clusterExpectedSize,
    long reviewBudgetMs) {

  /** Value of {@code journal_dir} that turns the journal off. */
  public static final String JOURNAL_OFF = "off";
  /** Share of the maximum heap used as the byte retention when {@code review_retention_bytes} is 0. */
  public static final double AUTO_RETENTION_HEAP_FRACTION = 0.25;
  /** Sub-folder of {@code backup_dir} (or {@code data} of the home folder) holding the journal. */
  public static final String JOURNAL_SUBDIR = "journal";

  /** @return the defaults of {@link ConfigKey} */
  public static Reliability defaults() {
    return SynapseConfig.defaults().reliability();
  }

  /**
   * Where a started node keeps its journal: {@code journal_dir} when set; none when it is
   * {@value #JOURNAL_OFF}; else {@code <backup_dir>/journal} when backups are on; else
   * {@code <home>/data/journal} (home: {@code SYNAPSE_HOME}, the release folder, or the working
   * directory).
   *
   * @param backupDir the backup folder, or null
   * @param home the release folder or the working directory
   * @return the journal folder, or null for no journal
   */
  public Path journalPath(Path backupDir, Path home) {
    if (journalDir != null) return JOURNAL_OFF.equalsIgnoreCase(journalDir) ? null : Path.of(journalDir);
    if (backupDir != null) return backupDir.resolve(JOURNAL_SUBDIR);
    return home.resolve("data").resolve(JOURNAL_SUBDIR);
  }

  /** @return the configured journal folder, or null when unset or off (embedded nodes started in code) */
  public Path explicitJournal() {
    return journalDir == null || JOURNAL_OFF.equalsIgnoreCase(journalDir) ? null : Path.of(journalDir);
  }

  /** @return a copy with another {@code journal_dir} (a folder, {@value #JOURNAL_OFF} or null) */
  public Reliability withJournalDir(String dir) {
    return new Reliability(dir, reviewRetentionBytes, clusterBackupCount, clusterExpectedSize, reviewBudgetMs);
  }

  /**
   * @param maxHeapBytes {@code Runtime.maxMemory()}
   * @return the byte retention in force
   */
  public long retentionBytes(long maxHeapBytes) {
    return reviewRetentionBytes > 0 ? reviewRetentionBytes
        : Math.max(1L << 20, (long) (maxHeapBytes * AUTO_RETENTION_HEAP_FRACTION));
  }

  /** @return members that make a quorum of {@link #clusterExpectedSize()}, or 0 when protection is off */
  public int quorum() {
    return clusterExpectedSize >= 2 ? clusterExpectedSize / 2 + 1 : 0;
  }
}
