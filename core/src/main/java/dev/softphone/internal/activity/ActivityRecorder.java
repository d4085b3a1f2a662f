package dev.softphone.internal.activity;

import dev.softphone.AgentState;
import dev.softphone.Direction;
import dev.softphone.Party;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEventJson;
import dev.softphone.PhoneListener;
import dev.softphone.Target;
import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns one phone's events into {@link ActivityRecord}s. It remembers what it needs to compute durations (login
 * time, the current pause, each live call's offer, answer and holds) and hands every record to the consumer at once.
 * Runs on the phone's lane, so it is never called concurrently; it does no I/O itself.
 */
public final class ActivityRecorder implements PhoneListener {
    private final String phoneId;
    private final boolean rawEvents;
    private final Consumer<ActivityRecord> out;

    private Instant sessionStart;
    private AgentState state = AgentState.LOGGED_OUT;
    private Instant pauseStart;
    private final Map<String, CallFacts> calls = new HashMap<>();

    /** What the recorder knows about one live call. */
    private static final class CallFacts {
        Direction direction;
        String remote;
        String queue;
        Instant offered;
        Instant answered;
        Duration ringTime;
        Duration heldTotal = Duration.ZERO;
        final Map<Party, Instant> holds = new EnumMap<>(Party.class);
        final Map<Party, String> holdPurpose = new EnumMap<>(Party.class);
        Target consultTarget;
        boolean transferred;
    }

    /**
     * @param phoneId   the phone the events come from
     * @param rawEvents whether to also emit a {@link ActivityKind#PHONE_EVENT} record per event
     * @param out       receives the records, in order
     */
    public ActivityRecorder(String phoneId, boolean rawEvents, Consumer<ActivityRecord> out) {
        this.phoneId = phoneId;
        this.rawEvents = rawEvents;
        this.out = out;
    }

    @Override
    public void onEvent(PhoneEvent event) {
        if (rawEvents) {
            emit(start(ActivityKind.PHONE_EVENT, event).event(PhoneEventJson.toJson(event)));
        }
        if (event instanceof PhoneEvent.AgentLoggedIn e) {
            loggedIn(e);
        } else if (event instanceof PhoneEvent.AgentStateChanged e) {
            stateChanged(e);
        } else if (event instanceof PhoneEvent.AgentLoggedOut e) {
            loggedOut(e);
        } else if (event instanceof PhoneEvent.CallOffered e) {
            offered(e);
        } else if (event instanceof PhoneEvent.CallConnected e) {
            connected(e);
        } else if (event instanceof PhoneEvent.CallMissed e) {
            missed(e);
        } else if (event instanceof PhoneEvent.CallHeld e) {
            held(e);
        } else if (event instanceof PhoneEvent.CallResumed e) {
            resumed(e.callId(), e.party(), e);
        } else if (event instanceof PhoneEvent.ConsultStarted e) {
            facts(e.callId()).consultTarget = e.target();
            emit(call(ActivityKind.TRANSFER_STARTED, e).target(e.target()));
        } else if (event instanceof PhoneEvent.TransferCancelled e) {
            Target t = facts(e.callId()).consultTarget;
            facts(e.callId()).consultTarget = null;
            emit(call(ActivityKind.TRANSFER_CANCELLED, e).target(t));
        } else if (event instanceof PhoneEvent.TransferCompleted e) {
            for (Party p : Party.values()) {
                resumed(e.callId(), p, e); // the agent hands the call over: its holds end here
            }
            facts(e.callId()).consultTarget = null;
            facts(e.callId()).transferred = true;
            emit(call(ActivityKind.TRANSFER_COMPLETED, e).target(e.target()).transferMode(e.mode()));
        } else if (event instanceof PhoneEvent.TransferReceived e) {
            emit(call(ActivityKind.TRANSFER_RECEIVED, e).attribute("fromCallId", e.fromCallId()));
        } else if (event instanceof PhoneEvent.Conferenced e) {
            emit(call(ActivityKind.CONFERENCED, e));
        } else if (event instanceof PhoneEvent.CallEnded e) {
            ended(e);
        } else if (event instanceof PhoneEvent.ManualStepConfirmed e) {
            ActivityRecord.Builder b = start(ActivityKind.MANUAL_STEP_CONFIRMED, e)
                    .attribute("stepId", e.stepId()).attribute("capability", e.capability().name());
            if (e.callId() != null) {
                fillCall(b, e.callId(), e.at());
            }
            emit(b);
        }
        // mute, vendor errors and softphone availability are not activity; PHONE_EVENT records keep them
    }

    private void loggedIn(PhoneEvent.AgentLoggedIn e) {
        sessionStart = e.at();
        state = e.state();
        emit(start(ActivityKind.LOGGED_IN, e).reason(pauseCode(e.state())));
        if (e.state().reason() != null) {
            pauseStart = e.at();
            emit(start(ActivityKind.PAUSE_STARTED, e).reason(pauseCode(e.state())));
        }
    }

