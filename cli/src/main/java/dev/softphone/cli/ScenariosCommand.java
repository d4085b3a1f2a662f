package dev.softphone.cli;

import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.amazonconnect.AmazonConnectPlugin;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.testkit.DeterministicScheduler;
import dev.softphone.testkit.amazon.StreamsScenario;
import dev.softphone.testkit.amazon.StreamsScenarioCatalog;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** {@code scenarios}: the testkit's catalog of Amazon Connect scenarios, listed or exported as bridge recordings. */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = "The testkit's catalog of Amazon Connect scenarios (StreamsScenarioCatalog).",
        subcommands = {ScenariosCommand.ListScenarios.class, ScenariosCommand.Export.class})
final class ScenariosCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list or export");
    }

    /** {@code scenarios list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the scenarios: name and what happens.", "Exit code: 0."})
    static final class ListScenarios implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            int width = StreamsScenarioCatalog.names().stream().mapToInt(String::length).max().orElse(0);
            for (StreamsScenario s : StreamsScenarioCatalog.all()) {
                out.printf("%-" + width + "s  %s%n", s.name(), s.description());
            }
            out.flush();
            return SoftphoneCli.OK;
        }
    }

    /** {@code scenarios export NAME [FILE]}. */
    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Play a scenario against the simulated CCP, check that the phone reported exactly the "
                    + "scenario's events, and write the bridge recording (JSON lines) to FILE or standard output.",
                    "Exit codes: 0 written, 1 the run did not match the scenario (nothing written), 2 unknown name.",
                    "Example: scenarios export consult-quick-connect-complete consult.jsonl"})
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "a scenario name (see scenarios list)")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "FILE", description = "where to write the recording "
                + "(default: standard output)")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            StreamsScenario scenario;
            try {
                scenario = StreamsScenarioCatalog.named(name);
            } catch (NoSuchElementException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            StreamsScenarioRunner.Run run = play(scenario);
            try {
                run.verify();
            } catch (AssertionError e) {
                spec.commandLine().getErr().println("error: the scenario did not run as specified, nothing "
                        + "written: " + e.getMessage());
                return SoftphoneCli.FAILURE;
            }
            if (file == null) {
                spec.commandLine().getOut().print(run.recordingText());
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(file, run.recordingText(), StandardCharsets.UTF_8);
                spec.commandLine().getErr().println("wrote " + run.recording().size() + " messages of scenario "
                        + scenario.name() + " to " + file);
            }
            return SoftphoneCli.OK;
        }

        /**
         * Plays a scenario in process, on a simulated clock.
         *
         * @param scenario the scenario
         * @return the run
         */
        static StreamsScenarioRunner.Run play(StreamsScenario scenario) {
            StreamsBridgeHub hub = new StreamsBridgeHub();
            DeterministicScheduler scheduler = DeterministicScheduler.create();
            Supplier<PhoneBuilder> phones = () -> Phone.builder().plugin(new AmazonConnectPlugin(hub))
                    .executor(Runnable::run).scheduler(scheduler).clock(scheduler.clock());
            return StreamsScenarioRunner.run(scenario, phones, InProcessPage.connector(hub));
        }
    }
}
