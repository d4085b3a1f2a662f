package dev.softphone.amazonconnect;

import dev.softphone.CommandResult;
import dev.softphone.Origin;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.testkit.BridgePageClient;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.amazon.SimulatedCcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End to end over the real socket: a {@link Phone} built with the Amazon Connect plugin, the embedded bridge server,
 * and the testkit's page client playing the simulated CCP, the way {@code streams-bridge.js} relays Streams.
 */
@DisplayName("Phone, bridge socket and simulated CCP, end to end")
class BridgeEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final StreamsBridgeHub hub = new StreamsBridgeHub();
    private final RecordingPhoneListener events = new RecordingPhoneListener();
    private final SimulatedCcp ccp = SimulatedCcp.create();
    /** While set, the page leaves commands unanswered (an answer lost with the socket). */
    private final CcpBehindPages relay = new CcpBehindPages(ccp);
    private StreamsBridgeServer server;
    private Phone phone;
    private BridgePageClient page;

    @BeforeEach
    void start() {
        server = StreamsBridgeServer.builder().hub(hub).build().start();
        phone = Phone.builder().id("agent-e2e").plugin(new AmazonConnectPlugin(hub)).listener(events).build();
        page = pageClient();
        ccp.connectTo(page::relayFromStreams);
        page.connect();
    }

    private BridgePageClient pageClient() {
        return relay.newPage(server.bridgeUri(), hub.issuePairingToken(phone.id()).value(), WAIT);
    }

    @AfterEach
    void stop() {
        page.drop();
        phone.close();
        server.close();
    }

    private static CommandResult done(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private <T extends PhoneEvent> T await(Class<T> type) {
        return type.cast(events.await(type::isInstance, WAIT));
    }

    private long count(Class<? extends PhoneEvent> type) {
        return events.ofType(type).size();
    }

    private String onCall() throws Exception {
        ccp.agentLogsIn("Available");
        await(PhoneEvent.AgentLoggedIn.class);
        String callId = ccp.customerCalls("+447700900123", "Support");
        await(PhoneEvent.CallOffered.class);
        done(phone.answer());
        await(PhoneEvent.CallConnected.class);
        return callId;
    }

    @Test
    @DisplayName("a call: offered, answered by the application over the socket, ended by the customer")
    void call() throws Exception {
        String callId = onCall();
        assertThat(await(PhoneEvent.CallConnected.class).meta().origin()).isEqualTo(Origin.APPLICATION);
        assertThat(page.commands()).extracting(c -> c.op()).contains("accept");

        ccp.customerHangsUp();

        PhoneEvent.CallEnded ended = await(PhoneEvent.CallEnded.class);
        assertThat(ended.callId()).isEqualTo(callId);
        assertThat(events.types()).containsSubsequence("AgentLoggedIn", "CallOffered", "CallConnected", "CallEnded");
    }

    @Test
    @DisplayName("the page drops mid-call: the command in flight fails at once, and after the reconnect the phone "
            + "learns what changed meanwhile, once")
    void dropAndReconnect() throws Exception {
        String callId = onCall();
        relay.silent(true);
        CompletionStage<CommandResult> hold = phone.hold();
        relay.awaitWithheld(c -> "hold".equals(c.op()), WAIT);

        page.drop();

        assertThatThrownBy(() -> done(hold)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SoftphoneUnavailableException.class);
        await(PhoneEvent.SoftphoneUnavailable.class);

        ccp.customerHangsUp();                   // while the socket is down: only the page sees it
        assertThat(count(PhoneEvent.CallEnded.class)).isZero();
        relay.silent(false);
        page.reconnect();

        await(PhoneEvent.SoftphoneAvailable.class);
        PhoneEvent.CallEnded ended = await(PhoneEvent.CallEnded.class);
        assertThat(ended.callId()).isEqualTo(callId);
        assertThat(count(PhoneEvent.CallOffered.class)).isEqualTo(1);
        assertThat(count(PhoneEvent.CallConnected.class)).isEqualTo(1);
        assertThat(count(PhoneEvent.AgentLoggedIn.class)).isEqualTo(1);
        assertThat(events.types()).containsSubsequence("SoftphoneUnavailable", "SoftphoneAvailable", "CallEnded");

        // And the link works again.
        done(phone.pause(PauseReason.custom("Lunch")));
        events.await(e -> e instanceof PhoneEvent.AgentStateChanged c && c.to().toString().contains("Lunch"), WAIT);
    }

    @Test
    @DisplayName("a second page takes over: the first is closed with 4409 and commands go to the new page")
    void takeover() throws Exception {
        ccp.agentLogsIn("Available");
        await(PhoneEvent.AgentLoggedIn.class);
        BridgePageClient second = pageClient();
        second.connect();
        ccp.connectTo(second::relayFromStreams);
        ccp.pageLoads();

        assertThat(page.awaitClosed(WAIT).code()).isEqualTo(PageClose.TAKEN_OVER.code());
        await(PhoneEvent.SoftphoneAvailable.class);
        String callId = ccp.customerCalls("+447700900999", "Support");
        await(PhoneEvent.CallOffered.class);
        done(phone.answer(callId));
        assertThat(second.commands()).extracting(c -> c.op()).contains("accept");
        assertThat(page.commands()).extracting(c -> c.op()).doesNotContain("accept");
        second.drop();
    }
}
