package dev.synapse.analysis.performance;

import dev.synapse.analysis.AnalysisContext;
import dev.synapse.diff.FileDiff;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@link FileView}s of a review once and shares them between the performance checks. */
final class FileViews {
  private record Key(String kind) {}

  private static final Key KEY = new Key("performance.file-views");

  private FileViews() {}

  private static boolean notOwned(String path) {
    String p = "/" + path.toLowerCase(java.util.Locale.ROOT);
    for (String s : NOT_OWNED) if (p.contains(s)) return true;
    return false;
  }

  /** Path fragments of vendored, minified or generated files, which reviewers do not own. */
  private static final String[] NOT_OWNED = {"node_modules/", "/vendor/", "vendor/bundle/", ".min.js",
      ".min.css", "/dist/", ".pb.go", "_pb2.py", ".generated.", "/generated/", ".g.cs", ".designer.cs"};

  /**
   * @param context the review
   * @return a view per changed text file (binary entries, files without hunks and vendored,
   *     minified or generated files are skipped)
   */
  static List<FileView> of(AnalysisContext context) {
    return context.memo(KEY, k -> {
      List<FileView> out = new ArrayList<>();
      for (FileDiff f : context.diff().files()) {
        if (f.binary() || f.hunks().isEmpty() || notOwned(f.path())) continue;
        out.add(FileView.of(context, f));
      }
      return List.copyOf(out);
    });
  }
}
