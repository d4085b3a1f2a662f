package dev.softphone.amazonconnect;

import dev.softphone.AgentState;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.spi.SoftphonePlugin;
import dev.softphone.testkit.BridgeCommand;
import dev.softphone.testkit.BridgePageClient;
import dev.softphone.testkit.SoftphonePluginCompatibilityKit;
import dev.softphone.testkit.VendorAction;
import dev.softphone.testkit.VendorSimulator;
import dev.softphone.testkit.amazon.SimulatedCcp;
import org.junit.jupiter.api.DisplayName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plugin contract, checked by the testkit's compatibility kit against the simulated CCP through the real bridge:
 * each simulator runs an embedded {@link StreamsBridgeServer} on a loopback port, and a {@link BridgePageClient}
 * (the Java stand-in for {@code streams-bridge.js}) pairs with the kit's phone over a real WebSocket and relays
 * between the socket and {@link SimulatedCcp}. Each test run uses its own {@link StreamsBridgeHub}, handed to the
 * plugin, so pairings never leak between tests. "The vendor goes away" is the page's socket dropping; "it comes back"
 * is the same page load reconnecting.
 */
@DisplayName("Amazon Connect plugin: the plugin contract (compatibility kit, real bridge socket)")
class AmazonConnectCompatibilityTest extends SoftphonePluginCompatibilityKit {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The hub of this test run: the plugin's phones and the simulators' bridge servers meet here. */
    private final StreamsBridgeHub hub = new StreamsBridgeHub();

    @Override
    protected SoftphonePlugin plugin() {
        return new AmazonConnectPlugin(hub);
    }

    @Override
    protected VendorSimulator startVendor() {
        return new CcpSimulator(StreamsBridgeServer.builder().hub(hub).build().start());
    }

    /** The simulated CCP behind a bridge page on a real socket, as the kit drives it. */
    private static final class CcpSimulator implements VendorSimulator {
        private static final String VENDOR_ERROR = "InvalidStateException";

        private final StreamsBridgeServer server;
        /** The default agent plus a Meeting state, so every pause reason the kit uses has a CCP state. */
        private final SimulatedCcp ccp = SimulatedCcp.builder().states(
                new SimulatedCcp.AgentStateDef("routable", "Available"),
                new SimulatedCcp.AgentStateDef("not_routable", "Break"),
                new SimulatedCcp.AgentStateDef("not_routable", "Lunch"),
                new SimulatedCcp.AgentStateDef("not_routable", "Meeting"),
                new SimulatedCcp.AgentStateDef("not_routable", "Training"),
                new SimulatedCcp.AgentStateDef("offline", "Offline")).build();
        /** Guards the fields below: the page's reader thread hands commands in while the kit's thread drives. */
        private final Object lock = new Object();
        private final List<String> held = new ArrayList<>();
        private boolean holding;
        private String refusal;
        private BridgePageClient page;

        CcpSimulator(StreamsBridgeServer server) {
            this.server = server;
        }

        @Override
        public Set<VendorAction> actions() {
            // Everything the CCP window, the far end and the page can do that Streams reports to the page.
            return EnumSet.of(VendorAction.AGENT_LOGS_OUT, VendorAction.AGENT_SETS_STATE, VendorAction.AGENT_ANSWERS,
                    VendorAction.AGENT_HANGS_UP, VendorAction.AGENT_HOLDS, VendorAction.AGENT_STARTS_TRANSFER,
                    VendorAction.FAR_END_ANSWERS, VendorAction.FAR_END_HANGS_UP, VendorAction.CALL_MISSED,
                    VendorAction.THIRD_PARTY_ANSWERS, VendorAction.THIRD_PARTY_HANGS_UP, VendorAction.REFUSE_COMMAND,
                    VendorAction.DELAY_ANSWERS, VendorAction.GO_AWAY, VendorAction.RECONNECT_WITH_CALLS,
                    VendorAction.UNKNOWN_DATA, VendorAction.SEES_CONNECTION);
        }

        @Override
        public Map<String, String> phoneConfig() {
            // "Lunch" is this contact center's name for a meal break (docs/amazon-connect.md, reason mapping).
            return Map.of("amazon-connect.reason.Lunch", "MEAL");
        }

