package dev.synapse.diff;

/**
 * Parses unified diffs (git and plain {@code diff -u}). Pure Java, no Vert.x, thread-safe and
 * stateless. Time is linear in the input size.
 *
 * <p>PLACEHOLDER: the real implementation replaces this class (see tests in DiffParserTest).
 */
public final class DiffParser {
  private DiffParser() {}

  /**
   * @param text the diff; "" or only whitespace yields {@link Diff#EMPTY}
   * @return the parsed diff
   * @throws DiffParseException when non-blank text contains no recognisable diff
   */
  public static Diff parse(String text) {
    throw new UnsupportedOperationException("DiffParser not implemented yet");
  }
}
