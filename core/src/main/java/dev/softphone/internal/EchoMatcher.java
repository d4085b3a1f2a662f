package dev.softphone.internal;

import dev.softphone.PhoneEvent;
import dev.softphone.spi.DriverCommand;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Decides an event's origin: {@code APPLICATION} when it is the echo of a command this phone sent within the matching
 * window, {@code SOFTPHONE} otherwise. Each command registers the event types it is expected to cause; each
 * expectation is consumed by the first matching event, so a second, identical change made by hand later is
 * reported as {@code SOFTPHONE}. Used on the phone's lane only.
 */
public final class EchoMatcher {

    private record Expectation(Object token, Class<? extends PhoneEvent> type, String callId, Instant until) {
    }

    private final Duration window;
    private final List<Expectation> expectations = new ArrayList<>();

    /**
     * @param window how long after a command its echo still counts as the application's
     */
    public EchoMatcher(Duration window) {
        this.window = window;
    }

    /**
     * Registers what a command is expected to cause.
     *
     * @param token   identifies the command, to withdraw its expectations if it fails
     * @param command the command
     * @param now     the phone clock's now
     */
    public void expect(Object token, DriverCommand command, Instant now) {
        Instant until = now.plus(window);
        for (Class<? extends PhoneEvent> type : EchoTable.expectedEvents(command)) {
            expectations.add(new Expectation(token, type, EchoTable.callIdOf(command), until));
        }
    }

    /**
     * Withdraws the expectations of a command that failed or timed out.
     *
     * @param token the command's token
     */
    public void withdraw(Object token) {
        expectations.removeIf(e -> e.token == token);
    }

    /**
     * Consumes the first live expectation for this event, if any.
     *
     * @param type   the event's type
     * @param callId the event's call id, or null for agent events
     * @param now    the phone clock's now
     * @return true when the event is the echo of a command of this phone
     */
    public boolean consume(Class<? extends PhoneEvent> type, String callId, Instant now) {
        for (Iterator<Expectation> it = expectations.iterator(); it.hasNext(); ) {
            Expectation e = it.next();
            if (e.until.isBefore(now)) {
                it.remove();
                continue;
            }
            if (e.type == type && (e.callId == null || callId == null || e.callId.equals(callId))) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** @return how many expectations are live (for tests and memory checks) */
    public int size() {
        return expectations.size();
    }
}
