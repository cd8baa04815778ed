package dev.synapse.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.Config;
import dev.synapse.agent.AgentNames;
import dev.synapse.config.SynapseConfig;
import dev.synapse.node.SynapseNode;
import dev.synapse.signal.Addresses;
import dev.synapse.signal.ReviewSummary;
import dev.synapse.signal.Signal;
import dev.synapse.signal.SignalCodec;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A member whose performance specialist takes requests and never answers (what a frozen or
 * partitioned member looks like before it is declared gone, and what a stalled one looks like
 * for ever): the coordinator of a live node asks its own specialist once the request has gone
 * unanswered for one action timeout plus a second, so every review still gets the performance
 * results instead of "No response from performance_specialist" after the whole deadline.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SpecialistHedgeTest {
  private SynapseNode node;
  private Vertx stalled;

  @AfterEach
  void stop() throws Exception {
    if (stalled != null) stalled.close().await(30, TimeUnit.SECONDS);
    if (node != null) node.close().await(30, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("reviews whose specialist request went to a member that never answers still get that specialist's results")
  void unansweredRequestIsHedgedLocally() throws Exception {
    String name = ClusterTestSupport.uniqueClusterName();
    int pa = ClusterTestSupport.freePort();
    int pc = ClusterTestSupport.freePort();
    node = SynapseNode.startClustered(ClusterTestSupport.config(name, pa, List.of(pa, pc))).await(60, TimeUnit.SECONDS);
    SynapseConfig liteConfig = ClusterTestSupport.config(name, pc, List.of(pa, pc));
    Config hz = HazelcastConfigFactory.build(liteConfig).setLiteMember(true);
    stalled = Vertx.builder().withClusterManager(new io.vertx.spi.cluster.hazelcast.HazelcastClusterManager(hz))
        .buildClustered().await(60, TimeUnit.SECONDS);
    stalled.eventBus().registerDefaultCodec(Signal.class, new SignalCodec());
    AtomicInteger swallowed = new AtomicInteger();
    stalled.eventBus().<Signal>consumer(Addresses.agent(AgentNames.PERFORMANCE), m -> swallowed.incrementAndGet())
        .completion().await(30, TimeUnit.SECONDS);
    ClusterAwait.members(node, 2);
    Thread.sleep(1000); // the registration reaches the node's event bus

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String id = "hedge-" + i;
      ids.add(id);
      node.reviews().submit(ClusterTestSupport.request(id)).await(30, TimeUnit.SECONDS);
    }
    for (String id : ids) {
      ReviewSummary s = node.reviews().awaitSummary(id, 60_000).await(70, TimeUnit.SECONDS);
      assertEquals(ReviewSummary.COMPLETE, s.status(), id);
      assertTrue(s.specialistsResolved().contains(AgentNames.PERFORMANCE), id + ": " + s.toJson().encode());
      assertEquals(List.of(), s.specialistsFailed(), id);
    }
    assertTrue(swallowed.get() >= 1, "some requests went to the member that never answers: " + swallowed.get());
  }
}
