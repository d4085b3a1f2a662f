package dev.softphone.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Collects failures raised away from the test thread (listeners, plugin threads, the kit's own checks running on
 * the phone's lane) so the test fails on its own thread at the end, with every failure listed. A failure thrown on
 * a callback thread would otherwise only be logged, and the test would pass. Thread-safe.
 */
final class AsyncFailures {
    private final List<String> failures = new ArrayList<>();
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private Throwable first;

    /**
     * Records a contract violation found by a check.
     *
     * @param message what is wrong, starting with the rule id
     */
    synchronized void violation(String message) {
        failures.add(message + " [on thread " + Thread.currentThread().getName() + "]");
    }

    /**
     * Records an exception that escaped on some thread.
     *
     * @param thread where
     * @param error  what
     */
    synchronized void uncaught(Thread thread, Throwable error) {
        if (!seen.add(error)) {
            return;
        }
        if (first == null) {
            first = error;
        }
        failures.add("uncaught " + error + " on thread " + thread.getName());
    }

    /**
     * @param task a task a plugin hands to an executor or scheduler
     * @return the task, recording what escapes it before the executor swallows it (and then rethrowing it)
     */
    Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                uncaught(Thread.currentThread(), e);
                throw e;
            }
        };
    }

    /** @return the failures so far */
    synchronized List<String> all() {
        return List.copyOf(failures);
    }

    /**
     * Fails when anything was recorded.
     *
     * @throws AssertionError listing every failure, with the first exception as cause
     */
    synchronized void assertNone() {
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " failure(s) away from the test thread:\n  "
                    + String.join("\n  ", failures));
            if (first != null) {
                error.initCause(first);
            }
            throw error;
        }
    }
}
