package dev.softphone.amazonconnect.internal.bridge;

import dev.softphone.amazonconnect.BridgeSession;
import dev.softphone.amazonconnect.PageHandshake;
import dev.softphone.amazonconnect.StreamsBridgeEndpoint;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.core.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

import java.util.function.Function;

/**
 * Mounts WebSocket core sockets in front of a Jetty handler: upgrade requests for the path get a
 * {@link FrameHandler}, everything else goes on to {@code next} (the servlet context with the script and the static
 * files).
 */
public final class CoreBridgeMount {
    private CoreBridgeMount() {
    }

    /**
     * Mounts the bridge: every socket at {@code path} is a {@link CorePageSocket} paired through the hub, with the
     * same handshake the Jakarta endpoint reads (query parameter {@value StreamsBridgeEndpoint#TOKEN_PARAMETER},
     * {@code Origin}, {@code Host}).
     *
     * @param hub  where pages are paired
     * @param path where the socket is
     * @param next what handles every other request
     * @return the handler to give the server
     */
    public static Handler bridge(StreamsBridgeHub hub, String path, Handler next) {
        return mount(path, request -> {
            PageHandshake handshake = handshake(request);
            return new CorePageSocket(hub.policy(), handshake.remote(), socket -> {
                BridgeSession session = hub.open(handshake, socket);
                return new CorePageSocket.Receiver() {
                    @Override
                    public void text(byte[] utf8, int offset, int length) {
                        session.receive(utf8, offset, length);
                    }

                    @Override
                    public void closed(String reason) {
                        session.transportClosed(reason);
                    }
                };
            });
        }, next);
    }

    /**
     * Mounts any core socket at a path.
     *
     * @param path    where the socket is
     * @param sockets makes the socket for one upgrade request
     * @param next    what handles every other request
     * @return the handler to give the server
     */
    public static Handler mount(String path, Function<ServerUpgradeRequest, FrameHandler> sockets, Handler next) {
        WebSocketNegotiator negotiator = new WebSocketNegotiator.AbstractNegotiator() {
            @Override
            public FrameHandler negotiate(ServerUpgradeRequest request, ServerUpgradeResponse response,
                    Callback callback) {
                return sockets.apply(request);
            }
        };
        // Mappings are cleared when the handler stops, so they are added on every start.
        WebSocketUpgradeHandler upgrade = new WebSocketUpgradeHandler(h -> h.addMapping(path, negotiator));
        upgrade.setHandler(next);
        return upgrade;
    }

    static PageHandshake handshake(ServerUpgradeRequest request) {
        String token = null;
        try {
            Fields query = Request.extractQueryParameters(request);
            token = query.getValue(StreamsBridgeEndpoint.TOKEN_PARAMETER);
        } catch (RuntimeException e) {
            // A query that cannot be decoded carries no usable token: the hub refuses the page with 4401.
        }
        String host = request.getHeaders().get(HttpHeader.HOST);
        String remote = Request.getRemoteAddr(request) + ":" + Request.getRemotePort(request);
        return new PageHandshake(token, request.getHeaders().get(HttpHeader.ORIGIN), host, remote);
    }
}
