package dev.softphone.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A light simulated bridge page for load, over a {@link RawWebSocket}: a real RFC 6455 client (real upgrade, masked
 * frames) on one blocking socket. It speaks protocol v1 (DESIGN §6): {@code hello} first, then whatever it is given,
 * and answers every {@code command} at once with {@code {"type":"result","id":…,"ok":true,"data":{}}}, as
 * {@code streams-bridge.js} does for a command Streams accepted.
 *
 * <p>Why not the JDK's {@code java.net.http} client (which the testkit's {@code BridgePageClient} uses): real pages
 * run in browsers on other machines, but these run on the same cores as the server they load, so whatever a page
 * spends beyond a socket write is taken from the server being measured. The JDK client cost about 48 µs of CPU per
 * 7 KB snapshot (encoding a {@code String} to UTF-8, its selector thread, futures). This page hands the snapshot's
 * UTF-8 bytes ({@link #send(byte[])}) to one masked frame written by the sending thread, as a browser sends a whole
 * message in one frame; masking is real, because the server must unmask what browsers send. Its reader thread (named
 * with {@link #THREADS}, so the benchmark counts its CPU as the pages') does no JSON work: it looks for a command's
 * id and answers. Thread-safe.
 */
final class LoadPage implements RawWebSocket.Listener {
    /** The prefix of every page's reader thread name. */
    static final String THREADS = "load-page-";
    private static final String COMMAND = "\"type\":\"command\"";

    private final String name;
    private final AtomicLong failures;
    private volatile RawWebSocket socket;
    private volatile String closedBecause;
    private volatile String firstCommand;
    private final TurnLog turns = new TurnLog();

    /**
     * @param name     for messages and the reader thread's name
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
     * @param uri     the socket address
     * @param token   the pairing token, or null
     * @param timeout how long opening may take
     * @return this page
     */
    LoadPage connect(URI uri, String token, Duration timeout) {
        URI target = token == null ? uri
                : URI.create(uri + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
        try {
            socket = RawWebSocket.connect(target, "http://" + uri.getHost() + ":" + uri.getPort(), timeout,
                    THREADS + name, this);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": could not open " + uri + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Sends the protocol v1 {@code hello}. */
    void hello() {
        send("{\"type\":\"hello\",\"protocol\":1,\"streamsVersion\":\"2.28.2\",\"page\":\"" + name + "\"}");
    }

    /**
     * Sends one text message, written before this returns.
     *
     * @param text the message
     */
    void send(String text) {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one text message given as its UTF-8 bytes, framed as they are (no {@code String} is made).
     *
     * @param utf8 the message
     */
    void send(byte[] utf8) {
        RawWebSocket ws = socket;
        if (ws == null || closedBecause != null) {
            failed("send after the socket ended (" + closedBecause + ")");
            return;
        }
        send(ws, utf8);
    }

    private void send(RawWebSocket ws, byte[] utf8) {
        try {
            ws.sendText(utf8, 0, utf8.length);
        } catch (IOException e) {
            failed("send failed: " + e);
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
        RawWebSocket ws = socket;
        if (ws != null && closedBecause == null) {
            closedBecause = "closed by the benchmark";
            ws.close(1000, "benchmark done");
        }
    }

    private void failed(String why) {
        failures.incrementAndGet();
        System.err.println(name + ": " + why);
    }

    /** @return when this page received each command and started writing its answer, in the order received */
    TurnLog turns() {
        return turns;
    }

    @Override
    public void onText(RawWebSocket ws, String text) {
        long received = System.nanoTime();
        if (text.contains(COMMAND)) {
            if (firstCommand == null) {
                firstCommand = text;
            }
            byte[] answer = ("{\"type\":\"result\",\"id\":\"" + idOf(text) + "\",\"ok\":true,\"data\":{}}")
                    .getBytes(StandardCharsets.UTF_8);
            // taken before the write: on loopback the server may read the answer before the write returns
            turns.add(received, System.nanoTime());
            send(ws, answer);
        }
    }

    /**
     * When a page received each command and when it started writing the answer ({@link System#nanoTime()}), in the
     * order received, so a round trip can be split into the way out, the page's turn and the way back. Written by the
     * page's reader thread, read by the benchmark after the answers arrived. Thread-safe.
     */
    static final class TurnLog {
        private long[] times = new long[256];
        private int size;

        /**
         * Logs the next command.
         *
         * @param received when it was received
         * @param answered when its answer's write started
         */
        synchronized void add(long received, long answered) {
            if (2 * size + 2 > times.length) {
                times = Arrays.copyOf(times, times.length * 2);
            }
            times[2 * size] = received;
            times[2 * size + 1] = answered;
            size++;
        }

        /** @return how many commands were logged */
        synchronized int size() {
            return size;
        }

        /**
         * @param i the command's place in the order received
         * @return when it was received
         */
        synchronized long received(int i) {
            return times[2 * i];
        }

        /**
         * @param i the command's place in the order received
         * @return when its answer's write started
         */
        synchronized long answered(int i) {
            return times[2 * i + 1];
        }
    }

    @Override
    public void onClosed(RawWebSocket ws, String why) {
        if (closedBecause == null) {
            closedBecause = why;
            failed("the socket ended: " + why);
        }
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
}
