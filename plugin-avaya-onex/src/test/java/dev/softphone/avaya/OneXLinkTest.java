package dev.softphone.avaya;

import dev.softphone.AgentState;
import dev.softphone.CommandTimeoutException;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.VendorException;
import dev.softphone.testkit.onex.FakeOneXAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.softphone.avaya.OneXHarness.done;
import static dev.softphone.avaya.OneXHarness.failure;
import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("one-X Agent plugin: every failure mode of the fake one-X Agent")
class OneXLinkTest {
    private OneXHarness h;

    @AfterEach
    void close() {
        if (h != null) {
            h.close();
        }
    }

    @Test
    @DisplayName("one-X not running at start: unavailable, commands fail fast, back-off doubles, then registers")
    void notRunningAtStart() {
        FakeOneXAgent fake = FakeOneXAgent.start();
        fake.stopServing();
        h = OneXHarness.start(fake, Map.of(), b -> { });
        PhoneEvent.SoftphoneUnavailable down = h.await(PhoneEvent.SoftphoneUnavailable.class);
        assertThat(down.reason()).contains("not running");
        // Not registered, so core knows the agent as logged out and refuses call verbs itself.
        assertThat(h.phone.agentState()).isEqualTo(AgentState.LOGGED_OUT);

        assertThat(h.retry()).isEqualTo(Duration.ofSeconds(2));
        assertThat(h.retry()).isEqualTo(Duration.ofSeconds(4));
        assertThat(h.retry()).isEqualTo(Duration.ofSeconds(8));
        h.awaitFailedAgain();
        fake.resumeServing();
        assertThat(h.retry()).isEqualTo(Duration.ofSeconds(8));

        h.await(PhoneEvent.AgentLoggedIn.class);
        assertThat(h.events.types()).containsExactly("SoftphoneUnavailable", "SoftphoneAvailable", "AgentLoggedIn");
        assertThat(fake.registeredClients()).hasSize(1);
        done(h.phone.mute());
    }

    @Test
    @DisplayName("one-X stops answering mid-session: unavailable; when it is back with the same client, nothing is lost")
    void notRunningMidSession() {
        h = OneXHarness.registered(Map.of());
        String id = h.fake.incomingCall("+321", null, null);
        h.tick();
        h.await(PhoneEvent.CallOffered.class);
        done(h.phone.answer());
        h.settle();

        h.fake.stopServing();
        h.tick();
        h.await(PhoneEvent.SoftphoneUnavailable.class);
        assertThat(h.phone.isSoftphoneAvailable()).isFalse();
        assertThat(failure(h.phone.hold())).isInstanceOf(SoftphoneUnavailableException.class)
                .hasMessageContaining("link lost");
        assertThat(h.fake.isHeld(id)).hasValue(false);

        h.retry();
        h.awaitFailedAgain();
        h.fake.resumeServing();
        h.retry();
        h.await(PhoneEvent.SoftphoneAvailable.class);
        assertThat(h.phone.isSoftphoneAvailable()).isTrue();
        assertThat(h.events.ofType(PhoneEvent.CallEnded.class)).isEmpty();
        assertThat(h.fake.registeredClients()).hasSize(1);
        done(h.phone.hold());
        assertThat(h.fake.isHeld(id)).hasValue(true);
    }

    @Test
    @DisplayName("one-X restarted (client id invalid): re-register, report the lost calls ended and the agent reset")
    void restart() {
        h = OneXHarness.registered(Map.of("avaya-onex.reason.1", "BREAK"));
        h.fake.incomingCall("+321", null, null);
        h.tick();
        h.await(PhoneEvent.CallOffered.class);
        done(h.phone.answer());
        String step = done(h.phone.pause(PauseReason.BREAK)).manualStepId();
        done(h.phone.confirmManualStep(step));
        assertThat(h.phone.pendingState()).hasValue(AgentState.notReady(PauseReason.BREAK));
        h.settle();

        h.fake.restart();
        h.tick();
        h.await(PhoneEvent.SoftphoneAvailable.class);
        h.await(PhoneEvent.CallEnded.class);
        h.settle();
        assertThat(h.events.types()).containsSubsequence("SoftphoneUnavailable", "SoftphoneAvailable",
                "CallEnded");
        assertThat(h.phone.calls()).isEmpty();
        assertThat(h.phone.agentState()).isEqualTo(AgentState.notReady(new PauseReason("AUX", "")));
        assertThat(h.phone.pendingState()).isEmpty();
        assertThat(h.fake.registeredClients()).hasSize(1);
        assertThat(h.fake.requestCount("registerclient")).isEqualTo(2);

        String next = h.fake.incomingCall("+322", null, null);
        h.tick();
        assertThat(h.events.await(e -> e instanceof PhoneEvent.CallOffered o && o.callId().equals(next),
                OneXHarness.WAIT)).isNotNull();
    }

    @Test
    @DisplayName("one-X down and restarted meanwhile: the old id is refused when it is back, so the plugin re-registers")
    void downThenRestarted() {
        h = OneXHarness.registered(Map.of());
        h.fake.stopServing();
        h.tick();
        h.await(PhoneEvent.SoftphoneUnavailable.class);
        h.fake.restart();
        h.fake.resumeServing();
        h.retry();
        h.await(PhoneEvent.SoftphoneAvailable.class);
        assertThat(h.fake.requestCount("registerclient")).isEqualTo(2);
        assertThat(h.events.ofType(PhoneEvent.SoftphoneUnavailable.class)).hasSize(1);
        done(h.phone.mute());
    }

