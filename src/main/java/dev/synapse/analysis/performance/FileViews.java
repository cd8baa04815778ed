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

  /**
   * @param context the review
   * @return a view per changed text file (binary entries and files without hunks are skipped)
   */
  static List<FileView> of(AnalysisContext context) {
    return context.memo(KEY, k -> {
      List<FileView> out = new ArrayList<>();
      for (FileDiff f : context.diff().files()) {
        if (f.binary() || f.hunks().isEmpty()) continue;
        out.add(FileView.of(f));
      }
      return List.copyOf(out);
    });
  }
}
