package dev.softphone.spi;

import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What core gives a driver: its configuration, time, threads, and the two channels to report what it sees.
 * Thread-safe: {@link #observe(Observation)} and {@link #signal(Signal)} may be called from any thread; core queues
 * them on the phone's serial lane in call order.
 */
public interface PluginContext {

    /** @return the phone's id */
    String phoneId();

    /** @return the plugin's namespace of the phone's configuration */
    PluginConfig config();

    /** @return the phone's clock (tests control it) */
    Clock clock();

    /** @return the scheduler for the driver's timers (tests control it); shared, never shut it down */
    ScheduledExecutorService scheduler();

    /** @return an executor for blocking work (HTTP calls); shared, never shut it down */
    Executor executor();

    /**
     * Reports the whole current picture after a change.
     *
     * @param observation agent presence and every call
     */
    void observe(Observation observation);

    /**
     * Reports something that is not state.
     *
     * @param signal the happening
     */
    void signal(Signal signal);
}
