package dev.softphone.internal.context;

import dev.softphone.spi.CallContextStore;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How a phone stores and hands off call contexts, validated by the builder.
 *
 * @param store    the shared store
 * @param executor where blocking store calls run
 * @param timeout  how long the phone waits for the store before it reports the context unavailable
 */
public record ContextSettings(CallContextStore store, Executor executor, Duration timeout) {
}
