package dev.softphone.benchmarks;

import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.amazonconnect.AmazonConnectPlugin;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.amazonconnect.StreamsBridgeServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Benchmark 3: the Amazon Connect bridge over a loopback WebSocket, with its two baselines, in one process.
 *
 * <ol>
 *   <li><b>In-process throughput</b> (baseline 1): {@code --pages} phones with the Amazon Connect plugin, each with a
 *       page attached in process ({@link PhoneOnBridge}: the driver's {@code PageSink}, no socket), fed changed
 *       snapshots by as many feeding threads as the machine has cores.</li>
 *   <li><b>Throughput through the socket</b>: the same number of phones on a real {@link StreamsBridgeServer}
 *       (Jetty 12, loopback), each paired with its own simulated page ({@link LoadPage}: a minimal RFC 6455 client
 *       on a blocking socket, with a real pairing token) that sends the same changed snapshots' bytes.</li>
 *   <li><b>Command round trip</b>: {@code --commands-per-second} {@code Phone.sendDigits} calls spread round-robin
 *       over the socket phones, open loop ({@link OpenLoop}); the page answers each command with a {@code result}
 *       and the latency ends when the command's stage completes.</li>
 *   <li><b>Bare echo</b> (baseline 2): the same rate of the same command text over the same number of sockets to a
 *       plain endpoint on an identically configured Jetty ({@link EchoServer}); the page answers with the same
 *       {@code result} text, and the latency ends when the server's endpoint received it.</li>
 * </ol>
 *
 * Both throughput runs send each page's changed snapshots ({@link AgentUpdates#changed()}, alternating hold and
 * resume, each with the page's next {@code seq}) with at most {@code --window} unprocessed per page, and count a
 * snapshot when the phone has delivered all its events to the listener ({@link SnapshotStream}). Each side of a
 * comparison (1 and 2, 3 and 4) warms up for a third of {@code --seconds}, at least {@value #MIN_WARMUP_SECONDS} s (all
 * of {@code --seconds} when that is shorter); then the two take turns until each was
 * measured for {@code --seconds}, so a machine load that changes during the run falls on both: throughput in at
 * least 4 slices (about 2.5 s each in long runs), latency in slices of {@value #LATENCY_SLICE_SECONDS} s. The
 * latency warm-up takes the same turns, and goes on past its minimum until the JIT is done ({@link JitActivity}, at
 * most {@code --max-warmup-seconds}, 60 by default): a p99 of a few hundred microseconds is otherwise set by the
 * compiler threads finishing the command path inside the measured turns. Each side's CPU time per request by thread
 * group ({@link ThreadCpu}) and the split of its round trips into legs ({@link RoundTripLegs}) show where a difference
 * between commands and echoes lies.
 * The simulated pages run in this process too, on the same cores as the server, so they must cost what a socket
 * write costs: each snapshot's UTF-8 bytes go out as one masked frame (a complete message, as a browser sends it)
 * written by the sending thread, with no {@code String} and no client library in between; their CPU (senders and
 * reader threads) is reported apart as {@code bridge.pagesCpuMicrosPerSnapshot}.
 *
 * <p>Usage: {@code java -Xmx2g -cp benchmarks.jar dev.softphone.benchmarks.BridgeMain [--seconds 20] [--pages 200]
 * [--commands-per-second 1000] [--window 4] [--phases throughput,latency] [--max-warmup-seconds 60]
 * [--out file.metrics.json]};
 * {@code --phases} runs only the throughput or only the latency part (for profiling one of them);
 * {@code --available} exits at once (the run script's check that the jar has this benchmark).
 */
public final class BridgeMain {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Names the socket side's load (and its feeding threads, the pages' senders). */
    private static final String PAGES = "pages";
    private static final String ECHO_ID = "echo-";

    private final Set<String> phases;
    private final int pages;
    private final int window;
    private final int commandRate;
    private final double seconds;
    /** The shortest warm-up slice per side, in seconds. */
    static final double MIN_WARMUP_SECONDS = 5;
    private final double warmup;
    private final Duration maxLatencyWarmup;
    private final String hello;
    private final AgentUpdates.Template[] changed;
    private final AgentUpdates.Template picture;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private Calibration calibration;

    BridgeMain(int pages, int window, int commandRate, double seconds, Set<String> phases) {
        this(pages, window, commandRate, seconds, phases, MAX_LATENCY_WARMUP);
    }

    /**
     * @param pages            phones, each with its own page (and as many echo pages)
     * @param window           unprocessed snapshots per page at most
     * @param commandRate      commands (and echoes) per second
     * @param seconds          how long each side is measured
     * @param phases           {@code throughput}, {@code latency} or both
     * @param maxLatencyWarmup the longest the command-latency warm-up turns may last in all, the minimum warm-up
     *                         included (a turn that started before it ran out ends first); past it the measurement
     *                         starts even if the JIT is still busy ({@link JitActivity})
     */
    BridgeMain(int pages, int window, int commandRate, double seconds, Set<String> phases,
               Duration maxLatencyWarmup) {
        if (!Set.of("throughput", "latency").containsAll(phases)) {
            throw new IllegalArgumentException("--phases takes throughput, latency or both (comma-separated), got "
                    + phases);
        }
        this.phases = phases;
        this.maxLatencyWarmup = maxLatencyWarmup;
        this.pages = pages;
        this.window = window;
        this.commandRate = commandRate;
        this.seconds = seconds;
        // the command path needs a few seconds of traffic before the JIT is done with it: a quick run's third of 5 s
        // measured the commands' compilation in their p99 (about 2-3x the echo's, against 1.2x in 15 s runs)
        this.warmup = Math.max(seconds / 3, Math.min(seconds, MIN_WARMUP_SECONDS));
        AgentUpdates updates = AgentUpdates.create();
        this.hello = updates.setup().get(0);
        List<String> c = updates.changed();
        // An even number of alternating pictures, so the cycle's last and first differ too.
        this.changed = c.subList(0, c.size() - c.size() % 2).stream().map(AgentUpdates.Template::new)
                .toArray(AgentUpdates.Template[]::new);
        // Every agent.update is a full picture: a phone joins the three-party call with the cycle's last one.
        this.picture = changed[changed.length - 1];
    }

    /**
     * @param args {@code --seconds N --pages N --commands-per-second N --window N --phases list
     *             --max-warmup-seconds N --out file}, or {@code --available}
     * @throws Exception when the measurement fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "--available".equals(args[0])) {
            return;
        }
        Map<String, String> opts = Args.parse(args, "--seconds", "20", "--pages", "200", "--commands-per-second",
                "1000", "--window", "4", "--phases", "throughput,latency", "--max-warmup-seconds",
                String.valueOf(MAX_LATENCY_WARMUP.toSeconds()), "--out", "");
        BridgeMain main = new BridgeMain(Integer.parseInt(opts.get("--pages")), Integer.parseInt(opts.get("--window")),
                Integer.parseInt(opts.get("--commands-per-second")), Double.parseDouble(opts.get("--seconds")),
                Set.of(opts.get("--phases").split(",")),
                Duration.ofMillis(Math.round(Double.parseDouble(opts.get("--max-warmup-seconds")) * 1000)));
        Map<String, Double> metrics = main.run();
        if (!opts.get("--out").isEmpty()) {
            Args.writeMetrics(Path.of(opts.get("--out")), metrics);
        }
        // Jetty's and the pages' threads are gone, but the phones' shared scheduler is not a daemon.
        System.exit(0);
    }

    /**
     * Runs every phase.
     *
     * @return the metrics
     * @throws Exception when a phase cannot run at all
     */
    Map<String, Double> run() throws Exception {
        calibration = Calibration.of(hello, picture, changed);
        metrics.put("bridge.pages", (double) pages);
        metrics.put("bridge.window", (double) window);
        metrics.put("bridge.snapshotBytes", (double) picture.bytes(1).length);
        metrics.put("bridge.rounds", (double) rounds());
        try (StreamsBridgeServer server = StreamsBridgeServer.builder().hub(new StreamsBridgeHub()).build().start()) {
            SocketPhones phones = new SocketPhones(server);
            try {
                if (phases.contains("throughput")) {
                    throughput(phones);
                }
                if (phases.contains("latency")) {
                    latency(phones, server.hub());
                }
            } finally {
                phones.close();
            }
        }
        metrics.put("bridge.errors", (double) errors.get());
        return metrics;
    }

    /** By default, the longest the command-latency warm-up goes on waiting for the JIT to finish the two paths. */
    static final Duration MAX_LATENCY_WARMUP = Duration.ofSeconds(60);

    /** How long one turn of the command-latency comparison lasts. */
    static final double LATENCY_SLICE_SECONDS = 0.25;

    /** @return how many turns each side of a throughput comparison takes: slices of about 2.5 s, at least 4 */
    private int rounds() {
        return Math.max(4, (int) Math.round(seconds / 2.5));
    }

    // ----- throughput -----

    /**
     * The in-process pipeline and the socket take turns: a warm-up slice each, then {@link #rounds()} measured slices
     * each, alternating, so both see the same machine load. Both sides have as many feeding threads as there are
     * cores: the in-process ones run the driver, the socket side's are the pages' senders (Jetty's threads run the
     * driver there).
     */
    private void throughput(SocketPhones socketPhones) throws Exception {
        StreamsBridgeHub hub = new StreamsBridgeHub();
        List<Counting> localListeners = new ArrayList<>();
        List<PhoneOnBridge> local = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            Counting listener = new Counting(i);
            PhoneOnBridge phone = new PhoneOnBridge(hub, "local-" + i, null, listener);
            phone.play(List.of(hello));
            phone.deliver(picture.bytes(1));
            localListeners.add(listener);
            local.add(phone);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        try (SnapshotLoad inProcess = load("in-process", localListeners, cores,
                (p, bytes) -> local.get(p).deliver(bytes), name -> false);
             SnapshotLoad socket = load(PAGES, socketPhones.listeners, cores,
                     (p, bytes) -> socketPhones.pages.get(p).send(bytes),
                     name -> name.startsWith(PAGES + "-") || name.startsWith(LoadPage.THREADS))) {
            settleHeap();
            inProcess.slice(warmup);
            socket.slice(warmup);
            inProcess.reset();
            socket.reset();
            for (int r = 0; r < rounds(); r++) {
                inProcess.slice(seconds / rounds());
                socket.slice(seconds / rounds());
            }
            long unexpected = inProcess.unexpectedEvents() + socket.unexpectedEvents();
            if (unexpected > 0) {
                errors.addAndGet(unexpected);
                System.err.println(unexpected + " events more than the snapshots explain");
            }
            metrics.put("bridge.inProcessSnapshotsPerSecond", inProcess.perSecond());
            metrics.put("bridge.inProcessCpuMicrosPerSnapshot", inProcess.cpuMicrosPerSnapshot());
            metrics.put("bridge.inProcessFeedingThreads", (double) cores);
            metrics.put("bridge.snapshotsPerSecond", socket.perSecond());
            metrics.put("bridge.cpuMicrosPerSnapshot", socket.cpuMicrosPerSnapshot());
            metrics.put("bridge.pagesCpuMicrosPerSnapshot", socket.ownThreadsCpuMicrosPerSnapshot());
            System.out.printf("in process: %.0f snapshots/s, %.0f us CPU each (%d phones, %d feeding threads)%n",
                    inProcess.perSecond(), inProcess.cpuMicrosPerSnapshot(), pages, cores);
            System.out.printf("over the socket: %.0f snapshots/s, %.0f us CPU each, of which the pages at least %.0f us "
                    + "(%d pages)%n", socket.perSecond(), socket.cpuMicrosPerSnapshot(),
                    socket.ownThreadsCpuMicrosPerSnapshot(), pages);
        } finally {
            local.forEach(PhoneOnBridge::close);
        }
    }

    /** Waits until every phone delivered the events of its setup, then gives each a snapshot stream and the load. */
    private SnapshotLoad load(String name, List<Counting> listeners, int feeders, BiConsumer<Integer, byte[]> send,
                              Predicate<String> ownThreads) {
        await("the phones to take their first snapshot", () -> listeners.stream()
                .allMatch(l -> l.setupEvents.get() >= calibration.setupEvents));
        List<SnapshotStream> streams = new ArrayList<>();
        for (Counting l : listeners) {
            if (l.setupEvents.get() != calibration.setupEvents) {
                throw new IllegalStateException("phone " + l.page + " delivered " + l.setupEvents.get()
                        + " events for its setup, the calibration " + calibration.setupEvents);
            }
            streams.add(new SnapshotStream(changed, calibration.eventsPerSnapshot, window, 1));
        }
        SnapshotLoad load = new SnapshotLoad(name, streams, feeders, send, ownThreads, errors);
        for (int p = 0; p < listeners.size(); p++) {
            listeners.get(p).attach(streams.get(p), load);
        }
        return load;
    }

    // ----- latency -----

    /**
     * Commands and the bare echo take turns of {@value #LATENCY_SLICE_SECONDS} s each at {@code --commands-per-second}
     * throughout: warm-up turns until each side had its warm-up and the JIT is done ({@link JitActivity}), then
     * measured turns. The slices are
     * short because a p99 is set by rare stalls (a GC pause, a vCPU not scheduled for a millisecond): with long
     * slices a few stalls land on one side by chance and the ratio of the two p99s swings between runs (1.1× to 3.4×
     * with 2.5 s slices on the 2-core VM); with dozens of short turns both sides meet the same stalls.
     */
    private void latency(SocketPhones phones, StreamsBridgeHub hub) throws Exception {
        int warmupCount = (int) Math.round(commandRate * warmup);
        int measuredCount = (int) Math.round(commandRate * seconds);
        // room for the longest warm-up that waits for the JIT, each side sending for at most half of it
        int spare = (int) Math.ceil(commandRate * maxLatencyWarmup.toMillis() / 1e3) + commandRate;
        OpenLoop commands = new OpenLoop(commandRate, warmupCount, measuredCount, spare);
        OpenLoop echoes = new OpenLoop(commandRate, warmupCount, measuredCount, spare);
        OpenLoop.Request command = k -> phones.phones.get(k % pages).sendDigits("5").whenComplete((r, e) -> {
            if (e == null) {
                commands.answered(k);
            } else {
                commands.failed(k, e);
            }
        });
        int slice = Math.max(1, (int) Math.round(commandRate * LATENCY_SLICE_SECONDS));
        commands.runSlice(command, Math.min(slice, warmupCount), TIMEOUT.toMillis());
        String text = phones.pages.get(0).firstCommand();
        if (text == null) {
            throw new IllegalStateException("the first page never received a command");
        }
        // The echo sends the command's own text with another id; the page answers it with the same result text.
        String id = LoadPage.idOf(text);
        String head = text.substring(0, text.indexOf(id));
        String tail = text.substring(text.indexOf(id) + id.length());
        AtomicLong foreign = new AtomicLong();
        List<LoadPage> echoPages = new ArrayList<>();
        try (EchoServer echo = new EchoServer(hub.policy(), answer -> {
            String k = LoadPage.idOf(answer);
            if (k.startsWith(ECHO_ID)) {
                echoes.answered(Integer.parseInt(k.substring(ECHO_ID.length())));
            } else {
                foreign.incrementAndGet();
            }
        })) {
            for (int i = 0; i < pages; i++) {
                echoPages.add(new LoadPage("echo-page-" + i, errors).connect(echo.uri(), null, TIMEOUT));
                // one at a time, so the server's link i is page i (echo request k goes to link k % pages, and the
                // legs read page k % pages's log)
                int opened = i + 1;
                await("echo socket " + i + " to open", () -> echo.pages() == opened);
            }
            OpenLoop.Request bare = k -> echo.send(k % pages, head + ECHO_ID + k + tail);
            // The warm-up takes turns too: code both sides run (Jetty's WebSocket core, the transport) is compiled
            // for the mix it is measured with, not recompiled in the first measured turns.
            CpuTurns cpu = new CpuTurns();
            long warmupStart = System.nanoTime();
            JitActivity jit = new JitActivity();
            while (commands.remainingWarmup() > 0 || echoes.remainingWarmup() > 0 || !jit.quiet()) {
                if (commands.remainingWarmup() == 0 && echoes.remainingWarmup() == 0) {
                    if (System.nanoTime() - warmupStart > maxLatencyWarmup.toNanos()) {
                        System.err.printf("the JIT still compiled %.0f ms per second after %.1f s of warm-up; "
                                + "measuring anyway%n", jit.lastMillisPerSecond(),
                                (System.nanoTime() - warmupStart) / 1e9);
                        break;
                    }
                    commands.extendWarmup(slice);
                    echoes.extendWarmup(slice);
                }
                cpu.turn(() -> commands.runSlice(command, Math.min(slice, commands.remainingWarmup()),
                        TIMEOUT.toMillis()),
                        () -> echoes.runSlice(bare, Math.min(slice, echoes.remainingWarmup()), TIMEOUT.toMillis()));
                jit.turnEnded();
            }
            metrics.put("bridge.latencyWarmupSeconds", (System.nanoTime() - warmupStart) / 1e9);
            metrics.put("bridge.latencyWarmupJitMillisPerSecond", jit.lastMillisPerSecond());
            cpu.reset();
            settleHeap();
            while (commands.remaining() > 0 || echoes.remaining() > 0) {
                cpu.turn(() -> commands.runSlice(command, slice, TIMEOUT.toMillis()),
                        () -> echoes.runSlice(bare, slice, TIMEOUT.toMillis()));
            }
            recordCpu("command", cpu.first, commands.measured());
            recordCpu("echo", cpu.second, echoes.measured());
            echoPages.forEach(LoadPage::close);
        }
        errors.addAndGet(foreign.get());
        metrics.put("bridge.commandBytes", (double) text.getBytes(StandardCharsets.UTF_8).length);
        record("command", "commands", commands);
        record("echo", "echoes", echoes);
        RoundTripLegs.record("command", commands, phones.pages.stream().map(LoadPage::turns).toList(), metrics);
        RoundTripLegs.record("echo", echoes, echoPages.stream().map(LoadPage::turns).toList(), metrics);
    }

    /**
     * One turn of each side of a comparison, each side's CPU time per thread group ({@link ThreadCpu}) added to its
     * total. The warm-up's turns read the CPU too, so the reading's own code is compiled before the measurement.
     */
    private static final class CpuTurns {
        final Map<String, Long> first = new TreeMap<>();
        final Map<String, Long> second = new TreeMap<>();

        void turn(Runnable firstSide, Runnable secondSide) {
            ThreadCpu.Reading before = ThreadCpu.read();
            firstSide.run();
            ThreadCpu.Reading between = ThreadCpu.read();
            secondSide.run();
            ThreadCpu.accumulate(first, before, between);
            ThreadCpu.accumulate(second, between, ThreadCpu.read());
        }

        void reset() {
            first.clear();
            second.clear();
        }
    }

    /** Records the CPU time per request of one side's measured slices, per thread group and in all. */
    private void recordCpu(String name, Map<String, Long> nanosByGroup, int requests) {
        StringBuilder line = new StringBuilder(name).append(" CPU per request (us):");
        long all = 0;
        for (Map.Entry<String, Long> e : nanosByGroup.entrySet()) {
            if (e.getValue() > 0) {
                double micros = e.getValue() / 1e3 / requests;
                metrics.put("bridge." + name + "CpuMicrosPerRequest." + e.getKey(), micros);
                line.append(String.format(Locale.ROOT, " %s %.1f", e.getKey(), micros));
                all += e.getValue();
            }
        }
        metrics.put("bridge." + name + "CpuMicrosPerRequest", all / 1e3 / requests);
        System.out.println(line.append(String.format(Locale.ROOT, "; all %.1f", all / 1e3 / requests)));
    }

    private void record(String name, String plural, OpenLoop loop) {
        double p50 = loop.quantileMicros(0.50);
        double p99 = loop.quantileMicros(0.99);
        double p999 = loop.quantileMicros(0.999);
        long unanswered = loop.unanswered();
        metrics.put("bridge." + name + "P50Micros", p50);
        metrics.put("bridge." + name + "P99Micros", p99);
        metrics.put("bridge." + name + "P999Micros", p999);
        metrics.put("bridge." + plural + "PerSecond", loop.achievedRate());
        metrics.put("bridge." + plural, (double) loop.measured());
        metrics.put("bridge." + name + "Failures", (double) unanswered);
        errors.addAndGet(unanswered);
        System.out.printf("%s round trip at %.0f/s: p50 %.0f us, p99 %.0f us, p99.9 %.0f us (%d measured, %d "
                + "unanswered)%n", name, loop.achievedRate(), p50, p99, p999, loop.measured(), unanswered);
    }

    // ----- helpers -----

    /**
     * Collects the setup's garbage and promotes what the setup keeps (phones, sockets, the recording) before a
     * phase, so that a young collection during the measurement copies only what the phase itself allocated.
     */
    private static void settleHeap() {
        System.gc();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(10); // polling a condition set by other threads; the wait ends as soon as it holds
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * A phone's listener: counts its setup events, then feeds its events to its snapshot stream and tells the load
     * about the snapshots they complete.
     */
    private static final class Counting implements PhoneListener {
        final AtomicLong setupEvents = new AtomicLong();
        final int page;
        private volatile SnapshotStream stream;
        private volatile SnapshotLoad load;

        Counting(int page) {
            this.page = page;
        }

        void attach(SnapshotStream s, SnapshotLoad l) {
            load = l;
            stream = s;
        }

        @Override
        public void onEvent(PhoneEvent event) {
            SnapshotStream s = stream;
            if (s == null) {
                setupEvents.incrementAndGet();
                return;
            }
            int done = s.eventDelivered();
            if (done > 0) {
                load.processed(page, done);
            }
        }
    }

    /** The phones on the bridge server, each paired with its own page over a socket. */
    private final class SocketPhones implements AutoCloseable {
        final List<Phone> phones = new ArrayList<>();
        final List<LoadPage> pages = new ArrayList<>();
        final List<Counting> listeners = new ArrayList<>();

        SocketPhones(StreamsBridgeServer server) {
            StreamsBridgeHub hub = server.hub();
            for (int i = 0; i < BridgeMain.this.pages; i++) {
                Counting listener = new Counting(i);
                String id = "bridge-" + i;
                phones.add(Phone.builder().id(id).plugin(new AmazonConnectPlugin(hub)).listener(listener).build());
                LoadPage page = new LoadPage("page-" + i, errors)
                        .connect(server.bridgeUri(), hub.issuePairingToken(id).value(), TIMEOUT);
                page.hello();
                page.send(picture.bytes(1));
                pages.add(page);
                listeners.add(listener);
            }
        }

        @Override
        public void close() {
            pages.forEach(LoadPage::close);
            phones.forEach(Phone::close);
        }
    }

    /**
     * How many events a phone delivers for its setup ({@code hello} and the first picture) and for each changed
     * snapshot after the previous one, measured on one in-process phone that delivers events on the feeding thread;
     * two cycles must agree.
     *
     * @param setupEvents       events for the setup
     * @param eventsPerSnapshot events for {@code changed[i]}
     */
    private record Calibration(long setupEvents, int[] eventsPerSnapshot) {
        static Calibration of(String hello, AgentUpdates.Template picture, AgentUpdates.Template[] changed) {
            AtomicLong events = new AtomicLong();
            PhoneListener counting = new PhoneListener() {
                @Override
                public void onEvent(PhoneEvent event) {
                    events.incrementAndGet();
                }
            };
            try (PhoneOnBridge phone = new PhoneOnBridge(new StreamsBridgeHub(), "calibration", Runnable::run,
                    counting)) {
                phone.play(List.of(hello));
                phone.deliver(picture.bytes(1));
                long setup = events.get();
                int[] per = new int[changed.length];
                long seq = 1;
                for (int cycle = 0; cycle < 2; cycle++) {
                    for (int i = 0; i < changed.length; i++) {
                        long before = events.get();
                        phone.deliver(changed[i].bytes(++seq));
                        int n = (int) (events.get() - before);
                        if (n == 0 || cycle == 1 && n != per[i]) {
                            throw new IllegalStateException("changed snapshot " + i + " gave " + n + " events"
                                    + (cycle == 1 ? ", " + per[i] + " the cycle before" : "")
                                    + ": the benchmark needs a fixed number of events per snapshot");
                        }
                        per[i] = n;
                    }
                }
                return new Calibration(setup, per);
            }
        }
    }
}
