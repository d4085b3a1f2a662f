package dev.softphone.amazonconnect;

import dev.softphone.amazonconnect.internal.bridge.CoreBridgeMount;
import dev.softphone.amazonconnect.internal.bridge.ScriptServlet;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.resource.ResourceFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A small embedded web server (Jetty 12) for running the bridge without an application container: it serves
 * {@code /softphone/streams-bridge.js} (and its {@code .d.ts}) from this jar, accepts bridge pages at
 * {@code /softphone/bridge}, and can serve a folder of static files (the agent page). For standalone use, the demo,
 * tests, and a server that hosts the bridge for a whole contact center.
 *
 * <p>The bridge socket behaves exactly as the {@link StreamsBridgeEndpoint} does in a container (same pairing, close
 * codes, limits, pings and idle timeout), but runs on Jetty's WebSocket core API instead of the Jakarta one: the core
 * API hands over the frames' bytes, so the driver reads each snapshot from them without decoding it into a
 * {@code String} first (docs/performance.md, benchmark 3).
 *
 * <p>Needs Jetty on the class path: {@code org.eclipse.jetty:jetty-server},
 * {@code org.eclipse.jetty.ee10:jetty-ee10-servlet} and
 * {@code org.eclipse.jetty.websocket:jetty-websocket-core-server} (optional dependencies of this plugin). Start with
 * {@link #start()}, stop with {@link #close()}.
 *
 * <pre>{@code
 * try (StreamsBridgeServer server = StreamsBridgeServer.builder().hub(hub).port(8080).build().start()) {
 *     URI socket = server.bridgeUri(); // ws://127.0.0.1:8080/softphone/bridge
 * }
 * }</pre>
 */
public final class StreamsBridgeServer implements AutoCloseable {
    /** Where the script is served. */
    public static final String SCRIPT_PATH = "/softphone/streams-bridge.js";

    private final StreamsBridgeHub hub;
    private final String host;
    private final int port;
    private final String bridgePath;
    private final Path staticFiles;
    private Server server;
    private ServerConnector connector;

    private StreamsBridgeServer(Builder b) {
        this.hub = b.hub;
        this.host = b.host;
        this.port = b.port;
        this.bridgePath = b.bridgePath;
        this.staticFiles = b.staticFiles;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts listening.
     *
     * @return this server
     * @throws IllegalStateException when it is already started or Jetty could not start (e.g. the port is taken)
     */
    public synchronized StreamsBridgeServer start() {
        if (server != null) {
            throw new IllegalStateException("the bridge server is already started");
        }
        Server s = new Server();
        ServerConnector c = new ServerConnector(s);
        c.setHost(host);
        c.setPort(port);
        s.addConnector(c);

        ServletContextHandler context = new ServletContextHandler("/");
        if (staticFiles != null) {
            context.setBaseResource(ResourceFactory.of(context).newResource(staticFiles));
            context.addServlet(new ServletHolder("static", DefaultServlet.class), "/");
        }
        ServletHolder script = new ServletHolder("streams-bridge", new ScriptServlet());
        context.addServlet(script, SCRIPT_PATH);
        context.addServlet(script, "/softphone/streams-bridge.d.ts");
        s.setHandler(CoreBridgeMount.bridge(hub, bridgePath, context));
        s.setStopTimeout(2_000);
        try {
            s.start();
        } catch (Exception e) {
            try {
                s.stop();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("the bridge server could not start on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
        server = s;
        connector = c;
        return this;
    }

    /** @return the port it listens on (the real one when built with port 0) */
    public synchronized int port() {
        requireStarted();
        return connector.getLocalPort();
    }

    /** @return {@code http://host:port} */
    public URI baseUri() {
        return URI.create("http://" + uriHost() + ":" + port());
    }

    /** @return the bridge socket's address, {@code ws://host:port/softphone/bridge} (add {@code ?token=}) */
    public URI bridgeUri() {
        return URI.create("ws://" + uriHost() + ":" + port() + bridgePath);
    }

    /** @return the script's address */
    public URI scriptUri() {
        return baseUri().resolve(SCRIPT_PATH);
    }

    /** @return the hub pages are paired through */
    public StreamsBridgeHub hub() {
        return hub;
    }

    private String uriHost() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("the bridge server is not started; call start() first");
        }
    }

    /** Stops the server; open pages are closed with {@link PageClose#GOING_AWAY}. Idempotent. */
    @Override
    public synchronized void close() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the bridge server did not stop cleanly: " + e.getMessage(), e);
        } finally {
            server = null;
            connector = null;
        }
    }

    /** Builds a {@link StreamsBridgeServer}. Not thread-safe. */
    public static final class Builder {
        private StreamsBridgeHub hub = StreamsBridgeHub.shared();
        private String host = "127.0.0.1";
        private int port;
        private String bridgePath = StreamsBridgeEndpoint.DEFAULT_PATH;
        private Path staticFiles;

        private Builder() {
        }

        /**
         * @param hub where pages are paired (default {@link StreamsBridgeHub#shared()})
         * @return this builder
         */
        public Builder hub(StreamsBridgeHub hub) {
            this.hub = Objects.requireNonNull(hub, "hub");
            return this;
        }

        /**
         * @param host the address to listen on (default {@code 127.0.0.1}; {@code 0.0.0.0} for all)
         * @return this builder
         */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * @param port the port (default 0: any free port, see {@link #port()})
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param path where the socket is mounted (default {@value StreamsBridgeEndpoint#DEFAULT_PATH})
         * @return this builder
         */
        public Builder bridgePath(String path) {
            if (path == null || !path.startsWith("/")) {
                throw new IllegalArgumentException("the bridge path must start with '/', got " + path);
            }
            this.bridgePath = path;
            return this;
        }

        /**
         * @param folder a folder whose files are served at the root (the agent page); none by default
         * @return this builder
         */
        public Builder staticFiles(Path folder) {
            if (folder != null && !Files.isDirectory(folder)) {
                throw new IllegalArgumentException("static files folder " + folder + " does not exist");
            }
            this.staticFiles = folder;
            return this;
        }

        /** @return the server, not started yet */
        public StreamsBridgeServer build() {
            return new StreamsBridgeServer(this);
        }
    }
}
