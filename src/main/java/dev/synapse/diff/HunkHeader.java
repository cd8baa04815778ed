package dev.synapse.diff;

/**
 * A parsed hunk header {@code @@ -oldStart[,oldCount] +newStart[,newCount] @@[ section]}. An
 * omitted count means 1 (GNU diffutils, "Detailed Description of Unified Format").
 *
 * @param oldStart first old line
 * @param oldCount old line count
 * @param newStart first new line
 * @param newCount new line count
 * @param section text after the closing {@code @@} without the separating space, or ""
 */
record HunkHeader(int oldStart, int oldCount, int newStart, int newCount, String section) {

  /**
   * Parses a hunk header by hand (no regular expression), in time linear in the line length.
   *
   * @param line a line starting with {@code "@@ "}
   * @return the header, or null when the line is not a well-formed hunk header
   */
  static HunkHeader parse(String line) {
    Scanner s = new Scanner(line);
    if (!s.expect("@@ -")) {
      return null;
    }
    long oldStart = s.number();
    long oldCount = s.expect(",") ? s.number() : 1;
    if (oldStart < 0 || oldCount < 0 || !s.expect(" +")) {
      return null;
    }
    long newStart = s.number();
    long newCount = s.expect(",") ? s.number() : 1;
    if (newStart < 0 || newCount < 0 || !s.expect(" @@")) {
      return null;
    }
    String section = s.rest();
    if (!section.isEmpty() && section.charAt(0) == ' ') {
      section = section.substring(1);
    }
    return new HunkHeader((int) oldStart, (int) oldCount, (int) newStart, (int) newCount, section);
  }

  /** A cursor over one header line. */
  private static final class Scanner {
    private final String text;
    private int pos;

    Scanner(String text) {
      this.text = text;
    }

    boolean expect(String literal) {
      if (text.startsWith(literal, pos)) {
        pos += literal.length();
        return true;
      }
      return false;
    }

    /** @return the decimal number at the cursor, or -1 when absent or above Integer.MAX_VALUE */
    long number() {
      int start = pos;
      long v = 0;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        v = v * 10 + (text.charAt(pos) - '0');
        pos++;
        if (v > Integer.MAX_VALUE) {
          return -1;
        }
      }
      return pos == start ? -1 : v;
    }

    String rest() {
      return text.substring(pos);
    }
  }
}
