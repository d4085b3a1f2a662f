package dev.softphone.agentstate;

import dev.softphone.Capability;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.DesiredStatePolicy;
import dev.softphone.Origin;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneConfigurationException;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEventJson;
import dev.softphone.spi.DriverCommand;
import dev.softphone.testkit.FakeSoftphonePlugin;
import dev.softphone.testkit.PhoneEventAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.softphone.agentstate.AgentStateHarness.ACW;
import static dev.softphone.agentstate.AgentStateHarness.BREAK;
import static dev.softphone.agentstate.AgentStateHarness.LUNCH;
import static dev.softphone.agentstate.AgentStateHarness.READY;
import static dev.softphone.agentstate.AgentStateHarness.TIMEOUT;
import static dev.softphone.agentstate.AgentStateHarness.f;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The desired-state policy (docs/agent-state.md A16-A18)")
class DesiredStatePolicyTest {
    private AgentStateHarness h;

    @AfterEach
    void close() {
        h.close();
    }

    private long setStates() {
        return h.softphone.commands().stream().filter(c -> c instanceof DriverCommand.SetState).count();
    }

    /** The agent dials out while on Break, the call fails and the vendor snaps the agent back to READY. */
    private void failedOutboundCall() {
        f(h.phone.dial(Destination.phoneNumber("+441234")));
        String call = h.phone.calls().get(h.phone.calls().size() - 1).callId();
        h.softphone.outboundCallFails(call);
    }

    @Test
    @DisplayName("A16: FOLLOW_SOFTPHONE (the default) reports the drift and re-applies nothing")
    void followReportsOnly() {
        h = new AgentStateHarness().loggedIn(READY);
        assertThat(f(h.phone.pause(PauseReason.BREAK))).isCompletedWithValue(CommandResult.done());
        h.events.clear();
        failedOutboundCall();
        assertThat(h.phone.agentState()).isEqualTo(READY);
        assertThat(h.changes()).singleElement().satisfies(e -> {
            assertThat(e.to()).isEqualTo(READY);
            assertThat(e.origin()).isEqualTo(Origin.SOFTPHONE);
        });
        assertThat(setStates()).isEqualTo(1);
    }

