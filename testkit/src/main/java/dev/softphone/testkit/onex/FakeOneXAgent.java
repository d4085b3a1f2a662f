package dev.softphone.testkit.onex;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Avaya one-X Agent: a real HTTP server on loopback that speaks the one-X Agent API
 * ({@code /onexagent/api/...}, GET only, XML answers with a {@code ResponseCode} attribute) the way
 * {@code docs/avaya-onex.md} and the research reference describe it.
 *
 * <p>What it does, like the real one: one FIFO notification queue per registered client, every notification copied to
 * every registered client, {@code QueueEmpty} without blocking when nothing is queued, extra query parameters and a
 * trailing slash tolerated, 404 for any path the API does not have (transfer, conference, DTMF, agent state). Hold,
 * unhold, mute and unmute produce no notification.
 *
 * <p>What the real one's behaviour is unknown for, made configurable here: the {@code ResponseCode} for an unknown
 * client id or interaction id ({@link #respondToUnknownIdsWith(int)}), the {@code TimeStamp} format (ISO-8601 here).
 *
 * <p>Test hooks (not part of the real API): {@link #incomingCall(String, String, String)},
 * {@link #farEndHangsUp(String)}, {@link #callerAbandons(String)}, {@link #agentAnswersByHand(String)},
 * {@link #agentDialsByHand(String)}, inspection of the hold and mute state it believes in, and the failure modes:
 * {@link #stopServing()} / {@link #resumeServing()} (one-X not running: connection refused, same port afterwards),
 * {@link #restart()} (every client id invalid), {@link #answerSlowly(Duration, String...)}.
 *
 * <p>Thread-safe. Close it to free the port and its threads.
 */
public final class FakeOneXAgent implements AutoCloseable {
    /** {@code ResponseCode} for success. */
    public static final int OK = 0;
    /** {@code ResponseCode} for a client name that is already registered (assumed from one client's handler). */
    public static final int ALREADY_REGISTERED = 1;
    /** Default {@code ResponseCode} for an unknown client id or interaction id (the real value is not documented). */
    public static final int DEFAULT_UNKNOWN_ID_CODE = 2;
    /** {@code ResponseCode} for a request that lacks a parameter or is impossible in the interaction's state. */
    public static final int BAD_REQUEST = 3;

    private static final String PREFIX = "/onexagent/api/";

    private final Object lock = new Object();
    private final ExecutorService handlers;
    private final ScheduledExecutorService delays;
    private final Map<String, Client> clientsById = new LinkedHashMap<>();
    private final Map<String, FakeInteraction> interactions = new LinkedHashMap<>();
    private final Map<String, Duration> delayByRoute = new HashMap<>();
    private final Map<String, Deque<String>> rawAnswers = new HashMap<>();
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger nextClient = new AtomicInteger(1);
    private final AtomicInteger nextInteraction = new AtomicInteger(1);
    private final AtomicInteger nextNotification = new AtomicInteger(1);
    private final int port;
    private HttpServer server;
    private int unknownIdCode = DEFAULT_UNKNOWN_ID_CODE;
    private boolean muted;
    private int generation = 1;

    private FakeOneXAgent(int requestedPort) {
        this.handlers = Executors.newCachedThreadPool(daemon("fake-onex-http"));
        this.delays = Executors.newSingleThreadScheduledExecutor(daemon("fake-onex-delay"));
        this.server = bind(requestedPort);
        this.port = server.getAddress().getPort();
    }

    /**
     * Starts a fake on a free loopback port.
     *
     * @return the running fake
     */
    public static FakeOneXAgent start() {
        return new FakeOneXAgent(0);
    }

    /**
     * Starts a fake on a given loopback port.
     *
     * @param port the port (0 for a free one)
     * @return the running fake
     */
    public static FakeOneXAgent start(int port) {
        return new FakeOneXAgent(port);
    }

    /** @return the base URL to configure as {@code avaya-onex.base-url}, without {@code /onexagent/api} */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** @return the port the fake listens on (kept across {@link #stopServing()} / {@link #resumeServing()}) */
    public int port() {
        return port;
    }

    // ----- failure modes -----

    /** one-X Agent stops running: the port refuses connections until {@link #resumeServing()}. State is kept. */
    public void stopServing() {
        synchronized (lock) {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
    }

    /** one-X Agent serves again on the same port. */
    public void resumeServing() {
        synchronized (lock) {
            if (server == null) {
                server = bind(port);
            }
        }
    }

    /** @return false between {@link #stopServing()} and {@link #resumeServing()} */
    public boolean isServing() {
        synchronized (lock) {
            return server != null;
        }
    }

    /**
     * one-X Agent restarted: every client id and every interaction is gone; clients must register again. Mute is
     * reset.
     */
    public void restart() {
        synchronized (lock) {
            clientsById.clear();
            interactions.clear();
            muted = false;
            generation++;
        }
    }

    /**
     * Sets the {@code ResponseCode} answered for an unknown {@code clientid} or {@code interactionid}.
     *
     * @param code a non-zero code
     */
    public void respondToUnknownIdsWith(int code) {
        if (code == OK) {
            throw new IllegalArgumentException("an unknown id must get a non-zero ResponseCode");
        }
        synchronized (lock) {
            unknownIdCode = code;
        }
    }

    /**
     * Answers slowly: each response to the given routes is sent only after the delay (the HTTP thread is not
     * blocked meanwhile).
     *
     * @param delay  the delay; zero to answer at once again
     * @param routes routes like {@code voice/hold} or {@code nextnotification}; none means every route
     */
    public void answerSlowly(Duration delay, String... routes) {
        synchronized (lock) {
            if (routes.length == 0) {
                delayByRoute.clear();
                delayByRoute.put("*", delay);
            } else {
                for (String route : routes) {
                    delayByRoute.put(route, delay);
                }
            }
        }
    }

    /**
     * Answers the next request to a route with this exact body instead of the normal answer (malformed XML, a DTD,
     * an unexpected root). The request still counts as received; the model is not changed.
     *
     * @param route a route like {@code nextnotification}
     * @param body  the whole response body, sent with status 200
     */
    public void answerNextRaw(String route, String body) {
        synchronized (lock) {
            rawAnswers.computeIfAbsent(route, r -> new ArrayDeque<>()).add(body);
        }
    }

    // ----- test hooks: what happens on the agent's phone -----

    /**
     * A call arrives for the agent and alerts: {@code VoiceInteractionCreated} with {@code Outbound="False"}.
     *
     * @param number    the caller's number ({@code RemoteAddress})
     * @param name      the caller's display name ({@code RemoteUser}), may be null
     * @param topic     the skill or VDN label ({@code Topic}), may be null
     * @return the interaction's {@code ObjectId}
     */
    public String incomingCall(String number, String name, String topic) {
        return incomingCall(number, name, topic, null);
    }

    /**
     * A call arrives for the agent and alerts, and the switch gave it a Universal Call ID: its
     * {@code VoiceInteractionCreated} carries a {@code UCID} attribute. The switch keeps the UCID when an agent
     * transfers the call, so a call transferred from another agent arrives with the UCID that agent's one-X showed.
     *
     * @param number    the caller's number ({@code RemoteAddress})
     * @param name      the caller's display name ({@code RemoteUser}), may be null
     * @param topic     the skill or VDN label ({@code Topic}), may be null
     * @param ucid      the UCID, or null to leave the attribute out (as some one-X versions do)
     * @return the interaction's {@code ObjectId}
     */
    public String incomingCall(String number, String name, String topic, String ucid) {
        synchronized (lock) {
            return announce(false, number, name, topic, ucid, FakeInteraction.State.ALERTING);
        }
    }

    /**
     * The far end hangs up: {@code VoiceInteractionTerminated}.
     *
     * @param objectId the interaction
     */
    public void farEndHangsUp(String objectId) {
        synchronized (lock) {
            terminate(require(objectId));
        }
    }

    /**
     * An alerting call stops before anyone answered: {@code VoiceInteractionMissed}.
     *
     * @param objectId the interaction
     */
    public void callerAbandons(String objectId) {
        synchronized (lock) {
            FakeInteraction call = require(objectId);
            interactions.remove(objectId);
            broadcast("VoiceInteractionMissed", call.attributes(false));
        }
    }

    /**
     * The agent clicks Answer in the one-X Agent window. The API has no notification for it.
     *
     * @param objectId the interaction
     */
    public void agentAnswersByHand(String objectId) {
        synchronized (lock) {
            require(objectId).state = FakeInteraction.State.ACTIVE;
        }
    }

    /**
     * The agent dials by hand in the one-X Agent window: {@code VoiceInteractionCreated} with
     * {@code Outbound="True"}.
     *
     * @param number the number dialled
     * @return the interaction's {@code ObjectId}
     */
    public String agentDialsByHand(String number) {
        synchronized (lock) {
            return announce(true, number, null, null, null, FakeInteraction.State.ACTIVE);
        }
    }

    /**
     * Queues a raw notification element for every registered client, for tests of unusual input.
     *
     * @param elementXml the notification element, for example {@code <WorkItemAdded ObjectId="W1"/>}
     */
    public void queueRawNotification(String elementXml) {
        synchronized (lock) {
            for (Client c : clientsById.values()) {
                c.queue.add(elementXml);
            }
        }
    }

    // ----- inspection -----

    /** @return the mute state one-X believes in */
    public boolean isMuted() {
        synchronized (lock) {
            return muted;
        }
    }

    /**
     * @param objectId an interaction
     * @return whether one-X holds it, empty when the interaction does not exist
     */
    public Optional<Boolean> isHeld(String objectId) {
        synchronized (lock) {
            FakeInteraction call = interactions.get(objectId);
            return call == null ? Optional.empty() : Optional.of(call.state == FakeInteraction.State.HELD);
        }
    }

    /**
     * @param objectId an interaction
     * @return its state ({@code ALERTING}, {@code ACTIVE}, {@code HELD}), empty when it does not exist
     */
    public Optional<String> interactionState(String objectId) {
        synchronized (lock) {
            FakeInteraction call = interactions.get(objectId);
            return call == null ? Optional.empty() : Optional.of(call.state.name());
        }
    }

    /** @return the ObjectIds of the interactions that exist, oldest first */
    public List<String> interactions() {
        synchronized (lock) {
            return List.copyOf(interactions.keySet());
        }
    }

    /** @return the names of the registered clients, oldest first */
    public List<String> registeredClients() {
        synchronized (lock) {
            return clientsById.values().stream().map(c -> c.name).toList();
        }
    }

    /** @return every request received, as {@code route?query} (route without the API prefix), in order */
    public List<String> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /**
     * @param route a route such as {@code nextnotification}
     * @return how many requests for it were received
     */
    public long requestCount(String route) {
        return requests().stream().filter(r -> r.equals(route) || r.startsWith(route + "?")).count();
    }

    @Override
    public void close() {
        stopServing();
        handlers.shutdownNow();
        delays.shutdownNow();
    }

    // ----- HTTP -----

    private HttpServer bind(int wanted) {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
            s.createContext("/", this::handle);
            s.setExecutor(handlers);
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + wanted, e);
        }
    }

    private void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (!"GET".equalsIgnoreCase(exchange.getRequestMethod()) || path == null || !path.startsWith(PREFIX)) {
            reply(exchange, 404, "", Duration.ZERO);
            return;
        }
        String route = path.substring(PREFIX.length());
        while (route.endsWith("/")) {
            route = route.substring(0, route.length() - 1);
        }
        requests.add(route + (rawQuery == null ? "" : "?" + rawQuery));
        Map<String, String> query = parseQuery(rawQuery);
        String body;
        Duration delay;
        String raw;
        synchronized (lock) {
            Deque<String> scripted = rawAnswers.get(route);
            raw = scripted == null ? null : scripted.poll();
            body = raw != null ? null : route(route, query);
            delay = delayByRoute.getOrDefault(route, delayByRoute.getOrDefault("*", Duration.ZERO));
        }
        if (raw != null) {
            reply(exchange, 200, raw, delay);
        } else if (body == null) {
            reply(exchange, 404, "", delay);
        } else {
            reply(exchange, 200, "<?xml version=\"1.0\" encoding=\"utf-8\"?>" + body, delay);
        }
    }

    /** Answers one request; null for a path the API does not have. Runs under the lock. */
    private String route(String route, Map<String, String> q) {
        switch (route) {
            case "registerclient":
                return register(q.get("name"));
            case "unregisterclient": {
                Client c = clientsById.remove(q.getOrDefault("clientid", ""));
                return response("UnregisterClientResponse", c == null ? unknownIdCode : OK);
            }
            case "nextnotification":
                return nextNotification(q.get("clientid"));
            case "voice/makecall":
                return makeCall(q);
            case "voice/accept":
            case "voice/release":
            case "voice/hold":
            case "voice/unhold":
                return interactionCommand(route.substring("voice/".length()), q);
            case "voice/mute":
            case "voice/unmute":
                if (!clientsById.containsKey(q.getOrDefault("clientid", ""))) {
                    return response(route.equals("voice/mute") ? "MuteResponse" : "UnMuteResponse", unknownIdCode);
                }
                muted = route.equals("voice/mute");
                return response(muted ? "MuteResponse" : "UnMuteResponse", OK);
            default:
                return null;
        }
    }

    private String register(String name) {
        if (name == null || name.isBlank()) {
            return response("RegisterClientResponse", BAD_REQUEST);
        }
        for (Client c : clientsById.values()) {
            if (c.name.equals(name)) {
                return response("RegisterClientResponse", ALREADY_REGISTERED);
            }
        }
        String id = "C" + generation + "-" + nextClient.getAndIncrement() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        clientsById.put(id, new Client(name));
        return "<RegisterClientResponse ResponseCode=\"0\" ClientId=\"" + escape(id) + "\"/>";
    }

    private String nextNotification(String clientId) {
        Client c = clientsById.get(clientId == null ? "" : clientId);
        if (c == null) {
            return response("NextNotificationResponse", unknownIdCode);
        }
        String next = c.queue.poll();
        if (next == null) {
            next = "<QueueEmpty ObjectId=\"\" NotificationId=\"" + nextNotification.getAndIncrement()
                    + "\" TimeStamp=\"" + Instant.now() + "\"/>";
        }
        return "<NextNotificationResponse ResponseCode=\"0\">" + next + "</NextNotificationResponse>";
    }

    private String makeCall(Map<String, String> q) {
        if (!clientsById.containsKey(q.getOrDefault("clientid", ""))) {
            return response("MakeCallResponse", unknownIdCode);
        }
        String number = q.get("number");
        if (number == null || number.isBlank()) {
            return response("MakeCallResponse", BAD_REQUEST);
        }
        announce(true, number, null, null, null, FakeInteraction.State.ACTIVE);
        return response("MakeCallResponse", OK);
    }

    private String interactionCommand(String verb, Map<String, String> q) {
        String root = switch (verb) {
            case "accept" -> "AcceptVoiceInteractionResponse";
            case "release" -> "ReleaseVoiceInteractionResponse";
            case "hold" -> "HoldVoiceInteractionResponse";
            default -> "UnHoldVoiceInteractionResponse";
        };
        if (!clientsById.containsKey(q.getOrDefault("clientid", ""))) {
            return response(root, unknownIdCode);
        }
        FakeInteraction call = interactions.get(q.getOrDefault("interactionid", ""));
        if (call == null) {
            return response(root, unknownIdCode);
        }
        switch (verb) {
            case "accept" -> {
                if (call.state != FakeInteraction.State.ALERTING) {
                    return response(root, BAD_REQUEST);
                }
                call.state = FakeInteraction.State.ACTIVE;
            }
            case "release" -> terminate(call);
            case "hold" -> {
                if (call.state != FakeInteraction.State.ACTIVE) {
                    return response(root, BAD_REQUEST);
                }
                call.state = FakeInteraction.State.HELD;
            }
            default -> {
                if (call.state != FakeInteraction.State.HELD) {
                    return response(root, BAD_REQUEST);
                }
                call.state = FakeInteraction.State.ACTIVE;
            }
        }
        return response(root, OK);
    }

    private void reply(HttpExchange exchange, int status, String body, Duration delay) {
        Runnable send = () -> {
            try (exchange) {
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    exchange.getResponseBody().write(bytes);
                }
            } catch (IOException e) {
                // The client went away (for example it timed out on a slow answer): nothing to do.
            }
        };
        if (delay.isZero() || delay.isNegative()) {
            send.run();
        } else {
            try {
                delays.schedule(send, delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                exchange.close();
            }
        }
    }

    // ----- model -----

    /** Creates an interaction and queues its {@code VoiceInteractionCreated}; returns its ObjectId. */
    private String announce(boolean outbound, String number, String name, String topic, String ucid,
                            FakeInteraction.State state) {
        int n = nextInteraction.getAndIncrement();
        String id = "VI" + n + ":" + UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT);
        FakeInteraction call = new FakeInteraction(id, "WI" + n, outbound, number, name, topic, ucid, state);
        interactions.put(id, call);
        broadcast("VoiceInteractionCreated", call.attributes(true));
        return id;
    }

    private void terminate(FakeInteraction call) {
        interactions.remove(call.objectId);
        broadcast("VoiceInteractionTerminated", call.attributes(true));
    }

    private FakeInteraction require(String objectId) {
        FakeInteraction call = interactions.get(objectId);
        if (call == null) {
            throw new IllegalArgumentException("the fake one-X Agent has no interaction " + objectId
                    + " (interactions: " + interactions.keySet() + ")");
        }
        return call;
    }

    private void broadcast(String element, Map<String, String> attributes) {
        StringBuilder xml = new StringBuilder("<").append(element)
                .append(" NotificationId=\"").append(nextNotification.getAndIncrement()).append('"')
                .append(" TimeStamp=\"").append(Instant.now()).append('"');
        attributes.forEach((k, v) -> xml.append(' ').append(k).append("=\"").append(escape(v)).append('"'));
        xml.append("/>");
        for (Client c : clientsById.values()) {
            c.queue.add(xml.toString());
        }
    }

    private static String response(String root, int code) {
        return "<" + root + " ResponseCode=\"" + code + "\"/>";
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(key, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return out;
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger(1);
        return r -> {
            Thread t = new Thread(r, name + "-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /** A registered client and its notification queue. */
    private static final class Client {
        final String name;
        final Deque<String> queue = new ArrayDeque<>();

        Client(String name) {
            this.name = name;
        }
    }
}
