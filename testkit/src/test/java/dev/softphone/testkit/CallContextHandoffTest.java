package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.CallContext;
import dev.softphone.CallContextConflictException;
import dev.softphone.CallContextStoreException;
import dev.softphone.CallContextStores;
import dev.softphone.CommandResult;
import dev.softphone.ContextHandoff;
import dev.softphone.Destination;
import dev.softphone.InvalidCallContextException;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.spi.CallContextStore;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.SoftphonePlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Call context travels with the transfer from agent A's phone to agent B's")
class CallContextHandoffTest {
    private static final String CUSTOMER = "+441234567";
    private static final CallContext COLLECTED = CallContext.empty()
            .with("customerId", "C-1029")
            .with("verified", true)
            .with("orders", List.of(java.util.Map.of("id", "A-7", "total", 19.9)))
            .withScriptPosition("billing/refund/step-3");

    private final DeterministicScheduler scheduler = DeterministicScheduler.create();
    private final RecordingPhoneListener eventsA = new RecordingPhoneListener();
    private final RecordingPhoneListener eventsB = new RecordingPhoneListener();
    private final List<Phone> phones = new ArrayList<>();
    private CallContextStore store = CallContextStores.inMemory(Duration.ofHours(1), 4096);

    @AfterEach
    void close() {
        phones.forEach(Phone::close);
    }

    /** @param contextIo the context executor, or null to leave the builder's default */
    private Phone phone(String id, SoftphonePlugin plugin, RecordingPhoneListener events, Executor contextIo) {
        dev.softphone.PhoneBuilder builder = Phone.builder().id(id).plugin(plugin).clock(scheduler.clock())
                .executor(scheduler).scheduler(scheduler).contextStore(store).listener(events);
        Phone phone = (contextIo == null ? builder : builder.contextExecutor(contextIo)).build();
        phones.add(phone);
        return phone;
    }

    private static <T> T now(CompletionStage<T> stage) {
        CompletableFuture<T> f = stage.toCompletableFuture();
        assertThat(f).as("stage should be complete").isDone();
        return f.join();
    }

