package dev.synapse.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("DiffParser")
class DiffParserTest {

  private static String lines(String... ls) {
    return String.join("\n", ls) + "\n";
  }

  private static FileDiff only(Diff d) {
    assertEquals(1, d.files().size(), "file count");
    return d.files().get(0);
  }

  private static DiffLine line(LineKind kind, int oldLine, int newLine, String text) {
    return new DiffLine(kind, oldLine, newLine, text, false);
  }

  private static final String USER_REPO = lines(
      "diff --git a/lib/user_repository.ex b/lib/user_repository.ex",
      "index abc123..def456 100644",
      "--- a/lib/user_repository.ex",
      "+++ b/lib/user_repository.ex",
      "@@ -10,7 +10,7 @@ defmodule UserRepository do",
      "   def find_by_email(email) do",
      "-    query = \"SELECT * FROM users WHERE email = ?\"",
      "-    Repo.query(query, [email])",
      "+    query = \"SELECT * FROM users WHERE email = '#{email}'\"",
      "+    Repo.query(query)",
      "   end",
      " end");

  @Test
  @DisplayName("the user_repository example maps added lines to new 11-12 and removed to old 11-12")
  void userRepositoryExample() {
    FileDiff f = only(DiffParser.parse(USER_REPO));
    assertEquals("lib/user_repository.ex", f.path());
    assertEquals("lib/user_repository.ex", f.oldPath());
    assertEquals(ChangeType.MODIFIED, f.changeType());
    assertEquals(List.of(
        line(LineKind.ADDED, 0, 11, "    query = \"SELECT * FROM users WHERE email = '#{email}'\""),
        line(LineKind.ADDED, 0, 12, "    Repo.query(query)")), f.addedLines());
    assertEquals(List.of(
        line(LineKind.REMOVED, 11, 0, "    query = \"SELECT * FROM users WHERE email = ?\""),
        line(LineKind.REMOVED, 12, 0, "    Repo.query(query, [email])")), f.removedLines());
    Hunk h = f.hunks().get(0);
    assertEquals("defmodule UserRepository do", h.section());
    assertEquals(7, h.oldCount());
    assertEquals(7, h.lines().size());
    assertEquals(line(LineKind.CONTEXT, 14, 14, "end"), h.lines().get(6));
  }

  @Test
  @DisplayName("the example reads the same without a final newline and with trailing blank lines")
  void userRepositoryExampleTrailingVariants() {
    for (String text : List.of(USER_REPO.strip(), USER_REPO + "\n\n", USER_REPO + "\r\n")) {
      FileDiff f = only(DiffParser.parse(text));
      assertEquals(List.of(11, 12), f.addedLines().stream().map(DiffLine::newLine).toList());
      assertEquals(List.of(11, 12), f.removedLines().stream().map(DiffLine::oldLine).toList());
    }
  }

  @Test
  @DisplayName("the index line's mode becomes both modes of a modified file")
  void indexModeIsRecorded() {
    FileDiff f = only(DiffParser.parse(USER_REPO));
    assertEquals("100644", f.oldMode());
    assertEquals("100644", f.newMode());
  }

  @Test
  @DisplayName("line numbers restart at each hunk header across several hunks and files")
  void numberingAcrossHunksAndFiles() {
    Diff d = DiffParser.parse(lines(
        "diff --git a/x.py b/x.py",
        "--- a/x.py",
        "+++ b/x.py",
        "@@ -1,3 +1,4 @@",
        " a",
        "+b",
        " c",
        " d",
        "@@ -20,4 +21,3 @@ def f():",
        " p",
        "-q",
        " r",
        " s",
        "diff --git a/y.py b/y.py",
        "--- a/y.py",
        "+++ b/y.py",
        "@@ -5,2 +5,3 @@",
        " k",
        "+l",
        " m"));
    assertEquals(2, d.fileCount());
    FileDiff x = d.files().get(0);
    assertEquals(2, x.hunks().size());
    assertEquals(List.of(line(LineKind.ADDED, 0, 2, "b")), x.addedLines());
    assertEquals(line(LineKind.CONTEXT, 3, 4, "d"), x.hunks().get(0).lines().get(3));
    assertEquals(List.of(line(LineKind.REMOVED, 21, 0, "q")), x.removedLines());
    assertEquals(line(LineKind.CONTEXT, 23, 23, "s"), x.hunks().get(1).lines().get(3));
    FileDiff y = d.files().get(1);
    assertEquals("y.py", y.path());
    assertEquals(List.of(line(LineKind.ADDED, 0, 6, "l")), y.addedLines());
  }

