package dev.synapse.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Path handling for diff headers: git's C-style quoting, splitting the two paths of a
 * {@code diff --git} line, cutting the timestamp off {@code ---}/{@code +++} lines and removing
 * the {@code a/}/{@code b/} prefixes. Stateless; every method runs in time linear in its input.
 *
 * <p>Quoting follows git's {@code quote.c} ({@code quote_c_style}): a quoted path is wrapped in
 * double quotes and uses the escapes {@code \a \b \t \n \v \f \r \" \\} and three-digit octal
 * bytes ({@code \303\251}) that are decoded as UTF-8.
 */
final class GitPath {
  /** The path git writes for the missing side of an added or deleted file. */
  static final String DEV_NULL = "/dev/null";

  /** First letters of the old-side prefixes git writes ({@code a/}, or mnemonic c/ i/ o/ w/). */
  private static final String OLD_PREFIXES = "aciow";
  /** First letters of the new-side prefixes git writes ({@code b/}, or mnemonic c/ i/ o/ w/). */
  private static final String NEW_PREFIXES = "bciow";

  private GitPath() {}

  /** A decoded quoted path and the index just after its closing quote. */
  record Quoted(String value, int end) {}

  /**
   * Decodes a git-quoted path starting at {@code start} (which must hold a double quote).
   *
   * @return the decoded path and the index after the closing quote, or null when the text is not
   *     a well-formed quoted path
   */
  static Quoted unquote(String s, int start) {
    if (start >= s.length() || s.charAt(start) != '"') {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        return new Quoted(bytes.toString(StandardCharsets.UTF_8), i + 1);
      }
      if (c < 0x80 && c != '\\') {
        bytes.write(c);
        i++;
        continue;
      }
      if (c != '\\') {
        int cp = s.codePointAt(i);
        byte[] enc = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        bytes.write(enc, 0, enc.length);
        i += Character.charCount(cp);
        continue;
      }
      if (i + 1 >= s.length()) {
        return null;
      }
      char e = s.charAt(i + 1);
      int simple = simpleEscape(e);
      if (simple >= 0) {
        bytes.write(simple);
        i += 2;
      } else if (e >= '0' && e <= '7') {
        int v = 0;
        int j = i + 1;
        while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
          v = v * 8 + (s.charAt(j) - '0');
          j++;
        }
        bytes.write(v & 0xFF);
        i = j;
      } else {
        return null;
      }
    }
    return null;
  }

  private static int simpleEscape(char e) {
    switch (e) {
      case 'a': return 7;
      case 'b': return '\b';
      case 't': return '\t';
      case 'n': return '\n';
      case 'v': return 11;
      case 'f': return '\f';
      case 'r': return '\r';
      case '"': return '"';
      case '\\': return '\\';
      default: return -1;
    }
  }

  /**
   * Reads a path that fills the rest of a header line ({@code rename from X}, {@code copy to X}):
   * unquoted when it is quoted, otherwise taken as is.
   */
  static String whole(String s) {
    if (!s.isEmpty() && s.charAt(0) == '"') {
      Quoted q = unquote(s, 0);
      if (q != null && q.end() == s.length()) {
        return q.value();
      }
    }
    return s;
  }

  /**
   * Reads the path of a {@code ---} or {@code +++} line (text after the marker and space): a
   * quoted path is decoded; otherwise the path ends at the first TAB, which is where
   * {@code diff -u} puts its timestamp and where git ends a path that holds spaces.
   */
  static String fileLinePath(String s) {
    if (!s.isEmpty() && s.charAt(0) == '"') {
      Quoted q = unquote(s, 0);
      if (q != null) {
        return q.value();
      }
    }
    int tab = s.indexOf('\t');
    return tab >= 0 ? s.substring(0, tab) : s;
  }

  /**
   * Splits the text after {@code diff --git } into the old and new path, still carrying their
   * prefixes. Quoted paths are decoded. Unquoted paths that contain spaces are split where both
   * halves name the same file (what git writes for anything but a rename or copy); failing that,
   * before the first {@code " b/"}-like prefix, failing that at the first space.
   *
   * @return {old, new}, or null when the text cannot be split
   */
  static String[] splitGitHeader(String rest) {
    if (rest.isEmpty()) {
      return null;
    }
    if (rest.charAt(0) == '"') {
      Quoted first = unquote(rest, 0);
      if (first == null || first.end() >= rest.length() || rest.charAt(first.end()) != ' ') {
        return null;
      }
      return new String[] {first.value(), whole(rest.substring(first.end() + 1))};
    }
    if (rest.charAt(rest.length() - 1) == '"') {
      for (int p = rest.indexOf(" \""); p >= 0; p = rest.indexOf(" \"", p + 1)) {
        Quoted second = unquote(rest, p + 1);
        if (second != null && second.end() == rest.length()) {
          return new String[] {rest.substring(0, p), second.value()};
        }
      }
    }
    int n = rest.length();
    if (n % 2 == 1 && rest.charAt(n / 2) == ' ') {
      String left = rest.substring(0, n / 2);
      String right = rest.substring(n / 2 + 1);
      if (samePath(left, right)) {
        return new String[] {left, right};
      }
    }
    if (hasOldPrefix(rest)) {
      for (int p = rest.indexOf(' '); p >= 0; p = rest.indexOf(' ', p + 1)) {
        if (isPrefixPair(rest, rest.substring(p + 1))) {
          return new String[] {rest.substring(0, p), rest.substring(p + 1)};
        }
      }
    }
    int space = rest.indexOf(' ');
    return space < 0 ? null : new String[] {rest.substring(0, space), rest.substring(space + 1)};
  }

  private static boolean samePath(String left, String right) {
    if (isPrefixPair(left, right)) {
      return left.length() == right.length()
          && left.regionMatches(2, right, 2, left.length() - 2);
    }
    return left.equals(right);
  }

  /** @return true when {@code s} starts with an old-side prefix such as {@code a/} */
  static boolean hasOldPrefix(String s) {
    return s.length() > 2 && s.charAt(1) == '/' && OLD_PREFIXES.indexOf(s.charAt(0)) >= 0;
  }

  /** @return true when {@code s} starts with a new-side prefix such as {@code b/} */
  static boolean hasNewPrefix(String s) {
    return s.length() > 2 && s.charAt(1) == '/' && NEW_PREFIXES.indexOf(s.charAt(0)) >= 0;
  }

  /**
   * @return true when the two paths carry a matching pair of git prefixes ({@code a/} and
   *     {@code b/}, or two different mnemonic prefixes); false for {@code --no-prefix} paths
   */
  static boolean isPrefixPair(String oldPath, String newPath) {
    return hasOldPrefix(oldPath) && hasNewPrefix(newPath) && oldPath.charAt(0) != newPath.charAt(0);
  }

  /** @return the path without its two-character prefix */
  static String strip(String path) {
    return path.substring(2);
  }

  /**
   * Decides whether the {@code ---}/{@code +++} paths of a diff without a {@code diff --git}
   * line carry a leading directory to drop, as {@code patch -p1} would: both sides carry git
   * prefixes, or both have a different first directory and the same remainder
   * ({@code old/src/x.c}, {@code new/src/x.c}). A {@code /dev/null} side is ignored and the
   * other side is stripped only when it starts with {@code a/} (old) or {@code b/} (new).
   *
   * @param oldPath old path or null for /dev/null
   * @param newPath new path or null for /dev/null
   * @return true when the first path component should be dropped from both
   */
  static boolean plainPrefixed(String oldPath, String newPath) {
    if (oldPath == null) {
      return newPath != null && newPath.startsWith("b/") && newPath.length() > 2;
    }
    if (newPath == null) {
      return oldPath.startsWith("a/") && oldPath.length() > 2;
    }
    if (isPrefixPair(oldPath, newPath)) {
      return true;
    }
    int so = oldPath.indexOf('/');
    int sn = newPath.indexOf('/');
    return so > 0 && sn > 0 && so + 1 < oldPath.length()
        && !oldPath.regionMatches(0, newPath, 0, Math.max(so, sn) + 1)
        && oldPath.substring(so).equals(newPath.substring(sn));
  }

  /** @return the path without its first directory component */
  static String dropFirstComponent(String path) {
    return path.substring(path.indexOf('/') + 1);
  }
}
