package dev.synapse.cli;

import dev.synapse.eval.EvalReport;
import dev.synapse.eval.Evaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code synapse eval CORPUS.jsonl}: runs every check on each case of a corpus in the format of
 * DESIGN.md section 4 and prints precision and recall per category and per language, with the
 * misses and false alarms. With {@code --check-targets} the exit code is 1 when a target of
 * issue 4 is missed (overall precision 0.90, recall 0.85, every category and language 0.75).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Measure detection quality (precision/recall) on a review corpus (JSONL).")
public final class EvalCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "CORPUS.jsonl", description = "corpus file, one case per line")
  Path corpus;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text (default) or json")
  String format = "text";

  @Option(names = "--check-targets", description = "exit 1 when a quality target is missed")
  boolean checkTargets;

  @Override
  public Integer call() {
    if (!List.of("text", "json").contains(format)) {
      System.err.println("synapse eval: --format must be text or json");
      return Main.EXIT_USAGE;
    }
    if (!Files.isRegularFile(corpus)) {
      System.err.println("synapse eval: no such file: " + corpus);
      return Main.EXIT_USAGE;
    }
    EvalReport report;
    try {
      report = Evaluator.evaluate(corpus);
    } catch (NoSuchFileException e) {
      System.err.println("synapse eval: no such file: " + corpus);
      return Main.EXIT_USAGE;
    } catch (IOException | RuntimeException e) {
      System.err.println("synapse eval: cannot read corpus: " + e.getMessage());
      return Main.EXIT_USAGE;
    }
    System.out.print("json".equals(format) ? report.toJson().encodePrettily() + "\n" : report.toText());
    if (checkTargets) {
      List<String> failures = report.failures(EvalReport.Targets.ISSUE_4);
      failures.forEach(f -> System.err.println("target missed: " + f));
      return failures.isEmpty() ? 0 : Main.EXIT_GATE;
    }
    return 0;
  }
}
