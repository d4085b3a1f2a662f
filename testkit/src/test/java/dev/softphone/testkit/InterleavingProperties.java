package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.CallView;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.Direction;
import dev.softphone.Party;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.Target;
import dev.softphone.TransferMode;
import dev.softphone.VendorException;
import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.ActivityReporting;
import dev.softphone.activity.ActivitySink;
import dev.softphone.activity.ActivitySinkException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.Label;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Random interleavings of what the vendor does, what the application asks, faults (a vendor that stops answering or
 * refuses, a dropped link, duplicate pictures, a sink that is down) and time, on the fake softphone with a real
 * activity spool. After each run the phone is settled (link back, vendor answering, calls ended, agent logged out)
 * and checked against the invariants of issue 13: the event grammar of {@link PhoneListener}, one agent state that
 * agrees with the vendor, every offered inbound call connected or missed and every call ended once, holds and consultations paired,
 * no duplicate after a reconnect, no command left hanging, activity records balanced and delivered exactly once.
 */
@Label("Random interleavings of vendor, application, faults and time keep the phone's invariants")
class InterleavingProperties {
    static final AtomicLong STEPS = new AtomicLong();
    static final AtomicLong FAULTS = new AtomicLong();
    static final AtomicLong RUNS = new AtomicLong();
    static final AtomicLong RECORDS = new AtomicLong();

    /** One thing that happens. */
    enum Kind {
        INCOMING, TRANSFERRED_IN, AGENT_ANSWERS, FAR_END_ANSWERS, FAR_END_HANGS_UP, AGENT_HANGS_UP, RINGING_STOPS,
        AGENT_HOLDS, AGENT_RESUMES, AGENT_STARTS_TRANSFER, THIRD_PARTY_ANSWERS, THIRD_PARTY_HANGS_UP,
        AGENT_CONFERENCES, VENDOR_READY, VENDOR_BREAK, VENDOR_LOGOUT, VENDOR_LOGIN,
        APP_READY, APP_PAUSE, APP_DIAL, APP_ANSWER, APP_HANGUP, APP_HOLD, APP_RESUME, APP_START_TRANSFER,
        APP_COMPLETE_TRANSFER, APP_CANCEL_TRANSFER, APP_BLIND_TRANSFER, APP_CONFERENCE, APP_SWAP,
        FAULT_FAIL_NEXT, FAULT_STOP_ANSWERING, FAULT_RESUME_ANSWERING, FAULT_LINK_LOST, FAULT_LINK_RESTORED,
        FAULT_DUPLICATE_PICTURE, FAULT_SINK_DOWN, FAULT_SINK_UP, TIME_PASSES
    }

