package dev.synapse.analysis.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Developer aid: prints findings for every file in /tmp/bench (skipped when absent). */
class BenchProbeTest {
  @Test
  @DisplayName("prints findings for probe files in /tmp/bench")
  void probe() throws Exception {
    Path dir = Path.of("/tmp/bench");
    Assumptions.assumeTrue(Files.isDirectory(dir));
    try (Stream<Path> files = Files.list(dir).sorted()) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        System.out.println("== " + name);
        SecurityTestDiffs.run(SecurityTestDiffs.newFile("src/" + name, Files.readString(p)))
            .forEach(f -> System.out.println("   " + f.type() + " " + f.line() + " " + f.confidence()
                + " | " + f.summary()));
      }
    }
  }
}
