package dev.softphone.avaya;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.CallView;
import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.Direction;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.VendorException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.softphone.avaya.OneXHarness.done;
import static dev.softphone.avaya.OneXHarness.failure;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("one-X Agent plugin: calls over real HTTP against the fake one-X Agent")
class OneXCallControlTest {
    private OneXHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    private CallView call(String id) {
        return h.phone.call(id).orElseThrow(() -> new AssertionError("no call " + id + " in " + h.phone.calls()));
    }

    private LegState customer(String id) {
        return call(id).legs().stream().filter(l -> l.role() == LegRole.CUSTOMER).findFirst().orElseThrow().state();
    }

    @Test
    @DisplayName("registers a uniquely named client on start and reports the agent in the assumed initial state")
    void registersOnStart() {
        h = OneXHarness.registered(Map.of());
        assertThat(h.fake.registeredClients()).singleElement().asString().startsWith("softphone-sdk-");
        assertThat(h.phone.agentState()).isEqualTo(AgentState.notReady(new PauseReason("AUX", "")));
        assertThat(h.phone.isSoftphoneAvailable()).isTrue();
    }

    @Test
    @DisplayName("advertises exactly dial, answer, hang up, hold and mute, and says why the rest is missing")
    void honestCapabilities() {
        h = OneXHarness.registered(Map.of());
        assertThat(h.phone.capabilities()).containsExactlyInAnyOrder(Capability.DIAL, Capability.ANSWER,
                Capability.HANGUP, Capability.HOLD, Capability.MUTE);
        assertThat(h.phone.can(Capability.CONSULT_TRANSFER).toString()).contains("one-X Agent API has no request");
    }

    @Test
    @DisplayName("an inbound call is offered, answered, held, resumed and ends when the far end hangs up")
    void inboundCallLifecycle() {
        h = OneXHarness.registered(Map.of());
        String id = h.fake.incomingCall("+3225551234", "Jan Peeters", "Billing");
        h.tick();
        PhoneEvent.CallOffered offered = h.await(PhoneEvent.CallOffered.class);
        assertThat(offered.callId()).isEqualTo(id);
        assertThat(offered.direction()).isEqualTo(Direction.INBOUND);
        assertThat(offered.remote()).isEqualTo("+3225551234");
        assertThat(offered.queue()).isEqualTo("Billing");
        assertThat(call(id).status()).isEqualTo(CallStatus.RINGING);

        assertThat(done(h.phone.answer()).isManual()).isFalse();
        h.await(PhoneEvent.CallConnected.class);
        assertThat(h.fake.interactionState(id)).hasValue("ACTIVE");

        done(h.phone.hold());
        assertThat(h.fake.isHeld(id)).hasValue(true);
        assertThat(customer(id)).isEqualTo(LegState.HELD);
        assertThat(h.await(PhoneEvent.CallHeld.class).origin()).isEqualTo(dev.softphone.Origin.APPLICATION);

        done(h.phone.resume());
        h.await(PhoneEvent.CallResumed.class);
        assertThat(h.fake.isHeld(id)).hasValue(false);
        assertThat(customer(id)).isEqualTo(LegState.CONNECTED);

        h.fake.farEndHangsUp(id);
        h.tick();
        assertThat(h.await(PhoneEvent.CallEnded.class).callId()).isEqualTo(id);
        h.settle();
        assertThat(h.phone.calls()).isEmpty();
    }

    @Test
    @DisplayName("hanging up releases the interaction and the call ends at once, before one-X's notification")
    void hangupReleases() {
        h = OneXHarness.registered(Map.of());
        String id = h.fake.incomingCall("+3225551234", null, null);
        h.tick();
        h.await(PhoneEvent.CallOffered.class);
        done(h.phone.answer(id));
        done(h.phone.hangup(id));
        assertThat(h.await(PhoneEvent.CallEnded.class).endedBy()).isEqualTo(dev.softphone.EndedBy.AGENT);
        assertThat(h.fake.interactions()).isEmpty();
        h.tick();
        // The Terminated notification that follows changes nothing.
        h.tick();
        assertThat(h.events.ofType(PhoneEvent.CallEnded.class)).hasSize(1);
    }

