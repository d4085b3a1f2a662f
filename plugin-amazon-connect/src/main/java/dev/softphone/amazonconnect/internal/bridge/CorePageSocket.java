package dev.softphone.amazonconnect.internal.bridge;

import dev.softphone.amazonconnect.BridgePolicy;
import dev.softphone.amazonconnect.BridgeRefusedException;
import dev.softphone.amazonconnect.PageClose;
import dev.softphone.amazonconnect.PageLink;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;

/**
 * One page's socket on Jetty's WebSocket core ({@link FrameHandler}): the embedded server's transport. Unlike the
 * Jakarta API, which hands text messages over only as {@code String}s (Jetty decodes them byte by byte), the core
 * API gives the frames' bytes, so the driver reads the snapshot straight from them (docs/performance.md, "Bridge
 * throughput"). This class does what the Jakarta container did around that: joins fragments, enforces the hard size
 * limit ({@link PageClose#TOO_BIG}), checks that a text message is valid UTF-8 (close 1007 otherwise, as RFC 6455
 * §8.1 asks), pings every {@link BridgePolicy#pingInterval()}, and closes a socket silent for
 * {@link BridgePolicy#idleTimeout()}. It is also the {@link PageLink} the hub guards: sends are queued by Jetty in
 * call order and never wait for the network.
 *
 * <p>Buffers: a message that arrives in one frame whose payload sits in a heap buffer is read in place; otherwise
 * it is copied into a scratch array owned by the Jetty thread (the receiver reads the bytes during the call only),
 * so an idle page holds no message buffer. Only a fragmented message gets an array of its own while it is joined.
 *
 * <p>Jetty calls the {@link FrameHandler} methods of one socket one at a time; {@link #send(String)} and the
 * {@code close} methods may be called from any thread.
 */
public final class CorePageSocket implements FrameHandler, PageLink {
    private static final Logger LOG = LoggerFactory.getLogger(CorePageSocket.class);
    /** Scratch arrays at most this big are kept per thread; a bigger message gets a one-off array. */
    private static final int KEPT_SCRATCH_BYTES = 64 * 1024;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

    /** What the socket does with the messages of a page it opened. */
    public interface Receiver {
        /**
         * One whole text message, valid UTF-8.
         *
         * @param utf8   the buffer (read during the call only)
         * @param offset where the message starts
         * @param length its length in bytes
         */
        void text(byte[] utf8, int offset, int length);

        /**
         * The socket ended, whoever closed it. Called once, and never before {@link Opener#open} returned.
         *
         * @param reason the close code and reason, in words
         */
        void closed(String reason);
    }

    /** Decides, when the socket opens, whether the page is accepted and who receives its messages. */
    @FunctionalInterface
    public interface Opener {
        /**
         * @param socket the page's socket, to send on and close
         * @return who receives the page's messages
         * @throws BridgeRefusedException when the page is refused; the socket is closed with its code and reason
         */
        Receiver open(CorePageSocket socket) throws BridgeRefusedException;
    }

    private final BridgePolicy policy;
    private final String id;
    private final Opener opener;
    private volatile CoreSession session;
    private volatile Receiver receiver;
    private volatile ScheduledFuture<?> pings;
    /** The message being joined from fragments, or null; touched only by Jetty's frame calls. */
    private byte[] joined;
    private int joinedLength;
    private boolean joining;
    private boolean closedReported;

    /**
     * @param policy the limits and timings to apply
     * @param id     names the socket in logs
     * @param opener called once the WebSocket handshake is done
     */
    public CorePageSocket(BridgePolicy policy, String id, Opener opener) {
        this.policy = policy;
        this.id = id;
        this.opener = opener;
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        coreSession.setIdleTimeout(policy.idleTimeout());
        coreSession.setMaxFrameSize(policy.hardMessageLimitBytes());
        coreSession.setMaxTextMessageSize(policy.hardMessageLimitBytes());
        try {
            receiver = opener.open(this);
        } catch (BridgeRefusedException e) {
            callback.succeeded();
            close(e.closeCode(), e.getMessage());
            coreSession.demand(); // to read the page's answering close frame
            return;
        } catch (RuntimeException e) {
            LOG.error("bridge socket {}: opening failed", id, e);
            callback.failed(e);
            return;
        }
        pings = Keepalive.every(policy.pingInterval(), this::ping);
        callback.succeeded();
        coreSession.demand(); // Jetty's core reads nothing until asked: one frame per demand
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        try {
            switch (frame.getOpCode()) {
                case OpCode.TEXT -> {
                    joining = true;
                    joinedLength = 0;
                    data(frame);
                }
                case OpCode.CONTINUATION -> {
                    if (joining) {
                        data(frame);
                    }
                }
                case OpCode.BINARY -> LOG.debug("bridge socket {}: ignored a binary message", id);
                default -> {
                    // Ping, pong and close: Jetty answers pings and closes once the callback succeeds.
                }
            }
        } catch (RuntimeException e) {
            LOG.error("bridge socket {}: a message could not be handled", id, e); // the next ones still count
        }
        callback.succeeded();
        demandNext();
    }

