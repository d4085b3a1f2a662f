package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.Capability;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.EndedBy;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.Origin;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.TransferMode;
import dev.softphone.VendorException;
import dev.softphone.spi.DriverCommand;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The transfer verbs of {@link Phone} against the fake softphone: what they send, what they refuse, and the origin of
 * the events they cause compared with the same actions done by hand in the vendor window.
 */
@DisplayName("Phone transfer verbs and call-event origins")
class PhoneTransferTest {

    private final DeterministicScheduler scheduler = DeterministicScheduler.create();
    private final FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
    private final RecordingPhoneListener events = new RecordingPhoneListener();
    private Phone phone;
    private FakeSoftphone softphone;
    private String call;

    @BeforeEach
    void connectACall() {
        phone = Phone.builder().plugin(plugin).executor(Runnable::run).scheduler(scheduler)
                .clock(scheduler.clock()).matchingWindow(Duration.ofSeconds(5)).listener(events).build();
        softphone = plugin.softphone();
        softphone.agentLogsIn(AgentState.READY);
        call = softphone.incomingCall("+15550001", "Support");
        softphone.agentAnswers(call);
        events.clear();
    }

    @Test
    @DisplayName("startTransfer: ConsultStarted and the customer's hold are APPLICATION; the third party answering is SOFTPHONE")
    void startTransferIsApplication() throws Exception {
        done(phone.startTransfer(Destination.phoneNumber("+15550199")));
        softphone.thirdPartyAnswers(call);

        assertThat(events.events()).extracting(PhoneEvent::type, PhoneEvent::origin).containsExactly(
                tuple("ConsultStarted", Origin.APPLICATION),
                tuple("CallHeld", Origin.APPLICATION),
                tuple("ConsultConnected", Origin.SOFTPHONE));
        assertThat(events.ofType(PhoneEvent.ConsultStarted.class).get(0).target())
                .isEqualTo(Target.phoneNumber("+15550199"));
    }

    @Test
    @DisplayName("the same consultation started by hand in the vendor window is SOFTPHONE")
    void startTransferByHandIsSoftphone() {
        softphone.agentStartsTransfer(call, Target.phoneNumber("+15550199"));

        assertThat(events.events()).extracting(PhoneEvent::type, PhoneEvent::origin).containsExactly(
                tuple("ConsultStarted", Origin.SOFTPHONE),
                tuple("CallHeld", Origin.SOFTPHONE));
    }

    @Test
    @DisplayName("a consultation completed through the phone: TransferCompleted CONSULTED and CallEnded TRANSFER, APPLICATION")
    void completeTransfer() throws Exception {
        done(phone.startTransfer(Destination.phoneNumber("+15550199")));
        softphone.thirdPartyAnswers(call);
        events.clear();

        done(phone.completeTransfer());

        assertThat(events.events()).extracting(PhoneEvent::type, PhoneEvent::origin).containsExactly(
                tuple("TransferCompleted", Origin.APPLICATION), tuple("CallEnded", Origin.APPLICATION));
        assertThat(events.ofType(PhoneEvent.TransferCompleted.class).get(0).mode()).isEqualTo(TransferMode.CONSULTED);
        assertThat(events.ofType(PhoneEvent.CallEnded.class).get(0).endedBy()).isEqualTo(EndedBy.TRANSFER);
    }

    @Test
    @DisplayName("a conference then the agent leaving by hand: CONFERENCE, SOFTPHONE")
    void conferenceThenLeaveByHand() throws Exception {
        done(phone.startTransfer(Destination.agent("Bob")));
        softphone.thirdPartyAnswers(call);
        done(phone.conference());
        events.clear();

        softphone.agentHangsUp(call);

        assertThat(events.events()).extracting(PhoneEvent::type, PhoneEvent::origin).containsExactly(
                tuple("TransferCompleted", Origin.SOFTPHONE), tuple("CallEnded", Origin.SOFTPHONE));
        assertThat(events.ofType(PhoneEvent.TransferCompleted.class).get(0))
                .returns(TransferMode.CONFERENCE, PhoneEvent.TransferCompleted::mode)
                .returns(new Target(TargetKind.AGENT, "Bob", null, false), PhoneEvent.TransferCompleted::target);
    }

