package dev.softphone.internal;

import dev.softphone.Origin;
import dev.softphone.PhoneEvent;

import java.time.Clock;

/**
 * Gives each new event its {@link PhoneEvent.Meta}: the next sequence number, the phone clock's time, and the origin
 * decided by the {@link EchoMatcher}. Used on the phone's lane only.
 */
public final class EventStamper {
    private final Clock clock;
    private final EchoMatcher echoes;
    private long seq;

    /**
     * @param clock  the phone's clock
     * @param echoes the phone's echo matcher
     */
    public EventStamper(Clock clock, EchoMatcher echoes) {
        this.clock = clock;
        this.echoes = echoes;
    }

    /**
     * Stamps an event about to be created.
     *
     * @param type   the event's type
     * @param callId the call it is about, or null
     * @return the meta for the event
     */
    public PhoneEvent.Meta next(Class<? extends PhoneEvent> type, String callId) {
        var now = clock.instant();
        Origin origin = echoes.consume(type, callId, now) ? Origin.APPLICATION : Origin.SOFTPHONE;
        return new PhoneEvent.Meta(++seq, now, origin);
    }

    /**
     * Stamps an event whose origin is already known (for example a logout the application asked for).
     *
     * @param origin the origin
     * @return the meta for the event
     */
    public PhoneEvent.Meta next(Origin origin) {
        return new PhoneEvent.Meta(++seq, clock.instant(), origin);
    }

    /** @return the last sequence number given out */
    public long lastSeq() {
        return seq;
    }
}
