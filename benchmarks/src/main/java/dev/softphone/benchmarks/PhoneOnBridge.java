package dev.softphone.benchmarks;

import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.PhoneListener;
import dev.softphone.amazonconnect.AmazonConnectPlugin;
import dev.softphone.amazonconnect.PageLink;
import dev.softphone.amazonconnect.PageSink;
import dev.softphone.amazonconnect.StreamsBridgeHub;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * One phone with the Amazon Connect plugin and a page attached in process, the way a bridge transport attaches it:
 * messages go straight to the driver's {@link PageSink}; commands the driver sends are dropped. Used by the snapshot
 * pipeline and the many-phones measurements.
 */
public final class PhoneOnBridge implements AutoCloseable {
    private static final PageLink NOWHERE = new PageLink() {
        @Override
        public void send(String json) {
            // the benchmark page runs no commands
        }

        @Override
        public void close(String reason) {
            // nothing to close
        }
    };

    private final Phone phone;
    private final PageSink sink;
    /** The transport's buffer: one per feeding thread, as a server has one per I/O thread, not one per phone. */
    private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[1 << 16]);
    private long seq;

    /**
     * Builds the phone and attaches the page.
     *
     * @param hub      where the driver registers
     * @param id       the phone's id
     * @param executor the phone's executor ({@code Runnable::run} delivers events on the feeding thread)
     * @param listener receives the phone's events
     */
    public PhoneOnBridge(StreamsBridgeHub hub, String id, Executor executor, PhoneListener listener) {
        PhoneBuilder b = Phone.builder().id(id).plugin(new AmazonConnectPlugin(hub)).listener(listener);
        if (executor != null) {
            b.executor(executor);
        }
        this.phone = b.build();
        this.sink = hub.find(id).orElseThrow(() -> new IllegalStateException("phone " + id + " did not register"));
        sink.pageAttached(NOWHERE);
    }

    /**
     * Plays messages as they are (with their own sequence numbers), for example {@link AgentUpdates#setup()}.
     *
     * @param messages the messages
     */
    public void play(List<String> messages) {
        for (String m : messages) {
            sink.pageMessage(m);
            int at = m.indexOf("\"seq\":");
            if (at >= 0) {
                int end = at + 6;
                while (Character.isDigit(m.charAt(end))) {
                    end++;
                }
                seq = Long.parseLong(m.substring(at + 6, end));
            }
        }
    }

    /**
     * Delivers one message as a transport that holds the frame's bytes does: written into the transport's reused
     * buffer, handed to the driver as UTF-8 ({@link PageSink#pageMessage(byte[], int, int)}).
     *
     * @param template the message, given the next sequence number
     */
    public void deliver(AgentUpdates.Template template) {
        byte[] buffer = BUFFER.get();
        int n = template.write(++seq, buffer);
        sink.pageMessage(buffer, 0, n);
    }

    /**
     * Delivers one message as a transport that decodes text frames does (the Jakarta WebSocket API hands over a
     * {@code String}): written into the reused buffer, decoded, handed over as text.
     *
     * @param template the message, given the next sequence number
     */
    public void deliverAsString(AgentUpdates.Template template) {
        byte[] buffer = BUFFER.get();
        int n = template.write(++seq, buffer);
        sink.pageMessage(new String(buffer, 0, n, StandardCharsets.UTF_8));
    }

    /**
     * Delivers one message that carries its own sequence number the way {@link #deliver(AgentUpdates.Template)} does:
     * UTF-8 bytes handed to the driver as they are ({@link PageSink#pageMessage(byte[], int, int)}).
     *
     * @param utf8 the message
     */
    public void deliver(byte[] utf8) {
        sink.pageMessage(utf8, 0, utf8.length);
    }

    /** @return the phone */
    public Phone phone() {
        return phone;
    }

    @Override
    public void close() {
        phone.close();
    }
}
