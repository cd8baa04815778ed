package dev.synapse.diff;

import java.util.ArrayList;
import java.util.List;

/**
 * The line-by-line state machine behind {@link DiffParser#parse(String)}: one instance per
 * parse, never shared. Every line is looked at a bounded number of times, so time is linear in
 * the input size.
 */
final class DiffReader {
  private final String text;
  /** Start of the current line. */
  private int pos;
  private int lineNo;
  private String line;
  /** The line after {@link #line}, read on demand; null at the end of input. */
  private String peeked;
  private int peekedEnd = -1;

  private final List<FileDiff> files = new ArrayList<>();
  private FileBuilder file;
  private HunkBuilder hunk;
  private boolean binaryPayload;
  private int malformedHunkLine;

  DiffReader(String text) {
    this.text = text;
  }

  Diff read() {
    while (advance()) {
      if (hunk != null) {
        if (hunkLine()) {
          continue;
        }
        closeHunk();
      }
      if (binaryPayload) {
        if (isBinaryPayload(line)) {
          continue;
        }
        binaryPayload = false;
      }
      headerLine();
    }
    closeHunk();
    finishFile();
    if (files.isEmpty()) {
      throw new DiffParseException(malformedHunkLine > 0
          ? "line " + malformedHunkLine + ": malformed hunk header, expected '@@ -a,b +c,d @@'"
          : "no unified diff found: expected a 'diff --git' line, a '---'/'+++' file header"
              + " or an '@@' hunk header");
    }
    return new Diff(files);
  }

  /** Moves to the next line; false at the end of input. */
  private boolean advance() {
    if (peekedEnd >= 0) {
      line = peeked;
      pos = peekedEnd;
      peekedEnd = -1;
      lineNo++;
      return line != null;
    }
    if (pos >= text.length()) {
      return false;
    }
    int nl = text.indexOf('\n', pos);
    int end = nl < 0 ? text.length() : nl;
    line = stripCr(text, pos, end);
    pos = nl < 0 ? text.length() : nl + 1;
    lineNo++;
    return true;
  }

  /** @return the line after the current one without consuming it, or null at the end */
  private String peek() {
    if (peekedEnd < 0) {
      if (pos >= text.length()) {
        peeked = null;
        peekedEnd = pos;
      } else {
        int nl = text.indexOf('\n', pos);
        int end = nl < 0 ? text.length() : nl;
        peeked = stripCr(text, pos, end);
        peekedEnd = nl < 0 ? text.length() : nl + 1;
      }
    }
    return peeked;
  }

  private static String stripCr(String s, int start, int end) {
    if (end > start && s.charAt(end - 1) == '\r') {
      end--;
    }
    return s.substring(start, end);
  }

  /**
   * Reads the current line as part of the open hunk.
   *
   * @return false when the line ends the hunk (it is then read as a header line)
   */
  private boolean hunkLine() {
    if (line.isEmpty()) {
      if (hunk.expects(' ')) {
        hunk.add(' ', "");
        return true;
      }
      return false;
    }
    char c = line.charAt(0);
    if (c == '\\') {
      hunk.markNoNewlineAtEnd();
      return true;
    }
    if (c != ' ' && c != '+' && c != '-') {
      return false;
    }
    if (!hunk.expects(c) && endsOverrun()) {
      return false;
    }
    hunk.add(c, line.substring(1));
    return true;
  }

  /**
   * Decides whether a content-looking line the header did not promise ends the hunk: it does
   * when it is a {@code ---} line followed by a {@code +++} line (the next file's header) or
   * the {@code -- } signature that {@code git format-patch} writes after the last hunk.
   */
  private boolean endsOverrun() {
    if (line.startsWith("--- ")) {
      String next = peek();
      return next != null && next.startsWith("+++ ");
    }
    return hunk.complete() && line.equals("-- ");
  }

  private void headerLine() {
    if (line.startsWith("diff --git ")) {
      finishFile();
      file = FileBuilder.git(line.substring(11));
    } else if (line.startsWith("--- ") && peekStartsWith("+++ ")) {
      String oldText = line.substring(4);
      advance();
      if (file == null || !file.acceptsFileLines()) {
        finishFile();
        file = FileBuilder.plain();
      }
      file.fileLines(oldText, line.substring(4));
    } else if (line.startsWith("@@ ")) {
      HunkHeader h = HunkHeader.parse(line);
      if (h != null) {
        if (file == null) {
          file = FileBuilder.plain();
        }
        hunk = new HunkBuilder(h);
      } else if (file != null) {
        throw new DiffParseException(
            "line " + lineNo + ": malformed hunk header, expected '@@ -a,b +c,d @@'");
      } else if (malformedHunkLine == 0) {
        malformedHunkLine = lineNo;
      }
    } else if (line.startsWith("diff ")) {
      finishFile();
    } else if (file != null && file.inGitHeader() && file.extendedHeader(line)) {
      binaryPayload = line.equals("GIT binary patch");
    } else if (line.length() > 20 && line.startsWith("Binary files ") && line.endsWith(" differ")) {
      plainBinary();
    }
  }

  private boolean peekStartsWith(String prefix) {
    String next = peek();
    return next != null && next.startsWith(prefix);
  }

  /** A {@code Binary files X and Y differ} line of plain {@code diff -r} output. */
  private void plainBinary() {
    String body = line.substring(13, line.length() - 7);
    int and = body.indexOf(" and ");
    if (and < 0) {
      return;
    }
    finishFile();
    file = FileBuilder.plain();
    file.binaryPaths(body.substring(0, and), body.substring(and + 5));
    finishFile();
  }

  /**
   * A line of a {@code GIT binary patch} payload: {@code literal N}/{@code delta N}, a base85
   * line (base85 has no space) or the blank line between blocks.
   */
  private static boolean isBinaryPayload(String l) {
    return l.isEmpty() || l.startsWith("literal ") || l.startsWith("delta ") || l.indexOf(' ') < 0;
  }

  private void closeHunk() {
    if (hunk != null) {
      file.addHunk(hunk.build());
      hunk = null;
    }
  }

  private void finishFile() {
    closeHunk();
    if (file != null) {
      files.add(file.build());
      file = null;
    }
    binaryPayload = false;
  }
}
