package dev.softphone.avaya;

import dev.softphone.spi.SoftphonePlugin;
import dev.softphone.testkit.SoftphonePluginCompatibilityKit;
import dev.softphone.testkit.VendorAction;
import dev.softphone.testkit.VendorSimulator;
import dev.softphone.testkit.onex.FakeOneXAgent;
import org.junit.jupiter.api.DisplayName;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The plugin contract, checked by the testkit's compatibility kit against the fake one-X Agent over real HTTP, on
 * real time with a short poll interval. Actions one-X cannot report (the agent answering, holding or changing state
 * in its window, transfers, far-end answer) are left out, so the kit skips what depends on them.
 */
@DisplayName("one-X Agent plugin: the plugin contract (compatibility kit)")
class AvayaOneXCompatibilityTest extends SoftphonePluginCompatibilityKit {

    @Override
    protected SoftphonePlugin plugin() {
        return new AvayaOneXPlugin();
    }

    @Override
    protected VendorSimulator startVendor() {
        return new OneXSimulator(FakeOneXAgent.start());
    }

    /** The fake one-X Agent, as the kit drives it. */
    private static final class OneXSimulator implements VendorSimulator {
        private final FakeOneXAgent fake;

        OneXSimulator(FakeOneXAgent fake) {
            this.fake = fake;
        }

        @Override
        public Set<VendorAction> actions() {
            return EnumSet.of(VendorAction.FAR_END_HANGS_UP, VendorAction.CALL_MISSED, VendorAction.DELAY_ANSWERS,
                    VendorAction.GO_AWAY, VendorAction.RECONNECT_WITH_CALLS, VendorAction.UNKNOWN_DATA,
                    VendorAction.SEES_CONNECTION);
        }

        @Override
        public Map<String, String> phoneConfig() {
            return Map.of("avaya-onex.base-url", fake.baseUrl(), "avaya-onex.poll-interval", "20ms",
                    "avaya-onex.retry-interval", "50ms", "avaya-onex.max-retry-interval", "200ms");
        }

        @Override
        public void agentLogsIn() {
            // The agent is logged in whenever one-X Agent runs; the plugin reports it on registration.
        }

        @Override
        public String callArrives(String number, String queue) {
            return fake.incomingCall(number, null, queue);
        }

        @Override
        public void farEndHangsUp(String callId) {
            fake.farEndHangsUp(callId);
        }

        @Override
        public void ringingStops(String callId) {
            fake.callerAbandons(callId);
        }

        @Override
        public void delayAnswers() {
            fake.answerSlowly(Duration.ofSeconds(2), "voice/makecall", "voice/accept", "voice/release",
                    "voice/hold", "voice/unhold", "voice/mute", "voice/unmute");
        }

        @Override
        public void releaseAnswers() {
            fake.answerSlowly(Duration.ZERO, "voice/makecall", "voice/accept", "voice/release", "voice/hold",
                    "voice/unhold", "voice/mute", "voice/unmute");
        }

        @Override
        public void goAway(String reason) {
            fake.stopServing();
        }

        @Override
        public void comeBack() {
            fake.resumeServing();
        }

        @Override
        public void sendUnknownData() {
            fake.queueRawNotification("<WorkItemAdded NotificationId=\"90\" ObjectId=\"WI90\" Topic=\"x\" New=\"1\"/>");
            fake.queueRawNotification("<VoiceInteractionTerminated NotificationId=\"91\" ObjectId=\"VI-unknown\"/>");
            fake.queueRawNotification("<SomethingNew NotificationId=\"92\"/>");
        }

        @Override
        public boolean isPhoneConnected() {
            return !fake.registeredClients().isEmpty();
        }

        @Override
        public void close() {
            fake.close();
        }
    }
}
