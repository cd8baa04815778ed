package dev.synapse.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.synapse.agent.AgentNames;
import dev.synapse.agent.LearnedPatterns;
import dev.synapse.config.ConfigLoader;
import dev.synapse.node.SynapseNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code synapse remote suppressions [--revoke ID]} against a real node on loopback. */
class RemoteSuppressionsTest {
  private static SynapseNode node;

  @BeforeAll
  static void start() throws Exception {
    node = SynapseNode.start(ConfigLoader.load(null, Map.of("SYNAPSE_HTTP_PORT", "0",
        "SYNAPSE_HTTP_HOST", "127.0.0.1"), null), true).await(60, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close().await(10, TimeUnit.SECONDS);
  }

  private record Run(int exit, String out) {}

  private static Run remote(String... args) {
    RemoteCommand cmd = new RemoteCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    cmd.err = cmd.out;
    String[] all = new String[args.length + 2];
    all[0] = "--url";
    all[1] = "http://127.0.0.1:" + node.httpPort();
    System.arraycopy(args, 0, all, 2, args.length);
    int exit = new CommandLine(cmd).execute(all);
    return new Run(exit, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("remote suppressions lists who suppressed what where and when; --revoke ID removes it; an unknown id exits 3")
  void listAndRevoke() {
    LearnedPatterns learned = node.context().agents().state(AgentNames.SECURITY).learned();
    LearnedPatterns.Pattern p = new LearnedPatterns.Pattern("acme/cli", "fp-cli-1", "sql_injection",
        LearnedPatterns.FALSE_POSITIVE, "checked by hand", Instant.parse("2026-01-02T03:04:05Z"), "bearer");
    learned.learn(p);
    Run list = remote("suppressions");
    assertEquals(0, list.exit(), list.out());
    assertTrue(list.out().contains(p.id()) && list.out().contains("repository acme/cli") && list.out().contains("by bearer")
        && list.out().contains("2026-01-02T03:04:05Z") && list.out().contains("fp-cli-1"), list.out());

    Run revoke = remote("suppressions", "--revoke", p.id());
    assertEquals(0, revoke.exit(), revoke.out());
    assertTrue(revoke.out().contains("revoked " + p.id()), revoke.out());
    assertTrue(learned.list().stream().noneMatch(x -> x.id().equals(p.id())));

    Run again = remote("suppressions", "--revoke", p.id());
    assertEquals(Main.EXIT_FAILURE, again.exit(), again.out());
    assertEquals(Main.EXIT_USAGE, remote("health", "--revoke", p.id()).exit());
  }
}
