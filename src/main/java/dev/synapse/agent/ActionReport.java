package dev.synapse.agent;

import dev.synapse.signal.Finding;
import java.util.List;

/**
 * What a specialist's actions produced for one review.
 *
 * @param findings findings kept after suppression
 * @param actionsRun actions that completed (possibly after retries)
 * @param errors one message per action that failed or timed out
 * @param suppressed findings removed by inline suppression or learned false positives
 * @param timedOut number of actions that hit the per-action timeout
 */
public record ActionReport(List<Finding> findings, List<String> actionsRun, List<String> errors,
    int suppressed, int timedOut) {}