        @Override
        public void attach(Phone phone) {
            page = BridgePageClient.builder(server.bridgeUri()).token(hub().issuePairingToken(phone.id()).value())
                    .commandHandler((command, p) -> onCommand(command)).timeout(WAIT).build();
            ccp.connectTo(page::relayFromStreams);
            page.connect();
        }

        private StreamsBridgeHub hub() {
            return server.hub();
        }

        /** A command from the phone: carried out at once, refused, or held while answers are delayed. */
        private void onCommand(BridgeCommand command) {
            synchronized (lock) {
                if (refusal != null) {
                    ccp.failNext(command.op(), VENDOR_ERROR, refusal);
                    refusal = null;
                }
                if (holding) {
                    held.add(command.raw());
                    return;
                }
            }
            ccp.receive(command.raw());
        }

        @Override
        public void agentLogsIn() {
            ccp.agentLogsIn("Available");
        }

        @Override
        public void agentLogsOut() {
            ccp.agentLogsOutInCcp();
        }

        @Override
        public void agentSetsState(AgentState state) {
            if (state.equals(AgentState.READY)) {
                ccp.agentSelectsState("Available");
            } else if (state.equals(AgentState.notReady(PauseReason.BREAK))) {
                ccp.agentSelectsState("Break");
            } else {
                throw new IllegalArgumentException("the simulated CCP's agent has no state for " + state);
            }
        }

        @Override
        public void agentAnswers(String callId) {
            ccp.agentAccepts();
        }

        @Override
        public void agentHangsUp(String callId) {
            ccp.agentHangsUp();
        }

        @Override
        public void agentHolds(String callId) {
            ccp.agentHoldsCustomer();
        }

        @Override
        public void agentResumes(String callId) {
            ccp.agentResumesCustomer();
        }

        @Override
        public void agentStartsTransfer(String callId, String number) {
            ccp.agentAddsParty(number);
        }

        @Override
        public String callArrives(String number, String queue) {
            return ccp.customerCalls(number, queue);
        }

        @Override
        public void farEndAnswers(String callId) {
            ccp.customerAnswers();
        }

        @Override
        public void farEndHangsUp(String callId) {
            ccp.customerHangsUp(callId);
        }

        @Override
        public void ringingStops(String callId) {
            // A customer hanging up before the agent answers: Streams shows the offer missed, then gone.
            ccp.customerHangsUp(callId);
        }

        @Override
        public void thirdPartyAnswers(String callId) {
            ccp.thirdPartyAnswers();
        }

        @Override
        public void thirdPartyHangsUp(String callId) {
            ccp.thirdPartyHangsUp();
        }

        @Override
        public String refuseNextCommand(String message) {
            synchronized (lock) {
                refusal = message;
            }
            return VENDOR_ERROR;
        }

        @Override
        public void delayAnswers() {
            synchronized (lock) {
                holding = true;
            }
        }

        @Override
        public void releaseAnswers() {
            List<String> release;
            synchronized (lock) {
                holding = false;
                release = List.copyOf(held);
                held.clear();
            }
            release.forEach(ccp::receive);
        }

        @Override
        public void goAway(String reason) {
            page.drop();
        }

        @Override
        public void comeBack() {
            page.reconnect();
        }

        @Override
        public void sendUnknownData() {
            // A Streams event this plugin does not know, a known event about a contact it never saw, a message type
            // from a later protocol version, extra fields, and one line that is not JSON at all.
            page.sendStreamsEvent("agent::something_new", "{\"detail\":{\"level\":3}}");
            page.sendStreamsEvent("contact::destroyed", "{\"contactId\":\"never-seen-contact\"}");
            page.send("{\"type\":\"page.telemetry\",\"seq\":0,\"data\":{\"fps\":60}}");
            page.send("{not json");
        }

        @Override
        public boolean isPhoneConnected() {
            return page != null && page.isOpen();
        }

        @Override
        public void close() {
            try {
                if (page != null) {
                    page.close();
                }
            } finally {
                server.close();
            }
        }
    }
}
