package dev.softphone.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A light simulated bridge page for load: one {@code java.net.http} WebSocket (the JDK client the testkit's
 * {@code BridgePageClient} uses too), sharing one {@link HttpClient} (one selector thread) with the other pages, so
 * that 200 pages do not add 200 threads to the machine the server runs on. It speaks protocol v1 (DESIGN §6):
 * {@code hello} first, then whatever text it is given, and answers every {@code command} at once with
 * {@code {"type":"result","id":…,"ok":true,"data":{}}}, as {@code streams-bridge.js} does for a command Streams
 * accepted.
 *
 * <p>Unlike {@code BridgePageClient} it does no JSON tree work per message and never blocks on a send: sends are
 * chained (java.net.http allows one outstanding text send), so the pages' own CPU use — which competes with the
 * server on the same machine — stays close to what framing and masking cost. Thread-safe.
 */
final class LoadPage implements WebSocket.Listener {
    private static final String COMMAND = "\"type\":\"command\"";

    private final String name;
    private final AtomicLong failures;
    private final ArrayDeque<String> outbox = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private boolean writing;
    private volatile WebSocket socket;
    private volatile String closedBecause;
    private volatile String firstCommand;

    /**
     * @param name     for messages
     * @param failures counts send failures and closures of every page
     */
    LoadPage(String name, AtomicLong failures) {
        this.name = name;
        this.failures = failures;
    }

    /**
     * Opens the socket (with the pairing token when given) from the server's own origin, as a page served by the
     * bridge server would.
     *
     * @param http    the shared client
     * @param uri     the socket address
     * @param token   the pairing token, or null
     * @param timeout how long opening may take
     * @return this page
     */
    LoadPage connect(HttpClient http, URI uri, String token, Duration timeout) {
        URI target = token == null ? uri
                : URI.create(uri + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        try {
            http.newWebSocketBuilder().connectTimeout(timeout)
                    .header("Origin", "http://" + uri.getHost() + ":" + uri.getPort())
                    .buildAsync(target, this).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(name + ": could not open " + uri + ": " + e, e);
        }
        return this;
    }

    /** Sends the protocol v1 {@code hello}. */
    void hello() {
        send("{\"type\":\"hello\",\"protocol\":1,\"streamsVersion\":\"2.28.2\",\"page\":\"" + name + "\"}");
    }

    /**
     * Queues one text message; it is written after the ones queued before it.
     *
     * @param text the message
     */
    void send(String text) {
        synchronized (outbox) {
            if (writing) {
                outbox.addLast(text);
                return;
            }
            writing = true;
        }
        write(text);
    }

    private void write(String text) {
        String next = text;
        // Loops instead of recursing when a send completes on the calling thread.
        while (next != null) {
            WebSocket ws = socket;
            if (ws == null || closedBecause != null) {
                failures.incrementAndGet();
                synchronized (outbox) {
                    outbox.clear();
                    writing = false;
                }
                return;
            }
            var sent = ws.sendText(next, true);
            if (!sent.isDone()) {
                sent.whenComplete((w, e) -> {
                    if (e != null) {
                        failed("send failed: " + e);
                    }
                    String more = poll();
                    if (more != null) {
                        write(more);
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                failed("send failed");
            }
            next = poll();
        }
    }

    private String poll() {
        synchronized (outbox) {
            String next = outbox.pollFirst();
            if (next == null) {
                writing = false;
            }
            return next;
        }
    }

    /** @return the first command this page received, as text, or null */
    String firstCommand() {
        return firstCommand;
    }

    /** @return why the socket ended, or null while it is open */
    String closedBecause() {
        return closedBecause;
    }

    /** Closes the socket normally. */
    void close() {
        WebSocket ws = socket;
        if (ws != null && closedBecause == null) {
            closedBecause = "closed by the benchmark";
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "benchmark done");
        }
    }

    private void failed(String why) {
        failures.incrementAndGet();
        System.err.println(name + ": " + why);
    }

    @Override
    public void onOpen(WebSocket ws) {
        socket = ws;
        ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            if (text.contains(COMMAND)) {
                if (firstCommand == null) {
                    firstCommand = text;
                }
                send("{\"type\":\"result\",\"id\":\"" + idOf(text) + "\",\"ok\":true,\"data\":{}}");
            }
        }
        ws.request(1);
        return null;
    }

    /**
     * @param message a command (or echo) message
     * @return the value of its top-level {@code "id"}
     */
    static String idOf(String message) {
        int at = message.indexOf("\"id\":\"");
        if (at < 0) {
            throw new IllegalArgumentException("no id in " + message);
        }
        int start = at + 6;
        return message.substring(start, message.indexOf('"', start));
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        if (closedBecause == null) {
            closedBecause = statusCode + " " + reason;
            failed("closed by the server: " + closedBecause);
        }
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        if (closedBecause == null) {
            closedBecause = String.valueOf(error);
            failed("socket error: " + error);
        }
    }
}