    @Test
    @DisplayName("conference through the phone: the customer's resume and Conferenced are APPLICATION")
    void conferenceIsApplication() throws Exception {
        done(phone.startTransfer(Destination.phoneNumber("+15550199")));
        softphone.thirdPartyAnswers(call);
        events.clear();

        done(phone.conference());

        assertThat(events.events()).extracting(PhoneEvent::type, PhoneEvent::origin).containsExactly(
                tuple("CallResumed", Origin.APPLICATION), tuple("Conferenced", Origin.APPLICATION));
    }

    @Test
    @DisplayName("hangup during a consultation hands the call over: TransferCompleted and CallEnded TRANSFER, APPLICATION")
    void hangupDuringConsultation() throws Exception {
        done(phone.startTransfer(Destination.phoneNumber("+15550199")));
        softphone.thirdPartyAnswers(call);
        events.clear();

        done(phone.hangup());

        assertThat(events.events()).extracting(PhoneEvent::type, PhoneEvent::origin).containsExactly(
                tuple("TransferCompleted", Origin.APPLICATION), tuple("CallEnded", Origin.APPLICATION));
    }

    @Test
    @DisplayName("blindTransfer adds the party, then leaves once acknowledged: BLIND even for a queue, APPLICATION")
    void blindTransfer() throws Exception {
        done(phone.blindTransfer(Destination.queue("Billing")));

        assertThat(softphone.commands()).filteredOn(c -> c instanceof DriverCommand.AddParty
                || c instanceof DriverCommand.LeaveCall).hasSize(2).last()
                .isInstanceOf(DriverCommand.LeaveCall.class);
        assertThat(events.events()).extracting(PhoneEvent::type, PhoneEvent::origin).containsExactly(
                tuple("ConsultStarted", Origin.APPLICATION), tuple("CallHeld", Origin.APPLICATION),
                tuple("TransferCompleted", Origin.APPLICATION), tuple("CallEnded", Origin.APPLICATION));
        assertThat(events.ofType(PhoneEvent.TransferCompleted.class).get(0).mode()).isEqualTo(TransferMode.BLIND);
    }

    @Test
    @DisplayName("a queue consultation completed by hand after it showed connected is UNDETERMINED")
    void queueCompletedByHand() {
        softphone.agentStartsTransfer(call, new Target(TargetKind.QUEUE, "Billing", null, true));
        softphone.thirdPartyAnswers(call);
        softphone.agentHangsUp(call);

        assertThat(events.ofType(PhoneEvent.TransferCompleted.class)).singleElement()
                .returns(TransferMode.UNDETERMINED, PhoneEvent.TransferCompleted::mode);
    }

    @Test
    @DisplayName("cancelTransfer drops the third party and, where the softphone keeps the customer held, resumes it")
    void cancelTransferResumesTheCustomer() throws Exception {
        softphone.keepCustomerHeldAfterDrop(true);
        done(phone.startTransfer(Destination.phoneNumber("+15550199")));
        softphone.thirdPartyAnswers(call);
        events.clear();

        done(phone.cancelTransfer());

        assertThat(softphone.commands()).last().isInstanceOf(DriverCommand.Resume.class);
        assertThat(events.events()).extracting(PhoneEvent::type, PhoneEvent::origin).containsExactly(
                tuple("TransferCancelled", Origin.APPLICATION), tuple("CallResumed", Origin.APPLICATION));
        assertThat(phone.call(call).orElseThrow().customer().orElseThrow().state())
                .isEqualTo(dev.softphone.LegState.CONNECTED);
    }

    @Test
    @DisplayName("cancelTransfer sends no resume when the softphone already resumed the customer")
    void cancelTransferNoExtraResume() throws Exception {
        done(phone.startTransfer(Destination.phoneNumber("+15550199")));
        events.clear();

        done(phone.cancelTransfer());

        assertThat(softphone.commands()).last().isInstanceOf(DriverCommand.DropParty.class);
        assertThat(events.types()).containsExactly("TransferCancelled", "CallResumed");
    }