    @Test
    @DisplayName("dialing sends makecall with the configured prefix; the call appears with one-X's notification")
    void dial() {
        h = OneXHarness.registered(Map.of("avaya-onex.dial-prefix", "9"));
        done(h.phone.dial(Destination.phoneNumber("+32 2 555-12 34")));
        assertThat(h.fake.requests()).anyMatch(r -> r.startsWith("voice/makecall?") && r.contains("number=9%2B3225551234"));
        h.tick();
        PhoneEvent.CallOffered offered = h.await(PhoneEvent.CallOffered.class);
        assertThat(offered.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(offered.origin()).isEqualTo(dev.softphone.Origin.APPLICATION);
        h.await(PhoneEvent.CallConnected.class);
    }

    @Test
    @DisplayName("dialing a queue or an agent by name fails clearly: one-X dials numbers only")
    void dialNameFails() {
        h = OneXHarness.registered(Map.of());
        Throwable t = failure(h.phone.dial(Destination.queue("Billing")));
        assertThat(t).isInstanceOf(VendorException.class).hasMessageContaining("NOT_DIALABLE")
                .hasMessageContaining("queue Billing");
        assertThat(h.fake.requestCount("voice/makecall")).isZero();
    }

    @Test
    @DisplayName("mute and unmute are recorded from one-X's acknowledgement, since the API has no mute event")
    void mute() {
        h = OneXHarness.registered(Map.of());
        done(h.phone.mute());
        assertThat(h.await(PhoneEvent.MuteChanged.class).muted()).isTrue();
        assertThat(h.fake.isMuted()).isTrue();
        done(h.phone.unmute());
        assertThat(h.events.ofType(PhoneEvent.MuteChanged.class)).extracting(PhoneEvent.MuteChanged::muted)
                .containsExactly(true, false);
        assertThat(h.fake.isMuted()).isFalse();
    }

    @Test
    @DisplayName("a call that stops ringing unanswered is reported missed")
    void missed() {
        h = OneXHarness.registered(Map.of());
        String id = h.fake.incomingCall("+3225550000", null, "Sales");
        h.tick();
        h.await(PhoneEvent.CallOffered.class);
        h.fake.callerAbandons(id);
        h.tick();
        assertThat(h.await(PhoneEvent.CallMissed.class).callId()).isEqualTo(id);
        h.settle();
        assertThat(h.phone.calls()).isEmpty();
    }

    @Test
    @DisplayName("several queued notifications are read in one go, in order")
    void drainsTheQueue() {
        h = OneXHarness.registered(Map.of());
        String a = h.fake.incomingCall("+321", null, null);
        String b = h.fake.incomingCall("+322", null, null);
        h.fake.callerAbandons(a);
        h.tick();
        h.await(PhoneEvent.CallMissed.class);
        h.settle();
        assertThat(h.events.ofType(PhoneEvent.CallOffered.class)).extracting(PhoneEvent.CallOffered::callId)
                .containsExactly(a, b);
        assertThat(h.phone.calls()).extracting(CallView::callId).containsExactly(b);
    }

    @Test
    @DisplayName("answering in the one-X window is not observable: the call shows ringing, and connected only at its end")
    void answeredByHandIsInvisible() {
        h = OneXHarness.registered(Map.of());
        String id = h.fake.incomingCall("+3225551234", null, null);
        h.tick();
        h.await(PhoneEvent.CallOffered.class);
        h.fake.agentAnswersByHand(id);
        h.tick();
        assertThat(call(id).status()).isEqualTo(CallStatus.RINGING);
        h.fake.farEndHangsUp(id);
        h.tick();
        h.await(PhoneEvent.CallEnded.class);
        // Terminated (not Missed) proves it was answered: connected is reported late, just before the end.
        assertThat(h.events.types()).containsSubsequence("CallOffered", "CallConnected", "CallEnded");
        assertThat(h.events.ofType(PhoneEvent.CallMissed.class)).isEmpty();
    }

    @Test
    @DisplayName("a call the agent dials by hand in one-X is seen, as an outbound call from the softphone")
    void dialledByHand() {
        h = OneXHarness.registered(Map.of());
        String id = h.fake.agentDialsByHand("1234");
        h.tick();
        PhoneEvent.CallOffered offered = h.await(PhoneEvent.CallOffered.class);
        assertThat(offered.callId()).isEqualTo(id);
        assertThat(offered.origin()).isEqualTo(dev.softphone.Origin.SOFTPHONE);
    }

    @Test
    @DisplayName("notifications the voice picture does not use (work items, IM) are skipped and polling goes on")
    void otherNotificationsSkipped() {
        h = OneXHarness.registered(Map.of());
        h.fake.queueRawNotification("<WorkItemAdded NotificationId=\"9\" ObjectId=\"WI9\" TimeStamp=\"\" Topic=\"x\"/>");
        h.fake.queueRawNotification("<IMInteractionCreated NotificationId=\"10\" ObjectId=\"IM1\"/>");
        String id = h.fake.incomingCall("+321", null, null);
        h.tick();
        assertThat(h.await(PhoneEvent.CallOffered.class).callId()).isEqualTo(id);
    }

    @Test
    @DisplayName("Manual-In: after an answered inbound call ends, the agent is in after-call work")
    void manualInAfterCallWork() {
        h = OneXHarness.registered(Map.of("avaya-onex.work-mode", "manual-in", "avaya-onex.initial-state", "ready"));
        assertThat(h.phone.agentState()).isEqualTo(AgentState.READY);
        String id = h.fake.incomingCall("+321", null, "Sales");
        h.tick();
        h.await(PhoneEvent.CallOffered.class);
        done(h.phone.answer());
        h.fake.farEndHangsUp(id);
        h.tick();
        PhoneEvent.AgentStateChanged changed = h.await(PhoneEvent.AgentStateChanged.class);
        assertThat(changed.to()).isEqualTo(AgentState.notReady(PauseReason.AFTER_CALL_WORK));
    }

    @Test
    @DisplayName("closing the phone unregisters the client, so one-X drops its queue")
    void unregistersOnClose() {
        h = OneXHarness.registered(Map.of());
        h.phone.close();
        assertThat(h.fake.requestCount("unregisterclient")).isEqualTo(1);
        assertThat(h.fake.registeredClients()).isEmpty();
    }

    @Test
    @DisplayName("the plugin is found through ServiceLoader under the id avaya-onex")
    void serviceLoader() {
        var fake = dev.softphone.testkit.onex.FakeOneXAgent.start();
        try (var phone = dev.softphone.Phone.builder().plugin("avaya-onex")
                .config("avaya-onex.base-url", fake.baseUrl()).build()) {
            assertThat(phone.pluginId()).isEqualTo("avaya-onex");
        } finally {
            fake.close();
        }
    }
}
