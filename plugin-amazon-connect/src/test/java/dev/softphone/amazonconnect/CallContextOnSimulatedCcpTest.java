package dev.softphone.amazonconnect;

import dev.softphone.CallContext;
import dev.softphone.CallContextStores;
import dev.softphone.CommandResult;
import dev.softphone.ContextHandoff;
import dev.softphone.Destination;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.spi.CallContextStore;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.amazon.SimulatedCcp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two agents, each with a phone on the Amazon Connect plugin and a simulated CCP page, share a call context store
 * (docs/call-context.md). The correlation id is the transfer chain's {@code initialContactId}.
 */
@DisplayName("Call context travels with a quick-connect transfer between two agents on the simulated CCP")
class CallContextOnSimulatedCcpTest {
    private static final String CUSTOMER = "+447700900123";

    private final ScenarioHarness h = new ScenarioHarness();
    private final CallContextStore store = CallContextStores.inMemory(Duration.ofHours(1), 16 * 1024);
    private final RecordingPhoneListener eventsB = new RecordingPhoneListener();
    private final SimulatedCcp ccpA = SimulatedCcp.create();
    private final SimulatedCcp ccpB = SimulatedCcp.create();
    private final Phone phoneA = h.phones().get().id("agent-a").contextStore(store).build();
    private final Phone phoneB = h.phones().get().id("agent-b").contextStore(store).listener(eventsB).build();

    @AfterEach
    void close() {
        phoneA.close();
        phoneB.close();
    }

    private static void connect(ScenarioHarness h, Phone phone, SimulatedCcp ccp) {
        InProcessPage page = InProcessPage.attach(h.hub, phone, ccp::receive);
        ccp.connectTo(page::fromPage);
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("A collects data and blind-transfers through the 'Billing QC' quick connect; B's TransferReceived carries it")
    void quickConnectTransfer() throws Exception {
        connect(h, phoneA, ccpA);
        connect(h, phoneB, ccpB);
        // Each simulated CCP numbers its contacts from 1; Amazon's ids are unique. A first, missed call on A's page
        // keeps A's contact id apart from the one B's page gives the transferred contact.
        ccpA.customerCalls("+447700900999", "Support");
        ccpA.ringTimesOut();
        String contactA = ccpA.customerCalls(CUSTOMER, "Support");
        await(phoneA.answer());
        CallContext collected = CallContext.empty().with("customerId", "C-1029").with("verified", true)
                .with("orders", List.of(Map.of("id", "A-7", "total", 19.9))).withScriptPosition("billing/refund/3");
        await(phoneA.attachContext(contactA, collected.withScriptPosition("identify")));

        assertThat(await(phoneA.blindTransfer(Destination.quickConnect("Billing QC"), collected)))
                .isEqualTo(CommandResult.done());
        assertThat(ccpA.commandsSeen()).contains("addConnection");

        String contactB = ccpB.transferArrives(contactA, CUSTOMER, "Billing", false);

        PhoneEvent.TransferReceived received = eventsB.await(PhoneEvent.TransferReceived.class,
                Duration.ofSeconds(5));
        assertThat(received.callId()).isEqualTo(contactB);
        assertThat(received.fromCallId()).isEqualTo(contactA);
        assertThat(received.context().status()).isEqualTo(ContextHandoff.Status.AVAILABLE);
        assertThat(received.context().correlationId()).isEqualTo(contactA);
        assertThat(received.context().context()).isEqualTo(collected);
        assertThat(received.context().savedBy()).isEqualTo("agent-a");
        assertThat(phoneB.call(contactB).orElseThrow().context()).isEqualTo(collected);

        await(phoneB.answer());
        await(phoneB.attachContext(contactB, phoneB.context(contactB).with("refunded", true)));
        assertThat(store.load(contactA).orElseThrow().context().get("refunded")).contains(true);
    }

    @Test
    @DisplayName("with nothing saved by A, B's TransferReceived reports NONE for the chain's initial contact")
    void nothingSaved() throws Exception {
        connect(h, phoneB, ccpB);
        ccpB.transferArrives("contact-from-elsewhere", CUSTOMER, "Billing", true);
        PhoneEvent.TransferReceived received = eventsB.await(PhoneEvent.TransferReceived.class,
                Duration.ofSeconds(5));
        assertThat(received.context().status()).isEqualTo(ContextHandoff.Status.NONE);
        assertThat(received.context().correlationId()).isEqualTo("contact-from-elsewhere");
    }
}
