package dev.softphone.testkit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Java stand-in for a browser page running {@code streams-bridge.js}: it opens the bridge socket with a pairing
 * token over a real WebSocket ({@code java.net.http}), speaks protocol v1 exactly as the script does (DESIGN §6:
 * {@code hello} first, {@code seq} per page load, the latest {@code agent.update} again after every reconnect) and
 * hands the commands it receives to a {@link CommandHandler} (for example a simulated CCP) or queues them for the test.
 *
 * <p>One instance is one page load: {@link #reconnect()} continues the same {@code seq}; a new instance is a page
 * reload. Thread-safe; waiting methods use conditions, never sleeps.
 */
public final class BridgePageClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Events kept while the socket is down, as in {@code streams-bridge.js}. */
    public static final int MAX_BUFFERED_EVENTS = 200;

    /**
     * Answers commands as the page would. A page calls its handler on a testkit thread, never the socket's, one
     * command at a time and in the order the commands arrived; a command is in {@link #commands()} (and
     * {@link #awaitCommand} sees it) before its handler runs.
     */
    @FunctionalInterface
    public interface CommandHandler {
        /**
         * Handles one command; answer it with {@link BridgePageClient#send(String)} of {@link BridgeCommand#ok()} or
         * {@link BridgeCommand#error(String, String)}, now or later (and send any {@code agent.update} it causes).
         *
         * @param command the command
         * @param page    the page, to answer on
         */
        void onCommand(BridgeCommand command, BridgePageClient page);
    }

    /**
     * How the socket ended.
     *
     * @param code   the WebSocket close code
     * @param reason the close reason
     */
    public record Closure(int code, String reason) {
    }

    private final URI bridgeUri;
    private final String token;
    private final String origin;
    private final String pageId;
    private final String streamsVersion;
    private final int protocol;
    private final boolean sendHello;
    private final CommandHandler handler;
    private final Duration timeout;
    private final HttpClient http;

    private static final AtomicInteger HANDLER_THREAD_COUNT = new AtomicInteger();

    private final Object lock = new Object();
    private final Object sendLock = new Object();
    /** Runs this page's command handlers one at a time, in order, on a daemon thread that ends when idle. */
    private final ThreadPoolExecutor handlerLane = handlerThread();
    private final List<BridgeCommand> commands = new ArrayList<>();
    private final List<String> received = new ArrayList<>();
    private WebSocket socket;
    private Closure closure;
    private long seq;
    private String latestAgentData;
    private final java.util.ArrayDeque<String[]> bufferedEvents = new java.util.ArrayDeque<>();
    private int connections;
    private int taken;
    private int pings;

    private BridgePageClient(Builder b) {
        this.bridgeUri = b.bridgeUri;
        this.token = b.token;
        this.origin = b.origin != null ? b.origin
                : "http://" + b.bridgeUri.getHost() + (b.bridgeUri.getPort() == -1 ? "" : ":" + b.bridgeUri.getPort());
        this.pageId = b.pageId;
        this.streamsVersion = b.streamsVersion;
        this.protocol = b.protocol;
        this.sendHello = b.sendHello;
        this.handler = b.handler;
        this.timeout = b.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
    }

    private static ThreadPoolExecutor handlerThread() {
        ThreadPoolExecutor one = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "bridge-page-handler-" + HANDLER_THREAD_COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        one.allowCoreThreadTimeOut(true);
        return one;
    }

    /**
     * @param bridgeUri the bridge socket, e.g. {@code ws://127.0.0.1:8080/softphone/bridge}
     * @return a builder
     */
    public static Builder builder(URI bridgeUri) {
        return new Builder(bridgeUri);
    }

    /**
     * Opens the socket and sends {@code hello}, then the latest {@code agent.update} if there is one (as the script
     * does after every (re)connect). When the server refuses the page it closes the socket right away: see
     * {@link #awaitClosed(Duration)}.
     *
     * @return this client
     * @throws IllegalStateException when the socket cannot be opened at all (no server, HTTP error)
     */
    public BridgePageClient connect() {
        URI uri = token == null ? bridgeUri : URI.create(bridgeUri + (bridgeUri.getRawQuery() == null ? "?" : "&")
                + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        WebSocket.Builder wb = http.newWebSocketBuilder().connectTimeout(timeout);
        if (origin != null && !origin.isEmpty()) {
            wb.header("Origin", origin);
        }
        try {
            wb.buildAsync(uri, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not open the bridge socket " + bridgeUri + ": " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening " + bridgeUri, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the bridge socket " + bridgeUri + " did not open within " + timeout, e);
        }
        String latest;
        synchronized (lock) {
            latest = latestAgentData;
        }
        if (!sendHello) {
            return this;
        }
        ObjectNode hello = JSON.createObjectNode();
        hello.put("type", "hello");
        hello.put("protocol", protocol);
        hello.put("streamsVersion", streamsVersion);
        hello.put("page", pageId);
        trySend(hello.toString());
        if (latest != null) {
            trySend(envelope("agent.update", null, latest));
        }
        List<String[]> pending;
        synchronized (lock) {
            pending = new ArrayList<>(bufferedEvents);
            bufferedEvents.clear();
        }
        pending.forEach(e -> trySend(envelope("streams.event", e[0], e[1])));
        return this;
    }

    /**
     * Plays a message produced by a Streams source (for example the testkit's simulated CCP, which emits whole
     * protocol messages) the way {@code streams-bridge.js} would relay it: {@code agent.update} and
     * {@code streams.event} are re-numbered with this page's {@code seq}; while the socket is down only the latest
     * snapshot is kept (sent right after the next {@code hello}) and events are buffered (the oldest dropped beyond
     * {@value #MAX_BUFFERED_EVENTS}); the source's own {@code hello} is ignored (this page says hello itself); a
     * {@code result} for a dropped socket is discarded (Java already failed that command).
     *
     * @param message one browser-to-Java protocol message
     */
    public void relayFromStreams(String message) {
        JsonNode node = JSON.readTree(message);
        String type = node.path("type").asString("");
        switch (type) {
            case "hello" -> {
                // This page sends its own hello on every connect.
            }
            case "agent.update" -> {
                String data = node.path("data").toString();
                synchronized (lock) {
                    latestAgentData = data;
                }
                sendIfOpen("agent.update", null, data);
            }
            case "streams.event" -> {
                String name = node.path("name").asString(null);
                String data = node.has("data") ? node.get("data").toString() : "null";
                if (!sendIfOpen("streams.event", name, data)) {
                    synchronized (lock) {
                        bufferedEvents.addLast(new String[] {name, data});
                        if (bufferedEvents.size() > MAX_BUFFERED_EVENTS) {
                            bufferedEvents.removeFirst();
                        }
                    }
                }
            }
            default -> trySend(message);
        }
    }

    /** Opens the socket again after a drop or close: the same page load, so {@code seq} continues. */
    public BridgePageClient reconnect() {
        synchronized (lock) {
            if (socket != null && closure == null) {
                throw new IllegalStateException("the page is still connected; drop() or close it first");
            }
        }
        return connect();
    }

    /**
     * Sends an {@code agent.update} (and remembers it as the latest snapshot).
     *
     * @param dataJson Streams' {@code {"snapshot":…,"configuration":…}} payload
     */
    public void sendAgentUpdate(String dataJson) {
        String normalized = JSON.readTree(dataJson).toString();
        synchronized (lock) {
            latestAgentData = normalized;
        }
        send(envelope("agent.update", null, normalized));
    }

    /**
     * Sends a {@code streams.event}.
     *
     * @param name     the Streams event name, e.g. {@code terminated}
     * @param dataJson its payload (a JSON value; {@code null} for none)
     */
    public void sendStreamsEvent(String name, String dataJson) {
        send(envelope("streams.event", name, dataJson == null ? "null" : JSON.readTree(dataJson).toString()));
    }

    /** Numbers and sends a message only when connected, so a message never sent takes no {@code seq}. */
    private boolean sendIfOpen(String type, String name, String dataJson) {
        synchronized (sendLock) {
            return isOpen() && trySend(envelope(type, name, dataJson));
        }
    }

    private String envelope(String type, String name, String dataJson) {
        ObjectNode m = JSON.createObjectNode();
        m.put("type", type);
        synchronized (lock) {
            m.put("seq", ++seq);
        }
        if (name != null) {
            m.put("name", name);
        }
        m.set("data", JSON.readTree(dataJson));
        return m.toString();
    }

    /**
     * Sends one raw text message (a {@code result}, or deliberately malformed input).
     *
     * @param text the message
     * @throws IllegalStateException when the socket is not open
     */
    public void send(String text) {
        if (!trySend(text)) {
            throw new IllegalStateException("the bridge page is not connected" + describeClosure());
        }
    }

    private boolean trySend(String text) {
        // java.net.http allows one outstanding send; sending under sendLock keeps messages in call order.
        synchronized (sendLock) {
            WebSocket ws;
            synchronized (lock) {
                ws = socket;
                if (ws == null || closure != null) {
                    return false;
                }
            }
            try {
                ws.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
    }

    /**
     * Waits for the next command not yet taken by an earlier call.
     *
     * @param wait the most to wait
     * @return the command
     * @throws AssertionError when none arrives in time
     */
    public BridgeCommand awaitCommand(Duration wait) {
        return awaitCommand(c -> true, wait);
    }

    /**
     * Waits for the next untaken command that matches.
     *
     * @param condition what to wait for
     * @param wait      the most to wait
     * @return the command
     * @throws AssertionError listing the commands seen when none matches in time
     */
    public BridgeCommand awaitCommand(Predicate<BridgeCommand> condition, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (true) {
                for (int i = taken; i < commands.size(); i++) {
                    if (condition.test(commands.get(i))) {
                        taken = i + 1;
                        return commands.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching bridge command within " + wait + "; received: " + received);
                }
                waitNanos(left);
            }
        }
    }

    /** @return every command received so far, in order */
    public List<BridgeCommand> commands() {
        synchronized (lock) {
            return List.copyOf(commands);
        }
    }

    /** @return every text message received so far, in order */
    public List<String> received() {
        synchronized (lock) {
            return List.copyOf(received);
        }
    }

    /**
     * Waits until the server closes the socket (or it drops).
     *
     * @param wait the most to wait
     * @return the close code and reason
     * @throws AssertionError when it is still open after the wait
     */
    public Closure awaitClosed(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (closure == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the bridge socket is still open after " + wait);
                }
                waitNanos(left);
            }
            return closure;
        }
    }

    /** @return whether the socket is open */
    public boolean isOpen() {
        synchronized (lock) {
            return socket != null && closure == null;
        }
    }

    /**
     * Waits until the server has pinged this page at least a number of times.
     *
     * @param count how many pings
     * @param wait  the most to wait
     * @throws AssertionError when fewer arrive in time
     */
    public void awaitPings(int count, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (lock) {
            while (pings < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + pings + " pings within " + wait + ", expected " + count);
                }
                waitNanos(left);
            }
        }
    }

    /** @return how many times this page connected */
    public int connections() {
        synchronized (lock) {
            return connections;
        }
    }

    /** @return the {@code seq} of the last message sent */
    public long lastSeq() {
        synchronized (lock) {
            return seq;
        }
    }

    /** Drops the connection without a closing handshake, as a network failure or a killed tab does. */
    public void drop() {
        WebSocket ws;
        synchronized (lock) {
            ws = socket;
            if (ws == null || closure != null) {
                return;
            }
            closure = new Closure(1006, "dropped by the test");
            lock.notifyAll();
        }
        ws.abort();
    }

    /** Closes the socket normally (1000) and waits briefly for the server's answer. */
    @Override
    public void close() {
        WebSocket ws;
        synchronized (lock) {
            ws = socket;
            if (ws == null || closure != null) {
                return;
            }
        }
        try {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "page closed").get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            ws.abort();
        }
        synchronized (lock) {
            if (closure == null) {
                closure = new Closure(WebSocket.NORMAL_CLOSURE, "page closed");
                lock.notifyAll();
            }
        }
    }

    private String describeClosure() {
        synchronized (lock) {
            return closure == null ? "" : " (closed " + closure.code() + " " + closure.reason() + ")";
        }
    }

    private void waitNanos(long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedWait(lock, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }

    private void onMessage(WebSocket ws, String text) {
        BridgeCommand command = null;
        synchronized (lock) {
            if (ws != socket) {
                return;
            }
            received.add(text);
            try {
                command = BridgeCommand.parse(text);
                commands.add(command);
            } catch (IllegalArgumentException e) {
                // Not a command: kept in received() for the test to inspect.
            }
            lock.notifyAll();
        }
        if (command != null && handler != null) {
            BridgeCommand c = command;
            // Off the socket's listener thread (the handler may send, which waits for the socket), and in arrival
            // order: a handler that ran late, or overtook an earlier one, would answer for a page that moved on.
            handlerLane.execute(() -> handler.onCommand(c, this));
        }
    }

    private void onClosed(WebSocket ws, int code, String reason) {
        synchronized (lock) {
            if (ws == socket && closure == null) {
                closure = new Closure(code, reason);
            }
            lock.notifyAll();
        }
    }

    /** Collects partial text frames into messages. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            // Set here, not after buildAsync returns: a refusing server may close before that.
            synchronized (lock) {
                socket = ws;
                closure = null;
                connections++;
            }
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(ws, text);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            onClosed(ws, statusCode, reason);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, java.nio.ByteBuffer message) {
            synchronized (lock) {
                pings++;
                lock.notifyAll();
            }
            ws.request(1);
            return null; // java.net.http answers with a pong by itself, as browsers do
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            onClosed(ws, 1006, String.valueOf(error));
        }
    }

    /** Builds a {@link BridgePageClient}. Not thread-safe. */
    public static final class Builder {
        private final URI bridgeUri;
        private String token;
        private String origin;
        private String pageId = "page-" + UUID.randomUUID();
        private String streamsVersion = "2.28.2";
        private int protocol = 1;
        private boolean sendHello = true;
        private CommandHandler handler;
        private Duration timeout = Duration.ofSeconds(10);

        private Builder(URI bridgeUri) {
            this.bridgeUri = Objects.requireNonNull(bridgeUri, "bridgeUri");
        }

        /**
         * @param token the pairing token (sent as query parameter {@code token}); none by default
         * @return this builder
         */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /**
         * @param origin the {@code Origin} header (default: the bridge's own {@code http://host:port}; empty for none)
         * @return this builder
         */
        public Builder origin(String origin) {
            this.origin = origin;
            return this;
        }

        /**
         * @param pageId the {@code page} of {@code hello} (default: a random id per client)
         * @return this builder
         */
        public Builder pageId(String pageId) {
            this.pageId = Objects.requireNonNull(pageId, "pageId");
            return this;
        }

        /**
         * @param version the {@code streamsVersion} of {@code hello} (default {@code 2.28.2})
         * @return this builder
         */
        public Builder streamsVersion(String version) {
            this.streamsVersion = Objects.requireNonNull(version, "version");
            return this;
        }

        /**
         * @param protocol the {@code protocol} of {@code hello} (default 1; others to test refusals)
         * @return this builder
         */
        public Builder protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        /**
         * @param sendHello whether {@link #connect()} sends {@code hello} and the latest snapshot (default true;
         *                  false to test a page that breaks the protocol)
         * @return this builder
         */
        public Builder sendHello(boolean sendHello) {
            this.sendHello = sendHello;
            return this;
        }

        /**
         * @param handler answers commands (for example a simulated CCP); without one commands only queue up
         * @return this builder
         */
        public Builder commandHandler(CommandHandler handler) {
            this.handler = handler;
            return this;
        }

        /**
         * @param timeout how long connecting and each send may take (default 10 s)
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @return the client, not connected yet */
        public BridgePageClient build() {
            return new BridgePageClient(this);
        }
    }

    @Override
    public String toString() {
        return "BridgePageClient[" + bridgeUri + ", page=" + pageId + "]";
    }

    /** @return the latest {@code agent.update} data sent, or {@code null} */
    public String latestAgentData() {
        synchronized (lock) {
            return latestAgentData;
        }
    }

    /**
     * @param text a Java-to-browser message
     * @return it parsed, for assertions
     */
    public static JsonNode parse(String text) {
        return JSON.readTree(text);
    }
}
