package dev.softphone.testkit.amazon;

import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.testkit.EventNotation;
import dev.softphone.testkit.RecordingPhoneListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Plays {@link StreamsScenario}s: builds a phone, connects a {@link SimulatedCcp} to the phone's bridge through a
 * {@link PageConnector} (an in-process link, or a real WebSocket), loads the page, runs the steps and collects the
 * events and the recording. Also replays a recording into a fresh phone. The testkit does not know the plugin's
 * classes: the connector is where the plugin (or its bridge transport) comes in.
 */
public final class StreamsScenarioRunner {
    /** How long an application step may take before the run counts it as hanging. */
    public static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

    /** Connects a page to a phone's Amazon Connect bridge, as a browser would. */
    @FunctionalInterface
    public interface PageConnector {
        /**
         * @param phone  the phone (its id names the bridge registration)
         * @param toPage where Java-to-browser messages (commands) must go
         * @return the connection
         */
        PageConnection connect(Phone phone, Consumer<String> toPage);
    }

    /** One page's connection to a phone's bridge. */
    public interface PageConnection extends AutoCloseable {
        /**
         * Delivers one browser-to-Java message.
         *
         * @param json the message
         */
        void fromPage(String json);

        /** Waits until everything sent so far was processed (nothing to do in process; a socket waits). */
        default void settle() {
        }

        /** Disconnects the page. */
        @Override
        void close();
    }

    /**
     * The outcome of one run.
     *
     * @param scenario  the scenario
     * @param events    the phone's events in {@link EventNotation}
     * @param recording every browser-to-Java message, in order (the bridge recording)
     * @param problems  application steps that did not end as the scenario says (empty when all did)
     */
    public record Run(StreamsScenario scenario, List<String> events, List<String> recording, List<String> problems) {
        /** Copies the lists. */
        public Run {
            events = List.copyOf(events);
            recording = List.copyOf(recording);
            problems = List.copyOf(problems);
        }

        /** @return the recording as JSON-lines text (DESIGN §6) */
        public String recordingText() {
            return String.join("\n", recording) + "\n";
        }

        /**
         * Checks the run against the scenario.
         *
         * @throws AssertionError naming the first difference, with both sequences
         */
        public void verify() {
            if (!problems.isEmpty()) {
                throw new AssertionError("scenario " + scenario.name() + ": " + String.join("; ", problems)
                        + "\nevents: " + String.join("\n  ", events));
            }
            compare(scenario.name(), scenario.expected(), events);
        }
    }

    private StreamsScenarioRunner() {
    }

    /**
     * Plays a scenario.
     *
     * @param scenario  the scenario
     * @param phones    makes the phone's builder (plugin, executor, clock…); the runner adds the id, the scenario's
     *                  configuration and a listener
     * @param connector connects the simulated page to the phone's bridge
     * @return the run
     */
    public static Run run(StreamsScenario scenario, Supplier<PhoneBuilder> phones, PageConnector connector) {
        RecordingPhoneListener events = new RecordingPhoneListener();
        PhoneBuilder builder = phones.get().id("scenario-" + scenario.name()).listener(events);
        scenario.config().forEach(builder::config);
        SimulatedCcp ccp = SimulatedCcp.builder().timeFormat(scenario.timeFormat()).build();
        List<String> problems = new ArrayList<>();
        List<String> lines;
        try (Phone phone = builder.build(); PageConnection page = connector.connect(phone, ccp::receive)) {
            ccp.connectTo(page::fromPage);
            ccp.pageLoads();
            page.settle();
            for (StreamsScenario.Step step : scenario.steps()) {
                if (step instanceof StreamsScenario.CcpStep c) {
                    c.action().accept(ccp);
                } else if (step instanceof StreamsScenario.AppStep a) {
                    String problem = runApp(phone, a, page);
                    if (problem != null) {
                        problems.add(problem);
                    }
                }
                page.settle();
            }
            // Taken before the page disconnects, which the phone reports too.
            lines = EventNotation.lines(events.events());
        }
        return new Run(scenario, lines, ccp.recording(), problems);
    }

    /**
     * Replays a recording into a fresh phone: every line is delivered as a browser-to-Java message; commands the
     * phone might send go nowhere.
     *
     * @param recording the bridge recording
     * @param phones    makes the phone's builder
     * @param connector connects the replayed page to the phone's bridge
     * @return the events in {@link EventNotation}
     */
    public static List<String> replay(List<String> recording, Supplier<PhoneBuilder> phones,
                                      PageConnector connector) {
        RecordingPhoneListener events = new RecordingPhoneListener();
        try (Phone phone = phones.get().id("replay-" + Integer.toHexString(recording.hashCode())).listener(events)
                .build(); PageConnection page = connector.connect(phone, json -> { })) {
            for (String line : recording) {
                page.fromPage(line);
            }
            page.settle();
            return EventNotation.lines(events.events());
        }
    }

    /**
     * Compares two event sequences line by line.
     *
     * @param what     what is compared, for the message
     * @param expected the expected lines
     * @param actual   the actual lines
     * @throws AssertionError naming the first difference, with both sequences
     */
    public static void compare(String what, List<String> expected, List<String> actual) {
        if (expected.equals(actual)) {
            return;
        }
        int i = 0;
        while (i < expected.size() && i < actual.size() && expected.get(i).equals(actual.get(i))) {
            i++;
        }
        throw new AssertionError(what + ": event " + (i + 1) + " differs\n  expected: "
                + (i < expected.size() ? expected.get(i) : "(no more events)") + "\n  actual:   "
                + (i < actual.size() ? actual.get(i) : "(no more events)") + "\nexpected sequence:\n  "
                + String.join("\n  ", expected) + "\nactual sequence:\n  " + String.join("\n  ", actual));
    }

    private static String runApp(Phone phone, StreamsScenario.AppStep step, PageConnection page) {
        Throwable failure = null;
        try {
            step.command().apply(phone).toCompletableFuture().get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            failure = e.getCause() != null ? e.getCause() : e;
        } catch (TimeoutException e) {
            return "step '" + step.label() + "' did not complete within " + STEP_TIMEOUT.toSeconds() + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted during step '" + step.label() + "'";
        } catch (RuntimeException e) {
            failure = e;
        }
        String expected = step.expectedFail();
        if (expected == null && failure != null) {
            return "step '" + step.label() + "' failed: " + failure;
        }
        if (expected != null && (failure == null || !Objects.equals(expected, failure.getClass().getSimpleName()))) {
            return "step '" + step.label() + "' should fail with " + expected + " but "
                    + (failure == null ? "succeeded" : "failed with " + failure);
        }
        return null;
    }
}
