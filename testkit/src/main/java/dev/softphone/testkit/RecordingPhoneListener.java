package dev.softphone.testkit;

import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEventJson;
import dev.softphone.PhoneListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records every event a phone delivers, for assertions ({@link PhoneEventAssert}). Thread-safe. For phones that run
 * on real threads (sockets, HTTP), {@link #await(Predicate, Duration)} blocks until a matching event arrives, without
 * sleeping.
 */
public final class RecordingPhoneListener implements PhoneListener {
    private final List<PhoneEvent> events = new ArrayList<>();

    @Override
    public void onEvent(PhoneEvent event) {
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    /** @return the events so far, in delivery order */
    public List<PhoneEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** @return the simple type names of the events so far */
    public List<String> types() {
        return events().stream().map(PhoneEvent::type).toList();
    }

    /** @return the events as JSON lines (DESIGN §5) */
    public List<String> json() {
        return events().stream().map(PhoneEventJson::toJson).toList();
    }

    /**
     * @param type an event type
     * @param <T>  the type
     * @return the events of that type
     */
    public <T extends PhoneEvent> List<T> ofType(Class<T> type) {
        return events().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Forgets the events so far. */
    public void clear() {
        synchronized (events) {
            events.clear();
        }
    }

    /**
     * Waits until an event matches.
     *
     * @param condition what to wait for
     * @param timeout   the most to wait
     * @return the first matching event
     * @throws AssertionError listing the events seen when none matched in time
     */
    public PhoneEvent await(Predicate<PhoneEvent> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (true) {
                for (PhoneEvent e : events) {
                    if (condition.test(e)) {
                        return e;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching event within " + timeout + "; events: " + types());
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting for an event", e);
                }
            }
        }
    }

    /**
     * Waits until an event of a type arrives.
     *
     * @param type    the type
     * @param timeout the most to wait
     * @param <T>     the type
     * @return the first event of that type
     */
    public <T extends PhoneEvent> T await(Class<T> type, Duration timeout) {
        return type.cast(await(type::isInstance, timeout));
    }

    /**
     * Waits until at least {@code count} events were recorded.
     *
     * @param count   how many
     * @param timeout the most to wait
     */
    public void awaitCount(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (events.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " events within " + timeout + ", got "
                            + events.size() + ": " + types());
                }
                try {
                    events.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }
}
