package dev.softphone.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's web server (the JDK's built-in HTTP server): serves the page ({@code index.html}, {@code app.js},
 * {@code app.css} from this jar) and a small JSON API that stands for the application's own backend.
 *
 * <ul>
 *   <li>{@code GET /api/state?after=N} — agent state, calls, events after seq N, the CCP window's view;</li>
 *   <li>{@code POST /api/phone/VERB} — a {@code Phone} verb (JSON body with its arguments);</li>
 *   <li>{@code POST /api/ccp/ACTION} — the agent clicking in the softphone window, or the contact center.</li>
 * </ul>
 */
final class ServeHttp implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, String> PAGES = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css");

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "serve-http");
        t.setDaemon(true);
        return t;
    });
    private final ServeSession session;

    private ServeHttp(ServeSession session, String host, int port) throws IOException {
        this.session = session;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
    }

    /**
     * Starts serving.
     *
     * @param session the live system
     * @param host    the address to listen on
     * @param port    the port (0 for any free one)
     * @return the started server
     * @throws IOException when the port cannot be bound
     */
    static ServeHttp start(ServeSession session, String host, int port) throws IOException {
        ServeHttp http = new ServeHttp(session, host, port);
        http.server.start();
        return http;
    }

    /** @return the page's address */
    URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getHostString();
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    private void handle(HttpExchange x) throws IOException {
        // Not try-with-resources: the exchange must stay open for the error answers below.
        try {
            String path = x.getRequestURI().getPath();
            String method = x.getRequestMethod();
            if ("GET".equals(method) && PAGES.containsKey(path)) {
                page(x, PAGES.get(path));
            } else if ("GET".equals(method) && "/api/state".equals(path)) {
                json(x, 200, session.state(after(x.getRequestURI().getRawQuery())));
            } else if ("POST".equals(method) && path.startsWith("/api/phone/")) {
                json(x, 200, session.phone(path.substring("/api/phone/".length()), body(x)));
            } else if ("POST".equals(method) && path.startsWith("/api/ccp/")) {
                session.ccp(path.substring("/api/ccp/".length()), body(x));
                json(x, 200, JSON.createObjectNode().put("ok", true));
            } else {
                json(x, 404, error("no such page: " + method + " " + path));
            }
        } catch (IllegalArgumentException e) {
            json(x, 400, error(e.getMessage()));
        } catch (IllegalStateException e) {
            json(x, 409, error(e.getMessage()));
        } catch (RuntimeException e) {
            json(x, 500, error(e.toString()));
        } finally {
            x.close();
        }
    }

    private static long after(String query) {
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("after=")) {
                    try {
                        return Long.parseLong(part.substring(6));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("after must be a number, got " + part.substring(6));
                    }
                }
            }
        }
        return 0;
    }

    private static Map<String, String> body(HttpExchange x) throws IOException {
        byte[] bytes = x.getRequestBody().readNBytes(64 * 1024);
        Map<String, String> args = new LinkedHashMap<>();
        if (bytes.length == 0) {
            return args;
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the request body is not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        node.properties().forEach(e -> args.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
        return args;
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("ok", false).put("error", message);
    }

    private static void page(HttpExchange x, String name) throws IOException {
        try (InputStream in = ServeHttp.class.getResourceAsStream("serve/" + name)) {
            if (in == null) {
                json(x, 500, error("the page " + name + " is missing from the jar"));
                return;
            }
            byte[] bytes = in.readAllBytes();
            String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
                    : "text/html";
            x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static void json(HttpExchange x, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
