package dev.softphone.internal.call;

import dev.softphone.EndedBy;
import dev.softphone.Origin;
import dev.softphone.Party;
import dev.softphone.PhoneEvent;
import dev.softphone.Target;
import dev.softphone.TransferMode;
import dev.softphone.internal.EventStamper;
import dev.softphone.spi.ObservedCall;

import java.util.List;
import java.util.function.Function;

/**
 * Creates the call events of one observation, stamped in order (sequence, time, origin by echo matching), and
 * collects them. One instance per observation.
 */
final class CallEvents {
    private final EventStamper stamper;
    private final List<PhoneEvent> out;

    /**
     * @param stamper gives each event its meta
     * @param out     where events go
     */
    CallEvents(EventStamper stamper, List<PhoneEvent> out) {
        this.stamper = stamper;
        this.out = out;
    }

    void offered(ObservedCall call) {
        out.add(new PhoneEvent.CallOffered(meta(PhoneEvent.CallOffered.class, call.callId()), call.callId(),
                call.direction(), call.remote(), call.queue()));
    }

    void transferReceived(String callId, String fromCallId) {
        out.add(new PhoneEvent.TransferReceived(meta(PhoneEvent.TransferReceived.class, callId), callId, fromCallId));
    }

    void connected(String callId) {
        out.add(new PhoneEvent.CallConnected(meta(PhoneEvent.CallConnected.class, callId), callId));
    }

    void missed(String callId) {
        out.add(new PhoneEvent.CallMissed(meta(PhoneEvent.CallMissed.class, callId), callId));
    }

    void held(String callId, Party party) {
        out.add(new PhoneEvent.CallHeld(meta(PhoneEvent.CallHeld.class, callId), callId, party));
    }

    void resumed(String callId, Party party) {
        out.add(new PhoneEvent.CallResumed(meta(PhoneEvent.CallResumed.class, callId), callId, party));
    }

    void consultStarted(String callId, Target target) {
        out.add(new PhoneEvent.ConsultStarted(meta(PhoneEvent.ConsultStarted.class, callId), callId, target));
    }

    void consultConnected(String callId) {
        out.add(new PhoneEvent.ConsultConnected(meta(PhoneEvent.ConsultConnected.class, callId), callId));
    }

    void conferenced(String callId) {
        out.add(new PhoneEvent.Conferenced(meta(PhoneEvent.Conferenced.class, callId), callId));
    }

    void transferCancelled(String callId) {
        out.add(new PhoneEvent.TransferCancelled(meta(PhoneEvent.TransferCancelled.class, callId), callId));
    }

    /**
     * Emits TransferCompleted; the mode may depend on when it happened (a blind transfer of this phone counts within
     * the matching window), so it is decided from the event's own time.
     */
    void transferCompleted(String callId, Target target, Function<PhoneEvent.Meta, TransferMode> mode) {
        PhoneEvent.Meta meta = meta(PhoneEvent.TransferCompleted.class, callId);
        out.add(new PhoneEvent.TransferCompleted(meta, callId, mode.apply(meta), target));
    }

    /**
     * Emits CallEnded; who ended it may depend on whether this phone asked for the hang-up, which the event's origin
     * tells (rule T12).
     */
    void ended(String callId, Function<Origin, EndedBy> endedBy) {
        PhoneEvent.Meta meta = meta(PhoneEvent.CallEnded.class, callId);
        out.add(new PhoneEvent.CallEnded(meta, callId, endedBy.apply(meta.origin())));
    }

    private PhoneEvent.Meta meta(Class<? extends PhoneEvent> type, String callId) {
        return stamper.next(type, callId);
    }
}
