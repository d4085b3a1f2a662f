package dev.softphone.benchmarks;

import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.amazonconnect.AmazonConnectPlugin;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import dev.softphone.amazonconnect.StreamsBridgeServer;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;

/**
 * Benchmark 3: the Amazon Connect bridge over a loopback WebSocket, with its two baselines, in one process.
 *
 * <ol>
 *   <li><b>In-process throughput</b> (baseline 1): {@code --pages} phones with the Amazon Connect plugin, each with a
 *       page attached in process ({@link PhoneOnBridge}: the driver's {@code PageSink}, no socket), fed changed
 *       snapshots by as many feeding threads as the machine has cores.</li>
 *   <li><b>Throughput through the socket</b>: the same number of phones on a real {@link StreamsBridgeServer}
 *       (Jetty 12, loopback), each paired with its own simulated page ({@link LoadPage}, a {@code java.net.http}
 *       WebSocket with a real pairing token) that sends the same changed snapshots.</li>
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
 * snapshot when the phone has delivered all its events to the listener ({@link SnapshotStream}). Every phase warms up
 * for a third of {@code --seconds} before measuring for {@code --seconds}.
 *
 * <p>Usage: {@code java -Xmx2g -cp benchmarks.jar dev.softphone.benchmarks.BridgeMain [--seconds 20] [--pages 200]
 * [--commands-per-second 1000] [--window 4] [--out file.metrics.json]}; {@code --available} exits at once (the run
 * script's check that the jar has this benchmark).
 */
public final class BridgeMain {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final int pages;
    private final int window;
    private final int commandRate;
    private final double seconds;
    private final double warmup;
    private final String hello;
    private final AgentUpdates.Template[] changed;
    private final AgentUpdates.Template picture;
    private final Map<String, Double> metrics = new LinkedHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private Calibration calibration;

