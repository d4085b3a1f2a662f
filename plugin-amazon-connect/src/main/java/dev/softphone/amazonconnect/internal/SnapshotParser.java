package dev.softphone.amazonconnect.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.softphone.amazonconnect.internal.JsonKinds.kind;
import static dev.softphone.amazonconnect.internal.JsonKinds.required;
import static dev.softphone.amazonconnect.internal.JsonKinds.text;

/**
 * Reads the {@code data} of an {@code agent.update} message (Streams' {@code {snapshot, configuration}} payload)
 * into the plugin's model in one streaming pass: no tree is built, values the plugin does not use are skipped without
 * being decoded. Unknown fields are ignored; when a field appears twice the last one counts (as in a JavaScript
 * object); a missing required field or a value of the wrong JSON type is a {@link BadMessageException} naming the
 * path. Stateless.
 *
 * <p>Why streaming: a changed snapshot is 6–9 KB, mostly configuration, and arrives for every change of every agent;
 * building a tree first cost about three times the parse itself (docs/performance.md).
 */
public final class SnapshotParser {

    /**
     * What one update carried.
     *
     * @param snapshot      the snapshot
     * @param configuration the configuration, or null when the message had none (the last one stays valid)
     */
    public record Update(StreamsSnapshot snapshot, StreamsConfiguration configuration) {
    }