    private void stateChanged(PhoneEvent.AgentStateChanged e) {
        if (e.pending() || e.to().equals(state)) {
            return;
        }
        if (sessionStart == null && e.to().isLoggedIn()) {
            // we joined a session already running (for example after an application restart)
            sessionStart = e.at();
        }
        endPause(e);
        state = e.to();
        if (state.reason() != null) {
            pauseStart = e.at();
            emit(start(ActivityKind.PAUSE_STARTED, e).reason(pauseCode(state)));
        }
    }

    private void loggedOut(PhoneEvent.AgentLoggedOut e) {
        endPause(e);
        emit(start(ActivityKind.LOGGED_OUT, e)
                .duration(sessionStart == null ? null : Duration.between(sessionStart, e.at()))
                .attribute("cause", e.cause().name()));
        state = AgentState.LOGGED_OUT;
        sessionStart = null;
    }

    private void endPause(PhoneEvent e) {
        if (state.reason() != null) {
            emit(start(ActivityKind.PAUSE_ENDED, e).reason(pauseCode(state))
                    .duration(pauseStart == null ? null : Duration.between(pauseStart, e.at())));
            pauseStart = null;
        }
    }

    private void offered(PhoneEvent.CallOffered e) {
        CallFacts f = new CallFacts();
        f.direction = e.direction();
        f.remote = e.remote();
        f.queue = e.queue();
        f.offered = e.at();
        calls.put(e.callId(), f);
        emit(call(ActivityKind.CALL_OFFERED, e));
    }

    private void connected(PhoneEvent.CallConnected e) {
        CallFacts f = facts(e.callId());
        if (f.answered != null) {
            return; // connected again, for example after a consultation: the answer was reported already
        }
        f.answered = e.at();
        f.ringTime = since(f.offered, e.at());
        emit(call(ActivityKind.CALL_ANSWERED, e));
    }

    private void missed(PhoneEvent.CallMissed e) {
        CallFacts f = facts(e.callId());
        f.ringTime = since(f.offered, e.at());
        emit(call(ActivityKind.CALL_MISSED, e));
        calls.remove(e.callId());
    }

    private void held(PhoneEvent.CallHeld e) {
        CallFacts f = facts(e.callId());
        if (f.holds.containsKey(e.party())) {
            return;
        }
        f.holds.put(e.party(), e.at());
        String purpose = f.consultTarget != null ? "CONSULT" : "HOLD";
        f.holdPurpose.put(e.party(), purpose);
        emit(call(ActivityKind.HOLD_STARTED, e).attribute("party", e.party().name()).attribute("purpose", purpose));
    }

    private void resumed(String callId, Party party, PhoneEvent.CallEvent e) {
        CallFacts f = facts(callId);
        Instant since = f.holds.remove(party);
        if (since == null) {
            return;
        }
        Duration d = Duration.between(since, e.at());
        if (party == Party.CUSTOMER) {
            f.heldTotal = f.heldTotal.plus(d);
        }
        emit(call(ActivityKind.HOLD_ENDED, e).attribute("party", party.name())
                .attribute("purpose", f.holdPurpose.remove(party)).duration(d));
    }

    private void ended(PhoneEvent.CallEnded e) {
        CallFacts f = facts(e.callId());
        for (Party p : Party.values()) {
            resumed(e.callId(), p, e); // a hold still open ends with the call
        }
        if (f.answered == null && f.ringTime == null) {
            f.ringTime = since(f.offered, e.at());
        }
        emit(call(ActivityKind.CALL_ENDED, e).endedBy(e.endedBy())
                .attribute("transferred", f.transferred ? "true" : null));
        calls.remove(e.callId());
    }

    private ActivityRecord.Builder call(ActivityKind kind, PhoneEvent.CallEvent e) {
        ActivityRecord.Builder b = start(kind, e);
        fillCall(b, e.callId(), e.at());
        return b;
    }

    private void fillCall(ActivityRecord.Builder b, String callId, Instant now) {
        CallFacts f = facts(callId);
        b.callId(callId).direction(f.direction).remote(f.remote).queue(f.queue).ringTime(f.ringTime)
                .talkTime(f.answered == null ? null : Duration.between(f.answered, now));
        Duration held = f.heldTotal;
        Instant customerHold = f.holds.get(Party.CUSTOMER);
        if (customerHold != null) {
            held = held.plus(Duration.between(customerHold, now));
        }
        b.holdTime(held);
    }

    /**
     * The facts of a call. A call first seen mid-way (its offer happened before the application restarted) has no
     * offer time, so its ring time stays unknown.
     */
    private CallFacts facts(String callId) {
        return calls.computeIfAbsent(callId, id -> {
            CallFacts f = new CallFacts();
            f.direction = Direction.INBOUND;
            return f;
        });
    }

    private static Duration since(Instant start, Instant now) {
        return start == null ? null : Duration.between(start, now);
    }

    private ActivityRecord.Builder start(ActivityKind kind, PhoneEvent e) {
        return ActivityRecord.builder(kind, phoneId, e.at()).seq(e.seq()).origin(e.origin())
                .sessionStart(sessionStart);
    }

    private void emit(ActivityRecord.Builder b) {
        out.accept(b.build());
    }

    private static String pauseCode(AgentState s) {
        return s.reason() == null ? null : s.reason().code();
    }
}
