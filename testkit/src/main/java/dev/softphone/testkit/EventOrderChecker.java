package dev.softphone.testkit;

import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;

import java.util.HashSet;
import java.util.Set;

/**
 * A listener that checks, on every event, the event grammar of {@link PhoneListener} (contract rules P4 to P6):
 * sequence numbers go up by one; the agent's events follow {@code AgentLoggedIn (AgentStateChanged | AgentError)*
 * AgentLoggedOut}; {@code SoftphoneUnavailable} and {@code SoftphoneAvailable} alternate; a call is offered once and
 * first, its mid-call events come while it is connected, and nothing follows its end. A plugin that drops a call
 * from one picture and shows it again in the next, or that flaps the agent's session, breaks these. Violations go to
 * {@link AsyncFailures}, since an exception thrown here would only be logged by the phone.
 */
final class EventOrderChecker implements PhoneListener {
    private final AsyncFailures failures;
    private final Set<String> offered = new HashSet<>();
    private final Set<String> connected = new HashSet<>();
    private final Set<String> finished = new HashSet<>();
    private long lastSeq;
    private boolean loggedIn;
    private boolean available = true;

    EventOrderChecker(AsyncFailures failures) {
        this.failures = failures;
    }

    @Override
    public synchronized void onEvent(PhoneEvent event) {
        if (event.seq() != lastSeq + 1) {
            failures.violation("P6: event " + event.type() + " has seq " + event.seq() + " after " + lastSeq);
        }
        lastSeq = event.seq();
        if (event instanceof PhoneEvent.CallEvent call) {
            checkCall(event, call.callId());
        } else {
            checkAgent(event);
        }
    }

    private void checkAgent(PhoneEvent event) {
        if (event instanceof PhoneEvent.AgentLoggedIn) {
            if (loggedIn) {
                failures.violation("P6: AgentLoggedIn while the agent is logged in");
            }
            loggedIn = true;
        } else if (event instanceof PhoneEvent.AgentLoggedOut) {
            if (!loggedIn) {
                failures.violation("P6: AgentLoggedOut while the agent is logged out");
            }
            loggedIn = false;
        } else if (event instanceof PhoneEvent.AgentStateChanged || event instanceof PhoneEvent.AgentError) {
            if (!loggedIn) {
                failures.violation("P6: " + event.type() + " while the agent is logged out");
            }
        } else if (event instanceof PhoneEvent.SoftphoneUnavailable || event instanceof PhoneEvent.SoftphoneAvailable) {
            boolean nowAvailable = event instanceof PhoneEvent.SoftphoneAvailable;
            if (nowAvailable == available) {
                failures.violation("P10: " + event.type() + " twice in a row");
            }
            available = nowAvailable;
        }
    }

    private void checkCall(PhoneEvent event, String id) {
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
        if (finished.contains(id)) {
            failures.violation("P6: " + event.type() + " for call " + id + " after it ended");
            return;
        }
        if (event instanceof PhoneEvent.CallEnded || event instanceof PhoneEvent.CallMissed) {
            finished.add(id);
        } else if (event instanceof PhoneEvent.CallConnected) {
            connected.add(id);
        } else if (!(event instanceof PhoneEvent.TransferReceived) && !connected.contains(id)) {
            failures.violation("P6: " + event.type() + " for call " + id + " before its CallConnected");
        }
    }
}