  @Test
  @DisplayName("a removed line whose text starts with '-- ' stays in the hunk while old lines are due")
  void dashDashContentIsNotAHeader() {
    Diff d = DiffParser.parse(lines(
        "diff --git a/q.sql b/q.sql",
        "--- a/q.sql",
        "+++ b/q.sql",
        "@@ -1,3 +1,3 @@",
        "--- a/comment",
        "+++ b/comment",
        " select 1;",
        "-- x",
        "++ y"));
    FileDiff f = only(d);
    assertEquals("q.sql", f.path());
    assertEquals(List.of(
        line(LineKind.REMOVED, 1, 0, "-- a/comment"),
        line(LineKind.REMOVED, 3, 0, "- x")), f.removedLines());
    assertEquals(List.of(
        line(LineKind.ADDED, 0, 1, "++ b/comment"),
        line(LineKind.ADDED, 0, 3, "+ y")), f.addedLines());
  }

  @Test
  @DisplayName("a '---'/'+++' pair after a complete hunk starts the next plain file")
  void dashLinesAfterCompleteHunkStartNextFile() {
    Diff d = DiffParser.parse(lines(
        "--- a/one.c",
        "+++ b/one.c",
        "@@ -1 +1 @@",
        "-x",
        "+y",
        "--- a/two.c",
        "+++ b/two.c",
        "@@ -1 +1 @@",
        "-p",
        "+q"));
    assertEquals(2, d.fileCount());
    assertEquals("one.c", d.files().get(0).path());
    assertEquals("two.c", d.files().get(1).path());
    assertEquals(List.of(line(LineKind.ADDED, 0, 1, "q")), d.files().get(1).addedLines());
  }

  @Test
  @DisplayName("CRLF line ends are removed from paths and content")
  void crlf() {
    FileDiff f = only(DiffParser.parse(USER_REPO.replace("\n", "\r\n")));
    assertEquals("lib/user_repository.ex", f.path());
    assertEquals("    Repo.query(query)", f.addedLines().get(1).text());
    assertEquals(12, f.addedLines().get(1).newLine());
  }

