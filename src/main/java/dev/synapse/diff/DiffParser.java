package dev.synapse.diff;

import java.util.Objects;

/**
 * Parses unified diffs, as written by git ({@code git diff}, {@code git format-patch},
 * {@code --no-prefix}) and by GNU {@code diff -u}/{@code diff -ruN}, into files, hunks and
 * numbered lines. Pure Java, stateless and thread-safe; no regular expressions; time and memory
 * linear in the input size.
 *
 * <p>What is read (format: GNU diffutils "Unified Format", git-diff(1) "generating patches"):
 * <ul>
 *   <li>{@code diff --git} headers with {@code index}, {@code new file mode},
 *       {@code deleted file mode}, {@code old mode}/{@code new mode} (mode-only entries have no
 *       hunks), {@code similarity index}, {@code rename from/to}, {@code copy from/to},
 *       {@code Binary files … differ} and {@code GIT binary patch} (payload skipped);
 *   <li>git-quoted paths ({@code "a/sp ace\303\251.txt"}: C escapes, octal UTF-8 bytes);
 *       {@code a/}/{@code b/} prefixes (and git's mnemonic c/ i/ o/ w/) are removed only when
 *       both sides carry them, so {@code --no-prefix} paths are kept whole; {@code /dev/null}
 *       sides make the file added or deleted;
 *   <li>{@code ---}/{@code +++} lines with a timestamp after a TAB; {@code diff -u a/x b/x}
 *       lines; several files and hunks; a plain file whose only hunk is {@code -0,0} is added,
 *       one whose only hunk is {@code +0,0} is deleted;
 *   <li>hunk headers with omitted counts (meaning 1) and a section text after the second
 *       {@code @@};
 *   <li>CRLF line ends (the CR is removed); {@code \ No newline at end of file} sets
 *       {@link DiffLine#noNewlineAtEnd()} on the line before it and is not a line itself.
 * </ul>
 *
 * <p>Where a hunk ends. The header counts decide first: while the hunk still expects old lines,
 * a line {@code --- x} is the removed line {@code -- x}, not a file header. A hunk ends early
 * (truncated; the lines read so far are kept) at the first line that is not a content line
 * ({@code ' '}, {@code '+'}, {@code '-'}), not a {@code \} marker and not a blank line while
 * context is still expected (a blank line is a context line whose space an editor stripped). A
 * hunk may also run longer than its header (hand-edited counts): content lines that follow
 * are still read and numbered on, except a {@code ---} line directly followed by a {@code +++}
 * line (the next file's header) and, once the counts are met, the {@code -- } signature line of
 * {@code git format-patch}. A blank line after the counts are met ends the hunk.
 *
 * <p>Lines outside files and hunks (mail headers, commit messages, {@code Only in …}) are
 * ignored. A hunk with no file header before it belongs to a file with the empty path
 * {@code ""}. Combined diffs ({@code diff --cc}, {@code @@@}) are not read: such files appear
 * without hunks.
 */
public final class DiffParser {
  private DiffParser() {}

  /**
   * Parses a unified diff.
   *
   * @param text the diff; "" or only whitespace yields {@link Diff#EMPTY}
   * @return the parsed diff, files in input order
   * @throws DiffParseException (code {@code invalid_diff}) when non-blank text holds no file
   *     header and no hunk, or when a line inside a file starts with {@code "@@ "} but is not a
   *     well-formed hunk header; the message names the line number, never the input
   * @throws NullPointerException when {@code text} is null
   */
  public static Diff parse(String text) {
    Objects.requireNonNull(text, "text");
    if (text.isBlank()) {
      return Diff.EMPTY;
    }
    return new DiffReader(text).read();
  }
}
