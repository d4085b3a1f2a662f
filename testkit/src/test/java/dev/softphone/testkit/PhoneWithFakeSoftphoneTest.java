package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.Capability;
import dev.softphone.CommandResult;
import dev.softphone.CommandTimeoutException;
import dev.softphone.Destination;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.Origin;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneClosedException;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.VendorException;
import dev.softphone.spi.DriverCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("An application drives a Phone on the fake softphone")
class PhoneWithFakeSoftphoneTest {
    private final DeterministicScheduler scheduler = DeterministicScheduler.create();
    private final RecordingPhoneListener events = new RecordingPhoneListener();
    private final FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
    private Phone phone;
    private FakeSoftphone softphone;

    @BeforeEach
    void buildPhone() {
        phone = Phone.builder().id("agent-1").plugin(plugin).clock(scheduler.clock()).executor(scheduler)
                .scheduler(scheduler).commandTimeout(Duration.ofSeconds(5)).listener(events).build();
        softphone = plugin.softphone();
        softphone.agentLogsIn(AgentState.READY);
    }

    @AfterEach
    void close() {
        phone.close();
    }

    private static CommandResult done(java.util.concurrent.CompletionStage<CommandResult> stage) {
        return stage.toCompletableFuture().getNow(null);
    }

    @Test
    @DisplayName("dialing: the call is offered, connects and ends, in order, with the origin of each step")
    void dialConnectEnd() {
        assertThat(done(phone.dial(Destination.phoneNumber("+15550100")))).isEqualTo(CommandResult.done());
        String callId = phone.calls().get(0).callId();
        softphone.farEndAnswers(callId);
        assertThat(done(phone.hangup())).isEqualTo(CommandResult.done());

        PhoneEventAssert.assertThat(events)
                .hasTypes("AgentLoggedIn", "CallOffered", "CallConnected", "CallEnded")
                .hasConsecutiveSeq();
        List<PhoneEvent> all = events.events();
        assertThat(all.get(1).origin()).isEqualTo(Origin.APPLICATION);
        assertThat(all.get(2).origin()).isEqualTo(Origin.SOFTPHONE);
        assertThat(all.get(3).origin()).isEqualTo(Origin.APPLICATION);
        assertThat(((PhoneEvent.CallOffered) all.get(1)).remote()).isEqualTo("+15550100");
        assertThat(phone.calls()).isEmpty();
    }

    @Test
    @DisplayName("a removed capability answers manual(...) with the instruction, and nothing is sent")
    void manualForRemovedCapability() {
        softphone.removeCapability(Capability.DIAL);
        CommandResult result = done(phone.dial(Destination.phoneNumber("+15550100")));
        assertThat(result.isManual()).isTrue();
        assertThat(result.manualInstruction()).get()
                .satisfies(i -> assertThat(i.text()).contains("dial number +15550100"));
        assertThat(result.manualStepId()).isNotBlank();
        assertThat(softphone.commands()).isEmpty();
        assertThat(phone.can(Capability.DIAL).supported()).isFalse();
        assertThat(phone.can(Capability.DIAL).reason()).contains("removed by the test");
        assertThat(phone.capabilities()).doesNotContain(Capability.DIAL).contains(Capability.HOLD);
    }

    @Test
    @DisplayName("a confirmed manual step is recorded as an event of the application, once")
    void confirmManualStep() {
        softphone.removeCapability(Capability.PAUSE);
        CommandResult result = done(phone.pause(PauseReason.BREAK));
        assertThat(done(phone.confirmManualStep(result.manualStepId()))).isEqualTo(CommandResult.done());
        PhoneEventAssert.assertThat(events).hasOne(PhoneEvent.ManualStepConfirmed.class, e -> {
            assertThat(e.capability()).isEqualTo(Capability.PAUSE);
            assertThat(e.origin()).isEqualTo(Origin.APPLICATION);
        });
        assertThatThrownBy(() -> phone.confirmManualStep(result.manualStepId()).toCompletableFuture().get())
                .hasCauseInstanceOf(InvalidPhoneStateException.class)
                .hasMessageContaining("there is no manual step");
    }

