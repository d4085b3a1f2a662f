package dev.softphone.amazonconnect;

import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.EndedBy;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.ActivityReporting;
import dev.softphone.activity.ActivitySink;
import dev.softphone.testkit.BridgeCommand;
import dev.softphone.testkit.BridgePageClient;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.amazon.SimulatedCcp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fault R6: the bridge page reloads during a transfer. A {@link Phone} with the Amazon Connect plugin, the embedded
 * bridge server over a real loopback WebSocket, and the simulated CCP behind a page client. The page's socket drops
 * without a closing handshake, then a NEW page load pairs (its own {@code seq} from 1, {@code hello}, then the latest
 * snapshot) — before the third party answers, while consulting, with a command in flight, and after the agent
 * finished the transfer by hand in the CCP while no page was there. Checked each time: a command in flight fails at
 * once with {@link SoftphoneUnavailableException}; {@code SoftphoneUnavailable}/{@code SoftphoneAvailable} are
 * reported; the transfer pairs up exactly once ({@code ConsultStarted} then one {@code TransferCompleted} or
 * {@code TransferCancelled}); no call event is repeated or lost; the activity records balance.
 */
@DisplayName("R6: the bridge page reloads during a transfer; nothing is repeated or lost")
class BridgeReloadDuringTransferTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String THIRD_PARTY = "+15550199";
    private static final AtomicInteger RELOADS = new AtomicInteger();
    private static final AtomicInteger FAILED_IN_FLIGHT = new AtomicInteger();
    private static final AtomicInteger RECORDS = new AtomicInteger();

    private final StreamsBridgeHub hub = new StreamsBridgeHub();
    private final RecordingPhoneListener events = new RecordingPhoneListener();
    private final SimulatedCcp ccp = SimulatedCcp.create();
    private final MemorySink sink = new MemorySink();
    /** While set, the page keeps commands to itself (they reach the CCP only if the test passes them on). */
    private final CcpBehindPages relay = new CcpBehindPages(ccp);
    @TempDir
    Path spool;
    private ActivityReporting reporting;
    private StreamsBridgeServer server;
    private Phone phone;
    private BridgePageClient page;

    @BeforeEach
    void start() {
        reporting = ActivityReporting.builder().spoolDirectory(spool).sink(sink).build();
        server = StreamsBridgeServer.builder().hub(hub).build().start();
        phone = Phone.builder().id("agent-reload").plugin(new AmazonConnectPlugin(hub)).listener(events)
                .activity(reporting).build();
        page = newPage();
        ccp.connectTo(page::relayFromStreams);
        page.connect();
    }

    @AfterEach
    void stop() {
        page.drop();
        phone.close();
        server.close();
        reporting.close();
    }

    private BridgePageClient newPage() {
        return relay.newPage(server.bridgeUri(), hub.issuePairingToken(phone.id()).value(), WAIT);
    }

    /** The socket dies without a goodbye (tab killed, network gone); the phone must say the softphone is away. */
    private void pageDies() {
        long before = lastSeq();
        page.drop();
        awaitAfter(PhoneEvent.SoftphoneUnavailable.class, before);
    }

    /** A new page load pairs: its own seq from 1, hello, then the CCP's latest snapshot. */
    private void newPageLoads() {
        long before = lastSeq();
        page = newPage();
        page.connect();
        ccp.connectTo(page::relayFromStreams);
        ccp.pageLoads();
        awaitAfter(PhoneEvent.SoftphoneAvailable.class, before);
        RELOADS.incrementAndGet();
    }

    private long lastSeq() {
        List<PhoneEvent> all = events.events();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    /** Waits for an event of a type that came after the event numbered {@code seq}. */
    private void awaitAfter(Class<? extends PhoneEvent> type, long seq) {
        events.await(e -> type.isInstance(e) && e.seq() > seq, WAIT);
    }

    private static CommandResult done(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private <T extends PhoneEvent> T await(Class<T> type) {
        return type.cast(events.await(type::isInstance, WAIT));
    }

    private String consulting(boolean thirdPartyAnswers) throws Exception {
        ccp.agentLogsIn("Available");
        await(PhoneEvent.AgentLoggedIn.class);
        String callId = ccp.customerCalls("+447700900123", "Support");
        await(PhoneEvent.CallOffered.class);
        done(phone.answer());
        await(PhoneEvent.CallConnected.class);
        done(phone.startTransfer(Destination.phoneNumber(THIRD_PARTY)));
        await(PhoneEvent.ConsultStarted.class);
        if (thirdPartyAnswers) {
            ccp.thirdPartyAnswers();
            await(PhoneEvent.ConsultConnected.class);
        }
        return callId;
    }

    /** The agent closes after-call work and logs out: the last message, so everything before it was processed. */
    private void endShift(String callId) {
        ccp.agentClosesContact();
        ccp.agentLogsOutInCcp();
        await(PhoneEvent.AgentLoggedOut.class);
        assertThat(phone.calls()).extracting(c -> c.callId()).doesNotContain(callId);
    }

    /** The phone reports the transfer's end for the call and then the call's end, once each; the shift ends. */
    private void transferEndsOnce(String callId, Class<? extends PhoneEvent.CallEvent> end) throws Exception {
        assertThat(end.cast(await(end)).callId()).isEqualTo(callId);
        await(PhoneEvent.CallEnded.class);
        endShift(callId);
        assertNothingRepeatedOrLost(callId, end);
    }

    /** The command failed at once because no page (or no answer) is there. */
    private static void assertUnavailable(CompletionStage<CommandResult> command) {
        assertThatThrownBy(() -> done(command)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SoftphoneUnavailableException.class);
    }

    private long count(Class<? extends PhoneEvent> type) {
        return events.ofType(type).size();
    }

    /** Each call event at most once per call, the transfer paired once, and the activity records balanced. */
    private void assertNothingRepeatedOrLost(String callId, Class<? extends PhoneEvent.CallEvent> transferEnd) throws Exception {
        assertThat(count(PhoneEvent.CallOffered.class)).isEqualTo(1);
        assertThat(count(PhoneEvent.CallConnected.class)).isEqualTo(1);
        assertThat(count(PhoneEvent.ConsultStarted.class)).isEqualTo(1);
        assertThat(count(PhoneEvent.ConsultConnected.class)).isLessThanOrEqualTo(1);
        assertThat(count(PhoneEvent.TransferCompleted.class) + count(PhoneEvent.TransferCancelled.class))
                .as("the transfer ends exactly once").isEqualTo(1);
        assertThat(count(transferEnd)).isEqualTo(1);
        assertThat(count(PhoneEvent.CallEnded.class)).isEqualTo(1);
        assertThat(count(PhoneEvent.AgentLoggedIn.class)).isEqualTo(1);
        assertThat(events.types()).containsSubsequence("CallOffered", "CallConnected", "ConsultStarted",
                "SoftphoneUnavailable", "SoftphoneAvailable", transferEnd.getSimpleName(), "CallEnded");
        // Holds pair per party: no hold reported twice without a resume in between.
        Map<Object, Integer> held = new HashMap<>();
        for (PhoneEvent e : events.events()) {
            if (e instanceof PhoneEvent.CallHeld h) {
                assertThat(held.merge(h.party(), 1, Integer::sum)).as("hold of %s twice", h.party()).isEqualTo(1);
            } else if (e instanceof PhoneEvent.CallResumed r) {
                held.merge(r.party(), -1, Integer::sum);
            }
        }
        assertActivityBalances(callId);
    }

    private void assertActivityBalances(String callId) throws Exception {
        reporting.flush().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(reporting.awaitDelivered(WAIT)).isTrue();
        List<ActivityRecord> records = sink.records();
        RECORDS.addAndGet(records.size());
        assertThat(records).extracting(ActivityRecord::id).doesNotHaveDuplicates();
        EnumMap<ActivityKind, Integer> call = new EnumMap<>(ActivityKind.class);
        EnumMap<ActivityKind, Integer> agent = new EnumMap<>(ActivityKind.class);
        for (ActivityRecord r : records) {
            (r.isCallRecord() ? call : agent).merge(r.kind(), 1, Integer::sum);
            if (r.isCallRecord()) {
                assertThat(r.callId()).isEqualTo(callId);
            }
        }
        assertThat(call.get(ActivityKind.CALL_OFFERED)).as("call records %s", call).isEqualTo(1);
        assertThat(call.getOrDefault(ActivityKind.CALL_ENDED, 0) + call.getOrDefault(ActivityKind.CALL_MISSED, 0))
                .as("call records %s", call).isEqualTo(1);
        assertThat(call.getOrDefault(ActivityKind.TRANSFER_STARTED, 0)).as("call records %s", call).isEqualTo(1);
        assertThat(call.getOrDefault(ActivityKind.TRANSFER_COMPLETED, 0)
                + call.getOrDefault(ActivityKind.TRANSFER_CANCELLED, 0)).as("call records %s", call).isEqualTo(1);
        assertThat(call.getOrDefault(ActivityKind.HOLD_STARTED, 0)).as("call records %s", call)
                .isEqualTo(call.getOrDefault(ActivityKind.HOLD_ENDED, 0));
        assertThat(agent.getOrDefault(ActivityKind.LOGGED_IN, 0)).as("agent records %s", agent)
                .isEqualTo(1).isEqualTo(agent.getOrDefault(ActivityKind.LOGGED_OUT, 0));
        assertThat(agent.getOrDefault(ActivityKind.PAUSE_STARTED, 0)).as("agent records %s", agent)
                .isEqualTo(agent.getOrDefault(ActivityKind.PAUSE_ENDED, 0));
    }

    @Test
    @DisplayName("R6: the page reloads before the third party answers; the consult connects and completes once")
    void beforeThirdPartyAnswers() throws Exception {
        String callId = consulting(false);
        pageDies();
        ccp.thirdPartyAnswers();                 // seen only by the CCP while no page is there
        newPageLoads();
        await(PhoneEvent.ConsultConnected.class);
        done(phone.completeTransfer());
        transferEndsOnce(callId, PhoneEvent.TransferCompleted.class);
        assertThat(await(PhoneEvent.CallEnded.class).endedBy()).isEqualTo(EndedBy.TRANSFER);
    }

    @Test
    @DisplayName("R6: the page reloads while the agent consults; cancelling afterwards resumes the customer once")
    void whileConsulting() throws Exception {
        String callId = consulting(true);
        pageDies();
        assertUnavailable(phone.cancelTransfer());
        newPageLoads();
        done(phone.cancelTransfer());
        assertThat(await(PhoneEvent.TransferCancelled.class).callId()).isEqualTo(callId);
        await(PhoneEvent.CallResumed.class);
        ccp.customerHangsUp();
        await(PhoneEvent.CallEnded.class);
        endShift(callId);
        assertNothingRepeatedOrLost(callId, PhoneEvent.TransferCancelled.class);
        assertThat(count(PhoneEvent.CallResumed.class)).isEqualTo(1);
    }

    @Test
    @DisplayName("R6: completeTransfer is in flight when the page dies before answering: it fails at once; the CCP "
            + "never got it, so after the reload the consult is still up and completing it again works, once")
    void commandLostWithThePage() throws Exception {
        String callId = consulting(true);
        relay.silent(true);
        CompletionStage<CommandResult> complete = phone.completeTransfer();
        relay.awaitWithheld(c -> "destroy".equals(c.op()), WAIT);
        pageDies();
        assertUnavailable(complete);
        FAILED_IN_FLIGHT.incrementAndGet();
        relay.silent(false);
        newPageLoads();
        assertThat(count(PhoneEvent.TransferCompleted.class)).isZero();
        done(phone.completeTransfer());
        transferEndsOnce(callId, PhoneEvent.TransferCompleted.class);
    }

    @Test
    @DisplayName("R6: completeTransfer reaches the CCP but its result dies with the page: the command fails with "
            + "SoftphoneUnavailableException, and the new page's snapshot reports the completion once")
    void resultLostWithThePage() throws Exception {
        String callId = consulting(true);
        relay.silent(true);
        CompletionStage<CommandResult> complete = phone.completeTransfer();
        BridgeCommand destroy = relay.awaitWithheld(c -> "destroy".equals(c.op()), WAIT);
        pageDies();
        ccp.receive(destroy.raw());              // the CCP did it; the result has no socket to go to
        assertUnavailable(complete);
        FAILED_IN_FLIGHT.incrementAndGet();
        relay.silent(false);
        newPageLoads();
        transferEndsOnce(callId, PhoneEvent.TransferCompleted.class);
    }

    @Test
    @DisplayName("R6: the agent leaves the consult by hand in the CCP while no page is there: after the reload the "
            + "phone reports the completed transfer once")
    void completedInTheCcpWhilePageGone() throws Exception {
        String callId = consulting(true);
        pageDies();
        ccp.agentHangsUp();                      // customer and third party stay together: a transfer
        assertThat(count(PhoneEvent.TransferCompleted.class)).isZero();
        newPageLoads();
        transferEndsOnce(callId, PhoneEvent.TransferCompleted.class);
    }

    @Test
    @DisplayName("R6: the page reloads twice in a row during a consult (a flapping network): still one transfer, "
            + "completed once")
    void reloadsTwice() throws Exception {
        String callId = consulting(false);
        pageDies();
        newPageLoads();
        pageDies();
        ccp.thirdPartyAnswers();
        newPageLoads();
        await(PhoneEvent.ConsultConnected.class);
        done(phone.completeTransfer());
        transferEndsOnce(callId, PhoneEvent.TransferCompleted.class);
        assertThat(count(PhoneEvent.SoftphoneUnavailable.class)).isEqualTo(2);
        assertThat(count(PhoneEvent.SoftphoneAvailable.class)).isEqualTo(2);
    }

    @AfterAll
    static void report() {
        System.out.printf("bridge reload during transfer: %d page reloads injected, %d commands failed in flight "
                + "(SoftphoneUnavailableException), %d activity records checked, 0 lost, 0 duplicated%n",
                RELOADS.get(), FAILED_IN_FLIGHT.get(), RECORDS.get());
    }

    /** Keeps every delivered record in memory. */
    private static final class MemorySink implements ActivitySink {
        private final List<ActivityRecord> records = new ArrayList<>();

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public synchronized void deliver(List<ActivityRecord> batch) {
            records.addAll(batch);
        }

        synchronized List<ActivityRecord> records() {
            return List.copyOf(records);
        }
    }
}
