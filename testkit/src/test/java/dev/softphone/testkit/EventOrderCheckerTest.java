package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.LogoutCause;
import dev.softphone.Origin;
import dev.softphone.Party;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEvent.Meta;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The kit's per-event check of the listener grammar, fed event sequences directly. */
@DisplayName("The kit's event-order check")
class EventOrderCheckerTest {
    private final AsyncFailures failures = new AsyncFailures();
    private final EventOrderChecker checker = new EventOrderChecker(failures);
    private long seq;

    @Test
    @DisplayName("accepts a session with a call that is held, resumed and ended, and an outage")
    void acceptsAWellFormedSequence() {
        feed(m -> new PhoneEvent.AgentLoggedIn(m, AgentState.READY),
                m -> new PhoneEvent.CallOffered(m, "c1", Direction.INBOUND, "+1", "Q"),
                m -> new PhoneEvent.CallConnected(m, "c1"),
                m -> new PhoneEvent.CallHeld(m, "c1", Party.CUSTOMER),
                m -> new PhoneEvent.SoftphoneUnavailable(m, "gone"),
                m -> new PhoneEvent.SoftphoneAvailable(m, "back"),
                m -> new PhoneEvent.CallResumed(m, "c1", Party.CUSTOMER),
                m -> new PhoneEvent.CallEnded(m, "c1", EndedBy.REMOTE),
                m -> new PhoneEvent.AgentStateChanged(m, AgentState.READY,
                        AgentState.notReady(PauseReason.AFTER_CALL_WORK), false),
                m -> new PhoneEvent.AgentLoggedOut(m, LogoutCause.APPLICATION));
        assertThat(failures.all()).isEmpty();
    }

    @Test
    @DisplayName("P4: a call offered a second time (dropped from a picture and shown again)")
    void callOfferedTwice() {
        feed(m -> new PhoneEvent.AgentLoggedIn(m, AgentState.READY),
                m -> new PhoneEvent.CallOffered(m, "c1", Direction.INBOUND, "+1", "Q"),
                m -> new PhoneEvent.CallOffered(m, "c1", Direction.INBOUND, "+1", "Q"));
        assertThat(failures.all()).singleElement().asString().startsWith("P4: call c1 was offered twice");
    }

    @Test
    @DisplayName("P6: a hold before the call connected, and a connect after it ended")
    void callEventsOutOfOrder() {
        feed(m -> new PhoneEvent.AgentLoggedIn(m, AgentState.READY),
                m -> new PhoneEvent.CallOffered(m, "c1", Direction.INBOUND, "+1", "Q"),
                m -> new PhoneEvent.CallHeld(m, "c1", Party.CUSTOMER),
                m -> new PhoneEvent.CallEnded(m, "c1", EndedBy.REMOTE),
                m -> new PhoneEvent.CallConnected(m, "c1"));
        assertThat(failures.all()).hasSize(2)
                .anySatisfy(f -> assertThat(f).startsWith("P6: CallHeld for call c1 before its CallConnected"))
                .anySatisfy(f -> assertThat(f).startsWith("P6: CallConnected for call c1 after it ended"));
    }

    @Test
    @DisplayName("P6: a state change while logged out, a double login, and a gap in seq")
    void agentEventsOutOfOrder() {
        feed(m -> new PhoneEvent.AgentStateChanged(m, AgentState.READY, AgentState.notReady(PauseReason.BREAK),
                        false),
                m -> new PhoneEvent.AgentLoggedIn(m, AgentState.READY),
                m -> new PhoneEvent.AgentLoggedIn(m, AgentState.READY));
        seq++;
        feed(m -> new PhoneEvent.MuteChanged(m, true));
        assertThat(failures.all()).hasSize(3)
                .anySatisfy(f -> assertThat(f).startsWith("P6: AgentStateChanged while the agent is logged out"))
                .anySatisfy(f -> assertThat(f).startsWith("P6: AgentLoggedIn while the agent is logged in"))
                .anySatisfy(f -> assertThat(f).startsWith("P6: event MuteChanged has seq 5 after 3"));
    }

    @Test
    @DisplayName("P10: the softphone reported unavailable twice in a row")
    void unavailableTwice() {
        feed(m -> new PhoneEvent.SoftphoneUnavailable(m, "gone"), m -> new PhoneEvent.SoftphoneUnavailable(m, "x"));
        assertThat(failures.all()).singleElement().asString().startsWith("P10: SoftphoneUnavailable twice in a row");
    }

    @SafeVarargs
    private void feed(Function<Meta, PhoneEvent>... events) {
        for (Function<Meta, PhoneEvent> event : List.of(events)) {
            checker.onEvent(event.apply(new Meta(++seq, Instant.EPOCH, Origin.SOFTPHONE)));
        }
    }
}