    @Test
    @DisplayName("unknown interaction id: one-X's non-zero ResponseCode becomes a OneXResponseException with the code")
    void unknownIds() {
        h = OneXHarness.registered(Map.of());
        h.fake.respondToUnknownIdsWith(7);
        String id = h.fake.incomingCall("+321", null, null);
        h.tick();
        h.await(PhoneEvent.CallOffered.class);
        done(h.phone.answer());
        h.settle();
        h.fake.farEndHangsUp(id); // one-X forgot the call; the plugin has not polled yet
        Throwable t = failure(h.phone.hold());
        assertThat(t).isInstanceOf(OneXResponseException.class);
        OneXResponseException e = (OneXResponseException) t;
        assertThat(e.responseCode()).isEqualTo(7);
        assertThat(e.vendorCode()).isEqualTo("7");
        assertThat(e.request()).isEqualTo("voice/hold");
        h.tick();
        h.await(PhoneEvent.CallEnded.class);
    }

    @Test
    @DisplayName("a duplicate client name (ResponseCode 1) makes the plugin register under another name")
    void duplicateName() {
        FakeOneXAgent fake = FakeOneXAgent.start();
        fake.answerNextRaw("registerclient", "<RegisterClientResponse ResponseCode=\"1\"/>");
        h = OneXHarness.start(fake, Map.of(), b -> { });
        h.await(PhoneEvent.AgentLoggedIn.class);
        assertThat(fake.requestCount("registerclient")).isEqualTo(2);
        assertThat(h.events.ofType(PhoneEvent.SoftphoneUnavailable.class)).isEmpty();
    }

    @Test
    @DisplayName("a slow command answer times out under the phone's command timeout; the late answer is still recorded")
    void slowCommand() {
        FakeOneXAgent fake = FakeOneXAgent.start();
        h = OneXHarness.start(fake, Map.of(), b -> b.commandTimeout(Duration.ofMillis(300)));
        h.await(PhoneEvent.AgentLoggedIn.class);
        fake.answerSlowly(Duration.ofMillis(300), "voice/mute");
        var mute = h.phone.mute();
        h.scheduler.awaitScheduled(Duration.ofMillis(300), 1, OneXHarness.WAIT); // the command's timeout is armed
        h.scheduler.deterministic().advance(Duration.ofMillis(300));
        assertThat(failure(mute)).isInstanceOf(CommandTimeoutException.class);
        // one-X did mute; its late acknowledgement still reaches the picture.
        assertThat(h.await(PhoneEvent.MuteChanged.class).muted()).isTrue();
        assertThat(fake.isMuted()).isTrue();
    }

    @Test
    @DisplayName("slow polls beyond the request timeout count as one-X not answering, until it answers in time again")
    void slowPoll() {
        h = OneXHarness.registered(Map.of("avaya-onex.request-timeout", "150ms"));
        h.fake.answerSlowly(Duration.ofSeconds(3), "nextnotification");
        h.tick();
        assertThat(h.await(PhoneEvent.SoftphoneUnavailable.class).reason()).contains("did not answer");
        h.fake.answerSlowly(Duration.ZERO, "nextnotification");
        h.retry();
        h.await(PhoneEvent.SoftphoneAvailable.class);
        assertThat(h.fake.requestCount("registerclient")).isEqualTo(1);
    }

    @Test
    @DisplayName("an unreadable notification answer (an entity-expansion attempt) is refused and polling goes on")
    void entityExpansionAttempt() {
        h = OneXHarness.registered(Map.of());
        h.fake.answerNextRaw("nextnotification", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
                + "<NextNotificationResponse ResponseCode=\"0\"><VoiceInteractionCreated ObjectId=\"&lol2;\" "
                + "Outbound=\"False\"/></NextNotificationResponse>");
        h.tick();
        String id = h.fake.incomingCall("+321", null, null);
        h.tick();
        assertThat(h.await(PhoneEvent.CallOffered.class).callId()).isEqualTo(id);
        assertThat(h.events.ofType(PhoneEvent.CallOffered.class)).hasSize(1);
        assertThat(h.events.ofType(PhoneEvent.SoftphoneUnavailable.class)).isEmpty();
    }

    @Test
    @DisplayName("a command answered with something that is not a one-X answer fails with MALFORMED_ANSWER")
    void malformedCommandAnswer() {
        h = OneXHarness.registered(Map.of());
        h.fake.answerNextRaw("voice/mute", "<html><body>Service Unavailable</body></html>");
        Throwable t = failure(h.phone.mute());
        assertThat(t).isInstanceOf(VendorException.class);
        assertThat(((VendorException) t).vendorCode()).isEqualTo("MALFORMED_ANSWER");
        assertThat(t).hasMessageContaining("ResponseCode");
        assertThat(h.events.ofType(PhoneEvent.MuteChanged.class)).isEmpty();
    }

    @Test
    @DisplayName("an oversized answer is cut off and refused as MALFORMED_ANSWER; the link stays up")
    void oversizedAnswer() {
        h = OneXHarness.registered(Map.of());
        h.fake.answerNextRaw("voice/mute", "<MuteResponse ResponseCode=\"0\">" + "x".repeat(300_000)
                + "</MuteResponse>");
        Throwable t = failure(h.phone.mute());
        assertThat(((VendorException) t).vendorCode()).isEqualTo("MALFORMED_ANSWER");
        assertThat(t).hasMessageContaining("larger than");
        assertThat(h.phone.isSoftphoneAvailable()).isTrue();
        done(h.phone.mute());
    }
}
