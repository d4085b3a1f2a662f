package dev.softphone.amazonconnect;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.client.CoreClientUpgradeRequest;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A test page on Jetty's WebSocket core client: it sends exactly the frames it is given (split, binary, not UTF-8),
 * which a browser or the testkit's page never does, and remembers how the socket closed.
 */
final class CoreClientPage implements FrameHandler {
    final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final Duration wait;
    private volatile CoreSession session;

    private CoreClientPage(Duration wait) {
        this.wait = wait;
    }

    /**
     * Opens a page's socket with a pairing token, from the server's own origin.
     *
     * @param client    a started core client
     * @param bridgeUri the bridge socket's address
     * @param origin    the origin to present
     * @param token     the pairing token
     * @param wait      how long connecting and each send may take
     * @return the open page
     * @throws Exception when the socket does not open in time
     */
    static CoreClientPage connect(WebSocketCoreClient client, URI bridgeUri, URI origin, String token, Duration wait)
            throws Exception {
        CoreClientPage page = new CoreClientPage(wait);
        URI uri = URI.create(bridgeUri + "?token=" + token);
        CoreClientUpgradeRequest request = CoreClientUpgradeRequest.from(client, uri, page);
        request.headers(h -> h.put(HttpHeader.ORIGIN, origin.toString()));
        client.connect(request).get(wait.toMillis(), TimeUnit.MILLISECONDS);
        return page;
    }

    /**
     * Sends one frame and waits until it is written.
     *
     * @param frame the frame
     * @throws Exception when it is not written in time
     */
    void send(Frame frame) throws Exception {
        Callback.Completable sent = new Callback.Completable();
        session.sendFrame(frame, sent, false);
        sent.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * @return how the socket closed
     * @throws Exception when it did not close in time
     */
    CloseStatus awaitClosed() throws Exception {
        return closed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(CoreSession coreSession, Callback callback) {
        session = coreSession;
        callback.succeeded();
        coreSession.demand();
    }

    @Override
    public void onFrame(Frame frame, Callback callback) {
        callback.succeeded();
        session.demand();
    }

    @Override
    public void onError(Throwable cause, Callback callback) {
        callback.succeeded();
    }

    @Override
    public void onClosed(CloseStatus closeStatus, Callback callback) {
        closed.complete(closeStatus);
        callback.succeeded();
    }
}
