package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.CallView;
import dev.softphone.Capability;
import dev.softphone.CapabilityCheck;
import dev.softphone.CommandResult;
import dev.softphone.CommandTimeoutException;
import dev.softphone.Destination;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegState;
import dev.softphone.LogoutCause;
import dev.softphone.Origin;
import dev.softphone.Party;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.PhoneClosedException;
import dev.softphone.PhoneEvent;
import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.VendorException;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.SoftphonePlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The plugin compatibility kit: the tests every softphone plugin must pass, named after the rules of
 * {@code docs/plugin-contract.md} (P1, P2, …). Extend it in your plugin's tests and say how to make your plugin and
 * your vendor simulator:
 *
 * <pre>{@code
 * class MyPluginCompatibilityTest extends SoftphonePluginCompatibilityKit {
 *     protected SoftphonePlugin plugin() { return new MyPlugin(); }
 *     protected VendorSimulator startVendor() { return new MyVendorSimulator(); }
 * }
 * }</pre>
 *
 * <p>For each test the kit starts a simulator, builds a {@link Phone} with the plugin and the simulator's
 * {@link VendorSimulator#phoneConfig()}, {@link VendorSimulator#attach attaches} the simulator, drives both sides and
 * checks what the application sees. Tests for a capability the plugin does not advertise, or for a vendor action the
 * simulator does not list, are skipped with a message (JUnit assumptions), never passed. Failures raised away from
 * the test thread (in listeners, on the plugin's threads, in the kit's checks of every observation and event) fail
 * the test when it ends.
 *
 * <p>The kit waits for conditions (events, the phone's picture, futures) with a timeout and never sleeps, so it runs
 * the same against in-memory plugins and plugins behind real sockets.
 */
public abstract class SoftphonePluginCompatibilityKit {

    private static final String CUSTOMER = "+15550100";
    private static final String OTHER_CUSTOMER = "+15550111";
    private static final String THIRD_PARTY = "+15550199";
    private static final String QUEUE = "Support";
    private static final AtomicInteger PHONES = new AtomicInteger();

    private AsyncFailures failures;
    private Thread.UncaughtExceptionHandler previousHandler;
    private VendorSimulator vendor;
    private InstrumentedPlugin instrumented;
    private Phone phone;
    private RecordingPhoneListener events;
    private boolean muted;
    private int probes;

    /**
     * Makes the plugin under test, as {@link ServiceLoader} would: a new instance.
     *
     * @return the plugin
     */
    protected abstract SoftphonePlugin plugin();

    /**
     * Starts a vendor simulator for one test; the kit closes it when the test ends. A test may start a second one.
     *
     * @return a running simulator
     * @throws Exception when it cannot start
     */
    protected abstract VendorSimulator startVendor() throws Exception;

    /**
     * How long the kit waits for any one thing (an event, an answer, a thread to end) before failing. Only failing
     * tests wait this long.
     *
     * @return the wait bound; default 10 s
     */
    protected Duration timeout() {
        return Duration.ofSeconds(10);
    }

    /**
     * The command timeout of the phones the kit builds (a test of timeouts uses a shorter one).
     *
     * @return the timeout; default 5 s
     */
    protected Duration commandTimeout() {
        return Duration.ofSeconds(5);
    }

    @BeforeEach
    final void startKit() throws Exception {
        failures = new AsyncFailures();
        previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(failures::uncaught);
        vendor = startVendor();
    }

    @AfterEach
    final void stopKit() {
        try {
            if (phone != null) {
                phone.close();
            }
        } finally {
            try {
                if (vendor != null) {
                    vendor.close();
                }
            } finally {
                Thread.setDefaultUncaughtExceptionHandler(previousHandler);
            }
        }
        failures.assertNone();
    }

    // =====================================================================================================
    // P1, P2
    // =====================================================================================================

    /** P1, P2: the plugin can be found and told apart from others. */
    @Nested
    @DisplayName("P1-P2: identity and discovery")
    public class IdentityAndDiscovery {

        @Test
        @DisplayName("P1: the id is lower-case words joined by dashes, and not another plugin's reserved id")
        void idIsKebabCase() {
            // The same check discovery applies, so a plugin the kit accepts is never refused by PhoneBuilder.
            assertThat(dev.softphone.internal.PluginSelector.checkId(plugin())).as("P1: problem with the plugin id")
                    .isNull();
        }

        @Test
        @DisplayName("P1: every instance reports the same id and a version")
        void idAndVersionAreStable() {
            SoftphonePlugin one = plugin();
            SoftphonePlugin two = plugin();
            assertThat(two.id()).as("P1: id of a second instance").isEqualTo(one.id());
            assertThat(one.id()).as("P1: id asked twice").isEqualTo(one.id());
            assertThat(one.version()).as("P1: version").isNotBlank();
        }

        @Test
        @DisplayName("P2: ServiceLoader finds the plugin under its id")
        void foundByServiceLoader() {
            SoftphonePlugin expected = plugin();
            List<String> found = new ArrayList<>();
            for (ServiceLoader.Provider<SoftphonePlugin> provider : ServiceLoader.load(SoftphonePlugin.class,
                    expected.getClass().getClassLoader()).stream().toList()) {
                found.add(provider.type().getName());
                if (provider.type() == expected.getClass()) {
                    assertThat(provider.get().id()).as("P2: id of the ServiceLoader instance").isEqualTo(expected.id());
                    return;
                }
            }
            fail("P2: %s is not listed in META-INF/services/%s (found: %s)", expected.getClass().getName(),
                    SoftphonePlugin.class.getName(), found);
        }

        @Test
        @DisplayName("P2: validate reports problems as text and accepts the simulator's configuration")
        void validateReportsInsteadOfThrowing() {
            SoftphonePlugin p = plugin();
            String prefix = p.id() + ".";
            Map<String, String> own = new java.util.LinkedHashMap<>();
            vendor.phoneConfig().forEach((k, v) -> own.put(k.startsWith(prefix) ? k.substring(prefix.length()) : k, v));
            assertThat(p.validate(new PluginConfig(p.id(), own))).as("P2: problems with a working configuration")
                    .isEmpty();
            Map<String, String> odd = new java.util.LinkedHashMap<>(own);
            odd.put("compatibility-kit-unknown-key", "x");
            assertThat(p.validate(new PluginConfig(p.id(), odd))).as("P2: validate with an unknown key").isNotNull();
        }
    }

    // =====================================================================================================
    // P3
    // =====================================================================================================

    /** P3: what the plugin advertises works; what it does not is answered with words for the agent. */
    @Nested
    @DisplayName("P3: honest capabilities")
    public class HonestCapabilities {

        @Test
        @DisplayName("P3: can() agrees with capabilities() and says why not")
        void canAgreesWithCapabilities() {
            loggedIn();
            Set<Capability> advertised = phone.capabilities();
            for (Capability c : Capability.values()) {
                CapabilityCheck check = phone.can(c);
                assertThat(check.supported()).as("P3: can(%s)", c).isEqualTo(advertised.contains(c));
                if (!check.supported()) {
                    assertThat(check.reason()).as("P3: reason for %s", c).isNotBlank();
                }
            }
        }

        @ParameterizedTest(name = "{0}")
        @EnumSource(value = Capability.class, names = {"LOGIN", "LOGOUT", "READY", "PAUSE", "DIAL", "ANSWER",
                "HANGUP", "HOLD", "MUTE", "SEND_DIGITS", "CONSULT_TRANSFER", "CONFERENCE", "SWAP", "CANCEL_TRANSFER",
                "COMPLETE_TRANSFER", "BLIND_TRANSFER"})
        @DisplayName("P3: a verb not advertised answers manual with words for the agent, and can be confirmed")
        void notAdvertisedAnswersManual(Capability capability) {
            phone();
            assumeTrue(!phone.capabilities().contains(capability),
                    () -> "the plugin advertises " + capability + "; the tests of advertised verbs cover it");
            Supplier<CompletionStage<CommandResult>> verb = verbInNeededState(capability);
            int before = instrumented.driver().executeReturns();
            CommandResult result = done(verb.get(), "P3: " + capability + " (not advertised)");
            assertThat(result.isManual()).as("P3: result of %s, which is not advertised", capability).isTrue();
            assertThat(result.instruction().text()).as("P3: manual text for %s", capability).isNotBlank();
            assertThat(result.instruction().key()).as("P3: manual key for %s", capability).isNotBlank();
            assertThat(instrumented.driver().executeReturns()).as("P3: commands sent to the driver").isEqualTo(before);
            assertThat(done(phone.confirmManualStep(result.manualStepId()), "P3: confirming the manual step"))
                    .isEqualTo(CommandResult.done());
            events.await(e -> e instanceof PhoneEvent.ManualStepConfirmed m
                    && m.stepId().equals(result.manualStepId()), timeout());
        }
    }

    /** P3: each advertised verb is acknowledged and its effect is observed. */
    @Nested
    @DisplayName("P3: advertised verbs work")
    public class AdvertisedVerbs {

        @Test
        @DisplayName("P3: answer connects the ringing call")
        void answer() {
            String call = ringingCall();
            advertised(Capability.ANSWER);
            long mark = mark();
            assertDone(phone.answer(call), "P3: answer");
            PhoneEvent.CallConnected connected = awaitCallEvent(mark, PhoneEvent.CallConnected.class, call);
            assertThat(connected.origin()).as("P3: origin of the answer's CallConnected").isEqualTo(Origin.APPLICATION);
        }

        @Test
        @DisplayName("P3: hangup ends the call")
        void hangup() {
            String call = connectedCall();
            advertised(Capability.HANGUP);
            long mark = mark();
            assertDone(phone.hangup(call), "P3: hangup");
            awaitCallEvent(mark, PhoneEvent.CallEnded.class, call);
        }

        @Test
        @DisplayName("P3: hold and resume put the customer on hold and back")
        void holdAndResume() {
            String call = connectedCall();
            advertised(Capability.HOLD);
            long mark = mark();
            assertDone(phone.hold(call), "P3: hold");
            awaitCustomer(call, LegState.HELD);
            awaitAfter(mark, PhoneEvent.CallHeld.class, e -> e.callId().equals(call) && e.party() == Party.CUSTOMER);
            mark = mark();
            assertDone(phone.resume(call), "P3: resume");
            awaitCustomer(call, LegState.CONNECTED);
            awaitAfter(mark, PhoneEvent.CallResumed.class,
                    e -> e.callId().equals(call) && e.party() == Party.CUSTOMER);
        }

        @Test
        @DisplayName("P3: mute and unmute are reported")
        void muteAndUnmute() {
            loggedIn();
            advertised(Capability.MUTE);
            long mark = mark();
            assertDone(phone.mute(), "P3: mute");
            awaitAfter(mark, PhoneEvent.MuteChanged.class, PhoneEvent.MuteChanged::muted);
            mark = mark();
            assertDone(phone.unmute(), "P3: unmute");
            awaitAfter(mark, PhoneEvent.MuteChanged.class, e -> !e.muted());
        }

        @Test
        @DisplayName("P3: dial places an outbound call")
        void dial() {
            loggedIn();
            advertised(Capability.DIAL);
            long mark = mark();
            assertDone(phone.dial(Destination.phoneNumber(CUSTOMER)), "P3: dial");
            PhoneEvent.CallOffered offered = awaitAfter(mark, PhoneEvent.CallOffered.class, e -> true);
            assertThat(offered.direction()).as("P3: direction of a dialed call").isEqualTo(Direction.OUTBOUND);
        }

        @Test
        @DisplayName("P3: pause and ready change the agent's state")
        void pauseAndReady() {
            loggedIn();
            advertised(Capability.PAUSE);
            advertised(Capability.READY);
            AgentState onBreak = AgentState.notReady(PauseReason.BREAK);
            if (onBreak.equals(phone.agentState())) {
                assertDone(phone.ready(), "P3: ready");
                awaitState(AgentState.READY);
            }
            long mark = mark();
            assertDone(phone.pause(PauseReason.BREAK), "P3: pause(BREAK)");
            PhoneEvent.AgentStateChanged paused = awaitAfter(mark, PhoneEvent.AgentStateChanged.class,
                    e -> e.to().equals(onBreak) && !e.pending());
            assertThat(paused.origin()).as("P3: origin of the pause").isEqualTo(Origin.APPLICATION);
            mark = mark();
            assertDone(phone.ready(), "P3: ready");
            awaitAfter(mark, PhoneEvent.AgentStateChanged.class, e -> e.to().equals(AgentState.READY) && !e.pending());
        }

        @Test
        @DisplayName("P3: a pause asked for during a call becomes the pending state")
        void pauseDuringCallIsPending() {
            String call = connectedCall();
            advertised(Capability.PAUSE);
            advertised(Capability.PENDING_STATE);
            AgentState meal = AgentState.notReady(PauseReason.MEAL);
            long mark = mark();
            assertDone(phone.pause(PauseReason.MEAL), "P3: pause(MEAL) during call " + call);
            awaitAfter(mark, PhoneEvent.AgentStateChanged.class, e -> e.to().equals(meal) && e.pending());
            assertThat(phone.pendingState()).as("P3: pending state").contains(meal);
        }

        @Test
        @DisplayName("P3: login and logout start and end the session")
        void loginAndLogout() {
            loggedIn();
            advertised(Capability.LOGOUT);
            long mark = mark();
            assertDone(phone.logout(), "P3: logout");
            PhoneEvent.AgentLoggedOut out = awaitAfter(mark, PhoneEvent.AgentLoggedOut.class, e -> true);
            assertThat(out.cause()).as("P3: cause of a logout the application asked for")
                    .isEqualTo(LogoutCause.APPLICATION);
            advertised(Capability.LOGIN);
            mark = mark();
            assertDone(phone.login(), "P3: login");
            awaitAfter(mark, PhoneEvent.AgentLoggedIn.class, e -> true);
        }

        @Test
        @DisplayName("P3: send digits is acknowledged")
        void sendDigits() {
            String call = connectedCall();
            advertised(Capability.SEND_DIGITS);
            assertDone(phone.sendDigits(call, "12#"), "P3: send digits");
        }

        @Test
        @DisplayName("P3: start transfer adds a third party and holds the customer")
        void startTransfer() {
            String call = connectedCall();
            advertised(Capability.CONSULT_TRANSFER);
            long mark = mark();
            assertDone(phone.startTransfer(call, Destination.phoneNumber(THIRD_PARTY)), "P3: start transfer");
            awaitCall(call, "a third party, with the customer on hold",
                    c -> !c.thirdParties().isEmpty() && legState(c.customer()) == LegState.HELD);
            awaitCallEvent(mark, PhoneEvent.ConsultStarted.class, call);
        }

        @Test
        @DisplayName("P3: cancel transfer drops the third party and returns to the customer")
        void cancelTransfer() {
            String call = callWithThirdParty();
            advertised(Capability.CANCEL_TRANSFER);
            long mark = mark();
            assertDone(phone.cancelTransfer(call), "P3: cancel transfer");
            awaitCall(call, "no third party, the customer connected",
                    c -> c.thirdParties().isEmpty() && legState(c.customer()) == LegState.CONNECTED);
            awaitCallEvent(mark, PhoneEvent.TransferCancelled.class, call);
        }

        @Test
        @DisplayName("P3: complete transfer leaves the call to the customer and the third party")
        void completeTransfer() {
            String call = callWithThirdParty();
            advertised(Capability.COMPLETE_TRANSFER);
            answerThirdPartyIfPossible(call);
            long mark = mark();
            assertDone(phone.completeTransfer(call), "P3: complete transfer");
            awaitCallEvent(mark, PhoneEvent.TransferCompleted.class, call);
            awaitCallEvent(mark, PhoneEvent.CallEnded.class, call);
        }

        @Test
        @DisplayName("P3: conference joins the customer and the third party")
        void conference() {
            String call = callWithThirdParty();
            advertised(Capability.CONFERENCE);
            require(VendorAction.THIRD_PARTY_ANSWERS);
            thirdPartyAnswers(call);
            long mark = mark();
            assertDone(phone.conference(call), "P3: conference");
            awaitParties(call, LegState.CONNECTED, LegState.CONNECTED);
            awaitCallEvent(mark, PhoneEvent.Conferenced.class, call);
        }

        @Test
        @DisplayName("P3: swap moves the hold from the customer to the third party")
        void swap() {
            String call = callWithThirdParty();
            advertised(Capability.SWAP);
            require(VendorAction.THIRD_PARTY_ANSWERS);
            thirdPartyAnswers(call);
            assertDone(phone.swap(call), "P3: swap");
            awaitParties(call, LegState.CONNECTED, LegState.HELD);
        }

        @Test
        @DisplayName("P3: blind transfer hands the call over and ends it for the agent")
        void blindTransfer() {
            String call = connectedCall();
            advertised(Capability.BLIND_TRANSFER);
            long mark = mark();
            assertDone(phone.blindTransfer(call, Destination.phoneNumber(THIRD_PARTY)), "P3: blind transfer");
            awaitCallEvent(mark, PhoneEvent.CallEnded.class, call);
        }

        @Test
        @DisplayName("P3: transfer destinations are listed")
        void transferDestinations() {
            loggedIn();
            advertised(Capability.TRANSFER_DESTINATIONS);
            List<Destination> list = done(phone.transferDestinations(), "P3: transfer destinations");
            assertThat(list).as("P3: transfer destinations").doesNotContainNull();
        }
    }

    // =====================================================================================================
    // P4, P5, P6
    // =====================================================================================================

    /** P4, P5: every observation is the whole picture, with the vendor's stable call ids. */
    @Nested
    @DisplayName("P4-P5: full pictures and stable call ids")
    public class FullPictures {

        @Test
        @DisplayName("P5: a call keeps the vendor's id from offer to end")
        void callIdIsTheVendorsAndStable() {
            String call = connectedCall();
            require(VendorAction.FAR_END_HANGS_UP);
            long mark = mark();
            vendor.farEndHangsUp(call);
            awaitCallEvent(mark, PhoneEvent.CallEnded.class, call);
            assertThat(events.ofType(PhoneEvent.CallEvent.class)).as("P5: call ids of every call event")
                    .extracting(PhoneEvent.CallEvent::callId).containsOnly(call);
        }

        @Test
        @DisplayName("P4: a second call leaves the first one in the picture")
        void secondCallKeepsTheFirst() {
            String first = connectedCall();
            long mark = mark();
            String second = vendor.callArrives(OTHER_CUSTOMER, QUEUE);
            PhoneEvent.CallOffered offered = awaitAfter(mark, PhoneEvent.CallOffered.class, e -> true);
            assertThat(offered.callId()).as("P5: id of the second call").isEqualTo(second);
            awaitCall(second, "the second call ringing", c -> c.status() == CallStatus.RINGING);
            assertThat(phone.call(first)).as("P4: the first call after the second arrived")
                    .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.CONNECTED));
            assertThat(eventsAfter(mark)).as("P4: events after the second call arrived")
                    .noneMatch(e -> e instanceof PhoneEvent.CallEnded ended && ended.callId().equals(first));
        }

        @Test
        @DisplayName("P4: a call coming and going leaves the agent's session alone")
        void callKeepsTheAgentState() {
            loggedIn();
            AgentState before = phone.agentState();
            long mark = mark();
            String call = connectedCall();
            assertThat(phone.agentState()).as("P4: agent state during call %s", call).isEqualTo(before);
            assertThat(eventsAfter(mark)).as("P4: events while the call came in")
                    .noneMatch(e -> e instanceof PhoneEvent.AgentLoggedOut || e instanceof PhoneEvent.AgentLoggedIn
                            || e instanceof PhoneEvent.AgentStateChanged);
        }
    }

    /** P6: events come in the order things happened. */
    @Nested
    @DisplayName("P6: ordered events")
    public class OrderedEvents {

        @Test
        @DisplayName("P6: an inbound call is offered, connected, then ended by the far end")
        void inboundCallInOrder() {
            String call = connectedCall();
            require(VendorAction.FAR_END_HANGS_UP);
            vendor.farEndHangsUp(call);
            PhoneEvent.CallEnded ended = events.await(PhoneEvent.CallEnded.class, timeout());
            assertThat(ended.endedBy()).as("P6: who ended the call").isNotEqualTo(dev.softphone.EndedBy.AGENT);
            assertThat(ended.origin()).as("P6: origin of the far end's hang-up").isEqualTo(Origin.SOFTPHONE);
            PhoneEventAssert.assertThat(callEvents(call)).hasTypes("CallOffered", "CallConnected", "CallEnded");
        }

        @Test
        @DisplayName("P6: an outbound call is offered, connected when the far end answers, then ended")
        void outboundCallInOrder() {
            loggedIn();
            advertised(Capability.DIAL);
            require(VendorAction.FAR_END_ANSWERS);
            require(VendorAction.FAR_END_HANGS_UP);
            long mark = mark();
            assertDone(phone.dial(Destination.phoneNumber(CUSTOMER)), "P6: dial");
            String call = awaitAfter(mark, PhoneEvent.CallOffered.class, e -> true).callId();
            vendor.farEndAnswers(call);
            awaitCallEvent(mark, PhoneEvent.CallConnected.class, call);
            vendor.farEndHangsUp(call);
            awaitCallEvent(mark, PhoneEvent.CallEnded.class, call);
            PhoneEventAssert.assertThat(callEvents(call)).hasTypes("CallOffered", "CallConnected", "CallEnded");
        }

        @Test
        @DisplayName("P6: a call that stops ringing is offered, then missed")
        void missedCallInOrder() {
            String call = ringingCall();
            require(VendorAction.CALL_MISSED);
            vendor.ringingStops(call);
            events.await(e -> e instanceof PhoneEvent.CallMissed m && m.callId().equals(call), timeout());
            PhoneEventAssert.assertThat(callEvents(call)).hasTypes("CallOffered", "CallMissed");
        }
    }

    // =====================================================================================================
    // P7, P8
    // =====================================================================================================

    /** P7, P8: every command is answered in time, and a refusal carries the vendor's words. */
    @Nested
    @DisplayName("P7-P8: commands answered in time, vendor errors kept")
    public class CommandAnswers {

        @Test
        @DisplayName("P7: a command the vendor never answers fails with CommandTimeoutException")
        void silentVendorTimesOut() {
            require(VendorAction.DELAY_ANSWERS);
            phone(b -> b.commandTimeout(Duration.ofMillis(300)));
            Supplier<CompletionStage<CommandResult>> probe = probe();
            vendor.delayAnswers();
            assertFails(probe.get(), CommandTimeoutException.class, "P7: a command the vendor does not answer");
        }

        @Test
        @DisplayName("P7: an answer that comes after the timeout does no harm")
        void lateAnswerIsHarmless() {
            require(VendorAction.DELAY_ANSWERS);
            phone(b -> b.commandTimeout(Duration.ofMillis(300)));
            Supplier<CompletionStage<CommandResult>> probe = probe();
            vendor.delayAnswers();
            assertFails(probe.get(), CommandTimeoutException.class, "P7: a command the vendor does not answer");
            vendor.releaseAnswers();
            assertDone(probe.get(), "P7: the next command after a late answer");
        }

        @Test
        @DisplayName("P8: a refused command fails with VendorException carrying the vendor's code and message")
        void refusalCarriesTheVendorsWords() {
            require(VendorAction.REFUSE_COMMAND);
            Supplier<CompletionStage<CommandResult>> probe = probe();
            String message = "compatibility kit: refused on purpose (42)";
            String code = vendor.refuseNextCommand(message);
            VendorException e = assertFails(probe.get(), VendorException.class, "P8: a refused command");
            assertThat(e.vendorCode()).as("P8: vendor code").isEqualTo(code);
            assertThat(e.vendorMessage()).as("P8: vendor message").isEqualTo(message);
            assertDone(probe.get(), "P8: the next command after a refusal");
        }
    }

    // =====================================================================================================
    // P9, P10
    // =====================================================================================================

    /** P9, P10: the plugin survives what the vendor throws at it. */
    @Nested
    @DisplayName("P9-P10: unknown data and link loss")
    public class Resilience {

        @Test
        @DisplayName("P9: unknown vendor data is ignored and the phone keeps working")
        void unknownDataIsTolerated() {
            loggedIn();
            require(VendorAction.UNKNOWN_DATA);
            AgentState before = phone.agentState();
            long mark = mark();
            vendor.sendUnknownData();
            String call = ringingCall();
            assertThat(phone.agentState()).as("P9: agent state after unknown data").isEqualTo(before);
            assertThat(eventsAfter(mark)).as("P9: events after unknown data").allMatch(e ->
                    e instanceof PhoneEvent.CallEvent c && c.callId().equals(call));
        }

        @Test
        @DisplayName("P10: losing the vendor is reported, and so is its return")
        void linkLossIsReported() {
            loggedIn();
            require(VendorAction.GO_AWAY);
            long mark = mark();
            vendor.goAway("compatibility kit: vendor gone");
            awaitAfter(mark, PhoneEvent.SoftphoneUnavailable.class, e -> true);
            assertThat(phone.isSoftphoneAvailable()).as("P10: available while the vendor is gone").isFalse();
            mark = mark();
            vendor.comeBack();
            awaitAfter(mark, PhoneEvent.SoftphoneAvailable.class, e -> true);
            assertThat(phone.isSoftphoneAvailable()).as("P10: available after the vendor came back").isTrue();
        }

        @Test
        @DisplayName("P10: a command while the vendor is gone fails at once with SoftphoneUnavailableException")
        void commandWhileGoneFailsFast() {
            require(VendorAction.GO_AWAY);
            Supplier<CompletionStage<CommandResult>> probe = probe();
            long mark = mark();
            vendor.goAway("compatibility kit: vendor gone");
            awaitAfter(mark, PhoneEvent.SoftphoneUnavailable.class, e -> true);
            assertFails(probe.get(), SoftphoneUnavailableException.class, "P10: a command while the vendor is gone");
        }

        @Test
        @DisplayName("P10: a command in flight when the vendor goes away fails at once")
        void commandInFlightFailsOnLoss() {
            require(VendorAction.GO_AWAY);
            require(VendorAction.DELAY_ANSWERS);
            Supplier<CompletionStage<CommandResult>> probe = probe();
            vendor.delayAnswers();
            int before = instrumented.driver().executeReturns();
            CompletionStage<CommandResult> inFlight = probe.get();
            awaitExecuteReturned(before + 1);
            vendor.goAway("compatibility kit: vendor gone");
            assertFails(inFlight, SoftphoneUnavailableException.class, "P10: a command in flight at the loss");
        }

        @Test
        @DisplayName("P10: a call that outlives the outage is neither ended nor offered again")
        void callSurvivesTheOutage() {
            require(VendorAction.GO_AWAY);
            require(VendorAction.RECONNECT_WITH_CALLS);
            String call = connectedCall();
            long mark = mark();
            vendor.goAway("compatibility kit: vendor gone");
            awaitAfter(mark, PhoneEvent.SoftphoneUnavailable.class, e -> true);
            vendor.comeBack();
            awaitAfter(mark, PhoneEvent.SoftphoneAvailable.class, e -> true);
            assertThat(phone.call(call)).as("P10: the call after the outage")
                    .hasValueSatisfying(c -> assertThat(c.status()).isEqualTo(CallStatus.CONNECTED));
            if (vendor.actions().contains(VendorAction.FAR_END_HANGS_UP)) {
                // The hang-up is ordered after the return's picture, so no CallEnded before it came from the outage.
                vendor.farEndHangsUp(call);
                awaitCallEvent(mark, PhoneEvent.CallEnded.class, call);
            }
            assertThat(eventsAfter(mark)).as("P10: call events across the outage")
                    .noneMatch(e -> e instanceof PhoneEvent.CallOffered o && o.callId().equals(call));
            assertThat(events.ofType(PhoneEvent.CallEnded.class)).as("P10: CallEnded events").hasSizeLessThan(2);
        }
    }

    // =====================================================================================================
    // P11, P12
    // =====================================================================================================

    /** P11, P12: the plugin never holds the caller's thread and leaves nothing behind. */
    @Nested
    @DisplayName("P11-P12: close and non-blocking")
    public class Lifecycle {

        @Test
        @DisplayName("P12: a command call returns before the vendor answers")
        void executeReturnsBeforeTheVendorAnswers() {
            require(VendorAction.DELAY_ANSWERS);
            Supplier<CompletionStage<CommandResult>> probe = probe();
            vendor.delayAnswers();
            int before = instrumented.driver().executeReturns();
            CompletionStage<CommandResult> stage = probe.get();
            awaitExecuteReturned(before + 1);
            assertThat(stage.toCompletableFuture().isDone()).as("P7: done before the vendor answered").isFalse();
            vendor.releaseAnswers();
            assertDone(stage, "P12: the command once the vendor answered");
        }

        @Test
        @DisplayName("P11: close returns promptly with a command in flight, which fails with PhoneClosedException")
        void closeWithCommandInFlight() {
            require(VendorAction.DELAY_ANSWERS);
            Supplier<CompletionStage<CommandResult>> probe = probe();
            vendor.delayAnswers();
            int before = instrumented.driver().executeReturns();
            CompletionStage<CommandResult> inFlight = probe.get();
            awaitExecuteReturned(before + 1);
            assertTimeoutPreemptively(timeout(), phone::close, "P11: close() with a hung vendor");
            assertFails(inFlight, PhoneClosedException.class, "P11: a command in flight at close");
            assertFails(probe.get(), PhoneClosedException.class, "P11: a command after close");
            phone.close();
        }

        @Test
        @DisplayName("P11: close ends the phone's connection at the vendor")
        void closeReleasesTheConnection() {
            loggedIn();
            require(VendorAction.SEES_CONNECTION);
            awaitCondition("P11: the vendor sees the phone connected", vendor::isPhoneConnected);
            phone.close();
            awaitCondition("P11: the vendor no longer sees the phone after close", () -> !vendor.isPhoneConnected());
        }

        @Test
        @DisplayName("P11: close stops every thread the plugin started for the phone")
        void closeStopsThreads() throws Exception {
            // Round one warms up what the plugin may share between phones (a client, a pool) and the JVM's pools.
            exercise();
            phone.close();
            vendor.close();
            vendor = null;
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            // Round two: a new vendor and a new phone; whatever they start must be gone after both closed.
            vendor = startVendor();
            phone = null;
            exercise();
            phone.close();
            vendor.close();
            vendor = null;
            long deadline = System.nanoTime() + timeout().toNanos();
            List<Thread> left = newThreads(before);
            while (!left.isEmpty() && System.nanoTime() < deadline) {
                // Some threads end only once their owner is collected (the JDK 17 HttpClient's selector thread);
                // an unreachable owner is released, so let the collector run before waiting on the next thread.
                System.gc();
                left.get(0).join(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
                left = newThreads(before);
            }
            assertThat(left).as("P11: threads still alive after close (started by the plugin or the simulator)")
                    .extracting(Thread::getName).isEmpty();
        }

        private void exercise() {
            loggedIn();
            long mark = mark();
            String call = vendor.callArrives(CUSTOMER, QUEUE);
            awaitCallEvent(mark, PhoneEvent.CallOffered.class, call);
        }

        private List<Thread> newThreads(Set<Thread> before) {
            List<Thread> left = new ArrayList<>();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                boolean commonPool = t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool();
                boolean shared = t.getName().startsWith("softphone-timer-") || t.getName().startsWith("softphone-worker-");
                if (t.isAlive() && !before.contains(t) && !commonPool && !shared) {
                    left.add(t);
                }
            }
            return left;
        }
    }

    // =====================================================================================================
    // P13
    // =====================================================================================================

    /** P13: what the agent does in the vendor's own window is reported, with origin SOFTPHONE. */
    @Nested
    @DisplayName("P13: the vendor window")
    public class VendorWindow {

        @Test
        @DisplayName("P13: the agent answering in the vendor window is reported")
        void agentAnswers() {
            String call = ringingCall();
            require(VendorAction.AGENT_ANSWERS);
            long mark = mark();
            vendor.agentAnswers(call);
            PhoneEvent.CallConnected e = awaitCallEvent(mark, PhoneEvent.CallConnected.class, call);
            assertThat(e.origin()).as("P13: origin").isEqualTo(Origin.SOFTPHONE);
        }

        @Test
        @DisplayName("P13: the agent hanging up in the vendor window is reported")
        void agentHangsUp() {
            String call = connectedCall();
            require(VendorAction.AGENT_HANGS_UP);
            long mark = mark();
            vendor.agentHangsUp(call);
            PhoneEvent.CallEnded e = awaitCallEvent(mark, PhoneEvent.CallEnded.class, call);
            assertThat(e.origin()).as("P13: origin").isEqualTo(Origin.SOFTPHONE);
        }

        @Test
        @DisplayName("P13: the agent holding and resuming in the vendor window is reported")
        void agentHolds() {
            String call = connectedCall();
            require(VendorAction.AGENT_HOLDS);
            vendor.agentHolds(call);
            awaitCustomer(call, LegState.HELD);
            vendor.agentResumes(call);
            awaitCustomer(call, LegState.CONNECTED);
        }

        @Test
        @DisplayName("P13: the agent changing state in the vendor window is reported")
        void agentSetsState() {
            loggedIn();
            require(VendorAction.AGENT_SETS_STATE);
            AgentState target = phone.agentState().equals(AgentState.notReady(PauseReason.BREAK))
                    ? AgentState.READY : AgentState.notReady(PauseReason.BREAK);
            long mark = mark();
            vendor.agentSetsState(target);
            PhoneEvent.AgentStateChanged e = awaitAfter(mark, PhoneEvent.AgentStateChanged.class,
                    s -> s.to().equals(target));
            assertThat(e.origin()).as("P13: origin").isEqualTo(Origin.SOFTPHONE);
        }

        @Test
        @DisplayName("P13: the agent logging out in the vendor window is reported")
        void agentLogsOut() {
            loggedIn();
            require(VendorAction.AGENT_LOGS_OUT);
            long mark = mark();
            vendor.agentLogsOut();
            PhoneEvent.AgentLoggedOut e = awaitAfter(mark, PhoneEvent.AgentLoggedOut.class, x -> true);
            assertThat(e.cause()).as("P13: cause").isNotEqualTo(LogoutCause.APPLICATION);
        }

        @Test
        @DisplayName("P13: a transfer started in the vendor window, answered and dropped by the third party")
        void thirdPartyComesAndGoes() {
            String call = connectedCall();
            require(VendorAction.AGENT_STARTS_TRANSFER);
            vendor.agentStartsTransfer(call, THIRD_PARTY);
            awaitCall(call, "a third party", c -> !c.thirdParties().isEmpty());
            answerThirdPartyIfPossible(call);
            require(VendorAction.THIRD_PARTY_HANGS_UP);
            vendor.thirdPartyHangsUp(call);
            awaitCall(call, "no third party, the call still up",
                    c -> c.thirdParties().isEmpty() && c.status() == CallStatus.CONNECTED);
        }
    }

    // =====================================================================================================
    // the kit's machinery
    // =====================================================================================================

    /** @return the phone of this test, built with the default settings on first use */
    private Phone phone() {
        return phone(b -> { });
    }

    /**
     * @param settings changes to the kit's settings, applied only when the phone is built now
     * @return the phone of this test
     */
    private Phone phone(Consumer<PhoneBuilder> settings) {
        if (phone != null) {
            return phone;
        }
        instrumented = new InstrumentedPlugin(plugin(), failures);
        events = new RecordingPhoneListener();
        muted = false;
        PhoneBuilder builder = Phone.builder()
                .id("compat-kit-" + PHONES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime()))
                .plugin(instrumented)
                .config(vendor.phoneConfig())
                .commandTimeout(commandTimeout())
                .listener(events)
                .listener(new EventOrderChecker(failures));
        settings.accept(builder);
        phone = builder.build();
        try {
            vendor.attach(phone);
        } catch (Exception e) {
            throw new AssertionError("the vendor simulator could not attach to the phone", e);
        }
        return phone;
    }

    /** Brings the agent to a logged-in state through the vendor and waits for the phone to say so. */
    private void loggedIn() {
        phone();
        if (events.ofType(PhoneEvent.AgentLoggedIn.class).isEmpty()) {
            vendor.agentLogsIn();
        }
        events.await(PhoneEvent.AgentLoggedIn.class, timeout());
        awaitCondition("the agent logged in", () -> phone.agentState().isLoggedIn());
    }

    /** @return a call ringing for a logged-in agent; checks P5 on the way */
    private String ringingCall() {
        loggedIn();
        long mark = mark();
        String id = vendor.callArrives(CUSTOMER, QUEUE);
        PhoneEvent.CallOffered offered = awaitAfter(mark, PhoneEvent.CallOffered.class, e -> true);
        assertThat(offered.callId()).as("P5: the phone's call id is the vendor's").isEqualTo(id);
        assertThat(offered.direction()).as("direction of an arriving call").isEqualTo(Direction.INBOUND);
        return id;
    }

    /** @return a connected inbound call, answered through the phone or, when it cannot, in the vendor window */
    private String connectedCall() {
        String id = ringingCall();
        long mark = mark();
        if (phone.capabilities().contains(Capability.ANSWER)) {
            assertDone(phone.answer(id), "answering call " + id);
        } else {
            require(VendorAction.AGENT_ANSWERS);
            vendor.agentAnswers(id);
        }
        awaitCallEvent(mark, PhoneEvent.CallConnected.class, id);
        return id;
    }

    /** @return a connected call with a third party added, through the phone or the vendor window */
    private String callWithThirdParty() {
        String id = connectedCall();
        if (phone.capabilities().contains(Capability.CONSULT_TRANSFER)) {
            assertDone(phone.startTransfer(id, Destination.phoneNumber(THIRD_PARTY)), "starting a transfer");
        } else {
            require(VendorAction.AGENT_STARTS_TRANSFER);
            vendor.agentStartsTransfer(id, THIRD_PARTY);
        }
        awaitCall(id, "a third party on the call", c -> !c.thirdParties().isEmpty());
        return id;
    }

    private void answerThirdPartyIfPossible(String call) {
        if (vendor.actions().contains(VendorAction.THIRD_PARTY_ANSWERS)) {
            thirdPartyAnswers(call);
        }
    }

    private void thirdPartyAnswers(String call) {
        vendor.thirdPartyAnswers(call);
        awaitCall(call, "the third party connected",
                c -> c.thirdParties().stream().anyMatch(l -> l.state() == LegState.CONNECTED));
    }

    private void awaitParties(String call, LegState customer, LegState thirdParty) {
        awaitCall(call, "the customer " + customer + " and the third party " + thirdParty,
                c -> legState(c.customer()) == customer && !c.thirdParties().isEmpty()
                        && c.thirdParties().stream().allMatch(l -> l.state() == thirdParty));
    }

    private void awaitCustomer(String call, LegState state) {
        awaitCall(call, "the customer " + (state == LegState.HELD ? "on hold" : "connected (not on hold)"),
                c -> legState(c.customer()) == state);
    }

    /**
     * Puts the phone in the state a verb needs and returns the verb.
     *
     * @param capability the verb's capability
     * @return the call of the verb
     */
    private Supplier<CompletionStage<CommandResult>> verbInNeededState(Capability capability) {
        Function<String, CompletionStage<CommandResult>> onCall = switch (capability) {
            case ANSWER -> phone::answer;
            case HANGUP -> phone::hangup;
            case HOLD -> phone::hold;
            case SEND_DIGITS -> call -> phone.sendDigits(call, "1");
            case CONSULT_TRANSFER -> call -> phone.startTransfer(call, Destination.phoneNumber(THIRD_PARTY));
            case BLIND_TRANSFER -> call -> phone.blindTransfer(call, Destination.phoneNumber(THIRD_PARTY));
            case CONFERENCE -> phone::conference;
            case SWAP -> phone::swap;
            case CANCEL_TRANSFER -> phone::cancelTransfer;
            case COMPLETE_TRANSFER -> phone::completeTransfer;
            default -> null;
        };
        if (onCall != null) {
            String call = switch (capability) {
                case ANSWER -> ringingCall();
                case CONFERENCE, SWAP, CANCEL_TRANSFER, COMPLETE_TRANSFER -> callWithThirdParty();
                default -> connectedCall();
            };
            return () -> onCall.apply(call);
        }
        if (capability == Capability.LOGIN) {
            assumeTrue(!loggedInAtStart(), "the agent is logged in from the start; nothing to log in");
            return phone::login;
        }
        loggedIn();
        return switch (capability) {
            case LOGOUT -> phone::logout;
            case READY -> phone::ready;
            case PAUSE -> () -> phone.pause(PauseReason.BREAK);
            case DIAL -> () -> phone.dial(Destination.phoneNumber(CUSTOMER));
            case MUTE -> phone::mute;
            default -> throw new IllegalArgumentException("no verb answers manual for " + capability);
        };
    }

    private boolean loggedInAtStart() {
        phone();
        return phone.agentState().isLoggedIn() || !events.ofType(PhoneEvent.AgentLoggedIn.class).isEmpty();
    }

    /**
     * A cheap command the plugin advertises, for tests about answers rather than effects: a pause, a ready, a mute
     * toggle, or a dial. Logs the agent in first.
     *
     * @return the command, which may be called several times
     */
    private Supplier<CompletionStage<CommandResult>> probe() {
        loggedIn();
        Set<Capability> caps = phone.capabilities();
        if (caps.contains(Capability.PAUSE)) {
            return () -> phone.pause(++probes % 2 == 0 ? PauseReason.BREAK : PauseReason.MEETING);
        } else if (caps.contains(Capability.READY)) {
            return phone::ready;
        } else if (caps.contains(Capability.MUTE)) {
            return () -> (muted = !muted) ? phone.mute() : phone.unmute();
        } else if (caps.contains(Capability.DIAL)) {
            return () -> phone.dial(Destination.phoneNumber(CUSTOMER));
        }
        assumeTrue(false, "the plugin advertises none of PAUSE, READY, MUTE, DIAL to probe command answers with");
        throw new IllegalStateException("unreachable");
    }

    private void advertised(Capability capability) {
        assumeTrue(phone().capabilities().contains(capability),
                () -> "the plugin does not advertise " + capability + " (" + phone.can(capability).reason() + ")");
    }

    private void require(VendorAction action) {
        assumeTrue(vendor.actions().contains(action),
                () -> "the vendor simulator does not list VendorAction." + action);
    }

    private long mark() {
        List<PhoneEvent> all = events.events();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
    }

    private List<PhoneEvent> eventsAfter(long mark) {
        return events.events().stream().filter(e -> e.seq() > mark).toList();
    }

    private List<PhoneEvent> callEvents(String callId) {
        return events.events().stream()
                .filter(e -> e instanceof PhoneEvent.CallEvent c && c.callId().equals(callId)).toList();
    }

    private <T extends PhoneEvent> T awaitAfter(long mark, Class<T> type, Predicate<T> condition) {
        try {
            return type.cast(events.await(e -> e.seq() > mark && type.isInstance(e) && condition.test(type.cast(e)),
                    timeout()));
        } catch (AssertionError e) {
            throw new AssertionError("expected a matching " + type.getSimpleName() + " after event #" + mark + ": "
                    + e.getMessage(), e);
        }
    }

    private <T extends PhoneEvent.CallEvent> T awaitCallEvent(long mark, Class<T> type, String callId) {
        return awaitAfter(mark, type, e -> e.callId().equals(callId));
    }

    private void awaitState(AgentState state) {
        events.await(e -> e instanceof PhoneEvent.AgentStateChanged s && s.to().equals(state) && !s.pending(),
                timeout());
    }

    private void awaitExecuteReturned(int count) {
        try {
            if (!instrumented.driver().awaitExecuteReturns(count, timeout())) {
                fail("P12: the driver's execute() did not return within %s while the vendor held its answer: it "
                        + "blocks the phone's thread until the vendor answers", timeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Waits until the phone's picture of a call satisfies a condition. Some changes (a leg's state) have no event of
     * their own in every core version, so this checks the picture itself, re-checking until the timeout.
     */
    private CallView awaitCall(String callId, String what, Predicate<CallView> condition) {
        awaitCondition("call " + callId + " to show " + what,
                () -> phone.call(callId).map(condition::test).orElse(false));
        return phone.call(callId).orElseThrow();
    }

    /**
     * Re-checks a condition until it holds or the timeout passes. Used only where no event announces the change; it
     * returns as soon as the condition holds, so it never waits for luck.
     */
    private void awaitCondition(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout().toNanos();
        long pause = 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after %s waiting for %s; events: %s; calls: %s", timeout(), what,
                        events == null ? List.of() : events.types(), phone == null ? List.of() : phone.calls());
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 50_000_000);
        }
    }

    private static LegState legState(Optional<Leg> leg) {
        return leg.map(Leg::state).orElse(null);
    }

    private void assertDone(CompletionStage<CommandResult> stage, String what) {
        CommandResult result = done(stage, what);
        assertThat(result.isManual()).as("%s: answered manual although advertised", what).isFalse();
    }

    private <T> T done(CompletionStage<T> stage, String what) {
        CompletableFuture<T> future = stage.toCompletableFuture();
        try {
            return future.get(timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(what + " got no answer within " + timeout() + " (the command timeout is "
                    + commandTimeout() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private <E extends Throwable> E assertFails(CompletionStage<?> stage, Class<E> expected, String what) {
        CompletableFuture<?> future = stage.toCompletableFuture();
        try {
            Object value = future.get(timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            throw new AssertionError(what + " should fail with " + expected.getSimpleName() + " but completed with "
                    + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (!expected.isInstance(cause)) {
                throw new AssertionError(what + " should fail with " + expected.getSimpleName() + " but failed with "
                        + cause, cause);
            }
            return expected.cast(cause);
        } catch (TimeoutException e) {
            throw new AssertionError(what + " should fail with " + expected.getSimpleName() + " but got no answer "
                    + "within " + timeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
