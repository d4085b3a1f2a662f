package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.Phone;
import dev.softphone.Target;
import dev.softphone.spi.SoftphonePlugin;
import org.junit.jupiter.api.DisplayName;

import java.util.EnumSet;
import java.util.Set;

/** The compatibility kit against the in-memory {@code fake} plugin, which simulates every vendor action but one. */
@DisplayName("fake plugin: compatibility kit")
class FakeSoftphonePluginCompatibilityTest extends SoftphonePluginCompatibilityKit {
    private final FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();

    @Override
    protected SoftphonePlugin plugin() {
        return plugin;
    }

    @Override
    protected VendorSimulator startVendor() {
        return new FakeVendor(plugin);
    }

    /** The fake plugin's vendor side is its {@link FakeSoftphone}, made when the phone is built. */
    static final class FakeVendor implements VendorSimulator {
        private final FakeSoftphonePlugin plugin;
        private FakeSoftphone softphone;

        FakeVendor(FakeSoftphonePlugin plugin) {
            this.plugin = plugin;
        }

        @Override
        public Set<VendorAction> actions() {
            // The fake has no wire format, so it has no unknown data to send.
            return EnumSet.complementOf(EnumSet.of(VendorAction.UNKNOWN_DATA));
        }

        @Override
        public void attach(Phone phone) {
            softphone = plugin.softphone();
        }

        @Override
        public void agentLogsIn() {
            softphone.agentLogsIn(AgentState.READY);
        }

        @Override
        public void agentLogsOut() {
            softphone.agentLogsOut();
        }

        @Override
        public void agentSetsState(AgentState state) {
            softphone.agentSetsState(state);
        }

        @Override
        public void agentAnswers(String callId) {
            softphone.agentAnswers(callId);
        }

        @Override
        public void agentHangsUp(String callId) {
            softphone.agentHangsUp(callId);
        }

        @Override
        public void agentHolds(String callId) {
            softphone.agentHolds(callId);
        }

        @Override
        public void agentResumes(String callId) {
            softphone.agentResumes(callId);
        }

        @Override
        public void agentStartsTransfer(String callId, String number) {
            softphone.agentStartsTransfer(callId, Target.phoneNumber(number));
        }

        @Override
        public String callArrives(String number, String queue) {
            return softphone.incomingCall(number, queue);
        }

        @Override
        public void farEndAnswers(String callId) {
            softphone.farEndAnswers(callId);
        }

        @Override
        public void farEndHangsUp(String callId) {
            softphone.farEndHangsUp(callId);
        }

        @Override
        public void ringingStops(String callId) {
            softphone.ringingStops(callId);
        }

        @Override
        public void thirdPartyAnswers(String callId) {
            softphone.thirdPartyAnswers(callId);
        }

        @Override
        public void thirdPartyHangsUp(String callId) {
            softphone.thirdPartyHangsUp(callId);
        }

        @Override
        public String refuseNextCommand(String message) {
            softphone.failNextCommand("Refused", message);
            return "Refused";
        }

        @Override
        public void delayAnswers() {
            softphone.stopAnswering();
        }

        @Override
        public void releaseAnswers() {
            softphone.resumeAnswering();
        }

        @Override
        public void goAway(String reason) {
            softphone.linkLost(reason);
        }

        @Override
        public void comeBack() {
            softphone.linkRestored("the compatibility kit brought it back");
        }

        @Override
        public boolean isPhoneConnected() {
            return !softphone.isClosed();
        }

        @Override
        public void close() {
            // Nothing to release: the fake lives in memory and the phone closes its driver.
        }
    }
}