    @Test
    @DisplayName("A17: ENFORCE_APPLICATION re-applies Break after a failed outbound call snaps the agent back to READY")
    void enforceAfterFailedOutbound() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        f(h.phone.pause(PauseReason.BREAK));
        h.events.clear();
        failedOutboundCall();
        assertThat(h.phone.agentState()).isEqualTo(BREAK);
        List<PhoneEvent.AgentStateChanged> changes = h.changes();
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).to()).isEqualTo(READY);
        assertThat(changes.get(0).origin()).isEqualTo(Origin.SOFTPHONE);
        assertThat(changes.get(1).to()).isEqualTo(BREAK);
        assertThat(changes.get(1).origin()).isEqualTo(Origin.APPLICATION);
        assertThat(h.softphone.commands()).last().isEqualTo(new DriverCommand.SetState(BREAK, false));
    }

    @Test
    @DisplayName("A17: after-call work is left alone; when it ends into READY while the application asked for Break, Break is re-applied")
    void enforceAfterAfterCallWork() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        h.softphone.afterCallWork(true);
        assertThat(f(h.phone.pause(PauseReason.BREAK))).isCompletedWithValue(CommandResult.done());
        f(h.phone.dial(Destination.phoneNumber("+441234")));
        String call = h.phone.calls().get(0).callId();
        h.softphone.farEndAnswers(call);
        h.softphone.farEndHangsUp(call);
        assertThat(h.phone.agentState()).isEqualTo(ACW);
        assertThat(setStates()).as("no re-apply during after-call work").isEqualTo(1);
        h.events.clear();
        h.softphone.afterCallWorkEnds();
        assertThat(h.phone.agentState()).isEqualTo(BREAK);
        assertThat(h.changes()).extracting(PhoneEvent.AgentStateChanged::to).containsExactly(READY, BREAK);
        assertThat(h.changes()).extracting(PhoneEvent::origin).containsExactly(Origin.SOFTPHONE, Origin.APPLICATION);
    }

    @Test
    @DisplayName("A17: a pending Break the vendor drops during a call is queued again")
    void enforceDroppedPending() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        String call = h.softphone.incomingCall("+441234", "Support");
        h.softphone.agentAnswers(call);
        assertThat(f(h.phone.pause(PauseReason.BREAK))).isCompletedWithValue(CommandResult.done());
        h.events.clear();
        h.softphone.vendorClearsPending();
        assertThat(h.phone.pendingState()).contains(BREAK);
        assertThat(h.changes()).extracting(PhoneEvent::origin).containsExactly(Origin.SOFTPHONE, Origin.APPLICATION);
        assertThat(h.softphone.commands()).last().isEqualTo(new DriverCommand.SetState(BREAK, true));
    }

    @Test
    @DisplayName("A17: a drift while a call is up is re-applied as the pending state")
    void enforceDuringCall() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        f(h.phone.pause(PauseReason.BREAK));
        String call = h.softphone.incomingCall("+441234", "Support");
        h.softphone.agentAnswers(call);
        h.softphone.agentSetsState(LUNCH);
        assertThat(h.softphone.commands()).last().isEqualTo(new DriverCommand.SetState(BREAK, true));
        assertThat(h.phone.agentState()).isEqualTo(LUNCH);
        assertThat(h.phone.pendingState()).contains(BREAK);
        h.softphone.farEndHangsUp(call);
        assertThat(h.phone.agentState()).isEqualTo(BREAK);
    }

    @Test
    @DisplayName("A16: before the application asks for any state, nothing is enforced")
    void nothingDesiredYet() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        h.softphone.agentSetsState(LUNCH);
        assertThat(setStates()).isZero();
        assertThat(h.phone.agentState()).isEqualTo(LUNCH);
    }

    @Test
    @DisplayName("A16: a logout clears the desired state; after the next login nothing is enforced")
    void logoutClearsDesire() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        f(h.phone.pause(PauseReason.BREAK));
        h.softphone.agentLogsOut();
        h.softphone.agentLogsIn(READY);
        h.softphone.agentSetsState(LUNCH);
        assertThat(setStates()).isEqualTo(1);
    }

    @Test
    @DisplayName("A18: past the re-applies allowed per minute the SDK gives up once, says why, and follows the softphone")
    void loopProtection() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        f(h.phone.pause(PauseReason.BREAK));
        for (int i = 0; i < 3; i++) {
            h.scheduler.advance(Duration.ofSeconds(5));
            h.softphone.agentSetsState(READY);
            assertThat(h.phone.agentState()).isEqualTo(BREAK);
        }
        assertThat(setStates()).isEqualTo(4);
        h.events.clear();
        h.softphone.agentSetsState(READY);
        assertThat(h.phone.agentState()).isEqualTo(READY);
        assertThat(setStates()).isEqualTo(4);
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged", "AgentStateEnforcementStopped")
                .hasOne(PhoneEvent.AgentStateEnforcementStopped.class, e -> {
                    assertThat(e.desired()).isEqualTo(BREAK);
                    assertThat(e.actual()).isEqualTo(READY);
                    assertThat(e.reason()).contains("4 times within a minute");
                    assertThat(e.origin()).isEqualTo(Origin.SOFTPHONE);
                });
        h.scheduler.advance(Duration.ofMinutes(5));
        h.softphone.agentSetsState(LUNCH);
        h.softphone.agentSetsState(READY);
        assertThat(setStates()).as("still following the softphone").isEqualTo(4);
        assertThat(h.events.ofType(PhoneEvent.AgentStateEnforcementStopped.class)).hasSize(1);
    }

    @Test
    @DisplayName("A18: the limit is per sliding minute of the phone's clock; drifts spread out never exhaust it")
    void slidingMinute() {
        h = AgentStateHarness.enforcing(2).loggedIn(READY);
        f(h.phone.pause(PauseReason.BREAK));
        for (int i = 0; i < 6; i++) {
            h.scheduler.advance(Duration.ofSeconds(31));
            h.softphone.agentSetsState(READY);
            assertThat(h.phone.agentState()).isEqualTo(BREAK);
        }
        assertThat(h.events.ofType(PhoneEvent.AgentStateEnforcementStopped.class)).isEmpty();
    }

    @Test
    @DisplayName("A18: after giving up, the application asking for a state again restarts enforcement")
    void restartAfterApplicationAsks() {
        h = AgentStateHarness.enforcing(1).loggedIn(READY);
        f(h.phone.pause(PauseReason.BREAK));
        h.softphone.agentSetsState(READY);
        h.softphone.agentSetsState(READY.equals(h.phone.agentState()) ? LUNCH : READY);
        assertThat(h.events.ofType(PhoneEvent.AgentStateEnforcementStopped.class)).hasSize(1);
        assertThat(f(h.phone.pause(PauseReason.MEAL))).isCompletedWithValue(CommandResult.done());
        h.softphone.agentSetsState(READY);
        assertThat(h.phone.agentState()).isEqualTo(AgentStateHarness.MEAL);
    }

    @Test
    @DisplayName("A18: a re-apply the softphone never confirms times out and enforcement gives up with that reason")
    void reapplyTimesOut() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        f(h.phone.pause(PauseReason.BREAK));
        h.softphone.ignoreStateChanges(true);
        h.softphone.agentSetsState(READY);
        assertThat(h.events.ofType(PhoneEvent.AgentStateEnforcementStopped.class)).isEmpty();
        h.scheduler.advance(TIMEOUT);
        assertThat(h.events.ofType(PhoneEvent.AgentStateEnforcementStopped.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("failed").contains("set state NOT_READY(BREAK)"));
        assertThat(h.phone.agentState()).isEqualTo(READY);
    }

    @Test
    @DisplayName("A18: a softphone that cannot set states from code makes enforcement give up at the first drift")
    void cannotReapply() {
        h = AgentStateHarness.enforcing(3).loggedIn(READY);
        h.softphone.removeCapability(Capability.PAUSE);
        f(h.phone.pause(PauseReason.BREAK));
        h.softphone.agentSetsState(BREAK);
        h.softphone.agentSetsState(READY);
        assertThat(h.events.ofType(PhoneEvent.AgentStateEnforcementStopped.class)).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("PAUSE"));
    }

    @Test
    @DisplayName("A18: AgentStateEnforcementStopped has a normative JSON form")
    void json() {
        h = AgentStateHarness.enforcing(1).loggedIn(READY);
        f(h.phone.pause(PauseReason.BREAK));
        h.softphone.agentSetsState(READY);
        h.softphone.agentSetsState(LUNCH);
        PhoneEvent stopped = h.events.ofType(PhoneEvent.AgentStateEnforcementStopped.class).get(0);
        assertThat(PhoneEventJson.toJson(stopped)).isEqualTo("{\"type\":\"AgentStateEnforcementStopped\",\"seq\":"
                + stopped.seq() + ",\"at\":\"2026-01-05T09:00:00Z\",\"origin\":\"SOFTPHONE\","
                + "\"desired\":{\"state\":\"NOT_READY\",\"reason\":\"BREAK\"},"
                + "\"actual\":{\"state\":\"NOT_READY\",\"reason\":\"Lunch\"},\"reason\":\"the softphone left "
                + "NOT_READY(BREAK) 2 times within a minute (now NOT_READY(Lunch)); the SDK stops re-applying it "
                + "until the application asks for a state again\"}");
    }

    @Test
    @DisplayName("A18: the builder refuses a re-apply limit below 1 and a null policy, naming both")
    void builderValidation() {
        h = new AgentStateHarness();
        assertThatThrownBy(() -> Phone.builder().plugin(new FakeSoftphonePlugin()).maxStateReappliesPerMinute(0)
                .desiredStatePolicy(null).build())
                .isInstanceOf(PhoneConfigurationException.class)
                .hasMessageContaining("maxStateReappliesPerMinute must be at least 1, got 0")
                .hasMessageContaining("desiredStatePolicy must not be null");
        assertThat(DesiredStatePolicy.values()).containsExactly(DesiredStatePolicy.FOLLOW_SOFTPHONE,
                DesiredStatePolicy.ENFORCE_APPLICATION);
    }
}