    /** Asks for the next frame; a socket that has closed meanwhile wants none. */
    private void demandNext() {
        CoreSession s = session;
        if (s == null || s.isClosed()) {
            return;
        }
        try {
            s.demand();
        } catch (RuntimeException e) {
            LOG.debug("bridge socket {}: no further frames ({})", id, e.toString());
        }
    }

    /** One frame of a text message (a continuation frame of a binary message is never joined). */
    private void data(Frame frame) {
        ByteBuffer payload = frame.getPayload();
        int n = payload == null ? 0 : payload.remaining();
        if (frame.isFin() && joinedLength == 0) {
            joining = false;
            if (n > 0 && payload.hasArray()) {
                deliver(payload.array(), payload.arrayOffset() + payload.position(), n);
            } else {
                byte[] scratch = scratch(n);
                if (n > 0) {
                    payload.duplicate().get(scratch, 0, n);
                }
                deliver(scratch, 0, n);
            }
            return;
        }
        if ((long) joinedLength + n > policy.hardMessageLimitBytes()) {
            joining = false;
            joined = null;
            close(PageClose.TOO_BIG, "the message is larger than " + policy.hardMessageLimitBytes() + " bytes");
            return;
        }
        if (joined == null || joined.length < joinedLength + n) {
            joined = Arrays.copyOf(joined == null ? new byte[0] : joined, Math.max(joinedLength + n, 2 * joinedLength));
        }
        if (n > 0) {
            payload.duplicate().get(joined, joinedLength, n);
        }
        joinedLength += n;
        if (frame.isFin()) {
            byte[] whole = joined;
            int length = joinedLength;
            joined = null;
            joinedLength = 0;
            joining = false;
            deliver(whole, 0, length);
        }
    }

    private static byte[] scratch(int n) {
        byte[] s = SCRATCH.get();
        if (s.length >= n) {
            return s;
        }
        byte[] bigger = new byte[Math.max(n, 2 * s.length)];
        if (bigger.length <= KEPT_SCRATCH_BYTES) {
            SCRATCH.set(bigger);
        }
        return bigger;
    }

    private void deliver(byte[] utf8, int offset, int length) {
        int bad = Utf8.invalidAt(utf8, offset, length);
        if (bad >= 0) {
            LOG.error("bridge socket {}: a text message is not valid UTF-8 (byte {} of {}); closing with 1007",
                    id, bad - offset, length);
            closeWith(CloseStatus.BAD_PAYLOAD, "text message is not valid UTF-8");
            return;
        }
        Receiver r = receiver;
        if (r != null) {
            r.text(utf8, offset, length);
        }
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        LOG.debug("bridge socket {} failed", id, cause);
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus status, Callback callback) {
        String ended = Keepalive.ended(pings, status.getCode(), status.getReason());
        Receiver r = receiver;
        if (r != null && !closedReported) {
            closedReported = true;
            r.closed(ended);
        }
        callback.succeeded();
    }

    private void ping() {
        CoreSession s = session;
        if (s != null && s.isOutputOpen()) {
            s.sendFrame(new Frame(OpCode.PING), Callback.from(() -> { }, e ->
                    LOG.debug("bridge socket {}: ping failed", id, e)), false);
        }
    }

    @Override
    public void send(String json) {
        CoreSession s = session;
        if (s == null || !s.isOutputOpen()) {
            LOG.debug("bridge socket {}: a send after the socket closed was dropped", id);
            return;
        }
        s.sendFrame(new Frame(OpCode.TEXT, json), Callback.from(() -> { }, e ->
                LOG.debug("bridge socket {}: send failed", id, e)), false);
    }

    @Override
    public void close(String reason) {
        close(PageClose.NORMAL, reason);
    }

    @Override
    public void close(PageClose code, String reason) {
        closeWith(code.code(), reason);
    }

    private void closeWith(int code, String reason) {
        CoreSession s = session;
        if (s == null || s.isClosed()) {
            return;
        }
        s.close(code, Utf8.closeReason(reason), Callback.from(() -> { }, e ->
                LOG.debug("bridge socket {}: close failed", id, e)));
    }

    @Override
    public String toString() {
        return "CorePageSocket[" + id + "]";
    }
}