  @Test
  @DisplayName("git-quoted paths with spaces and octal UTF-8 escapes are decoded")
  void quotedPaths() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git \"a/sp ace\\303\\251.txt\" \"b/sp ace\\303\\251.txt\"",
        "index 1..2 100644",
        "--- \"a/sp ace\\303\\251.txt\"",
        "+++ \"b/sp ace\\303\\251.txt\"",
        "@@ -1 +1 @@",
        "-a",
        "+b")));
    assertEquals("sp ace\u00e9.txt", f.oldPath());
    assertEquals("sp ace\u00e9.txt", f.newPath());
  }

  @Test
  @DisplayName("a quoted path with C escapes in a header-only entry is decoded from diff --git")
  void quotedHeaderOnly() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git \"a/tab\\there\\\"q\" \"b/tab\\there\\\"q\"",
        "old mode 100644",
        "new mode 100755")));
    assertEquals("tab\there\"q", f.path());
  }

  @Test
  @DisplayName("--no-prefix paths are kept whole")
  void noPrefix() {
    Diff d = DiffParser.parse(lines(
        "diff --git src/app.js src/app.js",
        "index 1..2 100644",
        "--- src/app.js",
        "+++ src/app.js",
        "@@ -1 +1,2 @@",
        " a",
        "+b",
        "diff --git a/x a/x",
        "--- a/x",
        "+++ a/x",
        "@@ -1 +1 @@",
        "-c",
        "+d"));
    assertEquals("src/app.js", d.files().get(0).path());
    assertEquals("src/app.js", d.files().get(0).oldPath());
    assertEquals("a/x", d.files().get(1).path());
  }

  @Test
  @DisplayName("an added file in a --no-prefix diff keeps its whole path")
  void noPrefixAddedFile() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git lib/new.rb lib/new.rb",
        "new file mode 100644",
        "--- /dev/null",
        "+++ lib/new.rb",
        "@@ -0,0 +1 @@",
        "+x")));
    assertEquals(ChangeType.ADDED, f.changeType());
    assertEquals("lib/new.rb", f.newPath());
    assertNull(f.oldPath());
  }

  @Test
  @DisplayName("plain diff -u with TAB timestamps yields paths without timestamps")
  void plainDiffWithTimestamps() {
    FileDiff f = only(DiffParser.parse(lines(
        "--- old.c\t2024-01-01 10:00:00.000000000 +0000",
        "+++ new.c\t2024-01-02 11:00:00.000000000 +0000",
        "@@ -1,2 +1,2 @@",
        " int x;",
        "-int y;",
        "+long y;")));
    assertEquals("old.c", f.oldPath());
    assertEquals("new.c", f.newPath());
    assertEquals(ChangeType.MODIFIED, f.changeType());
    assertEquals(List.of(line(LineKind.ADDED, 0, 2, "long y;")), f.addedLines());
  }

  @Test
  @DisplayName("diff -ruN output drops the top directories and reads epoch-dated new files as added")
  void plainRecursiveDiff() {
    Diff d = DiffParser.parse(lines(
        "Only in old: gone.txt",
        "diff -ruN old/src/a.c new/src/a.c",
        "--- old/src/a.c\t2024-01-01 10:00:00 +0000",
        "+++ new/src/a.c\t2024-01-02 10:00:00 +0000",
        "@@ -3 +3 @@",
        "-x",
        "+y",
        "diff -ruN old/src/b.c new/src/b.c",
        "--- old/src/b.c\t1970-01-01 00:00:00 +0000",
        "+++ new/src/b.c\t2024-01-02 10:00:00 +0000",
        "@@ -0,0 +1,2 @@",
        "+p",
        "+q"));
    assertEquals(2, d.fileCount());
    assertEquals("src/a.c", d.files().get(0).path());
    assertEquals(ChangeType.MODIFIED, d.files().get(0).changeType());
    assertEquals("src/b.c", d.files().get(1).path());
    assertEquals(ChangeType.ADDED, d.files().get(1).changeType());
    assertEquals(2, d.files().get(1).addedLines().size());
  }

  @Test
  @DisplayName("diff -u a/x b/x header lines with timestamped ---/+++ lines drop the a/ b/ prefixes")
  void plainDiffUHeaderLines() {
    Diff d = DiffParser.parse(lines(
        "diff -u a/lib/m.rb b/lib/m.rb",
        "--- a/lib/m.rb\t2024-01-01 10:00:00.000000000 +0100",
        "+++ b/lib/m.rb\t2024-01-01 11:00:00.000000000 +0100",
        "@@ -2,2 +2,2 @@",
        " x",
        "-y",
        "+z",
        "diff -u a/lib/n.rb b/lib/n.rb",
        "--- a/lib/n.rb\t2024-01-01 10:00:00.000000000 +0100",
        "+++ b/lib/n.rb\t2024-01-01 11:00:00.000000000 +0100",
        "@@ -1 +1 @@",
        "-p",
        "+q"));
    assertEquals(2, d.fileCount());
    assertEquals("lib/m.rb", d.files().get(0).oldPath());
    assertEquals("lib/m.rb", d.files().get(0).newPath());
    assertEquals(List.of(line(LineKind.ADDED, 0, 3, "z")), d.files().get(0).addedLines());
    assertEquals("lib/n.rb", d.files().get(1).path());
  }

  @Test
  @DisplayName("git's mnemonic prefixes (i/ w/) are removed like a/ b/")
  void mnemonicPrefixes() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git i/src/m.ts w/src/m.ts",
        "--- i/src/m.ts",
        "+++ w/src/m.ts",
        "@@ -1 +1 @@",
        "-a",
        "+b")));
    assertEquals("src/m.ts", f.oldPath());
    assertEquals("src/m.ts", f.newPath());
  }

  @Test
  @DisplayName("unquoted paths with spaces are split where both halves name the same file")
  void unquotedSpacesInHeader() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git a/my dir/b c.txt b/my dir/b c.txt",
        "old mode 100644",
        "new mode 100755")));
    assertEquals("my dir/b c.txt", f.path());
  }

  @Test
  @DisplayName("a combined diff (diff --cc, @@@) is not refused; its file has no hunks")
  void combinedDiffTolerated() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --cc m.c",
        "index 1,2..3",
        "--- a/m.c",
        "+++ b/m.c",
        "@@@ -1,1 -1,1 +1,1 @@@",
        "- a",
        " -b",
        "++c")));
    assertEquals("m.c", f.path());
    assertTrue(f.hunks().isEmpty());
  }

  @Test
  @DisplayName("the no-newline marker works in a CRLF diff")
  void noNewlineMarkerCrlf() {
    FileDiff f = only(DiffParser.parse(
        "--- a/w.txt\r\n+++ b/w.txt\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n\\ No newline at end of file\r\n"));
    assertEquals(new DiffLine(LineKind.ADDED, 0, 1, "b", true), f.addedLines().get(0));
    assertEquals("a", f.removedLines().get(0).text());
  }

  @Test
  @DisplayName("a 'Binary files … differ' entry is binary with no hunks")
  void binaryFilesDiffer() {
    Diff d = DiffParser.parse(lines(
        "diff --git a/img.png b/img.png",
        "index 1..2 100644",
        "Binary files a/img.png and b/img.png differ",
        "diff --git a/t.txt b/t.txt",
        "--- a/t.txt",
        "+++ b/t.txt",
        "@@ -1 +1 @@",
        "-a",
        "+b"));
    FileDiff bin = d.files().get(0);
    assertTrue(bin.binary());
    assertEquals("img.png", bin.path());
    assertTrue(bin.hunks().isEmpty());
    assertFalse(d.files().get(1).binary());
  }

  @Test
  @DisplayName("a GIT binary patch payload is skipped and the next file is read")
  void gitBinaryPatch() {
    Diff d = DiffParser.parse(lines(
        "diff --git a/logo.gif b/logo.gif",
        "new file mode 100644",
        "index 0000000..a1b2c3d",
        "GIT binary patch",
        "literal 42",
        "zcmZ?wbhEHbRA5kG_{6~Q|NsBT|Nj^MGcYkTFtBtu1T*M?sDHQ!qWqcs",
        "",
        "literal 0",
        "HcmV?d00001",
        "",
        "diff --git a/a.txt b/a.txt",
        "--- a/a.txt",
        "+++ b/a.txt",
        "@@ -1 +1 @@",
        "-x",
        "+y"));
    assertEquals(2, d.fileCount());
    FileDiff bin = d.files().get(0);
    assertTrue(bin.binary());
    assertEquals(ChangeType.ADDED, bin.changeType());
    assertEquals("logo.gif", bin.newPath());
    assertTrue(bin.hunks().isEmpty());
    assertEquals("a.txt", d.files().get(1).path());
  }

  @Test
  @DisplayName("plain diff -r 'Binary files X and Y differ' yields a binary file")
  void plainBinary() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff -ruN a/pic.jpg b/pic.jpg",
        "Binary files a/pic.jpg and b/pic.jpg differ")));
    assertTrue(f.binary());
    assertEquals("pic.jpg", f.path());
  }

  @Test
  @DisplayName("a mode-only entry has both modes and no hunks")
  void modeOnly() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git a/run.sh b/run.sh",
        "old mode 100644",
        "new mode 100755")));
    assertEquals(ChangeType.MODIFIED, f.changeType());
    assertEquals("100644", f.oldMode());
    assertEquals("100755", f.newMode());
    assertEquals("run.sh", f.path());
    assertTrue(f.hunks().isEmpty());
  }

  @Test
  @DisplayName("a pure rename has both paths and no hunks")
  void pureRename() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git a/old name.txt b/new name.txt",
        "similarity index 100%",
        "rename from old name.txt",
        "rename to new name.txt")));
    assertEquals(ChangeType.RENAMED, f.changeType());
    assertEquals("old name.txt", f.oldPath());
    assertEquals("new name.txt", f.newPath());
    assertTrue(f.hunks().isEmpty());
  }

  @Test
  @DisplayName("a rename with changes numbers lines in the new file")
  void renameWithChanges() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git a/src/Old.java b/src/New.java",
        "similarity index 90%",
        "rename from src/Old.java",
        "rename to src/New.java",
        "index 1..2 100644",
        "--- a/src/Old.java",
        "+++ b/src/New.java",
        "@@ -1,2 +1,2 @@",
        "-class Old {}",
        "+class New {}",
        " // end")));
    assertEquals(ChangeType.RENAMED, f.changeType());
    assertEquals("src/Old.java", f.oldPath());
    assertEquals("src/New.java", f.path());
    assertEquals(List.of(line(LineKind.ADDED, 0, 1, "class New {}")), f.addedLines());
  }

  @Test
  @DisplayName("a copy is COPIED with both paths")
  void copy() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git a/a.go b/b.go",
        "similarity index 95%",
        "copy from a.go",
        "copy to b.go",
        "--- a/a.go",
        "+++ b/b.go",
        "@@ -1 +1 @@",
        "-package a",
        "+package b")));
    assertEquals(ChangeType.COPIED, f.changeType());
    assertEquals("a.go", f.oldPath());
    assertEquals("b.go", f.newPath());
    assertEquals(1, f.addedLines().size());
  }

  @Test
  @DisplayName("a deleted file has no new path and its lines are removed lines")
  void deletedFile() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git a/gone.rb b/gone.rb",
        "deleted file mode 100644",
        "index abc..0000000",
        "--- a/gone.rb",
        "+++ /dev/null",
        "@@ -1,2 +0,0 @@",
        "-a",
        "-b")));
    assertEquals(ChangeType.DELETED, f.changeType());
    assertNull(f.newPath());
    assertEquals("gone.rb", f.path());
    assertEquals("100644", f.oldMode());
    assertEquals(List.of(line(LineKind.REMOVED, 1, 0, "a"), line(LineKind.REMOVED, 2, 0, "b")),
        f.removedLines());
  }

  @Test
  @DisplayName("an empty new file is ADDED with no hunks")
  void emptyNewFile() {
    Diff d = DiffParser.parse(lines(
        "diff --git a/empty.txt b/empty.txt",
        "new file mode 100644",
        "index 0000000..e69de29",
        "diff --git a/b.txt b/b.txt",
        "new file mode 100644",
        "index 0000000..e69de29"));
    assertEquals(2, d.fileCount());
    FileDiff f = d.files().get(0);
    assertEquals(ChangeType.ADDED, f.changeType());
    assertEquals("empty.txt", f.newPath());
    assertNull(f.oldPath());
    assertEquals("100644", f.newMode());
    assertTrue(f.hunks().isEmpty());
  }

  @Test
  @DisplayName("'\\ No newline at end of file' flags the line before it and is not counted")
  void noNewlineMarker() {
    FileDiff f = only(DiffParser.parse(lines(
        "diff --git a/n.txt b/n.txt",
        "--- a/n.txt",
        "+++ b/n.txt",
        "@@ -1,2 +1,2 @@",
        " a",
        "-b",
        "\\ No newline at end of file",
        "+c",
        "\\ No newline at end of file")));
    List<DiffLine> ls = f.hunks().get(0).lines();
    assertEquals(3, ls.size());
    assertEquals(new DiffLine(LineKind.REMOVED, 2, 0, "b", true), ls.get(1));
    assertEquals(new DiffLine(LineKind.ADDED, 0, 2, "c", true), ls.get(2));
    assertFalse(ls.get(0).noNewlineAtEnd());
  }

  @Test
  @DisplayName("omitted hunk counts mean one line and -0,0 starts an added file")
  void omittedCounts() {
    Diff d = DiffParser.parse(lines(
        "--- a/one",
        "+++ b/one",
        "@@ -7 +7 @@",
        "-x",
        "+y",
        "--- /dev/null",
        "+++ b/two",
        "@@ -0,0 +1,3 @@",
        "+1",
        "+2",
        "+3"));
    Hunk h = d.files().get(0).hunks().get(0);
    assertEquals(1, h.oldCount());
    assertEquals(1, h.newCount());
    assertEquals(List.of(line(LineKind.REMOVED, 7, 0, "x"), line(LineKind.ADDED, 0, 7, "y")),
        h.lines());
    FileDiff two = d.files().get(1);
    assertEquals(ChangeType.ADDED, two.changeType());
    assertEquals("two", two.path());
    assertEquals(3, two.addedLines().get(2).newLine());
  }

  @Test
  @DisplayName("a truncated hunk keeps the lines present and the next file still parses")
  void truncatedHunk() {
    Diff d = DiffParser.parse(lines(
        "diff --git a/t.js b/t.js",
        "--- a/t.js",
        "+++ b/t.js",
        "@@ -1,7 +1,7 @@",
        " a",
        "-b",
        "+c",
        "diff --git a/u.js b/u.js",
        "--- a/u.js",
        "+++ b/u.js",
        "@@ -1 +1 @@",
        "-d",
        "+e"));
    assertEquals(2, d.fileCount());
    assertEquals(3, d.files().get(0).hunks().get(0).lines().size());
    assertEquals(List.of(line(LineKind.ADDED, 0, 1, "e")), d.files().get(1).addedLines());
  }

  @Test
  @DisplayName("content lines past the header's counts are still read (hand-edited counts)")
  void overlongHunk() {
    FileDiff f = only(DiffParser.parse(lines(
        "--- a/h.py",
        "+++ b/h.py",
        "@@ -1,1 +1,1 @@",
        " a",
        "+b",
        "+c",
        " d")));
    assertEquals(List.of(line(LineKind.ADDED, 0, 2, "b"), line(LineKind.ADDED, 0, 3, "c")),
        f.addedLines());
    assertEquals(line(LineKind.CONTEXT, 2, 4, "d"), f.hunks().get(0).lines().get(3));
  }

  @Test
  @DisplayName("a blank line inside a hunk is an empty context line")
  void blankContextLine() {
    FileDiff f = only(DiffParser.parse(lines(
        "--- a/b.txt",
        "+++ b/b.txt",
        "@@ -1,3 +1,4 @@",
        " a",
        "",
        "+x",
        " c")));
    assertEquals(line(LineKind.CONTEXT, 2, 2, ""), f.hunks().get(0).lines().get(1));
    assertEquals(List.of(line(LineKind.ADDED, 0, 3, "x")), f.addedLines());
  }

  @Test
  @DisplayName("format-patch mail headers, message and signature are ignored")
  void formatPatch() {
    FileDiff f = only(DiffParser.parse(lines(
        "From 1234567890abcdef Mon Sep 17 00:00:00 2001",
        "From: Dev <dev@example.com>",
        "Subject: [PATCH] fix",
        "",
        "  - indented message line",
        "+ not a diff line",
        "---",
        " f.txt | 2 +-",
        " 1 file changed",
        "",
        "diff --git a/f.txt b/f.txt",
        "index 1..2 100644",
        "--- a/f.txt",
        "+++ b/f.txt",
        "@@ -1 +1 @@",
        "-a",
        "+b",
        "-- ",
        "2.43.0",
        "")));
    assertEquals("f.txt", f.path());
    assertEquals(2, f.hunks().get(0).lines().size());
  }

  @Test
  @DisplayName("a hunk with no file header belongs to a file with the empty path")
  void bareHunk() {
    FileDiff f = only(DiffParser.parse(lines("@@ -1 +1 @@", "-a", "+b")));
    assertEquals("", f.path());
    assertEquals(1, f.addedLines().size());
  }

  @Test
  @DisplayName("empty and whitespace-only input yields Diff.EMPTY")
  void emptyInput() {
    assertSame(Diff.EMPTY, DiffParser.parse(""));
    assertSame(Diff.EMPTY, DiffParser.parse(" \n\t\r\n"));
  }

  @Test
  @DisplayName("text with no diff in it is refused with invalid_diff and a short message")
  void notADiff() {
    DiffParseException e = assertThrows(DiffParseException.class,
        () -> DiffParser.parse("hello world\nthis is not a diff\n"));
    assertEquals("invalid_diff", e.code());
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
    assertFalse(e.getMessage().contains("hello"));
  }

  @Test
  @DisplayName("a malformed hunk header inside a file is refused naming its line")
  void malformedHunkHeader() {
    DiffParseException e = assertThrows(DiffParseException.class,
        () -> DiffParser.parse(lines("--- a/x", "+++ b/x", "@@ -1,2 +1,x @@", "-a")));
    assertTrue(e.getMessage().startsWith("line 3:"), e.getMessage());
  }

  @Test
  @DisplayName("a 1 MB single line of non-diff text is refused without echoing it")
  void oneMegabyteLine() {
    String big = "x".repeat(1 << 20);
    DiffParseException e = assertThrows(DiffParseException.class, () -> DiffParser.parse(big));
    assertTrue(e.getMessage().length() < 200);
  }

  @Test
  @DisplayName("a 1 MB added line parses whole")
  void oneMegabyteAddedLine() {
    String big = "\"\\".repeat(1 << 19);
    FileDiff f = only(DiffParser.parse(lines("--- a/x", "+++ b/x", "@@ -0,0 +1 @@", "+" + big)));
    assertEquals(big, f.addedLines().get(0).text());
  }

  @Test
  @DisplayName("a 1 MB adversarial diff --git line parses and the next file is read")
  void oneMegabyteHeaderLine() {
    Diff d = DiffParser.parse(lines(
        "diff --git \"a/" + "\\\" \"".repeat(1 << 18),
        "diff --git " + "a/ b/ ".repeat(1 << 17) + "\"",
        "diff --git a/x b/x",
        "--- a/x",
        "+++ b/x",
        "@@ -1 +1 @@",
        "-a",
        "+b"));
    assertEquals(3, d.fileCount());
    assertEquals("x", d.files().get(2).path());
  }

  @Test
  @DisplayName("a 10 MB diff of many files parses")
  void tenMegabyteDiff() {
    String diff = bigDiff(10 << 20);
    Diff d = DiffParser.parse(diff);
    assertTrue(d.fileCount() > 1000);
    assertEquals(d.fileCount() * 40, d.addedLineCount());
  }

  /** @return a git diff of at least {@code bytes} characters: files of 40 added, 40 removed */
  static String bigDiff(int bytes) {
    StringBuilder sb = new StringBuilder(bytes + 8192);
    for (int n = 0; sb.length() < bytes; n++) {
      sb.append("diff --git a/src/F").append(n).append(".java b/src/F").append(n).append(".java\n")
          .append("index 1111111..2222222 100644\n")
          .append("--- a/src/F").append(n).append(".java\n")
          .append("+++ b/src/F").append(n).append(".java\n")
          .append("@@ -1,50 +1,50 @@ class F {\n");
      for (int i = 0; i < 40; i++) {
        sb.append("-    String q = \"SELECT * FROM t WHERE id = \" + id").append(i).append(";\n");
        sb.append("+    String q = \"SELECT * FROM t WHERE id = ?\"; // ").append(i).append('\n');
      }
      for (int i = 0; i < 10; i++) {
        sb.append("     int unchanged").append(i).append(" = ").append(i).append(";\n");
      }
    }
    return sb.toString();
  }
}