    private BridgeMain(int pages, int window, int commandRate, double seconds) {
        this.pages = pages;
        this.window = window;
        this.commandRate = commandRate;
        this.seconds = seconds;
        this.warmup = seconds / 3;
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
     * @param args {@code --seconds N --pages N --commands-per-second N --window N --out file}, or {@code --available}
     * @throws Exception when the measurement fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 1 && "--available".equals(args[0])) {
            return;
        }
        Map<String, String> opts = Args.parse(args, "--seconds", "20", "--pages", "200", "--commands-per-second",
                "1000", "--window", "4", "--out", "");
        BridgeMain main = new BridgeMain(Integer.parseInt(opts.get("--pages")), Integer.parseInt(opts.get("--window")),
                Integer.parseInt(opts.get("--commands-per-second")), Double.parseDouble(opts.get("--seconds")));
        Map<String, Double> metrics = main.run();
        if (!opts.get("--out").isEmpty()) {
            Args.writeMetrics(Path.of(opts.get("--out")), metrics);
        }
        // Jetty's and the HTTP client's threads are gone, but the phones' shared scheduler is not a daemon.
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
        inProcessThroughput();
        try (StreamsBridgeServer server = StreamsBridgeServer.builder().hub(new StreamsBridgeHub()).build().start()) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            SocketPhones phones = new SocketPhones(server, http);
            try {
                socketThroughput(phones);
                String command = commandLatency(phones);
                echoLatency(http, server.hub(), command);
            } finally {
                phones.close();
            }
        }
        metrics.put("bridge.errors", (double) errors.get());
        return metrics;
    }

    // ----- throughput -----

    private void inProcessThroughput() throws InterruptedException {
        StreamsBridgeHub hub = new StreamsBridgeHub();
        int feeders = Runtime.getRuntime().availableProcessors();
        List<BlockingQueue<Integer>> queues = new ArrayList<>();
        for (int f = 0; f < feeders; f++) {
            queues.add(new LinkedBlockingQueue<>());
        }
        LongAdder processed = new LongAdder();
        List<Counting> listeners = new ArrayList<>();
        List<PhoneOnBridge> phones = new ArrayList<>();
        for (int i = 0; i < pages; i++) {
            int page = i;
            Counting listener = new Counting(processed, p -> queues.get(p % feeders).add(p), page);
            PhoneOnBridge phone = new PhoneOnBridge(hub, "local-" + i, null, listener);
            phone.play(List.of(hello));
            phone.deliver(picture.bytes(1));
            listeners.add(listener);
            phones.add(phone);
        }
        List<SnapshotStream> streams = startStreams(listeners);
        List<Thread> threads = new ArrayList<>();
        for (int f = 0; f < feeders; f++) {
            BlockingQueue<Integer> queue = queues.get(f);
            threads.add(daemon("in-process-feeder-" + f, () -> feed(queue,
                    p -> phones.get(p).deliver(streams.get(p).next()), streams)));
        }
        double rate = throughput(streams, processed, p -> queues.get(p % feeders).add(p));
        queues.forEach(q -> q.add(-1));
        for (Thread t : threads) {
            t.join();
        }
        phones.forEach(PhoneOnBridge::close);
        metrics.put("bridge.inProcessSnapshotsPerSecond", rate);
        metrics.put("bridge.inProcessFeedingThreads", (double) feeders);
        System.out.printf("in process: %.0f snapshots/s (%d phones, %d feeding threads)%n", rate, pages, feeders);
    }

    private void socketThroughput(SocketPhones phones) throws InterruptedException {
        List<SnapshotStream> streams = startStreams(phones.listeners);
        BlockingQueue<Integer> queue = phones.ready;
        Thread sender = daemon("pages-sender", () -> feed(queue,
                p -> phones.pages.get(p).send(new String(streams.get(p).next(), StandardCharsets.UTF_8)), streams));
        double rate = throughput(streams, phones.processed, queue::add);
        queue.add(-1);
        sender.join();
        metrics.put("bridge.snapshotsPerSecond", rate);
        System.out.printf("over the socket: %.0f snapshots/s (%d pages)%n", rate, pages);
    }

    /** Waits until every phone delivered the events of its setup, then gives each a snapshot stream. */
    private List<SnapshotStream> startStreams(List<Counting> listeners) {
        await("the phones to take their first snapshot", () -> listeners.stream()
                .allMatch(l -> l.setupEvents.get() >= calibration.setupEvents));
        List<SnapshotStream> streams = new ArrayList<>();
        for (Counting l : listeners) {
            if (l.setupEvents.get() != calibration.setupEvents) {
                throw new IllegalStateException("phone " + l.page + " delivered " + l.setupEvents.get()
                        + " events for its setup, the calibration " + calibration.setupEvents);
            }
            SnapshotStream s = new SnapshotStream(changed, calibration.eventsPerSnapshot, window, 1);
            l.stream = s;
            streams.add(s);
        }
        return streams;
    }

    /** A feeding thread: sends to each page it is told about as long as the page has room in its window. */
    private void feed(BlockingQueue<Integer> queue, IntConsumer send, List<SnapshotStream> streams) {
        try {
            while (true) {
                int p = queue.take();
                if (p < 0) {
                    return;
                }
                while (streams.get(p).hasCredit()) {
                    send.accept(p);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            System.err.println(Thread.currentThread().getName() + " failed: " + e);
        }
    }

    /**
     * Opens every stream, warms up, counts processed snapshots over the measurement, stops and waits until every
     * snapshot sent was processed.
     *
     * @return snapshots processed per second during the measurement
     */
    private double throughput(List<SnapshotStream> streams, LongAdder processed, IntConsumer kick)
            throws InterruptedException {
        for (int p = 0; p < streams.size(); p++) {
            streams.get(p).start();
            kick.accept(p);
        }
        // Sleeping is the measurement here: the counter is read at both ends of a wall-clock window.
        Thread.sleep(Math.round(warmup * 1000));
        long before = processed.sum();
        long t0 = System.nanoTime();
        Thread.sleep(Math.round(seconds * 1000));
        long count = processed.sum() - before;
        long elapsed = System.nanoTime() - t0;
        streams.forEach(SnapshotStream::stop);
        try {
            await("the snapshots in flight to be processed", () -> streams.stream().allMatch(s -> s.inFlight() == 0));
        } catch (IllegalStateException e) {
            long lost = streams.stream().mapToLong(SnapshotStream::inFlight).sum();
            errors.addAndGet(lost);
            System.err.println(lost + " snapshots were sent and never processed: " + e.getMessage());
        }
        long unexpected = streams.stream().mapToLong(SnapshotStream::unexpectedEvents).sum();
        if (unexpected > 0) {
            errors.addAndGet(unexpected);
            System.err.println(unexpected + " events more than the snapshots explain");
        }
        return count / (elapsed / 1e9);
    }

    // ----- latency -----

    /** @return the text of a command as the driver sent it (the echo baseline sends the same) */
    private String commandLatency(SocketPhones phones) {
        OpenLoop loop = new OpenLoop(commandRate, warmup, seconds);
        loop.run(k -> phones.phones.get(k % pages).sendDigits("5").whenComplete((r, e) -> {
            if (e == null) {
                loop.answered(k);
            } else {
                loop.failed(k, e);
            }
        }), TIMEOUT.toMillis());
        record("command", "commands", loop);
        String command = phones.pages.get(0).firstCommand();
        if (command == null) {
            throw new IllegalStateException("the first page never received a command");
        }
        return command;
    }

    private void echoLatency(HttpClient http, StreamsBridgeHub hub, String command) throws Exception {
        String id = LoadPage.idOf(command);
        int at = command.indexOf(id);
        String head = command.substring(0, at);
        String tail = command.substring(at + id.length());
        OpenLoop loop = new OpenLoop(commandRate, warmup, seconds);
        AtomicLong foreign = new AtomicLong();
        try (EchoServer echo = new EchoServer(hub.policy(), answer -> {
            String k = LoadPage.idOf(answer);
            if (k.startsWith("echo-")) {
                loop.answered(Integer.parseInt(k.substring(5)));
            } else {
                foreign.incrementAndGet();
            }
        })) {
            List<LoadPage> echoPages = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                echoPages.add(new LoadPage("echo-page-" + i, errors).connect(http, echo.uri(), null, TIMEOUT));
            }
            await("the echo sockets to open", () -> echo.pages() == pages);
            loop.run(k -> echo.send(k % pages, head + "echo-" + k + tail), TIMEOUT.toMillis());
            record("echo", "echoes", loop);
            echoPages.forEach(LoadPage::close);
        }
        if (foreign.get() > 0) {
            errors.addAndGet(foreign.get());
        }
        metrics.put("bridge.commandBytes", (double) command.getBytes(StandardCharsets.UTF_8).length);
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

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
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
     * A phone's listener: counts its setup events, then feeds its events to its snapshot stream and reports the
     * snapshots they complete.
     */
    private static final class Counting implements PhoneListener {
        final AtomicLong setupEvents = new AtomicLong();
        final LongAdder processed;
        final IntConsumer onProcessed;
        final int page;
        volatile SnapshotStream stream;

        Counting(LongAdder processed, IntConsumer onProcessed, int page) {
            this.processed = processed;
            this.onProcessed = onProcessed;
            this.page = page;
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
                processed.add(done);
                onProcessed.accept(page);
            }
        }
    }

    /** The phones on the bridge server, each paired with its own page over a socket. */
    private final class SocketPhones implements AutoCloseable {
        final List<Phone> phones = new ArrayList<>();
        final List<LoadPage> pages = new ArrayList<>();
        final List<Counting> listeners = new ArrayList<>();
        final BlockingQueue<Integer> ready = new LinkedBlockingQueue<>();
        final LongAdder processed = new LongAdder();

        SocketPhones(StreamsBridgeServer server, HttpClient http) {
            StreamsBridgeHub hub = server.hub();
            for (int i = 0; i < BridgeMain.this.pages; i++) {
                Counting listener = new Counting(processed, ready::add, i);
                String id = "bridge-" + i;
                phones.add(Phone.builder().id(id).plugin(new AmazonConnectPlugin(hub)).listener(listener).build());
                LoadPage page = new LoadPage("page-" + i, errors)
                        .connect(http, server.bridgeUri(), hub.issuePairingToken(id).value(), TIMEOUT);
                page.hello();
                page.send(new String(picture.bytes(1), StandardCharsets.UTF_8));
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
