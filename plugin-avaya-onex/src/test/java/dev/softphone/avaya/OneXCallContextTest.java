package dev.softphone.avaya;

import dev.softphone.CallContext;
import dev.softphone.CallContextStoreException;
import dev.softphone.CallContextStores;
import dev.softphone.CallStatus;
import dev.softphone.ContextHandoff;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.spi.CallContextStore;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.onex.FakeOneXAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The call context travels with a one-X call through its UCID (docs/call-context.md, docs/avaya-onex.md): agent A's
 * phone and agent B's phone each run against their own fake one-X Agent over real HTTP and share one in-memory
 * context store. The switch keeps a call's UCID across a transfer, so the call arriving at B (through the transfer
 * VDN, configured as a transfer topic) carries the UCID A's one-X showed.
 */
@DisplayName("one-X Agent plugin: the call context travels by UCID")
class OneXCallContextTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String TRANSFER_VDN = "Transfer to agent";
    private static final String UCID = "00001002481700000001";

    private final CallContextStore store = CallContextStores.inMemory(Duration.ofMinutes(5), 16 * 1024);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** One agent: a fake one-X Agent on its PC and a phone on it, logged in. */
    private record Agent(FakeOneXAgent onex, Phone phone, RecordingPhoneListener events) {
    }

    private Agent agent(String id) {
        FakeOneXAgent onex = FakeOneXAgent.start();
        open.add(onex);
        RecordingPhoneListener events = new RecordingPhoneListener();
        Phone phone = Phone.builder().id(id).plugin(new AvayaOneXPlugin()).contextStore(store)
                .config(Map.of("avaya-onex.base-url", onex.baseUrl(), "avaya-onex.poll-interval", "20ms",
                        "avaya-onex.transfer-topics", TRANSFER_VDN + ", Overflow"))
                .listener(events).build();
        open.add(phone);
        events.await(PhoneEvent.AgentLoggedIn.class, WAIT);
        return new Agent(onex, phone, events);
    }

    private static String offered(Agent agent, String callId) {
        agent.events().await(e -> e instanceof PhoneEvent.CallOffered o && o.callId().equals(callId), WAIT);
        return callId;
    }

    private static PhoneEvent.TransferReceived transferReceived(Agent agent, String callId) {
        return (PhoneEvent.TransferReceived) agent.events()
                .await(e -> e instanceof PhoneEvent.TransferReceived t && t.callId().equals(callId), WAIT);
    }

    @Test
    @DisplayName("with a UCID, the context A saved is handed to B, whose arriving call carries the same UCID")
    void contextFollowsTheUcid() throws Exception {
        Agent a = agent("agent-a");
        Agent b = agent("agent-b");
        String callAtA = offered(a, a.onex().incomingCall("+3222001100", "Customer", "Sales", UCID));
        CallContext notes = CallContext.of(Map.of("customerId", "C-1029", "verified", true))
                .withScriptPosition("billing/refund/step-3");
        a.phone().attachContext(callAtA, notes).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // A transfers in the one-X window (the API has none); the switch routes the call to B through the VDN.
        String callAtB = offered(b, b.onex().incomingCall("+3222001100", "Customer", TRANSFER_VDN, UCID));
        a.onex().farEndHangsUp(callAtA);

        PhoneEvent.TransferReceived received = transferReceived(b, callAtB);
        assertThat(received.fromCallId()).as("the transfer chain's id: the UCID").isEqualTo(UCID);
        assertThat(received.context().status()).isEqualTo(ContextHandoff.Status.AVAILABLE);
        assertThat(received.context().correlationId()).isEqualTo(UCID);
        assertThat(received.context().savedBy()).isEqualTo("agent-a");
        assertThat(received.context().context()).isEqualTo(notes);
        assertThat(b.phone().context(callAtB)).isEqualTo(notes);
        assertThat(b.phone().call(callAtB).orElseThrow().context()).isEqualTo(notes);
    }

    @Test
    @DisplayName("a call with a UCID that did not come through a transfer topic is an ordinary call: no hand-off")
    void ucidAloneIsNoTransfer() {
        Agent b = agent("agent-b");
        String call = offered(b, b.onex().incomingCall("+3222001100", "Customer", "Sales", UCID));
        b.onex().farEndHangsUp(call);
        b.events().await(e -> e instanceof PhoneEvent.CallEnded x && x.callId().equals(call), WAIT);
        assertThat(b.events().ofType(PhoneEvent.TransferReceived.class)).isEmpty();
    }

    @Test
    @DisplayName("without a UCID the context stays on A's phone, B reports the hand-off unavailable, the calls go on")
    void withoutUcidTheHandoffIsUnavailable() throws Exception {
        Agent a = agent("agent-a");
        Agent b = agent("agent-b");
        String callAtA = offered(a, a.onex().incomingCall("+3222001100", "Customer", "Sales"));
        CallContext notes = CallContext.of(Map.of("customerId", "C-1029"));

        assertThatThrownBy(() -> a.phone().attachContext(callAtA, notes).toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(CallContextStoreException.class)
                .hasMessageContaining("UCID");
        assertThat(a.phone().context(callAtA)).as("kept on A's phone").isEqualTo(notes);

        String callAtB = offered(b, b.onex().incomingCall("+3222001100", "Customer", TRANSFER_VDN));
        PhoneEvent.TransferReceived received = transferReceived(b, callAtB);
        assertThat(received.context().status()).isEqualTo(ContextHandoff.Status.UNAVAILABLE);
        assertThat(received.context().reason()).contains("no correlation id");
        assertThat(received.context().context()).isEqualTo(CallContext.empty());

        // Nothing failed: B answers and the call goes on; A's call ends normally.
        b.phone().answer(callAtB).toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        b.events().await(e -> e instanceof PhoneEvent.CallConnected c && c.callId().equals(callAtB), WAIT);
        assertThat(b.phone().call(callAtB).orElseThrow().status()).isEqualTo(CallStatus.CONNECTED);
        a.onex().farEndHangsUp(callAtA);
        a.events().await(e -> e instanceof PhoneEvent.CallEnded x && x.callId().equals(callAtA), WAIT);
    }
}