    /**
     * A contact's or connection's {@code state} (or legacy {@code status}) object, checked once the owner ends.
     * {@code notAnObject} is the kind of value found instead of an object, or null when it was one.
     */
    private record StateField(String notAnObject, String type, Instant timestamp, BadMessageException problem) {
        static StateField read(JsonParser p, String path, boolean withTime, UnknownValues unknown) {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                String kind = kind(p);
                p.skipChildren();
                return new StateField(kind, null, null, null);
            }
            String type = null;
            Instant at = null;
            BadMessageException problem = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                try {
                    if ("type".equals(name)) {
                        type = text(p, path + ".type", false);
                    } else if (withTime && "timestamp".equals(name)) {
                        at = time(p, path + ".timestamp", unknown);
                    } else {
                        p.skipChildren();
                    }
                } catch (BadMessageException e) {
                    problem = problem == null ? e : problem;
                }
            }
            return new StateField(null, type, at, problem);
        }

        boolean isObject() {
            return notAnObject == null;
        }
    }

    /**
     * The configuration read last, with its bytes. A configuration comes with every snapshot (it is most of the
     * message) and rarely changes, so one byte-identical to the last is skipped without decoding a string. A pure
     * cache: the same bytes always read as the same configuration. Not thread-safe: one per driver, used under its
     * lock.
     */
    public static final class ConfigurationMemo {
        private byte[] bytes = new byte[0];
        private StreamsConfiguration configuration;

        /** Reads the configuration in {@code source[from, to)}, or returns the last one when the bytes are equal. */
        StreamsConfiguration read(byte[] source, int from, int to, String path) throws BadMessageException {
            if (configuration != null && Arrays.equals(bytes, 0, bytes.length, source, from, to)) {
                return configuration;
            }
            StreamsConfiguration read;
            try (JsonParser p = TOKENS.createParser(ObjectReadContext.empty(), source, from, to - from)) {
                p.nextToken();
                read = configuration(p, path);
            }
            bytes = Arrays.copyOfRange(source, from, to);
            configuration = read;
            return read;
        }
    }

    private static final JsonFactory TOKENS = new JsonFactory();

    private SnapshotParser() {
    }

    /**
     * Reads an update from a tree (tests and tools; the driver streams with {@link #read(JsonParser)}).
     *
     * @param data the message's {@code data}
     * @return the update
     * @throws BadMessageException when the shape is wrong
     */
    public static Update parse(JsonNode data) throws BadMessageException {
        return parse(data, null);
    }

    /**
     * Reads an update from a tree, reporting values read as absent.
     *
     * @param data    the message's {@code data}
     * @param unknown where a value read as absent is reported, or null to make it an error
     * @return the update
     * @throws BadMessageException when the shape is wrong
     */
    public static Update parse(JsonNode data, UnknownValues unknown) throws BadMessageException {
        if (data == null || data.isMissingNode()) {
            throw new BadMessageException("agent.update has no 'data'");
        }
        try (JsonParser p = data.traverse(ObjectReadContext.empty())) {
            p.nextToken();
            return read(p, null, null, unknown);
        }
    }

    /**
     * Reads an update from a parser positioned on the first token of the message's {@code data}; on return the
     * parser is on the data's last token. After a {@link BadMessageException} the parser may be anywhere inside
     * the data: the caller skips to where it continues.
     *
     * @param p the parser
     * @return the update
     * @throws BadMessageException when the shape is wrong
     */
    public static Update read(JsonParser p) throws BadMessageException {
        return read(p, null, null, null);
    }

    /**
     * Like {@link #read(JsonParser)}, for a parser reading {@code source}: a configuration byte-identical to the one
     * in {@code memo} is skipped and the memo's returned.
     *
     * @param p      the parser, reading {@code source} (byte offsets are indexes into it)
     * @param source the bytes the parser reads, or null
     * @param memo    the last configuration, or null
     * @param unknown where a value read as absent is reported (an unreadable contact timestamp), or null
     * @return the update
     * @throws BadMessageException when the shape is wrong
     */
    public static Update read(JsonParser p, byte[] source, ConfigurationMemo memo, UnknownValues unknown)
            throws BadMessageException {
        JsonToken t = p.currentToken();
        if (t == null || t == JsonToken.VALUE_NULL) {
            throw new BadMessageException("agent.update has no 'data'");
        }
        if (t != JsonToken.START_OBJECT) {
            throw new BadMessageException("agent.update 'data' must be an object, got " + kind(p));
        }
        StreamsSnapshot snapshot = null;
        String snapshotKind = "nothing";
        StreamsConfiguration configuration = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            if ("snapshot".equals(name)) {
                if (p.currentToken() == JsonToken.START_OBJECT) {
                    snapshot = snapshot(p, unknown);
                } else {
                    snapshotKind = kind(p);
                    snapshot = null;
                    p.skipChildren();
                }
            } else if ("configuration".equals(name)) {
                configuration = p.currentToken() == JsonToken.VALUE_NULL ? null
                        : configuration(p, source, memo);
            } else {
                p.skipChildren();
            }
        }
        if (snapshot == null) {
            throw new BadMessageException("agent.update 'data.snapshot' must be an object, got " + snapshotKind);
        }
        return new Update(snapshot, configuration);
    }

    private static StreamsSnapshot snapshot(JsonParser p, UnknownValues unknown) throws BadMessageException {
        AgentStateRef state = null;
        AgentStateRef next = null;
        String availability = null;
        List<StreamsContact> contacts = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "state" -> state = state(p, "data.snapshot.state");
                case "nextState" -> next = state(p, "data.snapshot.nextState");
                case "agentAvailabilityState" -> availability = availability(p);
                case "contacts" -> contacts = contacts(p, unknown);
                default -> p.skipChildren();
            }
        }
        required(state, "data.snapshot.state");
        required(contacts, "data.snapshot.contacts");
        return new StreamsSnapshot(state, next, availability, contacts);
    }

    private static String availability(JsonParser p) throws BadMessageException {
        return textField(p, "state", "data.snapshot.agentAvailabilityState");
    }

    private static List<StreamsContact> contacts(JsonParser p, UnknownValues unknown) throws BadMessageException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new BadMessageException("'data.snapshot.contacts' must be an array, got " + kind(p));
        }
        List<StreamsContact> contacts = new ArrayList<>(2);
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            contacts.add(contact(p, "data.snapshot.contacts[" + i++ + "]", unknown));
        }
        return contacts;
    }

    private static StreamsContact contact(JsonParser p, String path, UnknownValues unknown)
            throws BadMessageException {
        requireObject(p, path);
        String id = null;
        String initialId = null;
        String type = null;
        String queueName = null;
        String initiation = null;
        StateField state = null;
        StateField status = null;
        List<StreamsConnection> connections = null;
        String connectionsKind = "nothing";
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            p.nextToken();
            switch (name) {
                case "contactId" -> id = text(p, path + ".contactId", false);
                case "initialContactId" -> initialId = text(p, path + ".initialContactId", false);
                case "type" -> type = text(p, path + ".type", false);
                case "initiationMethod" -> initiation = text(p, path + ".initiationMethod", false);
                case "state" -> state = StateField.read(p, path + ".state", true, unknown);
                case "status" -> status = StateField.read(p, path + ".state", true, unknown);
                case "queue" -> queueName = nameOf(p, path + ".queue");
                case "connections" -> {
                    if (p.currentToken() == JsonToken.START_ARRAY) {
                        connections = connections(p, path);
                    } else {
                        connectionsKind = kind(p);
                        connections = null;
                        p.skipChildren();
                    }
                }
                default -> p.skipChildren();
            }
        }
        required(id, path + ".contactId");
        required(type, path + ".type");
        StateField s = chosen(state, status, path + ".state");
        String stateType = required(s.type(), path + ".state.type");
        if (connections == null) {
            throw new BadMessageException("'" + path + ".connections' must be an array, got " + connectionsKind);
        }
        return new StreamsContact(id, initialId, type, stateType, s.timestamp(), queueName, initiation, connections);
    }

    private static List<StreamsConnection> connections(JsonParser p, String path) throws BadMessageException {
        List<StreamsConnection> connections = new ArrayList<>(4);
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            connections.add(connection(p, path + ".connections[" + i++ + "]"));
        }
        return connections;
    }

    private static StreamsConnection connection(JsonParser p, String path) throws BadMessageException {
        requireObject(p, path);
        String id = null;
        String type = null;
        boolean initial = false;
        StateField state = null;
        StateField status = null;
        StreamsEndpoint endpoint = null;
        String quickConnect = null;
        boolean mute = false;
        String monitorStatus = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            switch (name) {
                case "connectionId" -> id = text(p, path + ".connectionId", false);
                case "type" -> type = text(p, path + ".type", false);
                case "initial" -> {
                    if (t != JsonToken.VALUE_NULL && !t.isBoolean()) {
                        throw new BadMessageException("'" + path + ".initial' must be true or false, got "
                                + kind(p));
                    }
                    initial = t == JsonToken.VALUE_TRUE;
                }
                case "state" -> state = StateField.read(p, path + ".state", false, null);
                case "status" -> status = StateField.read(p, path + ".state", false, null);
                case "endpoint" -> endpoint = endpoint(p, path + ".endpoint");
                case "quickConnectName" -> quickConnect = text(p, path + ".quickConnectName", false);
                case "mute" -> {
                    mute = t == JsonToken.VALUE_TRUE;
                    p.skipChildren();
                }
                case "monitorStatus" -> monitorStatus = text(p, path + ".monitorStatus", false);
                default -> p.skipChildren();
            }
        }
        required(id, path + ".connectionId");
        required(type, path + ".type");
        StateField s = chosen(state, status, path + ".state");
        return new StreamsConnection(id, type, initial, required(s.type(), path + ".state.type"), endpoint,
                quickConnect, mute, monitorStatus);
    }

    /** Streams names it {@code state}; older snapshots say {@code status}. A {@code state} object wins. */
    private static StateField chosen(StateField state, StateField status, String path) throws BadMessageException {
        StateField s = state != null && state.isObject() ? state : status;
        if (s == null || !s.isObject()) {
            String kind = s != null ? s.notAnObject() : state != null ? state.notAnObject() : "nothing";
            throw new BadMessageException("'" + path + "' must be an object, got " + kind);
        }
        if (s.problem() != null) {
            throw s.problem();
        }
        return s;
    }

    /**
     * Reads an endpoint object ({@code connect.Endpoint} fields) from a tree, as {@code getEndpoints} results come.
     *
     * @param e    the node, may be null or JSON null
     * @param path its path, for messages
     * @return the endpoint, or null
     * @throws BadMessageException when it is not an object
     */
    public static StreamsEndpoint endpoint(JsonNode e, String path) throws BadMessageException {
        if (e == null || e.isMissingNode()) {
            return null;
        }
        try (JsonParser p = e.traverse(ObjectReadContext.empty())) {
            p.nextToken();
            return endpoint(p, path);
        }
    }

    private static StreamsEndpoint endpoint(JsonParser p, String path) throws BadMessageException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        requireObject(p, path);
        String arn = null;
        String endpointId = null;
        String type = null;
        String name = null;
        String number = null;
        String agentLogin = null;
        String queueArn = null;
        String queueName = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "endpointARN" -> arn = text(p, path + ".endpointARN", false);
                case "endpointId" -> endpointId = text(p, path + ".endpointId", false);
                case "type" -> type = text(p, path + ".type", false);
                case "name" -> name = text(p, path + ".name", false);
                case "phoneNumber" -> number = text(p, path + ".phoneNumber", false);
                case "agentLogin" -> agentLogin = text(p, path + ".agentLogin", false);
                case "queue" -> {
                    if (p.currentToken() != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                        String q = p.currentName();
                        p.nextToken();
                        switch (q) {
                            case "queueARN" -> queueArn = text(p, path + ".queue.queueARN", false);
                            case "name" -> queueName = text(p, path + ".queue.name", false);
                            default -> p.skipChildren();
                        }
                    }
                }
                default -> p.skipChildren();
            }
        }
        return new StreamsEndpoint(arn != null ? arn : endpointId, type, name, number, agentLogin, queueArn,
                queueName);
    }

    private static StreamsConfiguration configuration(JsonParser p, byte[] source, ConfigurationMemo memo)
            throws BadMessageException {
        String path = "data.configuration";
        if (memo == null || source == null || p.currentToken() != JsonToken.START_OBJECT) {
            return configuration(p, path);
        }
        long from = p.currentTokenLocation().getByteOffset();
        p.skipChildren();
        long to = p.currentTokenLocation().getByteOffset() + 1;
        if (from < 0 || to > source.length || from >= to || source[(int) from] != '{' || source[(int) to - 1] != '}') {
            throw new IllegalStateException("the parser's byte offsets do not match its input");
        }
        return memo.read(source, (int) from, (int) to, path);
    }

    private static StreamsConfiguration configuration(JsonParser p, String path) throws BadMessageException {
        requireObject(p, path);
        List<AgentStateRef> states = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        String defaultQueue = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if ("agentStates".equals(name)) {
                states.clear();
                if (t == JsonToken.VALUE_NULL) {
                    continue;
                }
                if (t != JsonToken.START_ARRAY) {
                    throw new BadMessageException("'" + path + ".agentStates' must be an array, got " + kind(p));
                }
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String at = path + ".agentStates[" + i++ + "]";
                    states.add(required(state(p, at), at));
                }
            } else if ("routingProfile".equals(name) && t == JsonToken.START_OBJECT) {
                queues.clear();
                defaultQueue = null;
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if ("queues".equals(field) && v == JsonToken.START_ARRAY) {
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            String arn = queueArn(p, path + ".routingProfile.queues");
                            if (arn != null) {
                                queues.add(arn);
                            }
                        }
                    } else if ("defaultOutboundQueue".equals(field)) {
                        defaultQueue = queueArn(p, path + ".routingProfile.defaultOutboundQueue");
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        return new StreamsConfiguration(states, queues, defaultQueue);
    }

    /** @return the {@code queueARN} of a queue object, or null for anything else */
    private static String queueArn(JsonParser p, String path) throws BadMessageException {
        return textField(p, "queueARN", path);
    }

    /** @return the {@code name} of an object (a contact's queue), or null for anything else */
    private static String nameOf(JsonParser p, String path) throws BadMessageException {
        return textField(p, "name", path);
    }

    /** @return one text field of the object at the parser (its other fields skipped), or null for anything else */
    private static String textField(JsonParser p, String wanted, String path) throws BadMessageException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String value = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (wanted.equals(field)) {
                value = text(p, path + "." + wanted, false);
            } else {
                p.skipChildren();
            }
        }
        return value;
    }

    /** @return the agent state at the parser, or null for JSON null */
    private static AgentStateRef state(JsonParser p, String path) throws BadMessageException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        requireObject(p, path);
        String arn = null;
        String type = null;
        String name = null;
        while (p.nextToken() == JsonToken.PROPERTY_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "agentStateARN" -> arn = text(p, path + ".agentStateARN", false);
                case "type" -> type = text(p, path + ".type", false);
                case "name" -> name = text(p, path + ".name", false);
                default -> p.skipChildren();
            }
        }
        return new AgentStateRef(arn, required(type, path + ".type"), required(name, path + ".name"));
    }

    /**
     * A contact's state timestamp only orders contacts that appear together, so an unreadable one is read as absent
     * (reported once) rather than losing the whole picture; without a reporter (tools, tests) it is an error.
     */
    private static Instant time(JsonParser p, String path, UnknownValues unknown) throws BadMessageException {
        try {
            return StreamsTime.parse(p);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            if (unknown != null) {
                unknown.report("timestamp form at " + path.replaceAll("\\[\\d+]", "[]"), e.getMessage(),
                        "absent (contacts keep their snapshot order)");
                return null;
            }
            throw new BadMessageException("'" + path + "': " + e.getMessage());
        }
    }

    private static void requireObject(JsonParser p, String path) throws BadMessageException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadMessageException("'" + path + "' must be an object, got " + kind(p));
        }
    }
}
