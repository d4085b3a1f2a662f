package dev.softphone.amazonconnect;

import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.amazonconnect.internal.bridge.MessageRateLimiter;
import dev.softphone.amazonconnect.internal.bridge.Utf8;
import dev.softphone.spi.LogMasking;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * One paired bridge page, independent of the transport that carries it: the transport hands it every text message
 * ({@link #receive(String)}, or {@link #receive(byte[], int, int)} when it holds the bytes) and tells it when the
 * socket ended ({@link #transportClosed(String)}); the session checks sizes and the {@code hello}, relays to the
 * phone's {@link PageSink} in arrival order and keeps the {@link PageSink} contract (one detach per attach, nothing
 * relayed after a takeover). Obtain one from {@link StreamsBridgeHub#open(PageHandshake, PageLink)}. Thread-safe.
 */
public final class BridgeSession {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeSession.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The bridge protocol version this server speaks (DESIGN §6). */
    public static final int PROTOCOL = 1;

    private final StreamsBridgeHub hub;
    private final StreamsBridgeHub.Slot slot;
    private final PageLink transport;
    private final PageHandshake handshake;
    private final GuardedLink link = new GuardedLink();
    // Written under the slot's monitor, read without it: send() must never wait for the relay (a driver that sends
    // while the hub delivers to it on another thread would otherwise deadlock).
    private volatile boolean live = true;
    private volatile String endReason;
    private boolean helloSeen;
    private long skipped;
    private final MessageRateLimiter rate;

    BridgeSession(StreamsBridgeHub hub, StreamsBridgeHub.Slot slot, PageLink transport, PageHandshake handshake) {
        this.hub = hub;
        this.slot = slot;
        this.transport = transport;
        this.handshake = handshake;
        this.rate = new MessageRateLimiter(hub.policy().maxMessagesPerSecond(), hub.policy().messageBurst(),
                hub.clock());
    }

    /** @return the phone this page is paired with */
    public String phoneId() {
        return slot.phoneId;
    }

    /** @return whether the page is still the live page of its phone */
    public boolean isLive() {
        return live;
    }

    /** @return how many oversized messages were skipped */
    public long skippedMessages() {
        synchronized (slot) {
            return skipped;
        }
    }

    void attach() {
        callSink("pageAttached", () -> slot.sink.pageAttached(link));
    }

    /** A driver's exception must not break the relay: log it and carry on with the next message. */
    private void callSink(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.error("phone {}: the driver failed on {}; continuing", slot.phoneId, what, e);
        }
    }

    /**
     * Relays one text message from the page. Messages above {@link BridgePolicy#maxMessageBytes()} are skipped with
     * a logged error (the driver sees a {@code seq} gap and waits for the next full snapshot); a first message that
     * is not {@code hello} for protocol 1 closes the page with {@link PageClose#BAD_PROTOCOL}. Messages after the
     * page ended (taken over, closed) are dropped.
     *
     * @param text the message as received
     */
    public void receive(String text) {
        synchronized (slot) {
            int limit = hub.policy().maxMessageBytes();
            long bytes = text.length() <= limit / 3 ? text.length() : Utf8.length(text);
            if (admit(bytes, text, null, 0, 0)) {
                callSink("pageMessage", () -> slot.sink.pageMessage(text));
            }
        }
    }

    /**
     * Relays one text message from the page as the UTF-8 bytes of its WebSocket frames, for transports that hold
     * bytes (the embedded server does): the same checks as {@link #receive(String)}, and the driver reads the bytes
     * without a {@code String} in between ({@link PageSink#pageMessage(byte[], int, int)}). The transport has
     * checked that the bytes are valid UTF-8 (a WebSocket text message must be). The bytes are read during the call
     * only; the transport may reuse its buffer as soon as it returns.
     *
     * @param utf8   the buffer holding the message
     * @param offset where the message starts
     * @param length its length in bytes
     */
    public void receive(byte[] utf8, int offset, int length) {
        synchronized (slot) {
            if (admit(length, null, utf8, offset, length)) {
                callSink("pageMessage", () -> slot.sink.pageMessage(utf8, offset, length));
            }
        }
    }

    /**
     * The checks every message passes before it is relayed, whichever form it came in (exactly one of {@code text}
     * and {@code utf8} is given). Caller holds the slot's monitor.
     *
     * @return whether to relay it
     */
    private boolean admit(long bytes, String text, byte[] utf8, int offset, int length) {
        if (!live) {
            LOG.debug("phone {}: dropped a message from a page that already ended ({})", slot.phoneId, endReason);
            return false;
        }
        if (!rate.tryAcquire()) {
            end(PageClose.TOO_MANY_MESSAGES, "the page sent more than " + hub.policy().maxMessagesPerSecond()
                    + " messages per second (burst " + hub.policy().messageBurst() + ")");
            return false;
        }
        int limit = hub.policy().maxMessageBytes();
        if (bytes > limit) {
            skipped++;
            LOG.error("phone {}: skipped a {}-byte message from the bridge page: the limit is {} bytes "
                    + "(BridgePolicy.maxMessageBytes); it starts with: {}", slot.phoneId, bytes, limit,
                    LogMasking.text(text != null ? text : head(utf8, offset, length), 80));
            return false;
        }
        if (!helloSeen) {
            String problem = text != null ? helloProblem(() -> JSON.readTree(text))
                    : helloProblem(() -> JSON.readTree(utf8, offset, length));
            if (problem != null) {
                end(PageClose.BAD_PROTOCOL, problem);
                return false;
            }
            helloSeen = true;
        }
        return true;
    }

    /** The start of a message for a log line, decoded leniently (the log masks and cuts it anyway). */
    private static String head(byte[] utf8, int offset, int length) {
        return new String(utf8, offset, Math.min(length, 256), StandardCharsets.UTF_8);
    }

    /**
     * The transport's socket ended (closed by either side, or dropped).
     *
     * @param reason what the transport knows, e.g. the close code and reason
     */
    public void transportClosed(String reason) {
        synchronized (slot) {
            if (!live) {
                return;
            }
            endReason = reason;
            live = false;
            detached("the bridge page disconnected: " + reason);
        }
    }

    /** Ends this page: closes the socket with a code, then tells the sink. Caller holds no lock or the slot's. */
    void end(PageClose code, String reason) {
        synchronized (slot) {
            if (!live) {
                return;
            }
            endReason = reason;
            live = false;
            try {
                transport.close(code, Utf8.closeReason(reason));
            } catch (RuntimeException e) {
                LOG.debug("phone {}: closing the page's socket failed", slot.phoneId, e);
            }
            detached(reason);
        }
    }

    private void detached(String reason) {
        hub.pageEnded(slot, this);
        LOG.info("phone {}: bridge page detached: {}", slot.phoneId, reason);
        callSink("pageDetached", () -> slot.sink.pageDetached(link, reason));
    }

    private static String helloProblem(Supplier<JsonNode> read) {
        JsonNode node;
        try {
            node = read.get();
        } catch (JacksonException e) {
            return "the first message must be a JSON hello, got text that is not JSON";
        }
        if (node == null || !node.isObject() || !"hello".equals(node.path("type").asString(null))) {
            return "the first message must be {\"type\":\"hello\",\"protocol\":1,...}";
        }
        JsonNode protocol = node.get("protocol");
        if (protocol == null || !protocol.isIntegralNumber() || protocol.asInt() != PROTOCOL) {
            return "unsupported bridge protocol " + protocol + "; this server speaks protocol " + PROTOCOL;
        }
        return null;
    }

    @Override
    public String toString() {
        return "BridgeSession[phone=" + slot.phoneId + ", " + handshake + ", live=" + isLive() + "]";
    }

    /** The link the sink sees: refuses to send once the page ended. */
    private final class GuardedLink implements PageLink {
        @Override
        public void send(String json) {
            if (!live) {
                String why = endReason;
                throw new SoftphoneUnavailableException("the Amazon Connect bridge page of phone " + slot.phoneId
                        + " is not connected (" + why + ")");
            }
            transport.send(json);
        }

        @Override
        public void close(String reason) {
            end(PageClose.NORMAL, reason);
        }

        @Override
        public void close(PageClose code, String reason) {
            end(code, reason);
        }

        @Override
        public String toString() {
            return "PageLink[phone=" + slot.phoneId + ", " + handshake.remote() + "]";
        }
    }
}
