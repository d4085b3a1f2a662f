package dev.softphone.cli;

import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.ActivityReporting;
import dev.softphone.activity.ActivitySink;
import dev.softphone.activity.Ga4Sink;
import dev.softphone.activity.QueueMetricsSink;
import dev.softphone.amazonconnect.AmazonConnectPlugin;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.testkit.DeterministicScheduler;
import dev.softphone.testkit.MutableClock;
import dev.softphone.testkit.amazon.SimulatedCcp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One scripted agent shift through {@link Phone} against the {@link SimulatedCcp}, connected in process to the Amazon
 * Connect driver: no setup, no network, a simulated clock (the whole shift takes well under a second and prints the
 * same every time). Prints the narrated timeline of events, then the activity records as the QueueMetrics sink wrote
 * them to its {@code queue_log} and a preview of the GA4 Measurement Protocol requests.
 */
final class DemoShift {
    /** When the shift starts (the contact center's and the phone's clock). */
    static final Instant START = Instant.parse("2025-03-04T09:00:00Z");
    /** The agent's phone id, as reports name the agent. */
    static final String AGENT = "jane.doe";
    static final String CUSTOMER = "+447700900123";
    static final String OUTBOUND = "+15550123";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Duration STEP_WAIT = Duration.ofSeconds(10);

    private final PrintWriter out;
    private final Path workDir;
    private final DeterministicScheduler scheduler = new DeterministicScheduler(new MutableClock(START));
    private final SimulatedCcp ccp = SimulatedCcp.builder().start(START).build();
    private final List<ActivityRecord> records = new CopyOnWriteArrayList<>();
    private Phone phone;

    /**
     * @param out     where the report goes
     * @param workDir an empty folder for the activity spool and the queue_log file
     */
    DemoShift(PrintWriter out, Path workDir) {
        this.out = out;
        this.workDir = workDir;
    }

    /**
     * Runs the shift and prints the report.
     *
     * @throws DemoFailure when a step did not go as scripted
     * @throws InterruptedException when interrupted
     */
    void run() throws InterruptedException {
        Path queueLog = workDir.resolve("queue_log");
        StreamsBridgeHub hub = new StreamsBridgeHub();
        out.println("softphone-sdk demo: one agent shift on Amazon Connect");
        out.println("(simulated CCP connected in process over bridge protocol v1, simulated clock, no network)");
        out.println();
        out.println(Timeline.header());
        try (ActivityReporting reporting = ActivityReporting.builder()
                .spoolDirectory(workDir.resolve("spool"))
                .clock(scheduler.clock())
                .sink(QueueMetricsSink.builder().file(queueLog).memberQueues(List.of("Support")).build())
                .sink(new Collector())
                .build()) {
            Phone built = Phone.builder().id(AGENT).plugin(new AmazonConnectPlugin(hub))
                    .executor(Runnable::run).scheduler(scheduler).clock(scheduler.clock())
                    .offlineMeansLogout(false)
                    .activity(reporting)
                    .listener(new PhoneListener() {
                        @Override
                        public void onEvent(PhoneEvent event) {
                            out.println(Timeline.line(event));
                        }
                    }).build();
            phone = built;
            try (built; InProcessPage page = InProcessPage.attach(hub, phone, ccp::receive)) {
                ccp.connectTo(page::fromPage);
                ccp.pageLoads();
                shift();
                built.close(); // before the page goes, so the timeline ends with the logout
            }
            reporting.flush().join();
            if (!reporting.awaitDelivered(STEP_WAIT)) {
                throw new DemoFailure("the activity sinks did not receive every record within " + STEP_WAIT);
            }
        }
        printQueueLog(queueLog);
        printGa4Preview();
    }

