package dev.softphone.benchmarks;

import dev.softphone.amazonconnect.BridgePolicy;
import dev.softphone.amazonconnect.PageLink;
import dev.softphone.amazonconnect.internal.bridge.JakartaPageLink;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bare-echo baseline's server: a Jetty 12 server configured exactly as {@code StreamsBridgeServer} configures
 * its own (default {@link ServerConnector} on loopback, a {@link ServletContextHandler} at {@code /}, the Jakarta
 * WebSocket container with the same text-buffer limit, the same idle timeout per socket) with one plain endpoint
 * instead of the bridge. {@code StreamsBridgeServer} has no way to mount a second endpoint, so the echo runs on this
 * identical configuration in the same JVM.
 *
 * <p>The server side starts each round trip, as the bridge does with a command: {@link #send(int, String)} writes a
 * text message to page {@code i} through the plugin's own {@link JakartaPageLink} (the send path the bridge uses),
 * the page answers like a bridge page answers a command, and the answer's text goes to the answer handler on the
 * container's thread. Nothing is parsed beyond what the handler does.
 */
final class EchoServer implements AutoCloseable {
    /** Where the endpoint is mounted. */
    static final String PATH = "/bench/echo";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<PageLink> links = new CopyOnWriteArrayList<>();

    /**
     * Starts the server on a free loopback port.
     *
     * @param policy  the bridge policy whose limits the sockets get
     * @param answers receives every text message a page sends
     */
    EchoServer(BridgePolicy policy, Consumer<String> answers) {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Echo.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new Echo(policy, answers, links));
                    }
                }).build();
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(policy.hardMessageLimitBytes());
            container.addEndpoint(config);
        });
        server.setHandler(context);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the echo server could not start: " + e.getMessage(), e);
        }
    }

    /** @return the echo socket's address */
    URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + PATH);
    }

    /** @return how many pages are connected */
    int pages() {
        return links.size();
    }

    /**
     * Sends a message to a page.
     *
     * @param page the page's index (in connection order)
     * @param text the message
     */
    void send(int page, String text) {
        links.get(page).send(text);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** The echo endpoint: remembers each socket's link in connection order and hands answers on. */
    public static final class Echo extends Endpoint {
        private final BridgePolicy policy;
        private final Consumer<String> answers;
        private final List<PageLink> links;

        Echo(BridgePolicy policy, Consumer<String> answers, List<PageLink> links) {
            this.policy = policy;
            this.answers = answers;
            this.links = links;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(policy.hardMessageLimitBytes());
            session.setMaxIdleTimeout(policy.idleTimeout().toMillis());
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) answers::accept);
            links.add(new JakartaPageLink(session));
        }
    }
}
