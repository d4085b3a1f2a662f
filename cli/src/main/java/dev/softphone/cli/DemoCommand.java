package dev.softphone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code demo}: a scripted agent shift through {@code Phone} against the simulated Amazon Connect CCP, in process,
 * with a simulated clock; prints the event timeline and the activity records.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Play one agent shift through Phone against the simulated Amazon Connect CCP.",
                "In process, on a simulated clock: no setup, no network, the same output every time. Prints the "
                        + "event timeline (app = the application's command, softphone = the agent in the vendor's "
                        + "window or the far end), the activity as QueueMetrics queue_log lines and a preview of the "
                        + "GA4 requests.",
                "Exit codes: 0 the shift ran as scripted, 1 a step failed."})
final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("softphone-demo-");
        try {
            new DemoShift(spec.commandLine().getOut(), work).run();
            return SoftphoneCli.OK;
        } catch (DemoShift.DemoFailure e) {
            spec.commandLine().getOut().flush();
            spec.commandLine().getErr().println("demo failed: " + e.getMessage());
            return SoftphoneCli.FAILURE;
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
