package dev.softphone.amazonconnect;

import dev.softphone.AgentState;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.testkit.BridgePageClient;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.amazon.SimulatedCcp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile Streams snapshots from the hand-made corpus in {@code src/test/resources/hostile/streams}: missing required
 * fields, unknown enum values, contacts without connections, duplicate ids, timestamps in every form, wrong JSON types,
 * huge strings, deep nesting, control characters, broken JSON. {@code expected.properties} says what each file must
 * give: {@code rejected:word|word} (one report to the {@link BadMessageListener} naming the problem, and the phone's
 * picture unchanged) or {@code mapped:N} (no report, N calls shown). Either way nothing escapes to the application and
 * the phone keeps working. Random mutations are in {@link HostileSnapshotProperties}.
 */
@DisplayName("R5: hostile Streams snapshots yield a clear error or a safe mapping, and the phone keeps working")
class HostileSnapshotCorpusTest {
    /** Cut the realistic snapshot every this many characters; {@code -Dreliability.truncateStep=1} tries every one. */
    private static final int TRUNCATE_STEP = Integer.getInteger("reliability.truncateStep", 5);
    private static final Duration SOCKET_WAIT = Duration.ofSeconds(10);
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final AtomicLong REJECTED = new AtomicLong();
    private static final AtomicLong MAPPED = new AtomicLong();

