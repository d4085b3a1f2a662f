package dev.softphone.avaya;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.CallView;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.LogoutCause;
import dev.softphone.ManualInstruction;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.softphone.avaya.OneXHarness.done;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("one-X Agent plugin: manual instructions and confirmed manual steps")
class OneXManualStepsTest {
    private OneXHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private String connectedCall() {
        String id = h.fake.incomingCall("+3225551234", null, "Billing");
        h.tick();
        h.await(PhoneEvent.CallOffered.class);
        done(h.phone.answer());
        h.settle();
        return id;
    }

    private CallView call(String id) {
        return h.phone.call(id).orElseThrow();
    }

    private LegState leg(String id, LegRole role) {
        return call(id).legs().stream().filter(l -> l.role() == role).findFirst().orElseThrow().state();
    }

    private static ManualInstruction manual(CommandResult result) {
        assertThat(result.isManual()).isTrue();
        assertThat(result.manualStepId()).isNotNull();
        return result.instruction();
    }

    @Test
    @DisplayName("pause: the agent is told the aux code from the reason table; confirming makes the state NOT_READY")
    void pauseWithAuxCode() {
        h = OneXHarness.registered(Map.of("avaya-onex.reason.3", "BREAK"));
        CommandResult result = done(h.phone.pause(PauseReason.BREAK));
        ManualInstruction instruction = manual(result);
        assertThat(instruction.key()).isEqualTo("avaya-onex.state.aux");
        assertThat(instruction.text()).contains("click AUX and choose reason code 3 (Break)");
        assertThat(instruction.arguments()).containsEntry("auxCode", "3").containsEntry("reason", "BREAK");
        assertThat(h.phone.agentState().reason()).isNotEqualTo(PauseReason.BREAK);

        done(h.phone.confirmManualStep(result.manualStepId()));
        PhoneEvent.AgentStateChanged changed = h.await(PhoneEvent.AgentStateChanged.class);
        assertThat(changed.to()).isEqualTo(AgentState.notReady(PauseReason.BREAK));
        assertThat(h.events.types()).containsSubsequence("ManualStepConfirmed", "AgentStateChanged");
    }

    @Test
    @DisplayName("pause for a reason without an aux code: the agent is told to pick the site's code, and how to map it")
    void pauseUnmapped() {
        h = OneXHarness.registered(Map.of());
        ManualInstruction instruction = manual(done(h.phone.pause(PauseReason.MEAL)));
        assertThat(instruction.key()).isEqualTo("avaya-onex.state.aux-unmapped");
        assertThat(instruction.text()).contains("avaya-onex.reason.<code>=MEAL");
    }

    @Test
    @DisplayName("ready: Auto-In; confirming makes the agent READY")
    void ready() {
        h = OneXHarness.registered(Map.of());
        CommandResult result = done(h.phone.ready());
        assertThat(manual(result).key()).isEqualTo("avaya-onex.state.ready");
        assertThat(result.instruction().text()).contains("Auto-In");
        done(h.phone.confirmManualStep(result.manualStepId()));
        assertThat(h.await(PhoneEvent.AgentStateChanged.class).to()).isEqualTo(AgentState.READY);
    }

    @Test
    @DisplayName("pause during a call takes effect when the call ends, as the switch does")
    void pauseDuringCall() {
        h = OneXHarness.registered(Map.of("avaya-onex.reason.3", "BREAK", "avaya-onex.initial-state", "ready"));
        String id = connectedCall();
        CommandResult result = done(h.phone.pause(PauseReason.BREAK));
        assertThat(manual(result).key()).isEqualTo("avaya-onex.state.aux.when-call-ends");
        assertThat(result.instruction().text()).contains("when your current call ends");
        done(h.phone.confirmManualStep(result.manualStepId()));
        assertThat(h.phone.pendingState()).hasValue(AgentState.notReady(PauseReason.BREAK));
        assertThat(h.phone.agentState()).isEqualTo(AgentState.READY);

        h.fake.farEndHangsUp(id);
        h.tick();
        h.events.await(e -> e instanceof PhoneEvent.AgentStateChanged c && !c.pending()
                && c.to().equals(AgentState.notReady(PauseReason.BREAK)), OneXHarness.WAIT);
        assertThat(h.events.types()).containsSubsequence("CallEnded", "AgentStateChanged");
    }

    @Test
    @DisplayName("consult transfer, then complete: the picture shows the consult, then the agent leaves the call")
    void consultThenComplete() {
        h = OneXHarness.registered(Map.of());
        String id = connectedCall();
        CommandResult start = done(h.phone.startTransfer(Destination.phoneNumber("3001")));
        ManualInstruction instruction = manual(start);
        assertThat(instruction.key()).isEqualTo("avaya-onex.transfer.consult");
        assertThat(instruction.text()).contains("click Transfer, dial 3001");
        assertThat(instruction.arguments()).containsEntry("callId", id).containsEntry("destination", "3001");

        done(h.phone.confirmManualStep(start.manualStepId()));
        assertThat(leg(id, LegRole.CUSTOMER)).isEqualTo(LegState.HELD);
        assertThat(leg(id, LegRole.THIRD_PARTY)).isEqualTo(LegState.CONNECTED);

        CommandResult complete = done(h.phone.completeTransfer());
        assertThat(manual(complete).key()).isEqualTo("avaya-onex.transfer.complete");
        done(h.phone.confirmManualStep(complete.manualStepId()));
        assertThat(h.await(PhoneEvent.CallEnded.class).callId()).isEqualTo(id);
        assertThat(h.events.types()).containsSubsequence("ConsultStarted", "TransferCompleted", "CallEnded");
        assertThat(h.events.ofType(PhoneEvent.TransferCompleted.class)).singleElement()
                .satisfies(t -> assertThat(t.mode()).isEqualTo(dev.softphone.TransferMode.CONSULTED));
        assertThat(h.events.ofType(PhoneEvent.CallEnded.class).get(0).endedBy())
                .isEqualTo(dev.softphone.EndedBy.TRANSFER);
        assertThat(h.phone.calls()).isEmpty();
        // one-X then reports the interaction terminated; nothing more happens.
        h.fake.farEndHangsUp(id);
        h.tick();
        h.settle();
        assertThat(h.events.ofType(PhoneEvent.CallEnded.class)).hasSize(1);
    }