    /** A step: what happens, and a number that picks the call or the amount. */
    record Step(Kind kind, int pick) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 99))
                .as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(80);
    }

    @Property(tries = 80)
    @Label("I1-I7 hold after any interleaving")
    void invariantsHold(@ForAll("steps") List<Step> steps) throws Exception {
        RUNS.incrementAndGet();
        Path dir = Files.createTempDirectory("interleaving");
        FlakySink sink = new FlakySink();
        DeterministicScheduler scheduler = DeterministicScheduler.create();
        AsyncFailures failures = new AsyncFailures();
        GrammarChecker grammar = new GrammarChecker(failures);
        RecordingPhoneListener events = new RecordingPhoneListener();
        FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
        List<CompletableFuture<?>> commands = new ArrayList<>();
        try (ActivityReporting reporting = ActivityReporting.builder().spoolDirectory(dir).clock(scheduler.clock())
                .retryBackoff(Duration.ofMillis(1), Duration.ofMillis(5)).sink(sink).build();
             Phone phone = Phone.builder().id("agent-1").plugin(plugin).clock(scheduler.clock()).executor(scheduler)
                     .scheduler(scheduler).commandTimeout(Duration.ofSeconds(5)).listener(events)
                     .listener(new EventOrderChecker(failures)).listener(grammar).activity(reporting).build()) {
            FakeSoftphone softphone = plugin.softphone();
            softphone.agentLogsIn(AgentState.READY);
            scheduler.runDueTasks();
            Set<String> known = new LinkedHashSet<>();
            boolean[] linkUp = {true};
            for (Step s : steps) {
                STEPS.incrementAndGet();
                if (s.kind().name().startsWith("FAULT_")) {
                    FAULTS.incrementAndGet();
                }
                phone.calls().forEach(c -> known.add(c.callId()));
                String call = known.isEmpty() ? "none" : new ArrayList<>(known).get(s.pick() % known.size());
                try {
                    apply(s, call, softphone, phone, sink, scheduler, known, commands, linkUp);
                } catch (VendorException | IllegalStateException | IllegalArgumentException refusedByTheFake) {
                    // the fake vendor refuses an impossible vendor-side action (no such call, wrong state):
                    // that step simply did not happen
                }
                scheduler.runDueTasks();
            }
            settle(softphone, phone, sink, scheduler, linkUp);

            try {
                failures.assertNone();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nevents: " + events.json(), e);
            }
            for (CompletableFuture<?> c : commands) {
                if (!c.isDone()) {
                    throw new AssertionError("I5: a command never completed (a stuck phone): " + c);
                }
            }
            if (!phone.calls().isEmpty()) {
                throw new AssertionError("I3: calls left after every call ended in the vendor: " + phone.calls());
            }
            if (!phone.agentState().equals(softphone.state())) {
                throw new AssertionError("I1: the phone says " + phone.agentState() + ", the vendor "
                        + softphone.state());
            }
            try {
                grammar.assertAllEnded();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nevents: " + events.types() + "\ncommands: "
                        + softphone.commands(), e);
            }
            if (!reporting.awaitDelivered(Duration.ofSeconds(20))) {
                throw new AssertionError("I6: the activity records were not all delivered: " + reporting.stats());
            }
            checkActivity(sink.received());
        } finally {
            deleteTree(dir);
        }
    }

    private static void apply(Step s, String call, FakeSoftphone vendor, Phone phone, FlakySink sink,
                              DeterministicScheduler scheduler, Set<String> known, List<CompletableFuture<?>> commands,
                              boolean[] linkUp) {
        Destination number = Destination.phoneNumber("+1555" + (1000 + s.pick()));
        switch (s.kind()) {
            case INCOMING -> known.add(vendor.incomingCall("+1555" + s.pick(), "q" + s.pick() % 3));
            case TRANSFERRED_IN -> known.add(vendor.transferredCallArrives("+1666" + s.pick(), "other-" + s.pick()));
            case AGENT_ANSWERS -> vendor.agentAnswers(call);
            case FAR_END_ANSWERS -> vendor.farEndAnswers(call);
            case FAR_END_HANGS_UP -> vendor.farEndHangsUp(call);
            case AGENT_HANGS_UP -> vendor.agentHangsUp(call);
            case RINGING_STOPS -> vendor.ringingStops(call);
            case AGENT_HOLDS -> vendor.agentHolds(call);
            case AGENT_RESUMES -> vendor.agentResumes(call);
            case AGENT_STARTS_TRANSFER -> vendor.agentStartsTransfer(call, Target.phoneNumber("+1777" + s.pick()));
            case THIRD_PARTY_ANSWERS -> vendor.thirdPartyAnswers(call);
            case THIRD_PARTY_HANGS_UP -> vendor.thirdPartyHangsUp(call);
            case AGENT_CONFERENCES -> vendor.agentConferences(call);
            case VENDOR_READY -> vendor.agentSetsState(AgentState.READY);
            case VENDOR_BREAK -> vendor.agentSetsState(AgentState.notReady(PauseReason.BREAK));
            case VENDOR_LOGOUT -> vendor.agentLogsOut();
            case VENDOR_LOGIN -> vendor.agentLogsIn(s.pick() % 2 == 0 ? AgentState.READY
                    : AgentState.notReady(PauseReason.MEAL));
            case APP_READY -> commands.add(phone.ready().toCompletableFuture());
            case APP_PAUSE -> commands.add(phone.pause(PauseReason.TRAINING).toCompletableFuture());
            case APP_DIAL -> commands.add(phone.dial(number).toCompletableFuture());
            case APP_ANSWER -> commands.add(phone.answer().toCompletableFuture());
            case APP_HANGUP -> commands.add(phone.hangup(call).toCompletableFuture());
            case APP_HOLD -> commands.add(phone.hold(call).toCompletableFuture());
            case APP_RESUME -> commands.add(phone.resume(call).toCompletableFuture());
            case APP_START_TRANSFER -> commands.add(phone.startTransfer(call, number).toCompletableFuture());
            case APP_COMPLETE_TRANSFER -> commands.add(phone.completeTransfer(call).toCompletableFuture());
            case APP_CANCEL_TRANSFER -> commands.add(phone.cancelTransfer(call).toCompletableFuture());
            case APP_BLIND_TRANSFER -> commands.add(phone.blindTransfer(call, number).toCompletableFuture());
            case APP_CONFERENCE -> commands.add(phone.conference(call).toCompletableFuture());
            case APP_SWAP -> commands.add(phone.swap(call).toCompletableFuture());
            case FAULT_FAIL_NEXT -> vendor.failNextCommand("InvalidStateException", "refused by the fault injector");
            case FAULT_STOP_ANSWERING -> vendor.stopAnswering();
            case FAULT_RESUME_ANSWERING -> vendor.resumeAnswering();
            case FAULT_LINK_LOST -> {
                if (linkUp[0]) {
                    vendor.linkLost("socket dropped by the fault injector");
                    linkUp[0] = false;
                }
            }
            case FAULT_LINK_RESTORED -> {
                if (!linkUp[0]) {
                    vendor.linkRestored("reconnected");
                    linkUp[0] = true;
                }
            }
            case FAULT_DUPLICATE_PICTURE -> vendor.republish();
            case FAULT_SINK_DOWN -> sink.down = true;
            case FAULT_SINK_UP -> sink.down = false;
            case TIME_PASSES -> scheduler.advance(Duration.ofMillis(100L * s.pick()));
        }
    }

    /** Brings the world to rest: vendor answering, link up, every call ended, agent logged out, time passed. */
    private static void settle(FakeSoftphone vendor, Phone phone, FlakySink sink, DeterministicScheduler scheduler,
                               boolean[] linkUp) {
        vendor.resumeAnswering();
        if (!linkUp[0]) {
            vendor.linkRestored("settling");
        }
        sink.down = false;
        scheduler.advance(Duration.ofSeconds(30));
        for (int round = 0; round < 5 && !phone.calls().isEmpty(); round++) {
            for (CallView c : phone.calls()) {
                try {
                    if (c.status() == CallStatus.RINGING) {
                        vendor.ringingStops(c.callId());
                    } else {
                        vendor.agentHangsUp(c.callId());
                    }
                } catch (VendorException gone) {
                    // already gone in the vendor; the next picture says so
                    vendor.republish();
                }
                scheduler.advance(Duration.ofSeconds(1));
            }
        }
        vendor.afterCallWorkEnds();
        scheduler.advance(Duration.ofSeconds(30));
        if (!vendor.state().equals(AgentState.LOGGED_OUT)) {
            vendor.agentLogsOut();
        }
        scheduler.advance(Duration.ofSeconds(30));
    }

    /** I6: activity records balance: each call offered once and finished once, holds and pauses end, ids unique. */
    private static void checkActivity(List<ActivityRecord> records) {
        RECORDS.addAndGet(records.size());
        Set<String> ids = new HashSet<>();
        Map<String, EnumMap<ActivityKind, Integer>> perCall = new HashMap<>();
        EnumMap<ActivityKind, Integer> agent = new EnumMap<>(ActivityKind.class);
        for (ActivityRecord r : records) {
            if (!ids.add(r.id())) {
                throw new AssertionError("I6: activity record delivered twice: " + r);
            }
            if (r.isCallRecord()) {
                perCall.computeIfAbsent(r.callId(), k -> new EnumMap<>(ActivityKind.class)).merge(r.kind(), 1,
                        Integer::sum);
            } else {
                agent.merge(r.kind(), 1, Integer::sum);
            }
        }
        perCall.forEach((call, n) -> {
            int offered = n.getOrDefault(ActivityKind.CALL_OFFERED, 0);
            int finished = n.getOrDefault(ActivityKind.CALL_ENDED, 0) + n.getOrDefault(ActivityKind.CALL_MISSED, 0);
            if (offered != 1 || finished != 1) {
                throw new AssertionError("I6: call " + call + " offered " + offered + "x, finished " + finished
                        + "x: " + n);
            }
            if (!n.getOrDefault(ActivityKind.HOLD_STARTED, 0).equals(n.getOrDefault(ActivityKind.HOLD_ENDED, 0))) {
                throw new AssertionError("I6: call " + call + " has unbalanced holds: " + n);
            }
        });
        if (!agent.getOrDefault(ActivityKind.LOGGED_IN, 0).equals(agent.getOrDefault(ActivityKind.LOGGED_OUT, 0))
                || !agent.getOrDefault(ActivityKind.PAUSE_STARTED, 0)
                .equals(agent.getOrDefault(ActivityKind.PAUSE_ENDED, 0))) {
            throw new AssertionError("I6: agent records unbalanced: " + agent);
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("interleavings: %d runs, %d steps, %d faults injected, %d activity records checked%n",
                RUNS.get(), STEPS.get(), FAULTS.get(), RECORDS.get());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A sink that fails with a retryable error while {@link #down}. */
    static final class FlakySink implements ActivitySink {
        volatile boolean down;
        private final List<ActivityRecord> received = new ArrayList<>();

        @Override
        public String name() {
            return "flaky";
        }

        @Override
        public synchronized void deliver(List<ActivityRecord> records) throws ActivitySinkException {
            if (down) {
                throw ActivitySinkException.retryable("flaky sink is down", null);
            }
            received.addAll(records);
        }

        synchronized List<ActivityRecord> received() {
            return List.copyOf(received);
        }
    }

    /**
     * The parts of the call grammar {@link EventOrderChecker} leaves out: one agent state at a time with no repeated
     * change, holds paired per party, consultations opened and closed once, every offered inbound call connected or missed (T4).
     */
    static final class GrammarChecker implements PhoneListener {
        private final AsyncFailures failures;
        private final Map<String, Set<Party>> held = new HashMap<>();
        /** Open consultations per call; the fake lets the agent add a second third party, so more than one. */
        private final Map<String, Integer> consulting = new HashMap<>();
        private final Set<String> offered = new LinkedHashSet<>();
        private final Set<String> connectedOrMissed = new HashSet<>();
        private final Set<String> finished = new HashSet<>();
        private AgentState state = AgentState.LOGGED_OUT;
        private AgentState next = AgentState.LOGGED_OUT;

        GrammarChecker(AsyncFailures failures) {
            this.failures = failures;
        }

        @Override
        public synchronized void onEvent(PhoneEvent event) {
            if (event instanceof PhoneEvent.AgentLoggedIn e) {
                state = e.state();
                next = e.state();
            } else if (event instanceof PhoneEvent.AgentStateChanged e && e.pending()) {
                // A6/A8: a pending event goes from the agent's next state to the new next state
                if (!same(e.from(), next) || same(e.from(), e.to())) {
                    failures.violation("I1: pending AgentStateChanged " + e.from() + " -> " + e.to()
                            + " while the next state was " + next + " (a duplicate or a lost change)");
                }
                next = e.to();
            } else if (event instanceof PhoneEvent.AgentStateChanged e) {
                if (!same(e.from(), state) || same(e.from(), e.to())) {
                    failures.violation("I1: AgentStateChanged " + e.from() + " -> " + e.to() + " while the state was "
                            + state + " (a duplicate or a lost change)");
                }
                boolean hadPending = !same(next, state);
                state = e.to();
                if (!hadPending || same(next, e.to())) {
                    next = e.to(); // A7: the pending state applied, or nothing was pending
                }
            } else if (event instanceof PhoneEvent.AgentLoggedOut) {
                state = AgentState.LOGGED_OUT;
                next = AgentState.LOGGED_OUT;
            } else if (event instanceof PhoneEvent.CallOffered e) {
                offered.add(e.callId());
                if (e.direction() == Direction.OUTBOUND) {
                    connectedOrMissed.add(e.callId()); // T4/T13: an outbound call may end before it connects
                }
            } else if (event instanceof PhoneEvent.CallConnected e) {
                connectedOrMissed.add(e.callId());
            } else if (event instanceof PhoneEvent.CallMissed e) {
                connectedOrMissed.add(e.callId());
                finish(e.callId());
            } else if (event instanceof PhoneEvent.CallHeld e) {
                if (!held.computeIfAbsent(e.callId(), k -> new HashSet<>()).add(e.party())) {
                    failures.violation("I4: " + e.party() + " of call " + e.callId() + " held twice");
                }
            } else if (event instanceof PhoneEvent.CallResumed e) {
                // T5: a hold already there in the call's first connected picture is not reported but its end is,
                // so a CallResumed may come without a CallHeld; a CallHeld is never repeated without a resume
                held.getOrDefault(e.callId(), new HashSet<>()).remove(e.party());
            } else if (event instanceof PhoneEvent.ConsultStarted e) {
                consulting.merge(e.callId(), 1, Integer::sum);
            } else if (event instanceof PhoneEvent.ConsultConnected e) {
                requireConsult(e);
            } else if (event instanceof PhoneEvent.TransferCancelled e) {
                requireConsult(e);
                consulting.computeIfPresent(e.callId(), (k, n) -> n > 1 ? n - 1 : null);
            } else if (event instanceof PhoneEvent.TransferCompleted e) {
                if (e.mode() != TransferMode.BLIND) {
                    requireConsult(e);
                }
                consulting.computeIfPresent(e.callId(), (k, n) -> n > 1 ? n - 1 : null);
            } else if (event instanceof PhoneEvent.CallEnded e) {
                finish(e.callId());
            }
        }

        /** States compare by kind and reason code (A4). */
        private static boolean same(AgentState a, AgentState b) {
            return a.kind() == b.kind() && (a.reason() == null ? b.reason() == null
                    : b.reason() != null && a.reason().code().equals(b.reason().code()));
        }

        private void requireConsult(PhoneEvent.CallEvent e) {
            if (!consulting.containsKey(e.callId())) {
                failures.violation("I4: " + ((PhoneEvent) e).type() + " on call " + e.callId()
                        + " without an open consultation");
            }
        }

        private void finish(String callId) {
            finished.add(callId);
            held.remove(callId);
            consulting.remove(callId);
        }

        synchronized void assertAllEnded() {
            for (String id : offered) {
                if (!finished.contains(id)) {
                    throw new AssertionError("I3: call " + id + " was offered and never ended");
                }
                if (!connectedOrMissed.contains(id)) {
                    throw new AssertionError("I3: call " + id + " ended neither connected nor missed");
                }
            }
        }
    }
}
