package dev.synapse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code java -jar synapse.jar} and {@code bin/synapse}: picocli dispatches to the
 * sub-commands. Exit codes: 0 success, 1 the review met {@code --fail-on}, 2 usage or input
 * error, 3 the service failed.
 */
@Command(name = "synapse", mixinStandardHelpOptions = true, version = "synapse 0.1.0",
    description = "Clustered, event-driven code-review service.",
    subcommands = {StartCommand.class, ReviewCommand.class, DemoCommand.class, RemoteCommand.class, BackupCommand.class, RestoreCommand.class, EvalCommand.class, RulesCommand.class})
public final class Main implements Runnable {
  /** Exit code: the review's severity met {@code --fail-on}. */
  public static final int EXIT_GATE = 1;
  /** Exit code: bad usage or input. */
  public static final int EXIT_USAGE = 2;
  /** Exit code: the service or review failed. */
  public static final int EXIT_FAILURE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** @param args command-line arguments */
  public static void main(String[] args) {
    if (args.length == 0 || !"start".equals(args[0])) {
      // keep stdout for the command's output (JSON, SARIF); logs go to stderr
      System.setProperty("SYNAPSE_LOG_TARGET", "System.err");
    }
    System.exit(commandLine().execute(args));
  }

  /** @return the configured picocli command line (tests call {@code execute} on it) */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    // picocli consults this mapper for parse errors too: usage errors (unknown option or
    // command, missing parameter) must stay EXIT_USAGE, not become a service failure
    cl.setExitCodeExceptionMapper(
        t -> t instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_FAILURE);
    cl.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
