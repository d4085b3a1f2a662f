package dev.softphone.agentstate;

import dev.softphone.AgentState;
import dev.softphone.Capability;
import dev.softphone.CommandResult;
import dev.softphone.CommandTimeoutException;
import dev.softphone.Destination;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.LogoutCause;
import dev.softphone.Origin;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.VendorException;
import dev.softphone.spi.DriverCommand;
import dev.softphone.testkit.PhoneEventAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static dev.softphone.agentstate.AgentStateHarness.ACW;
import static dev.softphone.agentstate.AgentStateHarness.BREAK;
import static dev.softphone.agentstate.AgentStateHarness.LUNCH;
import static dev.softphone.agentstate.AgentStateHarness.READY;
import static dev.softphone.agentstate.AgentStateHarness.TIMEOUT;
import static dev.softphone.agentstate.AgentStateHarness.f;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Two-way agent state sync through a Phone (docs/agent-state.md)")
class AgentStateSyncTest {
    private AgentStateHarness h = new AgentStateHarness().loggedIn(READY);

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    @DisplayName("A12/A13: a pause the softphone confirms is reported once, with origin APPLICATION, before the future completes")
    void pauseConfirmed() {
        List<String> order = new ArrayList<>();
        h.phone.addListener(new dev.softphone.PhoneListener() {
            @Override
            public void onEvent(PhoneEvent event) {
                order.add(event.type());
            }
        });
        CompletableFuture<CommandResult> result = f(h.phone.pause(PauseReason.BREAK)).whenComplete((r, e) -> order.add("done"));
        assertThat(result).isCompletedWithValue(CommandResult.done());
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged").allHaveOrigin(Origin.APPLICATION)
                .hasOne(PhoneEvent.AgentStateChanged.class, e -> {
                    assertThat(e.from()).isEqualTo(READY);
                    assertThat(e.to()).isEqualTo(BREAK);
                    assertThat(e.pending()).isFalse();
                });
        assertThat(order).containsExactly("AgentStateChanged", "done");
        assertThat(h.phone.agentState()).isEqualTo(BREAK);
        assertThat(h.softphone.commands()).containsExactly(new DriverCommand.SetState(BREAK, false));
    }

    @Test
    @DisplayName("A3/A12: the agent changing Lunch to Break in the vendor window is reported with origin SOFTPHONE")
    void reasonToReasonByHand() {
        h.softphone.agentSetsState(LUNCH);
        h.softphone.agentSetsState(BREAK);
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged", "AgentStateChanged")
                .allHaveOrigin(Origin.SOFTPHONE);
        assertThat(h.changes().get(1).from()).isEqualTo(LUNCH);
        assertThat(h.changes().get(1).to()).isEqualTo(BREAK);
    }

    @Test
    @DisplayName("A4: a duplicate observation reports nothing")
    void duplicate() {
        h.softphone.republish();
        PhoneEventAssert.assertThat(h.events).isEmptySequence();
    }

    @Test
    @DisplayName("A13: a request the softphone never answers fails on timeout and changes nothing")
    void neverAnswered() {
        h.softphone.stopAnswering();
        CompletableFuture<CommandResult> result = f(h.phone.pause(PauseReason.BREAK));
        h.scheduler.advance(TIMEOUT.minusMillis(1));
        assertThat(result).isNotDone();
        h.scheduler.advance(Duration.ofMillis(1));
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(CommandTimeoutException.class);
        PhoneEventAssert.assertThat(h.events).isEmptySequence();
        assertThat(h.phone.agentState()).isEqualTo(READY);
    }

    @Test
    @DisplayName("A13: a request acknowledged but never shown fails on timeout; a late change by the vendor is SOFTPHONE")
    void acknowledgedButNotShown() {
        h.softphone.ignoreStateChanges(true);
        CompletableFuture<CommandResult> result = f(h.phone.pause(PauseReason.BREAK));
        assertThat(result).isNotDone();
        h.scheduler.advance(TIMEOUT);
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(CommandTimeoutException.class);
        PhoneEventAssert.assertThat(h.events).isEmptySequence();
        h.softphone.agentSetsState(BREAK);
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged").allHaveOrigin(Origin.SOFTPHONE);
    }

