package dev.softphone.internal.call;

import dev.softphone.CallStatus;
import dev.softphone.EndedBy;
import dev.softphone.PhoneEvent;
import dev.softphone.internal.EventStamper;
import dev.softphone.spi.ObservedCall;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns consecutive call lists into call events. Used on the phone's lane only. The rules are numbered in
 * {@code docs/transfer-detection.md}.
 */
public final class CallTracker {
    private Map<String, ObservedCall> calls = new LinkedHashMap<>();

    /** @return the calls as last observed, oldest first */
    public List<ObservedCall> calls() {
        return List.copyOf(calls.values());
    }

    /**
     * Diffs the new call list against the known one and appends the events.
     *
     * @param next    every call the softphone shows now
     * @param stamper gives each event its meta
     * @param out     where events go
     */
    public void observe(List<ObservedCall> next, EventStamper stamper, List<PhoneEvent> out) {
        Map<String, ObservedCall> nextById = new LinkedHashMap<>();
        for (ObservedCall call : next) {
            nextById.put(call.callId(), call);
        }
        for (ObservedCall before : calls.values()) {
            if (!nextById.containsKey(before.callId()) && isLive(before.status())) {
                out.add(new PhoneEvent.CallEnded(stamper.next(PhoneEvent.CallEnded.class, before.callId()),
                        before.callId(), EndedBy.UNKNOWN));
            }
        }
        for (ObservedCall now : next) {
            ObservedCall before = calls.get(now.callId());
            CallStatus from = before == null ? null : before.status();
            if (before == null && now.status() != CallStatus.ENDED) {
                out.add(new PhoneEvent.CallOffered(stamper.next(PhoneEvent.CallOffered.class, now.callId()),
                        now.callId(), now.direction(), now.remote(), now.queue()));
            }
            if (from == now.status()) {
                continue;
            }
            switch (now.status()) {
                case CONNECTED -> out.add(new PhoneEvent.CallConnected(
                        stamper.next(PhoneEvent.CallConnected.class, now.callId()), now.callId()));
                case MISSED -> {
                    if (before != null) {
                        out.add(new PhoneEvent.CallMissed(
                                stamper.next(PhoneEvent.CallMissed.class, now.callId()), now.callId()));
                    }
                }
                case ENDED -> {
                    if (before != null && isLive(from)) {
                        out.add(new PhoneEvent.CallEnded(stamper.next(PhoneEvent.CallEnded.class, now.callId()),
                                now.callId(), EndedBy.UNKNOWN));
                    }
                }
                default -> { }
            }
        }
        calls = nextById;
    }

    private static boolean isLive(CallStatus status) {
        return status == CallStatus.RINGING || status == CallStatus.CONNECTED;
    }
}