    private void shift() {
        app("login()", Phone::login);
        agent("signs in through the CCP's login window; the CCP opens in Offline", c -> c.agentLogsIn("Offline"));
        pass(Duration.ofMinutes(1));
        app("ready()", Phone::ready);

        pass(Duration.ofMinutes(4));
        center("a customer calls " + CUSTOMER + " through queue Support", c -> c.customerCalls(CUSTOMER, "Support"));
        pass(Duration.ofSeconds(6));
        app("answer()", Phone::answer);
        pass(Duration.ofSeconds(95));
        app("hold()", Phone::hold);
        pass(Duration.ofSeconds(40));
        app("resume()", Phone::resume);
        pass(Duration.ofSeconds(60));
        List<Destination> quickConnects = await("transferDestinations()", phone.transferDestinations());
        narrate("app", "transfer destinations: " + String.join(", ",
                quickConnects.stream().map(Destination::describe).toList()));
        app("startTransfer(quick connect \"Helpdesk\")", p -> p.startTransfer(Destination.quickConnect("Helpdesk")));
        pass(Duration.ofSeconds(12));
        center("the helpdesk answers", SimulatedCcp::thirdPartyAnswers);
        pass(Duration.ofSeconds(30));
        app("completeTransfer()", Phone::completeTransfer);
        pass(Duration.ofSeconds(45));
        app("ready()  (ends after-call work)", Phone::ready);

        pass(Duration.ofMinutes(3));
        app("dial(" + OUTBOUND + ")", p -> p.dial(Destination.phoneNumber(OUTBOUND)));
        pass(Duration.ofSeconds(8));
        center("the customer answers", SimulatedCcp::customerAnswers);
        pass(Duration.ofSeconds(150));
        app("hangup()", Phone::hangup);
        pass(Duration.ofSeconds(30));
        app("pause(BREAK)  (ends after-call work)", p -> p.pause(PauseReason.BREAK));
        pass(Duration.ofMinutes(2));
        agent("picks Lunch in the CCP's status menu", c -> c.agentSelectsState("Lunch"));
        pass(Duration.ofMinutes(30));
        app("ready()", Phone::ready);
        pass(Duration.ofMinutes(5));
        center("a customer calls " + CUSTOMER + " again", c -> c.customerCalls(CUSTOMER, "Support"));
        pass(Duration.ofSeconds(4));
        app("answer()", Phone::answer);
        pass(Duration.ofSeconds(70));
        center("the customer hangs up", SimulatedCcp::customerHangsUp);
        pass(Duration.ofSeconds(50));
        agent("clicks Close contact after the after-call work", SimulatedCcp::agentClosesContact);
        pass(Duration.ofMinutes(2));
        app("logout()", Phone::logout);
    }

    // ----- steps -----

    private void app(String verb, Function<Phone, CompletionStage<CommandResult>> command) {
        narrate("app", verb);
        CommandResult result = await(verb, command.apply(phone));
        result.manualInstruction().ifPresent(i -> narrate("", "-> manual step for the agent: " + i.text()));
    }

    private void agent(String what, Consumer<SimulatedCcp> action) {
        narrate("agent", "in the softphone window: " + what);
        action.accept(ccp);
    }

    private void center(String what, Consumer<SimulatedCcp> action) {
        narrate("world", what);
        action.accept(ccp);
    }

    private void narrate(String who, String what) {
        out.printf("%3s  %-8s  %-9s  > %s%n", "", TIME.format(scheduler.clock().instant()), who, what);
    }

    /** Time passes for everyone: the phone's clock and timers, and the contact center's snapshots. */
    private void pass(Duration d) {
        scheduler.advance(d);
        ccp.advance(d);
    }

    private <T> T await(String what, CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(STEP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new DemoFailure("step " + what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new DemoFailure("step " + what + " did not complete within " + STEP_WAIT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted during step " + what, e);
        }
    }

    // ----- the report -----

    private void printQueueLog(Path queueLog) {
        out.println();
        out.println("Activity as QueueMetrics queue_log lines (" + records.size() + " records; the QueueMetrics sink "
                + "appended them to " + queueLog.getFileName() + "):");
        try {
            List<String> lines = Files.exists(queueLog) ? Files.readAllLines(queueLog) : List.of();
            lines.forEach(l -> out.println("  " + l));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the demo's queue_log " + queueLog, e);
        }
    }

    private void printGa4Preview() {
        Ga4Sink ga4 = Ga4Sink.builder().measurementId("G-DEMO000000").apiSecret("demo-secret")
                .clock(scheduler.clock()).build();
        List<String> bodies = ga4.requestBodies(records);
        JsonMapper json = JsonMapper.builder().build();
        out.println();
        out.println("GA4 Measurement Protocol preview (" + bodies.size() + " request" + (bodies.size() == 1 ? "" : "s")
                + " to /mp/collect?measurement_id=G-DEMO000000; nothing is sent):");
        for (String body : bodies) {
            JsonNode tree = json.readTree(body);
            List<String> names = new ArrayList<>();
            tree.path("events").forEach(e -> names.add(e.path("name").asString()));
            out.println("  client_id=" + tree.path("client_id").asString() + ", " + names.size() + " events: "
                    + String.join(", ", names));
        }
        if (!bodies.isEmpty()) {
            JsonNode first = json.readTree(bodies.get(0));
            out.println("  first event of the first request:");
            JsonNode one = first.path("events").path(0);
            Stream.of(json.writerWithDefaultPrettyPrinter().writeValueAsString(one).split("\n"))
                    .forEach(l -> out.println("    " + l));
        }
        out.flush();
    }

    /** Keeps what the sinks received, for the GA4 preview and tests. */
    private final class Collector implements ActivitySink {
        @Override
        public String name() {
            return "demo-preview";
        }

        @Override
        public void deliver(List<ActivityRecord> batch) {
            records.addAll(batch);
        }
    }

    /** A step of the demo did not go as scripted. */
    static final class DemoFailure extends RuntimeException {
        DemoFailure(String message) {
            super(message);
        }

        DemoFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

}