    @Test
    @DisplayName("swap by the phone, then back by hand: origins follow who did it")
    void swapOrigins() throws Exception {
        done(phone.startTransfer(Destination.phoneNumber("+15550199")));
        softphone.thirdPartyAnswers(call);
        events.clear();

        done(phone.swap());
        softphone.agentSwaps(call);

        assertThat(events.events()).extracting(e -> e.type() + " " + party(e), PhoneEvent::origin).containsExactly(
                tuple("CallResumed CUSTOMER", Origin.APPLICATION), tuple("CallHeld THIRD_PARTY", Origin.APPLICATION),
                tuple("CallHeld CUSTOMER", Origin.SOFTPHONE), tuple("CallResumed THIRD_PARTY", Origin.SOFTPHONE));
    }

    @Test
    @DisplayName("hang-ups: by the phone is AGENT, by hand shows the agent's leg leaving first (AGENT), by the customer REMOTE")
    void endedBy() throws Exception {
        done(phone.hangup());
        String second = softphone.incomingCall("+15550002", null);
        softphone.agentAnswers(second);
        softphone.agentHangsUp(second);
        String third = softphone.incomingCall("+15550003", null);
        softphone.agentAnswers(third);
        softphone.farEndHangsUp(third);

        assertThat(events.ofType(PhoneEvent.CallEnded.class)).extracting(PhoneEvent.CallEnded::endedBy,
                PhoneEvent::origin).containsExactly(tuple(EndedBy.AGENT, Origin.APPLICATION),
                tuple(EndedBy.AGENT, Origin.SOFTPHONE), tuple(EndedBy.REMOTE, Origin.SOFTPHONE));
    }

    @Test
    @DisplayName("a transferred call arrives: CallOffered then TransferReceived with the call it came from")
    void transferReceived() {
        String arriving = softphone.transferredCallArrives("+15550001", "other-call");

        assertThat(events.events()).extracting(PhoneEvent::type).containsExactly("CallOffered", "TransferReceived");
        assertThat(events.ofType(PhoneEvent.TransferReceived.class).get(0))
                .returns(arriving, PhoneEvent.TransferReceived::callId)
                .returns("other-call", PhoneEvent.TransferReceived::fromCallId);
    }

    @Test
    @DisplayName("blindTransfer whose add fails: the vendor's error, and the agent is not taken off the call")
    void blindTransferAddFails() {
        softphone.failNextCommand("InvalidStateException", "Invalid contact state");

        assertThatThrownBy(() -> done(phone.blindTransfer(Destination.queue("Billing"))))
                .cause().isInstanceOf(VendorException.class).hasMessageContaining("Invalid contact state");
        assertThat(softphone.commands()).noneMatch(c -> c instanceof DriverCommand.LeaveCall);
        assertThat(events.events()).isEmpty();
    }

    @Test
    @DisplayName("blindTransfer whose leave fails: the error is reported, and a later hand-made completion is not called BLIND")
    void blindTransferLeaveFails() {
        softphone.failNextCommandOfType(DriverCommand.LeaveCall.class, "InvalidStateException", "busy");

        assertThatThrownBy(() -> done(phone.blindTransfer(Destination.queue("Billing"))))
                .cause().isInstanceOf(VendorException.class).hasMessageContaining("busy");
        softphone.thirdPartyAnswers(call);
        softphone.agentHangsUp(call);

        assertThat(events.ofType(PhoneEvent.TransferCompleted.class)).singleElement()
                .returns(TransferMode.UNDETERMINED, PhoneEvent.TransferCompleted::mode)
                .returns(Origin.SOFTPHONE, PhoneEvent::origin);
    }

    @Test
    @DisplayName("blindTransfer on a softphone that cannot: a manual instruction, nothing sent")
    void blindTransferManual() throws Exception {
        softphone.removeCapability(Capability.BLIND_TRANSFER);
        int before = softphone.commands().size();

        CommandResult result = done(phone.blindTransfer(Destination.queue("Billing")));

        assertThat(result.isManual()).isTrue();
        assertThat(softphone.commands()).hasSize(before);
    }

    @Test
    @DisplayName("cancelTransfer on a softphone that keeps the customer held and cannot resume: the resume is the manual step")
    void cancelTransferManualResume() throws Exception {
        softphone.keepCustomerHeldAfterDrop(true);
        done(phone.startTransfer(Destination.phoneNumber("+15550199")));
        softphone.removeCapability(Capability.HOLD);

        CommandResult result = done(phone.cancelTransfer());

        assertThat(result.isManual()).isTrue();
        assertThat(softphone.commands()).last().isInstanceOf(DriverCommand.DropParty.class);
        assertThat(events.types()).endsWith("TransferCancelled");
    }

