package dev.synapse.ops;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A validated snapshot read from disk.
 *
 * @param file where it was read from
 * @param createdAt when it was taken
 * @param nodeId the node that took it
 * @param appVersion the Synapse version that wrote it
 * @param sections state sections by name (e.g. {@code agents}, {@code reviews})
 */
public record Snapshot(Path file, Instant createdAt, String nodeId, String appVersion, JsonObject sections) {}
