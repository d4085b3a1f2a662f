package dev.softphone.testkit.amazon;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Translates between the page ↔ CCP-iframe conduit of amazon-connect-streams and the bridge vocabulary of
 * {@link SimulatedCcp}, so that a stand-in CCP page can be driven by the same behaviour model as the in-process tests.
 *
 * <p>Page → CCP: an {@code api_request} ({@code {event, requestId, method, params}}, {@code method} a
 * {@code connect.ClientMethods} value) becomes a bridge {@code command} whose {@code id} is the request id
 * ({@link #command(JsonNode)}); the conduit event {@code terminate} becomes the model's {@code logout}
 * ({@link #terminate()}); a {@code broadcast} comes straight back down as its inner event, as the worker echoes it to
 * every CCP ({@link #broadcast(JsonNode)}).
 *
 * <p>CCP → page ({@link #toConduit(String)}): the model's {@code agent.update} becomes the conduit event
 * {@code agent::update} with the same {@code {snapshot, configuration}}; a {@code streams.event} becomes the event of
 * that name; a {@code result} becomes the {@code api_response} of the request with that id, with {@code err} the JSON
 * text of the service error (what the Streams worker sends) and, for {@code getEndpoints}, one page of the quick
 * connects with the {@code nextToken} the library's pagination loop follows. The first {@code agent.update} after the
 * CCP connected (or after a logout) is preceded by {@code acknowledge {id}}: the worker acknowledges a CCP port only
 * once the agent's session exists, which is what completes the page's {@code initCCP}.
 *
 * <p>Not thread-safe; {@link CcpStandInServer} calls it under its own lock.
 */
public final class StreamsConduitTranslator {
    /** The Streams client methods the model answers, with the bridge op each becomes. */
    public static final Map<String, String> OPS;

    static {
        Map<String, String> ops = new LinkedHashMap<>();
        ops.put("putAgentState", "setState");
        ops.put("createOutboundContact", "connect");
        ops.put("createAdditionalConnection", "addConnection");
        ops.put("conferenceConnections", "conference");
        ops.put("toggleActiveConnections", "toggle");
        ops.put("holdConnection", "hold");
        ops.put("resumeConnection", "resume");
        ops.put("destroyConnection", "destroy");
        ops.put("sendDigits", "sendDigits");
        ops.put("acceptContact", "accept");
        ops.put("rejectContact", "reject");
        ops.put("clearContact", "clear");
        ops.put("muteParticipant", "mute");
        ops.put("unmuteParticipant", "unmute");
        ops.put("getEndpoints", "getEndpoints");
        OPS = java.util.Collections.unmodifiableMap(ops);
    }

    /** Request ids of the conduit events that are not API requests ({@code terminate}) start with this. */
    public static final String INTERNAL_ID_PREFIX = "stand-in-";

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TOKEN_PREFIX = "offset:";

    private final int endpointPageSize;
    private final Map<String, JsonNode> pending = new LinkedHashMap<>();
    private boolean acknowledged;
    private int ports;
    private int internalIds;

    /**
     * @param endpointPageSize the most quick connects one {@code getEndpoints} answer carries (the service pages
     *                         its answers; a small size makes the library's pagination loop run)
     */
    public StreamsConduitTranslator(int endpointPageSize) {
        if (endpointPageSize < 1) {
            throw new IllegalArgumentException("endpointPageSize must be at least 1, got " + endpointPageSize);
        }
        this.endpointPageSize = endpointPageSize;
    }

    /**
     * A CCP page (re)connected: like a new port of the Streams worker, it is acknowledged with the next snapshot.
     */
    public void ccpConnected() {
        acknowledged = false;
        ports++;
    }

    /**
     * Translates one {@code api_request} into the model's command.
     *
     * @param request the request ({@code {event, requestId, method, params}})
     * @return the command JSON, or empty when the model has no such operation (answer with {@link #unsupported})
     * @throws IllegalArgumentException when the request has no {@code requestId} or {@code method}
     */
    public Optional<String> command(JsonNode request) {
        String requestId = request.path("requestId").asString("");
        String method = request.path("method").asString("");
        if (requestId.isEmpty() || method.isEmpty()) {
            throw new IllegalArgumentException("an api_request needs requestId and method, got " + request);
        }
        String op = OPS.get(method);
        if (op == null) {
            return Optional.empty();
        }
        pending.put(requestId, request);
        ObjectNode args = request.path("params").isObject() ? ((ObjectNode) request.path("params")).deepCopy()
                : NODES.objectNode();
        // Pagination is the service's business, done here on the model's full list.
        args.remove("nextToken");
        args.remove("maxResults");
        ObjectNode command = NODES.objectNode();
        command.put("type", "command").put("id", requestId).put("op", op).set("args", args);
        return Optional.of(command.toString());
    }

    /**
     * The page sent {@code terminate} (the logout recipe): the model's {@code logout} command.
     *
     * @return the command JSON; its result is not sent to the page (nobody asked for it)
     */
    public String terminate() {
        ObjectNode command = NODES.objectNode();
        command.put("type", "command").put("id", INTERNAL_ID_PREFIX + "terminate-" + (++internalIds))
                .put("op", "logout").putObject("args");
        return command.toString();
    }

    /**
     * The page sent {@code broadcast {event, data}} (how Streams publishes {@code contact::accepted}, metrics and
     * view requests to every tab): the Streams worker sends the inner event down to every CCP, which passes it to its
     * page. Nothing reaches the model.
     *
     * @param data the broadcast's data
     * @return the conduit message to send down, or empty when the broadcast names no event
     */
    public Optional<ObjectNode> broadcast(JsonNode data) {
        String name = data.path("event").asString("");
        return name.isEmpty() ? Optional.empty() : Optional.of(event(name, data.path("data")));
    }

    /**
     * The answer to a request the model does not implement: a failed {@code api_response}.
     *
     * @param request the request
     * @return the conduit message
     */
    public ObjectNode unsupported(JsonNode request) {
        ObjectNode err = NODES.objectNode().put("type", "UnsupportedOperationException")
                .put("message", "the stand-in CCP does not implement " + request.path("method").asString(""));
        return apiResponse(request.path("requestId").asString(""), NODES.nullNode(), err.toString());
    }

    /**
     * Translates one message of the model (bridge protocol, DESIGN §6) into the conduit messages the CCP sends down
     * to the page.
     *
     * @param bridgeMessage the model's message
     * @return the conduit messages ({@code {event, data}}), possibly none
     */
    public List<ObjectNode> toConduit(String bridgeMessage) {
        JsonNode m = JSON.readTree(bridgeMessage);
        List<ObjectNode> out = new ArrayList<>();
        switch (m.path("type").asString("")) {
            case "agent.update" -> {
                if (!acknowledged) {
                    acknowledged = true;
                    out.add(event("acknowledge", NODES.objectNode().put("id", "stand-in-port-" + ports)));
                }
                out.add(event("agent::update", m.path("data")));
            }
            case "streams.event" -> {
                String name = m.path("name").asString("");
                if ("terminated".equals(name) || "auth_fail".equals(name)) {
                    acknowledged = false;
                }
                out.add(event(name, m.path("data")));
            }
            case "result" -> {
                JsonNode request = pending.remove(m.path("id").asString(""));
                if (request != null) {
                    out.add(answer(request, m));
                }
            }
            default -> {
                // hello: the page's own bridge says hello; the CCP has nothing to send for it.
            }
        }
        return out;
    }

    /**
     * The model failed on a request (threw instead of answering): the request fails, as a service error would.
     *
     * @param requestId the request's id
     * @param message   what went wrong
     * @return the failed {@code api_response}, or empty when no such request is waiting
     */
    public Optional<ObjectNode> modelFailed(String requestId, String message) {
        JsonNode request = pending.remove(requestId);
        if (request == null) {
            return Optional.empty();
        }
        ObjectNode err = NODES.objectNode().put("type", "ServiceException").put("message", message);
        return Optional.of(apiResponse(requestId, NODES.nullNode(), err.toString()));
    }

    /** @return the API requests sent to the model and not answered yet */
    public List<JsonNode> pending() {
        return List.copyOf(pending.values());
    }

    private ObjectNode answer(JsonNode request, JsonNode result) {
        String requestId = request.path("requestId").asString("");
        if (!result.path("ok").asBoolean(false)) {
            JsonNode error = result.path("error");
            ObjectNode err = NODES.objectNode().put("type", error.path("type").asString("StreamsError"))
                    .put("message", error.path("message").asString(""));
            return apiResponse(requestId, NODES.nullNode(), err.toString());
        }
        JsonNode data = result.path("data");
        if ("getEndpoints".equals(request.path("method").asString(""))) {
            data = endpointPage(data.path("endpoints"), request.path("params"));
        }
        return apiResponse(requestId, data, null);
    }

    /** One page of quick connects, as the CTI {@code GetEndpoints} answers: {@code {endpoints, nextToken}}. */
    private ObjectNode endpointPage(JsonNode all, JsonNode params) {
        int from = 0;
        String token = params.path("nextToken").asString("");
        if (token.startsWith(TOKEN_PREFIX)) {
            from = Integer.parseInt(token.substring(TOKEN_PREFIX.length()));
        }
        int max = params.path("maxResults").asInt(endpointPageSize);
        int size = Math.min(endpointPageSize, Math.max(1, max));
        int to = Math.min(all.size(), from + size);
        ObjectNode page = NODES.objectNode();
        ArrayNode endpoints = page.putArray("endpoints");
        for (int i = from; i < to; i++) {
            endpoints.add(all.get(i));
        }
        if (to < all.size()) {
            page.put("nextToken", TOKEN_PREFIX + to);
        } else {
            page.putNull("nextToken");
        }
        return page;
    }

    private static ObjectNode apiResponse(String requestId, JsonNode data, String err) {
        ObjectNode response = NODES.objectNode();
        response.put("event", "api_response").put("requestId", requestId).set("data", data);
        if (err == null) {
            response.putNull("err");
        } else {
            response.put("err", err);
        }
        return event("api_response", response);
    }

    private static ObjectNode event(String name, JsonNode data) {
        ObjectNode e = NODES.objectNode();
        e.put("event", Objects.requireNonNull(name, "name")).set("data", data == null ? NODES.nullNode() : data);
        return e;
    }
}
