package dev.softphone.benchmarks;

import dev.softphone.amazonconnect.BridgePolicy;
import dev.softphone.amazonconnect.PageLink;
import dev.softphone.amazonconnect.internal.bridge.CoreBridgeMount;
import dev.softphone.amazonconnect.internal.bridge.CorePageSocket;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The bare-echo baseline's server: a Jetty 12 server configured exactly as {@code StreamsBridgeServer} configures
 * its own (default {@link ServerConnector} on loopback, a {@link ServletContextHandler} at {@code /} behind the
 * WebSocket core upgrade handler, the same {@link CorePageSocket} transport with the same limits, pings and idle
 * timeout) with a plain echo receiver instead of the bridge's hub and session. {@code StreamsBridgeServer} has no
 * way to mount a second socket, so the echo runs on this identical configuration in the same JVM.
 *
 * <p>The server side starts each round trip, as the bridge does with a command: {@link #send(int, String)} writes a
 * text message to page {@code i} through the socket's own {@link PageLink} (the send path the bridge uses), the page
 * answers like a bridge page answers a command, and the answer's text goes to the answer handler on Jetty's thread.
 * Nothing is parsed beyond what the handler does.
 */
final class EchoServer implements AutoCloseable {
    /** Where the socket is mounted. */
    static final String PATH = "/bench/echo";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<PageLink> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger sockets = new AtomicInteger();

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
        server.setHandler(CoreBridgeMount.mount(PATH, request ->
                new CorePageSocket(policy, "echo-" + sockets.incrementAndGet(), socket -> {
                    links.add(socket);
                    return new CorePageSocket.Receiver() {
                        @Override
                        public void text(byte[] utf8, int offset, int length) {
                            answers.accept(new String(utf8, offset, length, StandardCharsets.UTF_8));
                        }

                        @Override
                        public void closed(String reason) {
                            // The benchmark counts unanswered requests; a closed socket shows up there.
                        }
                    };
                }), context));
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
}