    @Test
    @DisplayName("A13: a change that is shown but never acknowledged completes at the timeout: what the softphone shows wins")
    void shownButNotAcknowledged() {
        h.softphone.stopAcknowledging();
        CompletableFuture<CommandResult> result = f(h.phone.pause(PauseReason.BREAK));
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged").allHaveOrigin(Origin.APPLICATION);
        assertThat(result).isNotDone();
        h.scheduler.advance(TIMEOUT);
        assertThat(result).isCompletedWithValue(CommandResult.done());
        assertThat(h.phone.agentState()).isEqualTo(BREAK);
    }

    @Test
    @DisplayName("A13: a request the vendor refuses fails with its error and changes nothing")
    void vendorRefuses() {
        h.softphone.failNextCommand("InvalidStateException", "no");
        CompletableFuture<CommandResult> result = f(h.phone.pause(PauseReason.BREAK));
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(VendorException.class);
        PhoneEventAssert.assertThat(h.events).isEmptySequence();
        assertThat(h.phone.agentState()).isEqualTo(READY);
    }

    @Test
    @DisplayName("A13: a session that ends before the change is shown fails the request")
    void sessionEndsFirst() {
        h.softphone.ignoreStateChanges(true);
        CompletableFuture<CommandResult> result = f(h.phone.pause(PauseReason.BREAK));
        h.softphone.agentLogsOut();
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(InvalidPhoneStateException.class);
    }

    @Test
    @DisplayName("A14: asking for the current state sends nothing, reports nothing and completes at once")
    void alreadyThere() {
        assertThat(f(h.phone.ready())).isCompletedWithValue(CommandResult.done());
        assertThat(h.softphone.commands()).isEmpty();
        PhoneEventAssert.assertThat(h.events).isEmptySequence();
    }

    @Test
    @DisplayName("A15/A6/A7: a pause during a call becomes the pending state and is applied, as APPLICATION, when the call ends")
    void pauseDuringCall() {
        String call = h.softphone.incomingCall("+441234", "Support");
        h.softphone.agentAnswers(call);
        h.events.clear();
        CompletableFuture<CommandResult> result = f(h.phone.pause(PauseReason.BREAK));
        assertThat(result).isCompletedWithValue(CommandResult.done());
        assertThat(h.softphone.commands()).last().isEqualTo(new DriverCommand.SetState(BREAK, true));
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged").allHaveOrigin(Origin.APPLICATION)
                .hasOne(PhoneEvent.AgentStateChanged.class, e -> {
                    assertThat(e.pending()).isTrue();
                    assertThat(e.from()).isEqualTo(READY);
                    assertThat(e.to()).isEqualTo(BREAK);
                });
        assertThat(h.phone.agentState()).isEqualTo(READY);
        assertThat(h.phone.pendingState()).contains(BREAK);
        h.events.clear();
        h.softphone.farEndHangsUp(call);
        PhoneEventAssert.assertThat(h.events).hasTypes("CallEnded", "AgentStateChanged");
        PhoneEvent.AgentStateChanged applied = h.changes().get(0);
        assertThat(applied.pending()).isFalse();
        assertThat(applied.to()).isEqualTo(BREAK);
        assertThat(applied.origin()).isEqualTo(Origin.APPLICATION);
        assertThat(h.phone.pendingState()).isEmpty();
    }

    @Test
    @DisplayName("A15: without PENDING_STATE a pause during a call is refused with the reason, and nothing is sent")
    void noPendingCapability() {
        h.softphone.removeCapability(Capability.PENDING_STATE);
        String call = h.softphone.incomingCall("+441234", "Support");
        h.softphone.agentAnswers(call);
        CompletableFuture<CommandResult> result = f(h.phone.pause(PauseReason.BREAK));
        assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOf(InvalidPhoneStateException.class)
                .withMessageContaining("cannot queue a state until the call ends");
        assertThat(h.softphone.commands()).noneMatch(c -> c instanceof DriverCommand.SetState);
    }

    @Test
    @DisplayName("A15: without PAUSE the pause is a manual instruction; the agent doing it by hand is then reported")
    void manualPause() {
        h.softphone.removeCapability(Capability.PAUSE);
        CommandResult result = f(h.phone.pause(PauseReason.BREAK)).join();
        assertThat(result.outcome()).isEqualTo(CommandResult.Outcome.MANUAL);
        h.softphone.agentSetsState(BREAK);
        assertThat(h.phone.agentState()).isEqualTo(BREAK);
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged");
    }

