package dev.softphone.amazonconnect.internal.bridge;

import dev.softphone.amazonconnect.PageClose;
import dev.softphone.amazonconnect.PageLink;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A {@link PageLink} over a Jakarta WebSocket session. Sends are asynchronous and chained: Jakarta forbids starting a
 * text send while the previous one is still writing, and the caller (a phone's serial lane) must not block on the
 * network. Thread-safe.
 */
public final class JakartaPageLink implements PageLink {
    private static final Logger LOG = LoggerFactory.getLogger(JakartaPageLink.class);

    private final Session session;
    private final Deque<String> outbox = new ArrayDeque<>();
    private boolean writing;

    /** @param session the open session */
    public JakartaPageLink(Session session) {
        this.session = session;
    }

    @Override
    public void send(String json) {
        synchronized (outbox) {
            if (writing) {
                outbox.addLast(json);
                return;
            }
            writing = true;
        }
        write(json);
    }

    private void write(String json) {
        try {
            session.getAsyncRemote().sendText(json, result -> {
                if (!result.isOK()) {
                    LOG.debug("bridge socket {}: send failed", session.getId(), result.getException());
                }
                String next;
                synchronized (outbox) {
                    next = outbox.pollFirst();
                    if (next == null) {
                        writing = false;
                        return;
                    }
                }
                write(next);
            });
        } catch (RuntimeException e) {
            LOG.debug("bridge socket {}: send refused", session.getId(), e);
            synchronized (outbox) {
                outbox.clear();
                writing = false;
            }
        }
    }

    @Override
    public void close(String reason) {
        close(PageClose.NORMAL, reason);
    }

    @Override
    public void close(PageClose code, String reason) {
        if (!session.isOpen()) {
            return;
        }
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code.code()), Utf8.closeReason(reason)));
        } catch (IOException | RuntimeException e) {
            LOG.debug("bridge socket {}: close failed", session.getId(), e);
        }
    }
}
