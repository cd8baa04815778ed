package dev.synapse.signal;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.json.JsonObject;

/**
 * Event-bus codec for {@link Signal}: JSON (the CloudEvent structured form) on the wire between
 * cluster nodes, the same instance locally. Register once per Vert.x instance, on every node,
 * with {@code eventBus().registerDefaultCodec(Signal.class, new SignalCodec())}.
 */
public final class SignalCodec implements MessageCodec<Signal, Signal> {
  /** Codec name used in {@code DeliveryOptions.setCodecName}. */
  public static final String NAME = "synapse-signal";

  @Override
  public void encodeToWire(Buffer buffer, Signal signal) {
    Buffer json = signal.toJson().toBuffer();
    buffer.appendInt(json.length());
    buffer.appendBuffer(json);
  }

  @Override
  public Signal decodeFromWire(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    Buffer json = buffer.getBuffer(pos + 4, pos + 4 + length);
    return Signal.fromJson(new JsonObject(json));
  }

  @Override
  public Signal transform(Signal signal) {
    return signal;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public byte systemCodecID() {
    return -1;
  }
}