    @Test
    @DisplayName("A5: a call's end precedes the after-call work it causes; ending ACW is a change to the next state")
    void afterCallWorkOrder() {
        h.softphone.afterCallWork(true);
        String call = h.softphone.incomingCall("+441234", "Support");
        h.softphone.agentAnswers(call);
        h.events.clear();
        h.softphone.farEndHangsUp(call);
        PhoneEventAssert.assertThat(h.events).hasTypes("CallEnded", "AgentStateChanged");
        assertThat(h.changes().get(0).to()).isEqualTo(ACW);
        h.softphone.afterCallWorkEnds();
        assertThat(h.changes().get(1).from()).isEqualTo(ACW);
        assertThat(h.changes().get(1).to()).isEqualTo(READY);
    }

    @Test
    @DisplayName("A8: a pending state the vendor drops is reported so the application knows it will not happen")
    void pendingDroppedByVendor() {
        String call = h.softphone.incomingCall("+441234", "Support");
        h.softphone.agentAnswers(call);
        f(h.phone.pause(PauseReason.BREAK));
        h.events.clear();
        h.softphone.vendorClearsPending();
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged").allHaveOrigin(Origin.SOFTPHONE)
                .hasOne(PhoneEvent.AgentStateChanged.class, e -> {
                    assertThat(e.pending()).isTrue();
                    assertThat(e.from()).isEqualTo(BREAK);
                    assertThat(e.to()).isEqualTo(READY);
                });
        assertThat(h.phone.pendingState()).isEmpty();
    }

    @Test
    @DisplayName("A9: an offline vendor state is AgentLoggedOut(OFFLINE_STATE) by default")
    void offlineDefault() {
        h.softphone.agentGoesOffline("Offline");
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentLoggedOut")
                .hasOne(PhoneEvent.AgentLoggedOut.class, e -> assertThat(e.cause()).isEqualTo(LogoutCause.OFFLINE_STATE));
        assertThat(h.phone.agentState()).isEqualTo(AgentState.LOGGED_OUT);
    }

    @Test
    @DisplayName("A9: with offlineMeansLogout(false) an offline vendor state is NOT_READY with the vendor's name")
    void offlineNotLogout() {
        h.close();
        h = new AgentStateHarness(b -> b.offlineMeansLogout(false)).loggedIn(READY);
        h.softphone.agentGoesOffline("Offline");
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged");
        assertThat(h.phone.agentState()).isEqualTo(AgentState.notReady(PauseReason.custom("Offline")));
    }

    @Test
    @DisplayName("A10: logout() is reported as AgentLoggedOut(APPLICATION) whatever the vendor shows")
    void applicationLogout() {
        assertThat(f(h.phone.logout())).isCompletedWithValue(CommandResult.done());
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentLoggedOut").allHaveOrigin(Origin.APPLICATION)
                .hasOne(PhoneEvent.AgentLoggedOut.class, e -> assertThat(e.cause()).isEqualTo(LogoutCause.APPLICATION));
    }

    @Test
    @DisplayName("A10: the agent logging out in the vendor window is SESSION_TERMINATED; a later login is reported again")
    void vendorLogout() {
        h.softphone.agentLogsOut();
        h.softphone.agentLogsIn(BREAK);
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentLoggedOut", "AgentLoggedIn");
        assertThat(h.events.ofType(PhoneEvent.AgentLoggedOut.class).get(0).cause())
                .isEqualTo(LogoutCause.SESSION_TERMINATED);
        assertThat(h.events.ofType(PhoneEvent.AgentLoggedIn.class).get(0).state()).isEqualTo(BREAK);
    }

    @Test
    @DisplayName("A10: the vendor's auth failure ends the session with AUTH_FAILED")
    void authFailed() {
        h.softphone.authenticationFails("session expired");
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentLoggedOut").allHaveOrigin(Origin.SOFTPHONE)
                .hasOne(PhoneEvent.AgentLoggedOut.class, e -> assertThat(e.cause()).isEqualTo(LogoutCause.AUTH_FAILED));
    }

    @Test
    @DisplayName("A11: a vendor error state is one AgentError plus the change to NOT_READY(<error name>)")
    void errorState() {
        h.softphone.vendorErrorState("MissedCallAgent");
        h.softphone.republish();
        PhoneEventAssert.assertThat(h.events).hasTypes("AgentStateChanged", "AgentError")
                .hasOne(PhoneEvent.AgentError.class, e -> assertThat(e.name()).isEqualTo("MissedCallAgent"));
        assertThat(h.phone.agentState().isRoutable()).isFalse();
    }
}
