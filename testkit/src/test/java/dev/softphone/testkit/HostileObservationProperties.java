package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Capability;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.ManualInstruction;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.Target;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.Signal;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A plugin that reports nonsense: random pictures (duplicate call ids in one picture, calls jumping between any
 * statuses, legs with odd roles, states and duplicate ids, hostile strings, offline and error states) and random
 * signals, mixed with application commands. Core must keep sequence numbers, the agent's session grammar and the
 * availability alternation (the call grammar assumes a plugin that keeps contract rule P4), never throw back into the plugin,
 * and stay usable: after the storm a sane picture brings the phone to exactly that picture and a command works.
 */
@Label("A plugin reporting nonsense cannot break the phone")
class HostileObservationProperties {
    static final AtomicLong PICTURES = new AtomicLong();
    static final AtomicLong SIGNALS = new AtomicLong();

    private static final List<String> IDS = List.of("c1", "c2", "c3", "", " ", "c1\n", "\u0000", "x".repeat(10_000),
            "c|1", "\"c\"");

    @Provide
    Arbitrary<List<Object>> storms() {
        Arbitrary<String> text = Arbitraries.oneOf(Arbitraries.of(IDS), Arbitraries.strings().ofMaxLength(30));
        Arbitrary<Leg> leg = Combinators.combine(Arbitraries.of("l1", "l2", "l3", "l1"), Arbitraries.of(LegRole.class),
                Arbitraries.of(LegState.class), text.injectNull(0.3), Arbitraries.of(true, false))
                .as((id, role, state, endpoint, muted) -> new Leg(id, role, state,
                        endpoint == null ? null : Target.phoneNumber(endpoint.isBlank() ? "1" : endpoint), muted));
        Arbitrary<ObservedCall> call = Combinators.combine(Arbitraries.of(IDS), Arbitraries.of(Direction.class),
                Arbitraries.of(CallStatus.class), text.injectNull(0.2), text.injectNull(0.2),
                Arbitraries.of(IDS).injectNull(0.8), leg.list().ofMaxSize(4))
                .as((id, dir, status, remote, queue, from, legs) -> new ObservedCall(id, null, dir, status, remote,
                        queue, from, legs));
        Arbitrary<AgentState> state = Arbitraries.oneOf(Arbitraries.of(AgentState.READY, AgentState.LOGGED_OUT),
                text.filter(s -> !s.isBlank()).map(code -> AgentState.notReady(new PauseReason(code, code))));
        Arbitrary<ObservedAgent> agent = Combinators.combine(state, state.injectNull(0.6), text.injectNull(0.5),
                text.injectNull(0.8), Arbitraries.integers().between(0, 9).map(n -> n == 0))
                .as(ObservedAgent::new);
        Arbitrary<Object> picture = Combinators.combine(agent, call.list().ofMaxSize(4)).as(Observation::new);
        Arbitrary<Object> signal = Arbitraries.oneOf(Arbitraries.just(new Signal.SessionTerminated()),
                text.map(Signal.AuthFailed::new), Arbitraries.of(true, false).map(Signal.MuteToggled::new),
                text.map(t -> new Signal.SoftphoneError(t, t)), text.map(Signal.LinkLost::new),
                text.map(Signal.LinkRestored::new));
        Arbitrary<Object> command = Arbitraries.of("ready", "pause", "hold", "hangup", "answer", "dial",
                "transfer", "time");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, picture), net.jqwik.api.Tuple.of(2, signal),
                net.jqwik.api.Tuple.of(2, command)).list().ofMaxSize(40);
    }

    @Property(tries = 200)
    @Label("R4: after any storm the grammar held, nothing was thrown back to the plugin and a sane picture wins")
    void stormsAreSurvived(@ForAll("storms") List<Object> storm) {
        AsyncFailures failures = new AsyncFailures();
        DeterministicScheduler scheduler = DeterministicScheduler.create();
        RawPlugin plugin = new RawPlugin();
        List<CompletableFuture<CommandResult>> commands = new ArrayList<>();
        try (Phone phone = Phone.builder().id("hostile").plugin(plugin).clock(scheduler.clock()).executor(scheduler)
                .scheduler(scheduler).commandTimeout(Duration.ofSeconds(2))
                .listener(new EventOrderChecker(failures)).build()) {
            for (Object step : storm) {
                try {
                    if (step instanceof Observation o) {
                        PICTURES.incrementAndGet();
                        plugin.context.observe(o);
                    } else if (step instanceof Signal s) {
                        SIGNALS.incrementAndGet();
                        plugin.context.signal(s);
                    } else {
                        command((String) step, phone, scheduler, commands);
                    }
                    scheduler.runDueTasks();
                } catch (RuntimeException thrownBack) {
                    throw new AssertionError("R4: core threw back into the plugin or the application on " + step,
                            thrownBack);
                }
            }
            plugin.context.signal(new Signal.LinkRestored("sane again"));
            plugin.context.observe(new Observation(ObservedAgent.of(AgentState.READY), List.of()));
            scheduler.advance(Duration.ofSeconds(10));
            // A picture that drops a call id and a later one that shows it again breaks plugin contract rule P4: core
            // then reports the call anew, which the checker flags per call. That is the plugin's fault, by contract;
            // everything else (sequence numbers, the agent's session, availability) is core's duty whatever comes.
            List<String> coreFaults = failures.all().stream()
                    .filter(f -> !f.startsWith("P4: call ") && !f.contains(" for call ")).toList();
            if (!coreFaults.isEmpty()) {
                throw new AssertionError("R4: " + coreFaults);
            }
            if (!phone.agentState().equals(AgentState.READY) || !phone.calls().isEmpty()) {
                throw new AssertionError("R4: the phone did not follow a sane picture: " + phone.agentState() + " "
                        + phone.calls());
            }
            for (CompletableFuture<CommandResult> c : commands) {
                if (!c.isDone()) {
                    throw new AssertionError("R4: a command never completed");
                }
            }
            CompletableFuture<CommandResult> pause = phone.pause(PauseReason.BREAK).toCompletableFuture();
            plugin.context.observe(new Observation(ObservedAgent.of(AgentState.notReady(PauseReason.BREAK)),
                    List.of()));
            scheduler.runDueTasks();
            if (!pause.isDone() || pause.isCompletedExceptionally()) {
                throw new AssertionError("R4: the phone does not work after the storm: " + pause);
            }
        }
    }

    private static void command(String verb, Phone phone, DeterministicScheduler scheduler,
                                List<CompletableFuture<CommandResult>> commands) {
        CompletionStage<CommandResult> c = switch (verb) {
            case "ready" -> phone.ready();
            case "pause" -> phone.pause(PauseReason.MEAL);
            case "hold" -> phone.hold();
            case "hangup" -> phone.hangup();
            case "answer" -> phone.answer();
            case "dial" -> phone.dial(Destination.phoneNumber("+15550100"));
            case "transfer" -> phone.blindTransfer(Destination.phoneNumber("+15550199"));
            default -> {
                scheduler.advance(Duration.ofSeconds(1));
                yield null;
            }
        };
        if (c != null) {
            commands.add(c.toCompletableFuture());
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("hostile observations: %d pictures, %d signals%n", PICTURES.get(), SIGNALS.get());
    }

    /** A plugin whose driver accepts every command and whose pictures the test writes by hand. */
    static final class RawPlugin implements SoftphonePlugin {
        volatile PluginContext context;

        @Override
        public String id() {
            return "raw";
        }

        @Override
        public String version() {
            return "1";
        }

        @Override
        public SoftphoneDriver create(PluginContext ctx) {
            context = ctx;
            return new SoftphoneDriver() {
                @Override
                public void start() {
                }

                @Override
                public Set<Capability> capabilities() {
                    return EnumSet.allOf(Capability.class);
                }

                @Override
                public CompletionStage<Void> execute(DriverCommand command) {
                    return CompletableFuture.completedFuture(null);
                }

                @Override
                public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
                    return new ManualInstruction("raw." + capability, capability + " by hand", java.util.Map.of());
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