    private static Throwable failure(CompletionStage<?> stage) {
        CompletableFuture<?> f = stage.toCompletableFuture();
        assertThat(f).isCompletedExceptionally();
        try {
            f.get();
            throw new AssertionError("not failed");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Agent A on a connected customer call; returns the call id. */
    private String connectedCallOnA(Phone a, FakeSoftphone softphoneA) {
        softphoneA.agentLogsIn(AgentState.READY);
        String call = softphoneA.incomingCall(CUSTOMER, "Support");
        now(a.answer(call));
        return call;
    }

    /** Agent A on a connected customer call, agent B logged in, both phones on the test's store. */
    private record TwoAgents(Phone a, FakeSoftphone softphoneA, Phone b, FakeSoftphone softphoneB, String call) {
    }

    private TwoAgents twoAgents() {
        FakeSoftphonePlugin pluginA = new FakeSoftphonePlugin();
        FakeSoftphonePlugin pluginB = new FakeSoftphonePlugin();
        Phone a = phone("agent-a", pluginA, eventsA, Runnable::run);
        Phone b = phone("agent-b", pluginB, eventsB, Runnable::run);
        return onCall(a, pluginA.softphone(), b, pluginB.softphone());
    }

    private TwoAgents onCall(Phone a, FakeSoftphone softphoneA, Phone b, FakeSoftphone softphoneB) {
        String call = connectedCallOnA(a, softphoneA);
        softphoneB.agentLogsIn(AgentState.READY);
        return new TwoAgents(a, softphoneA, b, softphoneB, call);
    }

    @Test
    @DisplayName("A collects data and blind-transfers through a quick connect with it; B's TransferReceived and call view carry it")
    void blindTransferThroughQuickConnect() {
        TwoAgents agents = twoAgents();
        Phone a = agents.a();
        Phone b = agents.b();
        String call = agents.call();

        now(a.attachContext(call, CallContext.empty().with("customerId", "C-1029").withScriptPosition("identify")));
        assertThat(a.context(call).scriptPosition()).isEqualTo("identify");
        assertThat(a.call(call).orElseThrow().context().values()).containsKey("customerId");

        assertThat(now(a.blindTransfer(Destination.quickConnect("Billing QC"), COLLECTED)))
                .isEqualTo(CommandResult.done());
        assertThat(agents.softphoneA().commands()).anySatisfy(c -> assertThat(c)
                .isEqualTo(new DriverCommand.AddParty(call, Destination.quickConnect("Billing QC"))));
        assertThat(agents.softphoneA().commands()).contains(new DriverCommand.LeaveCall(call));

        String arriving = agents.softphoneB().transferredCallArrives(CUSTOMER, call);

        PhoneEvent.TransferReceived received = eventsB.ofType(PhoneEvent.TransferReceived.class).get(0);
        assertThat(received.callId()).isEqualTo(arriving);
        assertThat(received.fromCallId()).isEqualTo(call);
        ContextHandoff handoff = received.context();
        assertThat(handoff.status()).isEqualTo(ContextHandoff.Status.AVAILABLE);
        assertThat(handoff.context()).isEqualTo(COLLECTED);
        assertThat(handoff.correlationId()).isEqualTo(call);
        assertThat(handoff.savedBy()).isEqualTo("agent-a");
        assertThat(handoff.version()).as("A saved twice, B took over").isEqualTo(3);
        assertThat(b.context(arriving)).isEqualTo(COLLECTED);
        assertThat(b.call(arriving).orElseThrow().context()).isEqualTo(COLLECTED);
        assertThat(eventsB.types()).containsSubsequence("CallOffered", "TransferReceived");
        assertThat(eventsB.json()).anySatisfy(j -> assertThat(j).contains("\"type\":\"TransferReceived\"")
                .contains("\"status\":\"AVAILABLE\"").contains("\"customerId\":\"C-1029\"")
                .contains("\"scriptPosition\":\"billing/refund/step-3\""));
    }

    @Test
    @DisplayName("after B received the call, A's later edits are refused and never reach B; B carries the context on")
    void laterEditsDoNotLeak() {
        TwoAgents agents = twoAgents();
        Phone a = agents.a();
        Phone b = agents.b();
        String call = agents.call();

        now(a.startTransfer(Destination.agent("Bob"), COLLECTED));
        String arriving = agents.softphoneB().transferredCallArrives(CUSTOMER, call);
        assertThat(eventsB.ofType(PhoneEvent.TransferReceived.class).get(0).context().context()).isEqualTo(COLLECTED);

        // A is still consulting: the call is up on A's phone, but B owns the context now.
        assertThat(failure(a.attachContext(call, COLLECTED.with("leak", true))))
                .isInstanceOf(CallContextConflictException.class).hasMessageContaining("agent-b");
        assertThat(b.context(arriving).get("leak")).isEmpty();
        assertThat(store.load(call).orElseThrow().context().get("leak")).isEmpty();

        now(a.completeTransfer(call));
        assertThat(failure(a.attachContext(call, COLLECTED.with("leak", true))))
                .isInstanceOf(InvalidPhoneStateException.class);

        now(b.answer(arriving));
        now(b.attachContext(arriving, b.context(arriving).with("refunded", true).withScriptPosition("billing/done")));
        assertThat(store.load(call).orElseThrow().context().get("refunded")).contains(true);
        assertThat(store.load(call).orElseThrow().savedBy()).isEqualTo("agent-b");
    }

    @Test
    @DisplayName("a transferred call without a saved context is received with status NONE")
    void noContextSaved() {
        FakeSoftphonePlugin pluginB = new FakeSoftphonePlugin();
        Phone b = phone("agent-b", pluginB, eventsB, Runnable::run);
        pluginB.softphone().agentLogsIn(AgentState.READY);
        String arriving = pluginB.softphone().transferredCallArrives(CUSTOMER, "contact-without-context");
        ContextHandoff handoff = eventsB.ofType(PhoneEvent.TransferReceived.class).get(0).context();
        assertThat(handoff.status()).isEqualTo(ContextHandoff.Status.NONE);
        assertThat(handoff.correlationId()).isEqualTo("contact-without-context");
        assertThat(b.context(arriving).isEmpty()).isTrue();
        // B can start the context for the chain from scratch.
        now(b.attachContext(arriving, CallContext.empty().with("fresh", true)));
        assertThat(store.load("contact-without-context").orElseThrow().version()).isEqualTo(1);
    }

    @Test
    @DisplayName("a store that is down: the attach fails clearly, the transfer proceeds, B reports the context unavailable")
    void storeDown() throws Exception {
        Path dir = Files.createTempDirectory("softphone-down-");
        store = CallContextStores.jdbc("jdbc:h2:file:" + dir.resolve("missing/none") + ";IFEXISTS=TRUE", "sa", "")
                .build();
        TwoAgents agents = twoAgents();
        Phone a = agents.a();
        Phone b = agents.b();
        String call = agents.call();

        assertThat(failure(a.attachContext(call, COLLECTED))).isInstanceOf(CallContextStoreException.class)
                .hasMessageContaining("could not save");
        assertThat(a.context(call)).as("kept on A's phone").isEqualTo(COLLECTED);
        assertThat(now(a.blindTransfer(call, Destination.quickConnect("Billing QC"), COLLECTED)))
                .isEqualTo(CommandResult.done());
        assertThat(agents.softphoneA().commands()).contains(new DriverCommand.LeaveCall(call));

        String arriving = agents.softphoneB().transferredCallArrives(CUSTOMER, call);
        ContextHandoff handoff = eventsB.ofType(PhoneEvent.TransferReceived.class).get(0).context();
        assertThat(handoff.status()).isEqualTo(ContextHandoff.Status.UNAVAILABLE);
        assertThat(handoff.reason()).contains("could not load");
        assertThat(now(b.answer(arriving))).isEqualTo(CommandResult.done());
        assertThat(eventsB.types()).containsSubsequence("CallOffered", "TransferReceived", "CallConnected");
        Files.deleteIfExists(dir);
    }

    @Test
    @DisplayName("a store that never answers: B's events wait (the lane does not) until the context timeout, then arrive in order")
    void storeNeverAnswersOnReceive() {
        FakeSoftphonePlugin pluginB = new FakeSoftphonePlugin();
        Executor hung = task -> { };
        Phone b = phone("agent-b", pluginB, eventsB, hung);
        pluginB.softphone().agentLogsIn(AgentState.READY);
        eventsB.clear();

        String arriving = pluginB.softphone().transferredCallArrives(CUSTOMER, "contact-1");
        assertThat(eventsB.types()).containsExactly("CallOffered");
        // the lane is free: commands run and the call list is current, only the later events wait
        assertThat(now(b.answer(arriving))).isEqualTo(CommandResult.done());
        assertThat(b.call(arriving).orElseThrow().status()).isEqualTo(dev.softphone.CallStatus.CONNECTED);
        assertThat(eventsB.types()).containsExactly("CallOffered");

        scheduler.advance(dev.softphone.PhoneBuilder.DEFAULT_CONTEXT_TIMEOUT);
        assertThat(eventsB.types()).containsExactly("CallOffered", "TransferReceived", "CallConnected");
        assertThat(eventsB.events()).extracting(PhoneEvent::seq).isSorted();
        ContextHandoff handoff = eventsB.ofType(PhoneEvent.TransferReceived.class).get(0).context();
        assertThat(handoff.status()).isEqualTo(ContextHandoff.Status.UNAVAILABLE);
        assertThat(handoff.reason()).contains("did not answer within PT2S");
    }

    @Test
    @DisplayName("a store that never answers: A's transfer starts anyway once the context timeout passed")
    void storeNeverAnswersOnTransfer() {
        FakeSoftphonePlugin pluginA = new FakeSoftphonePlugin();
        Phone a = phone("agent-a", pluginA, eventsA, task -> { });
        String call = connectedCallOnA(a, pluginA.softphone());

        CompletableFuture<CommandResult> transfer = a.blindTransfer(Destination.queue("Billing"), COLLECTED)
                .toCompletableFuture();
        assertThat(transfer).isNotDone();
        assertThat(pluginA.softphone().commands()).noneMatch(c -> c instanceof DriverCommand.AddParty);
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(now(transfer)).isEqualTo(CommandResult.done());
        assertThat(pluginA.softphone().commands()).contains(new DriverCommand.LeaveCall(call));
    }

    @Test
    @DisplayName("an oversized context is refused at the call that attached it, and nothing is saved or sent")
    void oversized() {
        store = CallContextStores.inMemory(Duration.ofHours(1), 256);
        FakeSoftphonePlugin pluginA = new FakeSoftphonePlugin();
        Phone a = phone("agent-a", pluginA, eventsA, Runnable::run);
        String call = connectedCallOnA(a, pluginA.softphone());
        CallContext big = CallContext.empty().with("transcript", "words ".repeat(100));

        assertThatThrownBy(() -> a.attachContext(call, big)).isInstanceOf(InvalidCallContextException.class)
                .hasMessageContaining("for call " + call).hasMessageContaining("at most 256 bytes");
        assertThatThrownBy(() -> a.blindTransfer(Destination.queue("Billing"), big))
                .isInstanceOf(InvalidCallContextException.class);
        assertThatThrownBy(() -> a.startTransfer(call, Destination.queue("Billing"), big))
                .isInstanceOf(InvalidCallContextException.class);
        assertThat(pluginA.softphone().commands()).noneMatch(c -> c instanceof DriverCommand.AddParty);
        assertThat(store.load(call)).isEmpty();
        assertThat(a.context(call).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("a softphone without a correlation id (Avaya without UCID): the context stays on A, B reports it unavailable")
    void noCorrelationId() {
        NoCorrelationIdPlugin pluginA = new NoCorrelationIdPlugin();
        NoCorrelationIdPlugin pluginB = new NoCorrelationIdPlugin();
        TwoAgents agents = onCall(phone("agent-a", pluginA, eventsA, Runnable::run), pluginA.softphone(),
                phone("agent-b", pluginB, eventsB, Runnable::run), pluginB.softphone());
        Phone a = agents.a();
        Phone b = agents.b();
        String call = agents.call();

        assertThat(failure(a.attachContext(call, COLLECTED))).isInstanceOf(CallContextStoreException.class)
                .hasMessageContaining("no correlation id");
        assertThat(a.context(call)).isEqualTo(COLLECTED);
        assertThat(now(a.blindTransfer(Destination.agent("Bob"), COLLECTED))).isEqualTo(CommandResult.done());

        String arriving = agents.softphoneB().transferredCallArrives(CUSTOMER, call);
        ContextHandoff handoff = eventsB.ofType(PhoneEvent.TransferReceived.class).get(0).context();
        assertThat(handoff.status()).isEqualTo(ContextHandoff.Status.UNAVAILABLE);
        assertThat(handoff.correlationId()).isNull();
        assertThat(handoff.reason()).contains("no correlation id");
        assertThat(b.context(arriving).isEmpty()).isTrue();
    }

    @Test
    @DisplayName("with a store that never blocks (in memory) and no context executor set, the hand-off needs no thread hop")
    void inMemoryStoreRunsOnTheLane() {
        FakeSoftphonePlugin pluginA = new FakeSoftphonePlugin();
        FakeSoftphonePlugin pluginB = new FakeSoftphonePlugin();
        TwoAgents agents = onCall(phone("agent-a", pluginA, eventsA, null), pluginA.softphone(),
                phone("agent-b", pluginB, eventsB, null), pluginB.softphone());
        Phone a = agents.a();

        now(a.blindTransfer(Destination.quickConnect("Billing QC"), COLLECTED));
        agents.softphoneB().transferredCallArrives(CUSTOMER, agents.call());
        assertThat(eventsB.ofType(PhoneEvent.TransferReceived.class)).singleElement()
                .satisfies(e -> assertThat(e.context().context()).isEqualTo(COLLECTED));
    }

    @Test
    @DisplayName("the builder refuses a context timeout that is not positive, with the other problems")
    void contextTimeoutValidated() {
        assertThatThrownBy(() -> Phone.builder().plugin(new FakeSoftphonePlugin()).contextTimeout(Duration.ZERO)
                .build()).isInstanceOf(dev.softphone.PhoneConfigurationException.class)
                .hasMessageContaining("contextTimeout must be a positive duration");
    }

    @Test
    @DisplayName("attaching to a call the softphone does not show fails with InvalidPhoneStateException")
    void unknownCall() {
        FakeSoftphonePlugin pluginA = new FakeSoftphonePlugin();
        Phone a = phone("agent-a", pluginA, eventsA, Runnable::run);
        pluginA.softphone().agentLogsIn(AgentState.READY);
        assertThat(failure(a.attachContext("no-such-call", COLLECTED))).isInstanceOf(InvalidPhoneStateException.class)
                .hasMessageContaining("no-such-call");
        assertThat(a.context("no-such-call").isEmpty()).isTrue();
    }
}
