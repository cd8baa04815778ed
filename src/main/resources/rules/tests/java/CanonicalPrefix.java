// java.nio.file.Path.startsWith compares path components (correct); String.startsWith on
// getCanonicalPath() does not (rules/removed-protection.yml, flawed_checks.*).
import java.io.File;
import java.io.IOException;

class CanonicalPrefix {
  void entry(File destDir, String base, String name) throws IOException {
    File dest = new File(destDir, name);
    // ok: path_traversal
    if (!dest.toPath().normalize().startsWith(destDir.toPath().normalize())) throw new IOException(name);
    String canonical = dest.getCanonicalPath();
    // ruleid: path_traversal
    if (!canonical.startsWith(base)) throw new IOException(name);
  }
}