    private static Properties expected() {
        Properties p = new Properties();
        try (InputStream in = HostileSnapshotCorpusTest.class.getResourceAsStream("/hostile/streams/expected.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @TestFactory
    @DisplayName("R5: each corpus file is rejected naming the problem, or mapped safely; the phone still works after it")
    Stream<DynamicTest> corpus() {
        Properties expected = expected();
        return new TreeSet<>(expected.stringPropertyNames()).stream().map(name -> DynamicTest.dynamicTest(
                name + " → " + expected.getProperty(name), () -> check(name, expected.getProperty(name).trim())));
    }

    private static void check(String name, String outcome) throws Exception {
        String message = HostileStreamsHarness.corpus(name);
        try (HostileStreamsHarness h = new HostileStreamsHarness()) {
            HostileStreamsHarness.Picture before = h.picture();
            int reports = h.problems().size();
            h.sendHostile(message);
            INPUTS.incrementAndGet();
            if (outcome.startsWith("rejected:")) {
                REJECTED.incrementAndGet();
                List<String> words = Arrays.asList(outcome.substring("rejected:".length()).split("\\|"));
                assertThat(h.problems()).as("%s: reports", name).hasSize(reports + 1);
                String problem = h.problems().get(reports);
                assertThat(words).as("the report '%s' names one of %s", problem, words)
                        .anyMatch(w -> problem.toLowerCase(Locale.ROOT).contains(w.toLowerCase(Locale.ROOT)));
                assertThat(h.picture()).as("a rejected snapshot changes nothing").isEqualTo(before);
            } else if (outcome.startsWith("mapped:")) {
                MAPPED.incrementAndGet();
                assertThat(h.problems()).as("%s: a mapped snapshot is not reported", name).hasSize(reports);
                assertThat(h.phone.calls()).as("calls shown").hasSize(Integer.parseInt(outcome.substring(7)));
            } else {
                throw new AssertionError("expected.properties: unknown outcome '" + outcome + "' for " + name);
            }
            h.assertStillWorks();
        }
    }

    @TestFactory
    @DisplayName("R5: every file of the corpus has an expected outcome")
    Stream<DynamicTest> corpusIsCovered() throws IOException, URISyntaxException {
        Path dir = Path.of(HostileSnapshotCorpusTest.class.getResource("/hostile/streams").toURI());
        Properties expected = expected();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream().map(n -> DynamicTest.dynamicTest(n, () -> assertThat(expected).containsKey(n)));
        }
    }

    @Test
    @DisplayName("R5: the whole corpus over the real bridge socket: one report per rejected file, none for the others, "
            + "and the phone works after it")
    void corpusOverTheRealSocket() throws Exception {
        StreamsBridgeHub hub = new StreamsBridgeHub();
        ScenarioHarness.RecordingBadMessages bad = new ScenarioHarness.RecordingBadMessages();
        RecordingPhoneListener events = new RecordingPhoneListener();
        SimulatedCcp ccp = SimulatedCcp.create();
        AtomicLong seq = new AtomicLong();
        Properties expected = expected();
        try (StreamsBridgeServer server = StreamsBridgeServer.builder().hub(hub).build().start();
             Phone phone = Phone.builder().id("hostile-socket").plugin(new AmazonConnectPlugin(hub, bad))
                     .listener(events).build()) {
            BridgePageClient page = BridgePageClient.builder(server.bridgeUri())
                    .token(hub.issuePairingToken(phone.id()).value())
                    .commandHandler((command, p) -> ccp.receive(command.raw())).timeout(SOCKET_WAIT).build();
            ccp.connectTo(m -> page.send(HostileStreamsHarness.renumbered(m, seq)));
            page.connect();
            ccp.agentLogsIn("Available");
            events.await(PhoneEvent.AgentLoggedIn.class, SOCKET_WAIT);
            long rejected = 0;
            for (String name : new TreeSet<>(expected.stringPropertyNames())) {
                page.send(HostileStreamsHarness.numbered(HostileStreamsHarness.corpus(name), seq));
                rejected += expected.getProperty(name).trim().startsWith("rejected:") ? 1 : 0;
            }
            long last = events.events().get(events.events().size() - 1).seq();
            // Messages are handled in order: once this snapshot shows, every corpus file before it was handled.
            ccp.agentSelectsState("Break");
            events.await(e -> e.seq() > last && e instanceof PhoneEvent.AgentStateChanged c
                    && !c.to().isRoutable() && c.to().toString().toLowerCase(Locale.ROOT).contains("break"),
                    SOCKET_WAIT);
            assertThat(bad.problems).as("one report per rejected file").hasSize((int) rejected);
            HostileStreamsHarness.done(phone.ready());
            assertThat(phone.agentState()).isEqualTo(AgentState.READY);
            assertThat(phone.calls()).isEmpty();
            assertThat(page.isOpen()).as("the page was not thrown off").isTrue();
            INPUTS.addAndGet(expected.size());
            REJECTED.addAndGet(rejected);
            MAPPED.addAndGet(expected.size() - rejected);
            page.close();
        }
    }

    @Test
    @DisplayName("R5: the realistic 8 KB snapshot cut every few bytes is rejected each time, and the next good "
            + "snapshot is used each time")
    void truncatedEveryFewBytes() throws Exception {
        String full = HostileStreamsHarness.corpus("realistic-consult.json").strip();
        try (HostileStreamsHarness h = new HostileStreamsHarness()) {
            int reports = h.problems().size();
            int cuts = 0;
            boolean onBreak = false;
            for (int cut = 1; cut < full.length(); cut += TRUNCATE_STEP) {
                HostileStreamsHarness.Picture before = h.picture();
                h.sendHostile(full.substring(0, cut));
                assertThat(h.picture()).as("cut at %d", cut).isEqualTo(before);
                assertThat(h.problems()).as("cut at %d is reported", cut).hasSize(reports + ++cuts);
                // A good snapshot right after: the agent switches between Available and Break in the CCP.
                onBreak = !onBreak;
                h.ccp.agentSelectsState(onBreak ? "Break" : "Available");
                assertThat(h.phone.agentState().isRoutable()).as("after cut %d", cut).isEqualTo(!onBreak);
            }
            INPUTS.addAndGet(cuts);
            REJECTED.addAndGet(cuts);
            h.assertStillWorks();
        }
    }

    @Test
    @DisplayName("R5: memory stays bounded: 600 snapshots with two new 30 KB unknown values each and "
            + "contact ids leave no more behind than a handful of them")
    void memoryBounded() throws Exception {
        String base = HostileStreamsHarness.corpus("valid-call.json");
        try (HostileStreamsHarness h = new HostileStreamsHarness()) {
            long start = usedHeapAfterGc();
            String pad = "x".repeat(30_000);
            for (int i = 0; i < 600; i++) {
                // Not a call (an unknown contact type) and an unknown agent state type: mapped, no events.
                String tag = i + "-" + pad;
                h.sendHostile(base.replace("11111111-aaaa-4bbb-8ccc-000000000001", "contact-" + tag)
                        .replace("\"type\":\"voice\"", "\"type\":\"hologram-" + tag + "\"")
                        .replace("\"type\":\"system\"", "\"type\":\"sys-" + tag + "\""));
            }
            INPUTS.addAndGet(600);
            MAPPED.addAndGet(600);
            assertThat(h.problems()).isEmpty();
            long grown = usedHeapAfterGc() - start;
            // 1,200 values of 30 KB are 36 MB if kept; a bounded plugin keeps a few.
            assertThat(grown).as("heap growth in bytes").isLessThan(16L * 1024 * 1024);
            h.assertStillWorks();
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(20); // lets the collector finish; a measurement, not a synchronizer
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    @AfterAll
    static void report() {
        System.out.printf("hostile Streams snapshots: %d inputs, %d rejected with a report, %d mapped, 0 escaped%n",
                INPUTS.get(), REJECTED.get(), MAPPED.get());
    }
}
