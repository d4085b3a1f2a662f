package dev.softphone.amazonconnect;

import dev.softphone.amazonconnect.internal.bridge.JakartaPageLink;
import dev.softphone.amazonconnect.internal.bridge.Keepalive;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

/**
 * The bridge's standard Jakarta WebSocket endpoint (Jakarta WebSocket 2.1, any Jakarta EE 10 container, Spring Boot
 * with Tomcat/Jetty/Undertow). Register the configuration from {@link #config(StreamsBridgeHub)} with the container
 * ({@code ServerContainer.addEndpoint}, or as a bean next to Spring's {@code ServerEndpointExporter}); the snippets
 * are in {@code docs/amazon-connect.md}.
 *
 * <p>The page opens {@code ws(s)://host/softphone/bridge?token=<pairing token>}. The endpoint reads the token, the
 * {@code Origin} and {@code Host} headers, asks the hub to pair the page, and relays every text message to the
 * {@link BridgeSession}. A refusal closes the socket right after it opened, with the {@link PageClose} code and the
 * reason in words, before anything is relayed. Frames above {@link BridgePolicy#hardMessageLimitBytes()} make the
 * container close the socket ({@link PageClose#TOO_BIG}). The endpoint pings the page every
 * {@link BridgePolicy#pingInterval()} and the container closes a socket silent for {@link BridgePolicy#idleTimeout()}
 * (browsers answer pings by themselves, so only a dead connection goes silent).
 */
public final class StreamsBridgeEndpoint extends Endpoint {
    /** Where the endpoint is mounted unless told otherwise. */
    public static final String DEFAULT_PATH = "/softphone/bridge";
    /** The query parameter that carries the pairing token. */
    public static final String TOKEN_PARAMETER = "token";

    private static final Logger LOG = LoggerFactory.getLogger(StreamsBridgeEndpoint.class);
    private static final String ORIGIN = "softphone.bridge.origin";
    private static final String HOST = "softphone.bridge.host";

    private final StreamsBridgeHub hub;
    private volatile BridgeSession session;
    private volatile ScheduledFuture<?> pings;

    /**
     * @param hub where pages are paired
     */
    public StreamsBridgeEndpoint(StreamsBridgeHub hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    /**
     * @param hub where pages are paired
     * @return the endpoint's configuration at {@link #DEFAULT_PATH}
     */
    public static ServerEndpointConfig config(StreamsBridgeHub hub) {
        return config(hub, DEFAULT_PATH);
    }

    /**
     * @param hub  where pages are paired
     * @param path where to mount it, e.g. {@code /softphone/bridge}
     * @return the endpoint's configuration
     */
    public static ServerEndpointConfig config(StreamsBridgeHub hub, String path) {
        Objects.requireNonNull(hub, "hub");
        return ServerEndpointConfig.Builder.create(StreamsBridgeEndpoint.class, path)
                .configurator(new Configurator(hub))
                .build();
    }

    @Override
    public void onOpen(Session s, EndpointConfig config) {
        BridgePolicy policy = hub.policy();
        s.setMaxTextMessageBufferSize(policy.hardMessageLimitBytes());
        s.setMaxIdleTimeout(policy.idleTimeout().toMillis());
        Map<String, Object> props = config.getUserProperties();
        List<String> tokens = s.getRequestParameterMap().get(TOKEN_PARAMETER);
        String token = tokens == null || tokens.isEmpty() ? null : tokens.get(0);
        PageHandshake handshake = new PageHandshake(token, (String) props.get(ORIGIN), (String) props.get(HOST),
                s.getId());
        JakartaPageLink link = new JakartaPageLink(s);
        try {
            BridgeSession paired = hub.open(handshake, link);
            session = paired;
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) paired::receive);
            pings = Keepalive.every(policy.pingInterval(), () -> ping(s));
        } catch (BridgeRefusedException e) {
            link.close(e.closeCode(), e.getMessage());
        }
    }

    private static void ping(Session s) {
        if (!s.isOpen()) {
            return;
        }
        try {
            s.getAsyncRemote().sendPing(ByteBuffer.allocate(0));
        } catch (IOException | RuntimeException e) {
            LOG.debug("bridge socket {}: ping failed", s.getId(), e);
        }
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
        String ended = Keepalive.ended(pings, reason.getCloseCode().getCode(), reason.getReasonPhrase());
        BridgeSession paired = session;
        if (paired != null) {
            paired.transportClosed(ended);
        }
    }

    @Override
    public void onError(Session s, Throwable error) {
        LOG.debug("bridge socket {} failed", s.getId(), error);
        if (!s.isOpen()) {
            return;
        }
        try {
            s.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "bridge socket error"));
        } catch (IOException e) {
            LOG.debug("closing bridge socket {} failed", s.getId(), e);
        }
    }

    /** Captures the headers the hub checks and makes one endpoint per connection bound to the hub. */
    private static final class Configurator extends ServerEndpointConfig.Configurator {
        private final StreamsBridgeHub hub;

        Configurator(StreamsBridgeHub hub) {
            this.hub = hub;
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            // Jakarta WebSocket 2.1 copies the user properties per connection, so these do not leak between pages.
            sec.getUserProperties().put(ORIGIN, first(request.getHeaders(), "Origin"));
            sec.getUserProperties().put(HOST, first(request.getHeaders(), "Host"));
        }

        @Override
        public boolean checkOrigin(String originHeaderValue) {
            // Decided in onOpen by the hub, so the page learns why (close code 4403) instead of a bare HTTP 403.
            return true;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new StreamsBridgeEndpoint(hub));
        }

        private static String first(Map<String, List<String>> headers, String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }
}