    @Test
    @DisplayName("consult, then conference, swap and cancel each update the legs once confirmed")
    void conferenceSwapCancel() {
        h = OneXHarness.registered(Map.of());
        String id = connectedCall();
        done(h.phone.confirmManualStep(done(h.phone.startTransfer(Destination.agent("Bob"))).manualStepId()));

        CommandResult swap = done(h.phone.swap());
        assertThat(manual(swap).key()).isEqualTo("avaya-onex.transfer.swap");
        done(h.phone.confirmManualStep(swap.manualStepId()));
        assertThat(leg(id, LegRole.CUSTOMER)).isEqualTo(LegState.CONNECTED);
        assertThat(leg(id, LegRole.THIRD_PARTY)).isEqualTo(LegState.HELD);

        CommandResult conference = done(h.phone.conference());
        assertThat(manual(conference).key()).isEqualTo("avaya-onex.conference");
        done(h.phone.confirmManualStep(conference.manualStepId()));
        assertThat(leg(id, LegRole.THIRD_PARTY)).isEqualTo(LegState.CONNECTED);
        h.await(PhoneEvent.Conferenced.class);

        CommandResult cancel = done(h.phone.cancelTransfer());
        assertThat(manual(cancel).key()).isEqualTo("avaya-onex.transfer.cancel");
        done(h.phone.confirmManualStep(cancel.manualStepId()));
        assertThat(call(id).legs()).extracting(l -> l.role()).doesNotContain(LegRole.THIRD_PARTY);
        assertThat(leg(id, LegRole.CUSTOMER)).isEqualTo(LegState.CONNECTED);
        assertThat(call(id).status()).isEqualTo(CallStatus.CONNECTED);
        h.await(PhoneEvent.TransferCancelled.class);
    }

    @Test
    @DisplayName("blind transfer: one instruction; confirming ends the agent's call with the customer sent on")
    void blindTransfer() {
        h = OneXHarness.registered(Map.of());
        String id = connectedCall();
        CommandResult result = done(h.phone.blindTransfer(Destination.phoneNumber("3001")));
        assertThat(manual(result).key()).isEqualTo("avaya-onex.transfer.blind");
        assertThat(result.instruction().text()).contains("without waiting for an answer");
        done(h.phone.confirmManualStep(result.manualStepId()));
        assertThat(h.await(PhoneEvent.CallEnded.class).callId()).isEqualTo(id);
        assertThat(h.events.ofType(PhoneEvent.TransferCompleted.class)).singleElement()
                .satisfies(t -> assertThat(t.mode()).isEqualTo(dev.softphone.TransferMode.BLIND));
        assertThat(h.phone.calls()).isEmpty();
    }

    @Test
    @DisplayName("DTMF: the agent is told the digits to press on the one-X dial pad")
    void digits() {
        h = OneXHarness.registered(Map.of());
        connectedCall();
        ManualInstruction instruction = manual(done(h.phone.sendDigits("1234#")));
        assertThat(instruction.key()).isEqualTo("avaya-onex.dtmf");
        assertThat(instruction.arguments()).containsEntry("digits", "1234#");
    }

    @Test
    @DisplayName("logout: confirming logs the agent out (the one-X session ended)")
    void logout() {
        h = OneXHarness.registered(Map.of());
        CommandResult result = done(h.phone.logout());
        assertThat(manual(result).key()).isEqualTo("avaya-onex.logout");
        done(h.phone.confirmManualStep(result.manualStepId()));
        // The one-X session ended; core may attribute it to the application's request (its logout was asked).
        assertThat(h.await(PhoneEvent.AgentLoggedOut.class).cause())
                .isIn(LogoutCause.SESSION_TERMINATED, LogoutCause.APPLICATION);
        assertThat(h.phone.agentState()).isEqualTo(AgentState.LOGGED_OUT);

        CommandResult login = done(h.phone.login());
        assertThat(manual(login).key()).isEqualTo("avaya-onex.login");
        done(h.phone.confirmManualStep(login.manualStepId()));
        assertThat(h.events.ofType(PhoneEvent.AgentLoggedIn.class)).hasSize(2);
    }

    @Test
    @DisplayName("confirming a step for a call that ended meanwhile fails clearly and changes nothing")
    void confirmAfterCallEnded() {
        h = OneXHarness.registered(Map.of());
        String id = connectedCall();
        CommandResult start = done(h.phone.startTransfer(Destination.phoneNumber("3001")));
        h.fake.farEndHangsUp(id);
        h.tick();
        h.await(PhoneEvent.CallEnded.class);
        h.settle();
        Throwable t = OneXHarness.failure(h.phone.confirmManualStep(start.manualStepId()));
        assertThat(t).isInstanceOf(dev.softphone.InvalidPhoneStateException.class).hasMessageContaining(id);
        assertThat(h.phone.calls()).isEmpty();
    }
}
