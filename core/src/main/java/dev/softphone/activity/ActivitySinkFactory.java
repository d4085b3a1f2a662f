package dev.softphone.activity;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Creates sinks from text configuration; discovered with {@link java.util.ServiceLoader} (register the implementation
 * in {@code META-INF/services/dev.softphone.activity.ActivitySinkFactory}). The built-in ids are {@code queuemetrics},
 * {@code ga4}, {@code jsonl} and {@code slf4j}; see {@code docs/reporting.md} for their keys.
 */
public interface ActivitySinkFactory {

    /** @return the id applications name in {@link ActivityReporting.Builder#sink(String, Map)} */
    String id();

    /**
     * Checks a configuration without creating anything.
     *
     * @param config the keys and values
     * @return every problem, each in words that say how to fix it; empty when the configuration is usable
     */
    List<String> validate(Map<String, String> config);

    /**
     * Creates the sink; called only with a configuration that {@link #validate(Map)} accepted.
     *
     * @param config the keys and values
     * @param clock  the reporting's clock
     * @return the sink
     */
    ActivitySink create(Map<String, String> config, Clock clock);
}
