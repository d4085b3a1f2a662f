package dev.softphone.testkit;

import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;

import java.util.HashSet;
import java.util.Set;

/**
 * A listener that checks, on every event, what must hold whatever happens (contract rules P4 to P6): sequence
 * numbers go up by one; nothing is said about a call before it was offered; a call is offered once; a call that ended
 * or was missed does not connect or hold again. A plugin that drops a call from one picture and shows it again in
 * the next breaks the last two. Violations go to {@link AsyncFailures}, since an exception thrown here would only be
 * logged by the phone.
 */
final class EventOrderChecker implements PhoneListener {
    private final AsyncFailures failures;
    private final Set<String> offered = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private long lastSeq;

    EventOrderChecker(AsyncFailures failures) {
        this.failures = failures;
    }

    @Override
    public synchronized void onEvent(PhoneEvent event) {
        if (event.seq() != lastSeq + 1) {
            failures.violation("P6: event " + event.type() + " has seq " + event.seq() + " after " + lastSeq);
        }
        lastSeq = event.seq();
        if (!(event instanceof PhoneEvent.CallEvent call)) {
            return;
        }
        String id = call.callId();
        if (event instanceof PhoneEvent.CallOffered) {
            if (!offered.add(id)) {
                failures.violation("P4: call " + id + " was offered twice: a picture dropped it and a later one "
                        + "showed it again, or its id was reused");
            }
            return;
        }
        if (!offered.contains(id)) {
            failures.violation("P6: " + event.type() + " for call " + id + " before its CallOffered");
        }
        if (event instanceof PhoneEvent.CallEnded || event instanceof PhoneEvent.CallMissed) {
            if (!finished.add(id)) {
                failures.violation("P6: call " + id + " ended twice (" + event.type() + ")");
            }
        } else if (finished.contains(id) && (event instanceof PhoneEvent.CallConnected
                || event instanceof PhoneEvent.CallHeld || event instanceof PhoneEvent.CallResumed)) {
            failures.violation("P6: " + event.type() + " for call " + id + " after it ended");
        }
    }
}
