package dev.softphone.testkit.amazon;

import dev.softphone.Phone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A named Amazon Connect scenario: steps played against a {@link SimulatedCcp} (the far end and the agent clicking in
 * the CCP window) and against the {@link Phone} (the application's commands), with the exact event sequence the
 * phone must report, in {@link dev.softphone.testkit.EventNotation}. {@link StreamsScenarioRunner} plays it;
 * the CCP's output of a run is the scenario's bridge recording.
 *
 * <pre>{@code
 * StreamsScenario.named("hold-resume", "the application holds and resumes the customer")
 *         .ccp("agent logs in", ccp -> ccp.agentLogsIn("Available"))
 *         .ccp("customer calls", ccp -> ccp.customerCalls("+447700900123", "Support"))
 *         .app("answer", Phone::answer)
 *         .app("hold", Phone::hold)
 *         .expect("AgentLoggedIn state=READY",
 *                 "CallOffered callId=contact-1 direction=INBOUND remote=+447700900123 queue=Support",
 *                 "CallConnected callId=contact-1 @app",
 *                 "CallHeld callId=contact-1 party=CUSTOMER @app")
 *         .build();
 * }</pre>
 */
public final class StreamsScenario {

    /** One step of a scenario. */
    public sealed interface Step {
        /** @return what the step does, in words */
        String label();
    }

    /**
     * The contact center or the agent in the CCP window does something.
     *
     * @param label  what, in words
     * @param action the action on the simulated CCP
     */
    public record CcpStep(String label, Consumer<SimulatedCcp> action) implements Step {
        /** Validates the components. */
        public CcpStep {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * The application calls the phone.
     *
     * @param label        what, in words
     * @param command      the call on the phone
     * @param expectedFail the simple class name of the exception the command must fail with (for example
     *                     {@code VendorException}), or null when it must succeed
     */
    public record AppStep(String label, Function<Phone, CompletionStage<?>> command, String expectedFail)
            implements Step {
        /** Validates the components. */
        public AppStep {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(command, "command");
        }
    }

    private final String name;
    private final String description;
    private final SimulatedCcp.TimeFormat timeFormat;
    private final Map<String, String> config;
    private final List<Step> steps;
    private final List<String> expected;
    private final List<String> replayExpected;

    private StreamsScenario(Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.timeFormat = b.timeFormat;
        this.config = Map.copyOf(b.config);
        this.steps = List.copyOf(b.steps);
        this.expected = List.copyOf(b.expected);
        this.replayExpected = b.replayExpected == null
                ? expected.stream().map(dev.softphone.testkit.EventNotation::withoutOrigin).toList()
                : List.copyOf(b.replayExpected);
    }

    /**
     * @param name        a stable name, lower-case with dashes
     * @param description one sentence
     * @return a builder
     */
    public static Builder named(String name, String description) {
        return new Builder(name, description);
    }

    /** @return the stable name */
    public String name() {
        return name;
    }

    /** @return one sentence on what happens */
    public String description() {
        return description;
    }

    /** @return how the simulated page writes timestamps */
    public SimulatedCcp.TimeFormat timeFormat() {
        return timeFormat;
    }

    /** @return phone configuration for the run (full keys, {@code amazon-connect.…}) */
    public Map<String, String> config() {
        return config;
    }

    /** @return the steps, in order */
    public List<Step> steps() {
        return steps;
    }

    /** @return the exact expected events, in {@link dev.softphone.testkit.EventNotation} */
    public List<String> expected() {
        return expected;
    }

    /**
     * @return the exact events a replay of the recording must produce: without the application's commands every
     *         event comes from the softphone, and what only the commands proved (a blind transfer's mode) is gone
     */
    public List<String> replayExpected() {
        return replayExpected;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Builds a {@link StreamsScenario}. */
    public static final class Builder {
        private final String name;
        private final String description;
        private SimulatedCcp.TimeFormat timeFormat = SimulatedCcp.TimeFormat.ISO;
        private final Map<String, String> config = new LinkedHashMap<>();
        private final List<Step> steps = new ArrayList<>();
        private final List<String> expected = new ArrayList<>();
        private List<String> replayExpected;

        private Builder(String name, String description) {
            this.name = Objects.requireNonNull(name, "name");
            this.description = Objects.requireNonNull(description, "description");
        }

        /**
         * @param format how the simulated page writes timestamps
         * @return this builder
         */
        public Builder timeFormat(SimulatedCcp.TimeFormat format) {
            this.timeFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /**
         * @param key   a full configuration key ({@code amazon-connect.reason.Lunch})
         * @param value its value
         * @return this builder
         */
        public Builder config(String key, String value) {
            config.put(key, value);
            return this;
        }

        /**
         * @param label  what happens, in words
         * @param action the far end's or the agent's action on the CCP
         * @return this builder
         */
        public Builder ccp(String label, Consumer<SimulatedCcp> action) {
            steps.add(new CcpStep(label, action));
            return this;
        }

        /**
         * @param label   what the application does, in words
         * @param command the call on the phone; it must succeed
         * @return this builder
         */
        public Builder app(String label, Function<Phone, CompletionStage<?>> command) {
            steps.add(new AppStep(label, command, null));
            return this;
        }

        /**
         * @param label     what the application does, in words
         * @param command   the call on the phone
         * @param exception the simple class name of the exception it must fail with
         * @return this builder
         */
        public Builder appFails(String label, Function<Phone, CompletionStage<?>> command, String exception) {
            steps.add(new AppStep(label, command, Objects.requireNonNull(exception, "exception")));
            return this;
        }

        /**
         * @param lines the expected events, appended in order
         * @return this builder
         */
        public Builder expect(String... lines) {
            expected.addAll(List.of(lines));
            return this;
        }

        /**
         * Sets the events a replay must produce when they differ from {@link #expect} without origins.
         *
         * @param lines the whole expected replay sequence
         * @return this builder
         */
        public Builder expectInReplay(String... lines) {
            replayExpected = List.of(lines);
            return this;
        }

        /** @return the scenario */
        public StreamsScenario build() {
            if (steps.isEmpty()) {
                throw new IllegalStateException("scenario " + name + " has no steps");
            }
            return new StreamsScenario(this);
        }
    }
}
