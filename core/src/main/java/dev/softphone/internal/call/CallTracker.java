package dev.softphone.internal.call;

import dev.softphone.PhoneEvent;
import dev.softphone.internal.EventStamper;
import dev.softphone.spi.ObservedCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns consecutive call lists into call events: offers, answers, misses, holds, consultations, conferences,
 * transfers and ends, whoever caused them. Each call is followed on its own ({@link TrackedCall}); the rules are
 * numbered T1, T2, … in {@code docs/transfer-detection.md}. Bad data about one call is logged and never stops the
 * others. Used on the phone's lane only.
 */
public final class CallTracker {
    private static final Logger LOG = LoggerFactory.getLogger(CallTracker.class);

    private Map<String, TrackedCall> calls = new LinkedHashMap<>();

    /** @return the calls as last observed, in the softphone's order */
    public List<ObservedCall> calls() {
        List<ObservedCall> list = new ArrayList<>(calls.size());
        for (TrackedCall call : calls.values()) {
            list.add(call.last());
        }
        return List.copyOf(list);
    }

    /**
     * Diffs the new call list against the known one and appends the events. Calls no longer shown are handled
     * first (their ends precede the offers of new calls), then each shown call in the softphone's order.
     *
     * @param next    every call the softphone shows now
     * @param stamper gives each event its meta
     * @param out     where events go
     */
    public void observe(List<ObservedCall> next, EventStamper stamper, List<PhoneEvent> out) {
        CallEvents events = new CallEvents(stamper, out);
        Map<String, ObservedCall> nextById = new LinkedHashMap<>();
        for (ObservedCall call : next) {
            if (nextById.putIfAbsent(call.callId(), call) != null) {
                LOG.warn("call {} is listed twice in one observation; its first entry is used", call.callId());
            }
        }
        if (sameCallsInOrder(nextById)) {
            // the usual change (a hold, a new leg): the known calls are followed in place, nothing is rebuilt
            for (ObservedCall call : nextById.values()) {
                TrackedCall tracked = calls.get(call.callId());
                guarded(call.callId(), () -> tracked.next(call, events));
            }
            return;
        }
        Map<String, TrackedCall> kept = new LinkedHashMap<>();
        for (Map.Entry<String, TrackedCall> e : calls.entrySet()) {
            if (!nextById.containsKey(e.getKey())) {
                guarded(e.getKey(), () -> e.getValue().vanished(events));
            }
        }
        for (ObservedCall call : nextById.values()) {
            TrackedCall tracked = calls.get(call.callId());
            if (tracked == null) {
                guarded(call.callId(), () -> kept.put(call.callId(), TrackedCall.first(call, events)));
            } else {
                guarded(call.callId(), () -> tracked.next(call, events));
                kept.put(call.callId(), tracked);
            }
        }
        calls = kept;
    }

    /** @return true when {@code next} shows exactly the known calls, in the known order */
    private boolean sameCallsInOrder(Map<String, ObservedCall> next) {
        if (next.size() != calls.size()) {
            return false;
        }
        var known = calls.keySet().iterator();
        for (String id : next.keySet()) {
            if (!id.equals(known.next())) {
                return false;
            }
        }
        return true;
    }

    /**
     * This phone is doing a blind transfer of the call: if the agent leaves it before {@code until}, the transfer's
     * mode is {@code BLIND} whatever the third party's leg showed (rule T11).
     *
     * @param callId the call
     * @param until  end of the matching window
     */
    public void blindTransferRequested(String callId, Instant until) {
        TrackedCall call = calls.get(callId);
        if (call != null) {
            call.blindTransferRequested(until);
        }
    }

    /**
     * This phone's blind transfer failed before the agent left.
     *
     * @param callId the call
     */
    public void blindTransferAbandoned(String callId) {
        TrackedCall call = calls.get(callId);
        if (call != null) {
            call.blindTransferAbandoned();
        }
    }

    /** A rule failing on odd data must not lose the other calls' events (rule T15). */
    private static void guarded(String callId, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.error("call {}: could not apply the call rules to this observation; the call is skipped this time",
                    callId, e);
        }
    }
}