    @Test
    @DisplayName("an impossible request fails with InvalidPhoneStateException naming the state, nothing is sent")
    void impossibleRequest() {
        assertThatThrownBy(() -> phone.hold().toCompletableFuture().get())
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(InvalidPhoneStateException.class)
                .hasMessageContaining("cannot hold: no call is up")
                .hasMessageContaining("agent state READY");
        assertThat(softphone.commands()).isEmpty();
    }

    @Test
    @DisplayName("a vendor error fails the command with the vendor's code and message")
    void vendorError() {
        softphone.failNextCommand("InvalidStateException", "Cannot put call on hold: Invalid contact state.");
        assertThatThrownBy(() -> phone.pause(PauseReason.BREAK).toCompletableFuture().get())
                .cause().isInstanceOf(VendorException.class)
                .satisfies(e -> {
                    VendorException v = (VendorException) e;
                    assertThat(v.vendorCode()).isEqualTo("InvalidStateException");
                    assertThat(v.vendorMessage()).isEqualTo("Cannot put call on hold: Invalid contact state.");
                });
    }

    @Test
    @DisplayName("a softphone that never answers: the command times out and no change is reported")
    void timeout() {
        softphone.stopAnswering();
        CompletableFuture<CommandResult> pause = phone.pause(PauseReason.BREAK).toCompletableFuture();
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(pause).isNotDone();
        scheduler.advance(Duration.ofSeconds(1));
        assertThatThrownBy(pause::get).cause().isInstanceOf(CommandTimeoutException.class)
                .hasMessageContaining("set state NOT_READY(BREAK)").hasMessageContaining("5000 ms");
        PhoneEventAssert.assertThat(events).hasTypes("AgentLoggedIn");
        assertThat(phone.agentState()).isEqualTo(AgentState.READY);
    }

    @Test
    @DisplayName("a throwing listener is skipped and the other listeners still get every event")
    void throwingListener() {
        RecordingPhoneListener second = new RecordingPhoneListener();
        phone.addListener(new PhoneListener() {
            @Override
            public void onEvent(PhoneEvent event) {
                throw new IllegalStateException("listener bug");
            }
        });
        phone.addListener(second);
        softphone.incomingCall("+15550100", "Support");
        assertThat(second.types()).containsExactly("CallOffered");
        assertThat(events.types()).containsExactly("AgentLoggedIn", "CallOffered");
    }

    @Test
    @DisplayName("a listener may call the phone from inside an event: the command runs after the event, in order")
    void reentrantListener() {
        List<String> seen = new ArrayList<>();
        phone.addListener(new PhoneListener() {
            @Override
            public void onCallOffered(PhoneEvent.CallOffered event) {
                seen.add("offered");
                phone.answer(event.callId()).thenRun(() -> seen.add("answer acknowledged"));
                seen.add("offered handled");
            }

            @Override
            public void onCallConnected(PhoneEvent.CallConnected event) {
                seen.add("connected " + event.origin());
            }
        });
        softphone.incomingCall("+15550100", "Support");
        assertThat(seen).containsExactly("offered", "offered handled", "connected APPLICATION",
                "answer acknowledged");
    }

    @Test
    @DisplayName("close() releases the driver and fails commands still in flight")
    void closeFailsInflight() {
        softphone.stopAnswering();
        CompletableFuture<CommandResult> pause = phone.pause(PauseReason.BREAK).toCompletableFuture();
        phone.close();
        assertThat(softphone.isClosed()).isTrue();
        assertThatThrownBy(pause::get).cause().isInstanceOf(PhoneClosedException.class);
        assertThatThrownBy(() -> phone.ready().toCompletableFuture().get()).cause()
                .isInstanceOf(PhoneClosedException.class).hasMessageContaining("agent-1");
    }

    @Test
    @DisplayName("duplicate observations produce no events")
    void duplicates() {
        softphone.republish();
        softphone.republish();
        PhoneEventAssert.assertThat(events).hasTypes("AgentLoggedIn");
        assertThat(softphone.commands()).isEmpty();
        assertThat(softphone.commands()).noneMatch(c -> c instanceof DriverCommand.SetState);
    }
}
