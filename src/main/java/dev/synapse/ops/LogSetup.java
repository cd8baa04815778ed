package dev.synapse.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import dev.synapse.config.SynapseConfig;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Applies the logging settings of the configuration to logback at start-up, in code rather than
 * with {@code <if>} in {@code logback.xml} (which would need janino):
 * <ul>
 *   <li>{@code log_level} (LOG_LEVEL) sets the root level;</li>
 *   <li>{@code log_json} (SYNAPSE_LOG_JSON) switches the console (and file) to JSON lines
 *       (logback's {@link JsonEncoder}: timestamp, level, thread, logger, MDC, key-value pairs
 *       and the formatted message; never the raw argument array);</li>
 *   <li>{@code log_file} (SYNAPSE_LOG_FILE) adds a rolling file: {@value #MAX_FILE_SIZE} per
 *       file, the active file plus {@value #KEEP_FILES} rolled files {@code <file>.1 …}
 *       (fixed window, oldest dropped);</li>
 *   <li>system property {@code synapse.log.console=false} (set by {@code bin/synapse daemon})
 *       detaches the console appender when a file is configured.</li>
 * </ul>
 * Call once, from the thread that starts the node, before the node starts. Does nothing when
 * SLF4J is not bound to logback.
 */
public final class LogSetup {
  /** Size at which the log file rolls. */
  public static final String MAX_FILE_SIZE = "10MB";
  /** Rolled files kept besides the active one. */
  public static final int KEEP_FILES = 5;
  /**
   * How often the file size is checked, in ms (logback's default is 60 s, which lets a busy
   * node overshoot the 10 MB limit by a minute of logging).
   */
  public static final long SIZE_CHECK_MS = 1000;
  /** Name of the console appender in {@code logback.xml}. */
  public static final String CONSOLE = "CONSOLE";
  /** Name of the rolling file appender added here. */
  public static final String FILE = "FILE";
  /** Text layout shared by the console and the file: key-value pairs follow the message. */
  public static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg %kvp%n";

  private LogSetup() {}

  /**
   * @param config the validated configuration
   * @return true when logback was configured, false when another SLF4J backend is bound
   */
  public static boolean apply(SynapseConfig config) {
    return apply(config, SIZE_CHECK_MS);
  }

  /** As {@link #apply(SynapseConfig)}, checking the file size at most every {@code sizeCheckMs} ms (tests). */
  static boolean apply(SynapseConfig config, long sizeCheckMs) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx)) return false;
    Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.toLevel(config.logLevel().toUpperCase(Locale.ROOT), Level.INFO));
    Appender<ILoggingEvent> console = root.getAppender(CONSOLE);
    if (config.logJson() && console instanceof OutputStreamAppender<ILoggingEvent> osa) {
      osa.stop();
      osa.setEncoder(jsonEncoder(ctx));
      osa.start();
    }
    if (config.logFile() != null) {
      root.detachAppender(FILE);
      root.addAppender(fileAppender(ctx, config.logFile(), config.logJson(), sizeCheckMs));
      if ("false".equalsIgnoreCase(System.getProperty("synapse.log.console")) && console != null) {
        root.detachAppender(console);
        console.stop();
      }
    }
    return true;
  }

  private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext ctx) {
    JsonEncoder json = new JsonEncoder();
    json.setContext(ctx);
    json.setWithSequenceNumber(false);
    json.setWithNanoseconds(false);
    json.setWithContext(false);
    json.setWithMessage(false);
    json.setWithArguments(false);
    json.setWithFormattedMessage(true);
    json.start();
    return json;
  }

  private static Encoder<ILoggingEvent> textEncoder(LoggerContext ctx) {
    PatternLayoutEncoder enc = new PatternLayoutEncoder();
    enc.setContext(ctx);
    enc.setPattern(PATTERN);
    enc.start();
    return enc;
  }

  private static Appender<ILoggingEvent> fileAppender(LoggerContext ctx, Path file, boolean json, long sizeCheckMs) {
    RollingFileAppender<ILoggingEvent> app = new RollingFileAppender<>();
    app.setContext(ctx);
    app.setName(FILE);
    app.setFile(file.toString());
    FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
    rolling.setContext(ctx);
    rolling.setParent(app);
    rolling.setFileNamePattern(file + ".%i");
    rolling.setMinIndex(1);
    rolling.setMaxIndex(KEEP_FILES);
    rolling.start();
    SizeBasedTriggeringPolicy<ILoggingEvent> trigger = new SizeBasedTriggeringPolicy<>();
    trigger.setContext(ctx);
    trigger.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
    trigger.setCheckIncrement(Duration.buildByMilliseconds(sizeCheckMs));
    trigger.start();
    app.setRollingPolicy(rolling);
    app.setTriggeringPolicy(trigger);
    app.setEncoder(json ? jsonEncoder(ctx) : textEncoder(ctx));
    app.start();
    return app;
  }
}