    @Test
    @DisplayName("with two calls up, transfer verbs act on the call being talked on, not the held one")
    void twoCalls() throws Exception {
        done(phone.hold());
        String second = softphone.incomingCall("+15550002", "Support");
        done(phone.answer(second));

        done(phone.startTransfer(Destination.phoneNumber("+15550199")));

        assertThat(events.ofType(PhoneEvent.ConsultStarted.class)).singleElement()
                .returns(second, PhoneEvent.ConsultStarted::callId);
        assertRefused(phone.hold(call), "already on hold");
    }

    @Nested
    @DisplayName("state checks: each verb refuses with a message that says why")
    class Refusals {

        @Test
        @DisplayName("without a call: every transfer verb names that no call is up")
        void noCall() throws Exception {
            done(phone.hangup());
            for (CompletionStage<CommandResult> attempt : List.of(
                    phone.startTransfer(Destination.queue("Billing")), phone.conference(), phone.swap(),
                    phone.cancelTransfer(), phone.completeTransfer(), phone.blindTransfer(Destination.queue("B")))) {
                assertRefused(attempt, "no call is up");
            }
        }

        @Test
        @DisplayName("without a third party: conference, swap, cancel and complete say no third party is on the call")
        void noThirdParty() {
            for (CompletionStage<CommandResult> attempt : List.of(phone.conference(), phone.swap(),
                    phone.cancelTransfer(), phone.completeTransfer())) {
                assertRefused(attempt, "no third party is on the call");
            }
        }

        @Test
        @DisplayName("with a third party already on: startTransfer and blindTransfer name it")
        void thirdPartyAlreadyOn() throws Exception {
            done(phone.startTransfer(Destination.phoneNumber("+15550199")));
            assertRefused(phone.startTransfer(Destination.queue("Billing")),
                    "a third party (PHONE_NUMBER +15550199) is already on it");
            assertRefused(phone.blindTransfer(Destination.queue("Billing")), "a third party");
        }

        @Test
        @DisplayName("while the third party is still connecting: conference and swap say so")
        void stillConnecting() throws Exception {
            done(phone.startTransfer(Destination.phoneNumber("+15550199")));
            assertRefused(phone.conference(), "is still connecting");
            assertRefused(phone.swap(), "is still connecting");
        }

        @Test
        @DisplayName("already conferenced: conference and swap refuse")
        void alreadyConferenced() throws Exception {
            done(phone.startTransfer(Destination.phoneNumber("+15550199")));
            softphone.thirdPartyAnswers(call);
            done(phone.conference());
            assertRefused(phone.conference(), "already conferenced");
            assertRefused(phone.swap(), "it is conferenced");
        }

        @Test
        @DisplayName("after the customer left during a consultation: complete and cancel say there is nobody to hand over")
        void customerLeft() throws Exception {
            done(phone.startTransfer(Destination.phoneNumber("+15550199")));
            softphone.thirdPartyAnswers(call);
            softphone.farEndHangsUp(call);
            assertRefused(phone.completeTransfer(), "the customer has left the call");
            assertRefused(phone.cancelTransfer(), "the customer has left the call");
        }

        @Test
        @DisplayName("a refused verb sends nothing to the softphone")
        void refusedSendsNothing() {
            int before = softphone.commands().size();
            assertRefused(phone.completeTransfer(), "no third party");
            assertThat(softphone.commands()).hasSize(before);
        }
    }

    private static String party(PhoneEvent e) {
        if (e instanceof PhoneEvent.CallHeld h) {
            return h.party().name();
        }
        return e instanceof PhoneEvent.CallResumed r ? r.party().name() : "";
    }

    private static CommandResult done(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(1, TimeUnit.SECONDS);
    }

    private static void assertRefused(CompletionStage<CommandResult> stage, String why) {
        assertThatThrownBy(() -> stage.toCompletableFuture().get(1, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidPhoneStateException.class).hasMessageContaining(why);
    }
}
