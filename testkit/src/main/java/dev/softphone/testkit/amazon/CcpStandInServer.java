package dev.softphone.testkit.amazon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A local stand-in for the Amazon Connect CCP page, for tests that run the real amazon-connect-streams library in a
 * browser: serve it on its own loopback origin and pass {@link #ccpUrl()} as {@code ccpUrl} to
 * {@code connect.core.initCCP}. The page ({@code ccp-stand-in.html}) speaks the page ↔ CCP-iframe conduit of Streams
 * ({@code {event, data}} postMessages) and plays the Streams worker's part through this server: it forwards what the
 * page sends up ({@code POST /ccp/upstream}) and relays, in order, what comes down ({@code GET /ccp/events}, a
 * server-sent event stream). Behind it sits a {@link SimulatedCcp}, the same model of Amazon's behaviour the
 * in-process tests use, reached through {@link StreamsConduitTranslator}.
 *
 * <p>The keepalive ({@code synchronize} → {@code acknowledge}) is answered in the page, as the worker answers it
 * without consulting the service; everything else reaches Java. Every conduit message in both directions is kept
 * ({@link #messages()}) so a test can check the handshake and the API traffic. Thread-safe.
 */
public final class CcpStandInServer implements AutoCloseable {
    /** The path of the stand-in CCP page. */
    public static final String PAGE_PATH = "/ccp/";

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String POISON = "";

    /** Which way a conduit message went. */
    public enum Direction {
        /** From the page (Streams) to the CCP. */
        PAGE_TO_CCP,
        /** From the CCP (this server, the model) to the page. */
        CCP_TO_PAGE
    }

    /**
     * One conduit message.
     *
     * @param direction which way it went
     * @param event     its {@code event} name
     * @param data      its {@code data}
     */
    public record ConduitMessage(Direction direction, String event, JsonNode data) {
        /** Validates the components. */
        public ConduitMessage {
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(data, "data");
        }

        @Override
        public String toString() {
            return (direction == Direction.PAGE_TO_CCP ? "page->ccp " : "ccp->page ") + event + " " + data;
        }
    }

    private final int endpointPageSize;
    private StreamsConduitTranslator translator;
    private Consumer<String> model = command -> { };
    private Runnable onConnected = () -> { };
    private final HttpServer http;
    private final ExecutorService threads;
    private final Object lock = new Object();
    private final List<ConduitMessage> messages = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<ObjectNode> held = new ArrayList<>();
    private BlockingQueue<String> current;
    private int connections;
    private int modelCalls;

    private CcpStandInServer(int endpointPageSize) throws IOException {
        this.endpointPageSize = endpointPageSize;
        this.translator = new StreamsConduitTranslator(endpointPageSize);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "ccp-stand-in");
            t.setDaemon(true);
            return t;
        });
        http.setExecutor(threads);
        http.createContext(PAGE_PATH, this::handle);
    }

    /**
     * Starts a stand-in on a free loopback port in front of a model.
     *
     * @param ccp              the model behind it (this server becomes its only receiver)
     * @param endpointPageSize the most quick connects one {@code getEndpoints} answer carries
     * @return the running server
     * @throws UncheckedIOException when no port can be bound
     */
    public static CcpStandInServer start(SimulatedCcp ccp, int endpointPageSize) {
        CcpStandInServer server = start(endpointPageSize);
        server.serve(ccp::receive, ccp::pageLoads);
        ccp.connectTo(server::fromModel);
        return server;
    }

    /**
     * Starts a stand-in on a free loopback port without a model yet (see {@link #serve}).
     *
     * @param endpointPageSize the most quick connects one {@code getEndpoints} answer carries
     * @return the running server
     * @throws UncheckedIOException when no port can be bound
     */
    public static CcpStandInServer start(int endpointPageSize) {
        try {
            CcpStandInServer server = new CcpStandInServer(endpointPageSize);
            server.http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the stand-in CCP server on loopback", e);
        }
    }

    /**
     * Puts a (new) model behind the stand-in and starts a fresh session: the conduit state, the recorded messages
     * and problems are reset. The model's own messages must be passed to {@link #fromModel(String)}.
     *
     * @param commands       receives the bridge {@code command}s the page's API requests become
     * @param onCcpConnected runs when a stand-in page connects (a new port of the worker): the model should send
     *                       the agent's data if there is a session ({@link SimulatedCcp#pageLoads()})
     */
    public void serve(Consumer<String> commands, Runnable onCcpConnected) {
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(onCcpConnected, "onCcpConnected");
        synchronized (lock) {
            this.model = commands;
            this.onConnected = onCcpConnected;
            this.translator = new StreamsConduitTranslator(endpointPageSize);
            messages.clear();
            problems.clear();
            if (current != null) {
                translator.ccpConnected();
            }
        }
    }

    /** @return the stand-in CCP page's URL, to pass as {@code ccpUrl} */
    public URI ccpUrl() {
        InetSocketAddress a = http.getAddress();
        return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + PAGE_PATH);
    }

    /** @return every conduit message so far, in order */
    public List<ConduitMessage> messages() {
        synchronized (lock) {
            return List.copyOf(messages);
        }
    }

    /** @return what went wrong on the stand-in's side (unsupported requests, model failures), empty when nothing */
    public List<String> problems() {
        synchronized (lock) {
            return List.copyOf(problems);
        }
    }

    /** @return how many times a stand-in page connected (the page's iframe reloads count again) */
    public int connections() {
        synchronized (lock) {
            return connections;
        }
    }

    /**
     * Waits until a stand-in page is connected (loaded in the iframe and listening).
     *
     * @param timeout how long at most
     * @throws AssertionError when none connected in time
     */
    public void awaitConnected(Duration timeout) {
        awaitCondition(() -> current != null, timeout, "the stand-in CCP page did not connect");
    }

    /**
     * Waits until stand-in pages connected this many times in all ({@link #connections()}).
     *
     * @param count   the number of connections to wait for
     * @param timeout how long at most
     * @throws AssertionError when fewer connected in time
     */
    public void awaitConnections(int count, Duration timeout) {
        awaitCondition(() -> connections >= count && current != null, timeout,
                "the stand-in CCP page did not connect (connection " + count + ")");
    }

    /**
     * Waits for a conduit message.
     *
     * @param condition what to wait for
     * @param timeout   how long at most
     * @return the first message that matches
     * @throws AssertionError listing the messages seen when none matched in time
     */
    public ConduitMessage await(Predicate<ConduitMessage> condition, Duration timeout) {
        Object[] found = new Object[1];
        awaitCondition(() -> {
            found[0] = messages.stream().filter(condition).findFirst().orElse(null);
            return found[0] != null;
        }, timeout, "no such conduit message");
        return (ConduitMessage) found[0];
    }

    private void awaitCondition(java.util.function.BooleanSupplier condition, Duration timeout, String failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure + " within " + timeout + "; conduit so far:\n  "
                            + String.join("\n  ", messages.stream().map(ConduitMessage::toString).toList()));
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting: " + failure, e);
                }
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (current != null) {
                current.add(POISON);
                current = null;
            }
        }
        http.stop(0);
        threads.shutdownNow();
    }

    // ===== the model's side =====

    /**
     * Receives one message of the model (bridge protocol): it becomes conduit messages down to the page.
     *
     * @param bridgeMessage the model's message
     */
    public void fromModel(String bridgeMessage) {
        synchronized (lock) {
            for (ObjectNode m : translator.toConduit(bridgeMessage)) {
                if (modelCalls > 0) {
                    held.add(m);
                } else {
                    down(m);
                }
            }
        }
    }

    /** Sends one conduit message down; must hold the lock. */
    private void down(ObjectNode message) {
        messages.add(new ConduitMessage(Direction.CCP_TO_PAGE, message.path("event").asString(""),
                message.path("data")));
        lock.notifyAll();
        if (current != null) {
            current.add(message.toString());
        } else {
            problems.add("no stand-in page connected; dropped " + message);
        }
    }

    // ===== HTTP =====

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && (PAGE_PATH.equals(path) || (PAGE_PATH + "index.html").equals(path))) {
                page(exchange);
            } else if ("GET".equals(method) && (PAGE_PATH + "events").equals(path)) {
                events(exchange);
            } else if ("POST".equals(method) && (PAGE_PATH + "upstream").equals(path)) {
                upstream(exchange);
            } else {
                reply(exchange, 404, "text/plain", "not found: " + method + " " + path);
            }
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try (InputStream in = CcpStandInServer.class.getResourceAsStream("ccp-stand-in.html")) {
            if (in == null) {
                reply(exchange, 500, "text/plain", "ccp-stand-in.html is missing from the testkit jar");
                return;
            }
            reply(exchange, 200, "text/html; charset=utf-8", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** The server-sent event stream of conduit messages down to the page; one page at a time, the newest wins. */
    private void events(HttpExchange exchange) throws IOException {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        out.write(": stand-in CCP connected\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        Runnable connected;
        synchronized (lock) {
            if (current != null) {
                current.add(POISON);
            }
            current = queue;
            connections++;
            translator.ccpConnected();
            connected = onConnected;
            lock.notifyAll();
        }
        // Like a new port of the Streams worker: it gets the agent's data (and its acknowledge) if there is a session.
        connected.run();
        try {
            while (true) {
                String next = queue.take();
                if (POISON.equals(next)) {
                    return;
                }
                out.write(("data: " + next + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The page went away (iframe reloaded or browser closed).
        } finally {
            synchronized (lock) {
                if (current == queue) {
                    current = null;
                }
            }
        }
    }

    /** One conduit message from the page. */
    private void upstream(HttpExchange exchange) throws IOException {
        JsonNode message;
        try (InputStream in = exchange.getRequestBody()) {
            message = JSON.readTree(in.readAllBytes());
        } catch (RuntimeException e) {
            reply(exchange, 400, "text/plain", "not a JSON conduit message: " + e.getMessage());
            return;
        }
        String event = message.path("event").asString("");
        JsonNode data = message.path("data");
        Optional<String> command = Optional.empty();
        Consumer<String> target;
        synchronized (lock) {
            target = model;
            messages.add(new ConduitMessage(Direction.PAGE_TO_CCP, event, data));
            lock.notifyAll();
            if ("api_request".equals(event)) {
                try {
                    command = translator.command(data);
                    if (command.isEmpty()) {
                        problems.add("unsupported api_request " + data.path("method").asString(""));
                        down(translator.unsupported(data));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            } else if ("broadcast".equals(event)) {
                translator.broadcast(data).ifPresent(this::down);
            } else if ("terminate".equals(event)) {
                command = Optional.of(translator.terminate());
            }
        }
        // Outside the lock: the model answers through fromModel, which takes it.
        command.ifPresent(c -> toModel(target, c));
        reply(exchange, 204, null, null);
    }

    /**
     * Runs one command in the model. What the model emits meanwhile (the answer, then the snapshots it caused) is
     * held and sent down together once the model is done, as the worker's answer and its next snapshots reach the
     * page: so whoever sees the answer can count on the model having emitted everything that answer caused.
     */
    private void toModel(Consumer<String> target, String command) {
        synchronized (lock) {
            modelCalls++;
        }
        try {
            target.accept(command);
        } catch (RuntimeException e) {
            String id = JSON.readTree(command).path("id").asString("");
            synchronized (lock) {
                problems.add("the model failed on " + command + ": " + e);
                translator.modelFailed(id, String.valueOf(e.getMessage())).ifPresent(held::add);
            }
        } finally {
            synchronized (lock) {
                modelCalls--;
                if (modelCalls == 0) {
                    held.forEach(this::down);
                    held.clear();
                }
            }
        }
    }

    private static void reply(HttpExchange exchange, int status, String type, String body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
