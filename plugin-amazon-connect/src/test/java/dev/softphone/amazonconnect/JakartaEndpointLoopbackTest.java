package dev.softphone.amazonconnect;

import dev.softphone.amazonconnect.internal.bridge.ScriptServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.DisplayName;

import java.net.URI;

/**
 * The bridge contract on {@link StreamsBridgeEndpoint} registered in a servlet container the way an application
 * registers it (docs/amazon-connect.md): Jetty 12's Jakarta WebSocket container, with the script servlet beside it.
 */
@DisplayName("Bridge over a loopback WebSocket: Jakarta endpoint in a servlet container")
class JakartaEndpointLoopbackTest extends BridgeLoopbackContract {
    @Override
    BridgeTransportUnderTest startServer(StreamsBridgeHub hub) {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder script = new ServletHolder("streams-bridge", new ScriptServlet());
        context.addServlet(script, StreamsBridgeServer.SCRIPT_PATH);
        context.addServlet(script, "/softphone/streams-bridge.d.ts");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(hub.policy().hardMessageLimitBytes());
            container.addEndpoint(StreamsBridgeEndpoint.config(hub));
        });
        server.setHandler(context);
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("the test container did not start", e);
        }
        URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        return new BridgeTransportUnderTest() {
            @Override
            public URI bridgeUri() {
                return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + StreamsBridgeEndpoint.DEFAULT_PATH);
            }

            @Override
            public URI baseUri() {
                return base;
            }

            @Override
            public void close() {
                try {
                    server.stop();
                } catch (Exception e) {
                    throw new IllegalStateException("the test container did not stop", e);
                }
            }
        };
    }
}
