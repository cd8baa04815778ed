package dev.synapse.review;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable journal of a single node's reviews: an embedded SQLite database
 * ({@value #FILE} in the journal folder, WAL mode, {@code synchronous=FULL}) with one row per
 * review: {@code seq} (acceptance order), {@code id}, {@code done} (0/1) and {@code doc} (the
 * {@link StoredReview#toJson()} document).
 *
 * <p>A review is appended ({@link #append}) before the node answers {@code 202}, and its summary
 * recorded ({@link #complete}) before the summary is published; {@link #load} reads everything
 * back at start so that accepted-but-unfinished reviews are resubmitted and finished ones served
 * again. {@link #complete} is a compare-and-set ({@code UPDATE … WHERE done = 0}), so at most one
 * summary is ever recorded per review, also across a restart.
 *
 * <p>The folder is made owner-only ({@code rwx------}): unfinished reviews keep their diff there.
 *
 * <p>Threading: one writer thread owns the connection. Callers enqueue operations (never
 * blocking: when {@value #MAX_QUEUED} operations are waiting, the call fails at once with
 * {@link JournalBusyException}); the writer runs up to {@value #MAX_BATCH} queued operations in
 * one transaction (group commit: one fsync per batch) and completes their futures on the writer
 * thread. No Vert.x types; the store wrapping it hops back to the caller's context.
 */
public final class ReviewJournal implements AutoCloseable {
  /** Database file name inside the journal folder. */
  public static final String FILE = "reviews.db";
  /** Most operations waiting for the writer. */
  public static final int MAX_QUEUED = 4_096;
  /** Most operations committed in one transaction. */
  public static final int MAX_BATCH = 256;
  /** How long {@link #close()} waits for the writer to finish the queued operations, in ms. */
  public static final long CLOSE_WAIT_MS = 10_000;
  private static final Logger LOG = LoggerFactory.getLogger(ReviewJournal.class);

  /** Thrown (as the failure of a returned future) when the write queue is full. */
  public static final class JournalBusyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    JournalBusyException() {
      super("the review journal is busy; try again");
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private record Op<T>(Work<T> work, CompletableFuture<T> result) {}

  private final Path file;
  private final Connection connection;
  private final ArrayBlockingQueue<Op<?>> queue = new ArrayBlockingQueue<>(MAX_QUEUED);
  private final Thread writer;
  private volatile boolean closing;

  private ReviewJournal(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
    this.writer = new Thread(this::writeLoop, "synapse-journal");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /**
   * Opens (creating when absent) the journal in {@code dir}. Blocking: call on a worker thread.
   *
   * @param dir the journal folder; created with its parents when missing
   * @return the open journal
   * @throws IOException when the folder cannot be created or the database cannot be opened
   */
  public static ReviewJournal open(Path dir) throws IOException {
    Files.createDirectories(dir);
    try {
      // the journal holds the diffs of unfinished reviews: owner only, like snapshots
      Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    Path file = dir.resolve(FILE);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("PRAGMA journal_size_limit=67108864");
        s.execute("CREATE TABLE IF NOT EXISTS reviews (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
            + "id TEXT NOT NULL UNIQUE, done INTEGER NOT NULL, doc TEXT NOT NULL)");
      }
      c.setAutoCommit(false);
      return new ReviewJournal(file, c);
    } catch (SQLException e) {
      throw new IOException("cannot open review journal " + file + ": " + e.getMessage(), e);
    }
  }

  /** @return the database file */
  public Path file() {
    return file;
  }

  /**
   * Records a newly accepted review unless its id is journaled already.
   *
   * @return completes with true when this call inserted it, false when the id existed; fails
   *     with {@link JournalBusyException} or the SQL error
   */
  public CompletableFuture<Boolean> append(StoredReview review) {
    String id = review.reviewId();
    boolean done = review.state().done();
    return enqueue(c -> {
      // encoded here, on the writer thread, straight to UTF-8 bytes: a new review carries its
      // diff (up to max_diff_bytes), and encoding it as one JSON String on the caller's event
      // loop blocked it and held the text twice more (SQLite stores the bytes as they are and
      // reads them back as text)
      byte[] doc = review.toJson().toBuffer().getBytes();
      try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO reviews (id, done, doc) VALUES (?, ?, ?)")) {
        p.setString(1, id);
        p.setInt(2, done ? 1 : 0);
        p.setBytes(3, doc);
        return p.executeUpdate() == 1;
      }
    });
  }

  /**
   * Records a finished review (its summary) unless the journal holds a finished one already.
   *
   * @param review the review in its done state
   * @return completes with true when this call recorded it (updating its accepted row, or
   *     inserting it when it was not journaled), false when a finished row exists already
   */
  public CompletableFuture<Boolean> complete(StoredReview review) {
    String id = review.reviewId();
    String doc = review.toJson().encode();
    return enqueue(c -> {
      try (PreparedStatement p = c.prepareStatement("UPDATE reviews SET done = 1, doc = ? WHERE id = ? AND done = 0")) {
        p.setString(1, doc);
        p.setString(2, id);
        if (p.executeUpdate() == 1) return true;
      }
      // not journaled (e.g. restored from a snapshot): record it, unless a finished row exists
      try (PreparedStatement p = c.prepareStatement("INSERT OR IGNORE INTO reviews (id, done, doc) VALUES (?, 1, ?)")) {
        p.setString(1, id);
        p.setString(2, doc);
        return p.executeUpdate() == 1;
      }
    });
  }

  /** Forgets evicted reviews (no-op for unknown ids). */
  public CompletableFuture<Void> forget(List<String> ids) {
    List<String> copy = List.copyOf(ids);
    return enqueue(c -> {
      try (PreparedStatement p = c.prepareStatement("DELETE FROM reviews WHERE id = ?")) {
        for (String id : copy) {
          p.setString(1, id);
          p.addBatch();
        }
        p.executeBatch();
      }
      return null;
    });
  }

  /**
   * Reads every journaled review, oldest accepted first. Rows that do not parse are skipped and
   * logged (never fatal).
   */
  public CompletableFuture<List<StoredReview>> load() {
    return enqueue(c -> {
      List<StoredReview> out = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, doc FROM reviews ORDER BY seq")) {
        while (rs.next()) {
          try {
            // rows written as text (earlier releases) and as UTF-8 bytes both read as bytes
            out.add(StoredReview.fromJson(new JsonObject(io.vertx.core.buffer.Buffer.buffer(rs.getBytes(2)))));
          } catch (RuntimeException e) {
            LOG.warn("review_id={} journal row unreadable, skipped: {}", rs.getString(1), e.getClass().getSimpleName());
          }
        }
      }
      return out;
    });
  }

  /** @return operations waiting for the writer */
  public int queued() {
    return queue.size();
  }

  private <T> CompletableFuture<T> enqueue(Work<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    if (closing) {
      result.completeExceptionally(new IllegalStateException("the review journal is closed"));
    } else if (!queue.offer(new Op<>(work, result))) {
      result.completeExceptionally(new JournalBusyException());
    }
    return result;
  }

  private void writeLoop() {
    List<Op<?>> batch = new ArrayList<>(MAX_BATCH);
    while (!(closing && queue.isEmpty())) {
      try {
        Op<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) continue;
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        runBatch(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
    for (Op<?> op; (op = queue.poll()) != null; ) {
      op.result().completeExceptionally(new IllegalStateException("the review journal is closed"));
    }
  }

  /** Runs a batch in one transaction; when it fails, each operation alone, so one bad op fails alone. */
  private void runBatch(List<Op<?>> batch) {
    List<Object> results = new ArrayList<>(batch.size());
    try {
      for (Op<?> op : batch) results.add(op.work().run(connection));
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollback();
      if (batch.size() == 1) {
        batch.get(0).result().completeExceptionally(e);
      } else {
        for (Op<?> op : batch) runBatch(new ArrayList<>(List.of(op)));
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) complete(batch.get(i), results.get(i));
  }

  @SuppressWarnings("unchecked")
  private static <T> void complete(Op<T> op, Object value) {
    op.result().complete((T) value);
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.warn("review journal rollback failed: {}", e.getMessage());
    }
  }

  /**
   * Lets the writer commit what is queued (at most {@value #CLOSE_WAIT_MS} ms), then closes the
   * database. Later calls fail. Blocking; idempotent.
   */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(CLOSE_WAIT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("review journal close failed: {}", e.getMessage());
    }
  }
}
