package dev.softphone.amazonconnect;

import dev.softphone.AgentState;
import dev.softphone.CallView;
import dev.softphone.CommandResult;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.amazon.SimulatedCcp;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * One phone built with the Amazon Connect plugin, its bridge page in process, and the testkit's simulated CCP behind
 * the page, for feeding hostile {@code agent.update} messages between realistic ones. Black-box: it touches only the
 * public seam ({@link PageSink} through the hub, {@link BadMessageListener}, {@link Phone}), so it stays valid
 * whatever the plugin's internal parser looks like.
 *
 * <p>The page numbers every message it relays ({@code seq}) the way {@code streams-bridge.js} does, hostile ones
 * included, so the driver's sequence checks never hide a message from the test.
 */
final class HostileStreamsHarness implements AutoCloseable {
    /** How every well-formed corpus message starts; {@code seq} is inserted after the type. */
    static final String UPDATE_PREFIX = "{\"type\":\"agent.update\",";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final ScenarioHarness harness = new ScenarioHarness();
    final RecordingPhoneListener events = new RecordingPhoneListener();
    final SimulatedCcp ccp = SimulatedCcp.create();
    final Phone phone;
    private final InProcessPage page;
    private final AtomicLong seq = new AtomicLong();

    /** A phone whose agent is logged in and Available, with no calls. */
    HostileStreamsHarness() {
        phone = harness.phones().get().id("hostile").listener(events).build();
        page = InProcessPage.attach(harness.hub, phone, ccp::receive);
        ccp.connectTo(this::relay);
        ccp.agentLogsIn("Available");
    }

    /** What the application can see of the phone. */
    record Picture(AgentState state, List<CallView> calls) {
    }

    Picture picture() {
        return new Picture(phone.agentState(), phone.calls());
    }

    /** @return the problems the plugin reported so far */
    List<String> problems() {
        return List.copyOf(harness.bad.problems);
    }

    private synchronized void relay(String message) {
        page.fromPage(renumbered(message, seq));
    }

    /**
     * @param message a well-formed page message (from the simulated CCP)
     * @param seq     the page's counter
     * @return the message with the page's next {@code seq} when it carries one
     */
    static String renumbered(String message, AtomicLong seq) {
        ObjectNode node = (ObjectNode) JSON.readTree(message);
        if (node.has("seq")) {
            node.put("seq", seq.incrementAndGet());
        }
        return node.toString();
    }

    /**
     * @param message a corpus message, possibly malformed
     * @param seq     the page's counter
     * @return the message with the page's next {@code seq} inserted when it starts like an {@code agent.update}
     */
    static String numbered(String message, AtomicLong seq) {
        return message.startsWith(UPDATE_PREFIX)
                ? UPDATE_PREFIX + "\"seq\":" + seq.incrementAndGet() + "," + message.substring(UPDATE_PREFIX.length())
                : message;
    }

    /**
     * Sends one hostile message as the page would (numbered when it starts like an {@code agent.update}); nothing
     * may escape to the caller.
     */
    synchronized void sendHostile(String message) {
        String numbered = numbered(message, seq);
        assertThatCode(() -> page.fromPage(numbered)).as("the plugin must not throw at the transport")
                .doesNotThrowAnyException();
    }

    /**
     * The phone is not stuck: a following good snapshot is processed (the agent picks Break in the CCP), a command
     * completes (the application makes the agent ready), and a call is offered and answered.
     */
    void assertStillWorks() throws Exception {
        ccp.agentSelectsState("Break");
        assertThat(phone.agentState().isLoggedIn() && !phone.agentState().isRoutable())
                .as("the snapshot after the hostile one is used: %s", phone.agentState()).isTrue();
        assertThat(done(phone.ready())).isNotNull();
        assertThat(phone.agentState()).isEqualTo(AgentState.READY);
        String callId = ccp.customerCalls("+447700900555", "Support");
        assertThat(phone.calls()).extracting(CallView::callId).contains(callId);
        done(phone.answer(callId));
        ccp.customerHangsUp(callId);
        ccp.agentClosesContact();
        assertThat(phone.calls()).isEmpty();
        assertGrammar();
    }

    /** The events the application got still follow the listener grammar: consecutive seq, each call offered once. */
    void assertGrammar() {
        List<PhoneEvent> list = events.events();
        Set<String> offered = new HashSet<>();
        Set<String> finished = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            PhoneEvent e = list.get(i);
            assertThat(e.seq()).as("seq of %s", e).isEqualTo(i + 1L);
            if (e instanceof PhoneEvent.CallEvent call) {
                assertThat(finished).as("an event after the end of call %s: %s", call.callId(), e)
                        .doesNotContain(call.callId());
                if (e instanceof PhoneEvent.CallOffered) {
                    assertThat(offered.add(call.callId())).as("call %s offered twice", call.callId()).isTrue();
                }
                if (e instanceof PhoneEvent.CallEnded || e instanceof PhoneEvent.CallMissed) {
                    finished.add(call.callId());
                }
            }
        }
    }

    static CommandResult done(CompletionStage<CommandResult> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** @return a file of the corpus in {@code src/test/resources/hostile/streams} */
    static String corpus(String name) {
        try (InputStream in = HostileStreamsHarness.class.getResourceAsStream("/hostile/streams/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        page.close();
        phone.close();
    }
}
