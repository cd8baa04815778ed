package dev.synapse.config;

/** A configuration value is invalid; the message names the key. Stops start-up. */
public final class ConfigException extends RuntimeException {
  /** @param message what is wrong, naming the key and the accepted values */
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
