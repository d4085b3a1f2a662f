package dev.softphone.cli;

import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEventJson;
import dev.softphone.PhoneListener;
import dev.softphone.amazonconnect.AmazonConnectPlugin;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.testkit.DeterministicScheduler;
import dev.softphone.testkit.MutableClock;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code replay}: reads a bridge recording (JSON lines of browser-to-Java messages, DESIGN §6) into a fresh phone and
 * prints the events it reports as JSON lines (DESIGN §5). Unusable lines are reported on stderr with their number and
 * skipped; the rest is replayed.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a bridge recording and print the phone's events as JSON lines.",
                "The recording has one browser-to-Java message per line (DESIGN §6); the events are printed in their "
                        + "normative JSON form (DESIGN §5).",
                "A line the plugin cannot use is reported on stderr as 'line N: …' and skipped; blank lines are "
                        + "ignored. Event times follow the snapshots' timestamps.",
                "Exit codes: 0 every line was read, 2 some lines were skipped (or a usage error), 1 failure.",
                "Example: replay --plugin amazon-connect shift.jsonl"})
final class ReplayCommand implements Callable<Integer> {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NO_TIME_YET = Instant.parse("2000-01-01T00:00:00Z");

    @Option(names = "--plugin", required = true, paramLabel = "ID",
            description = "the plugin whose recording this is; recordings exist for: amazon-connect")
    String plugin;

    @Parameters(index = "0", paramLabel = "FILE", description = "the recording ('-' for standard input)")
    String file;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!AmazonConnectPlugin.ID.equals(plugin)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "replay reads bridge recordings of the "
                    + AmazonConnectPlugin.ID + " plugin; '" + plugin + "' has no recording format");
        }
        if (!"-".equals(file) && !Files.isRegularFile(Path.of(file))) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + file);
        }
        // The driver logs every unusable message; this command reports them itself, with line numbers.
        System.setProperty("org.slf4j.simpleLogger.log.dev.softphone.amazonconnect", "error");
        try (BufferedReader in = "-".equals(file)
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            Result r = replay(in, spec.commandLine().getOut(), spec.commandLine().getErr());
            spec.commandLine().getErr().println("replayed " + r.lines() + " lines: " + r.events() + " events"
                    + (r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " lines skipped"));
            return r.skipped().isEmpty() ? SoftphoneCli.OK : SoftphoneCli.USAGE;
        }
    }

    /**
     * What a replay did.
     *
     * @param lines   lines read (blank ones included)
     * @param events  events printed
     * @param skipped numbers of the lines skipped
     */
    record Result(int lines, int events, List<Integer> skipped) {
    }

    /**
     * Replays a recording.
     *
     * @param in  the recording
     * @param out where the events go, one JSON object per line
     * @param err where skipped lines are reported
     * @return what happened
     * @throws IOException when the recording cannot be read
     */
    static Result replay(BufferedReader in, PrintWriter out, PrintWriter err) throws IOException {
        MutableClock clock = new MutableClock(NO_TIME_YET);
        DeterministicScheduler scheduler = new DeterministicScheduler(clock);
        StreamsBridgeHub hub = new StreamsBridgeHub();
        List<Integer> skipped = new ArrayList<>();
        int[] lineNo = {0};
        int[] events = {0};
        AmazonConnectPlugin plugin = new AmazonConnectPlugin(hub, (phoneId, problem, message) -> {
            if (skipped.isEmpty() || skipped.get(skipped.size() - 1) != lineNo[0]) {
                skipped.add(lineNo[0]);
                err.println("line " + lineNo[0] + ": skipped: " + problem);
                err.flush();
            }
        });
        Phone phone = Phone.builder().id("replay").plugin(plugin).executor(Runnable::run).scheduler(scheduler)
                .clock(clock).listener(new PhoneListener() {
                    @Override
                    public void onEvent(PhoneEvent event) {
                        events[0]++;
                        out.println(PhoneEventJson.toJson(event));
                    }
                }).build();
        try (phone; InProcessPage page = InProcessPage.attach(hub, phone, command -> { })) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo[0]++;
                if (line.isBlank()) {
                    continue;
                }
                Instant at = snapshotTime(line);
                if (at != null && at.isAfter(clock.instant())) {
                    clock.set(at);
                }
                page.fromPage(line);
            }
            phone.close(); // before the page goes, so the replay does not end with an unavailable event
        }
        out.flush();
        return new Result(lineNo[0], events[0], List.copyOf(skipped));
    }

    /** The snapshot's own timestamp of an {@code agent.update} (ISO string or epoch seconds), or null. */
    private static Instant snapshotTime(String line) {
        try {
            JsonNode ts = JSON.readTree(line).path("data").path("snapshot").path("snapshotTimestamp");
            if (ts.isNumber()) {
                double seconds = ts.asDouble();
                return Instant.ofEpochMilli(Math.round(seconds * 1000));
            }
            if (ts.isString()) {
                return Instant.parse(ts.asString());
            }
        } catch (JacksonException | DateTimeException e) {
            // the driver reports what is wrong with the line
        }
        return null;
    }
}
