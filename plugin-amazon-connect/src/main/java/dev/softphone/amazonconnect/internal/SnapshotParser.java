package dev.softphone.amazonconnect.internal;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code data} of an {@code agent.update} message (Streams' {@code {snapshot, configuration}} payload)
 * into the plugin's model. Unknown fields are ignored; a missing required field or a value of the wrong JSON type is
 * a {@link BadMessageException} naming the path. Stateless.
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

    private SnapshotParser() {
    }

    /**
     * @param data the message's {@code data}
     * @return the update
     * @throws BadMessageException when the shape is wrong
     */
    public static Update parse(JsonNode data) throws BadMessageException {
        if (data == null || data.isMissingNode() || data.isNull()) {
            throw new BadMessageException("agent.update has no 'data'");
        }
        if (!data.isObject()) {
            throw new BadMessageException("agent.update 'data' must be an object, got " + kind(data));
        }
        JsonNode snapshot = data.get("snapshot");
        if (snapshot == null || !snapshot.isObject()) {
            throw new BadMessageException("agent.update 'data.snapshot' must be an object, got " + kind(snapshot));
        }
        AgentStateRef state = state(snapshot.get("state"), "data.snapshot.state", true);
        AgentStateRef next = state(snapshot.get("nextState"), "data.snapshot.nextState", false);
        String availability = null;
        JsonNode avail = snapshot.get("agentAvailabilityState");
        if (avail != null && avail.isObject()) {
            availability = text(avail, "state", "data.snapshot.agentAvailabilityState", false);
        }
        JsonNode contactsNode = snapshot.get("contacts");
        List<StreamsContact> contacts = new ArrayList<>();
        if (contactsNode != null && !contactsNode.isNull()) {
            if (!contactsNode.isArray()) {
                throw new BadMessageException("'data.snapshot.contacts' must be an array, got " + kind(contactsNode));
            }
            int i = 0;
            for (JsonNode c : contactsNode) {
                contacts.add(contact(c, "data.snapshot.contacts[" + i++ + "]"));
            }
        } else {
            throw new BadMessageException("'data.snapshot.contacts' is missing");
        }
        JsonNode conf = data.get("configuration");
        StreamsConfiguration configuration = conf == null || conf.isNull() ? null
                : configuration(conf, "data.configuration");
        return new Update(new StreamsSnapshot(state, next, availability, contacts), configuration);
    }

    private static StreamsContact contact(JsonNode c, String path) throws BadMessageException {
        requireObject(c, path);
        String id = text(c, "contactId", path, true);
        String type = text(c, "type", path, true);
        JsonNode stateNode = c.get("state");
        if (stateNode == null || !stateNode.isObject()) {
            stateNode = c.get("status");
        }
        requireObject(stateNode, path + ".state");
        String state = text(stateNode, "type", path + ".state", true);
        Instant at = time(stateNode.get("timestamp"), path + ".state.timestamp");
        String queueName = null;
        JsonNode queue = c.get("queue");
        if (queue != null && queue.isObject()) {
            queueName = text(queue, "name", path + ".queue", false);
        }
        List<StreamsConnection> connections = new ArrayList<>();
        JsonNode conns = c.get("connections");
        if (conns == null || !conns.isArray()) {
            throw new BadMessageException("'" + path + ".connections' must be an array, got " + kind(conns));
        }
        int i = 0;
        for (JsonNode conn : conns) {
            connections.add(connection(conn, path + ".connections[" + i++ + "]"));
        }
        return new StreamsContact(id, text(c, "initialContactId", path, false), type, state, at, queueName,
                text(c, "initiationMethod", path, false), connections);
    }

    private static StreamsConnection connection(JsonNode c, String path) throws BadMessageException {
        requireObject(c, path);
        String id = text(c, "connectionId", path, true);
        String type = text(c, "type", path, true);
        JsonNode initial = c.get("initial");
        if (initial != null && !initial.isNull() && !initial.isBoolean()) {
            throw new BadMessageException("'" + path + ".initial' must be true or false, got " + kind(initial));
        }
        JsonNode stateNode = c.get("state");
        if (stateNode == null || !stateNode.isObject()) {
            stateNode = c.get("status");
        }
        requireObject(stateNode, path + ".state");
        String state = text(stateNode, "type", path + ".state", true);
        JsonNode mute = c.get("mute");
        return new StreamsConnection(id, type, initial != null && initial.asBoolean(), state,
                endpoint(c.get("endpoint"), path + ".endpoint"), text(c, "quickConnectName", path, false),
                mute != null && mute.isBoolean() && mute.booleanValue(), text(c, "monitorStatus", path, false));
    }

    /**
     * Reads an endpoint object ({@code connect.Endpoint} fields).
     *
     * @param e    the node, may be null or JSON null
     * @param path its path, for messages
     * @return the endpoint, or null
     * @throws BadMessageException when it is not an object
     */
    public static StreamsEndpoint endpoint(JsonNode e, String path) throws BadMessageException {
        if (e == null || e.isNull() || e.isMissingNode()) {
            return null;
        }
        requireObject(e, path);
        String arn = text(e, "endpointARN", path, false);
        if (arn == null) {
            arn = text(e, "endpointId", path, false);
        }
        String queueArn = null;
        String queueName = null;
        JsonNode q = e.get("queue");
        if (q != null && q.isObject()) {
            queueArn = text(q, "queueARN", path + ".queue", false);
            queueName = text(q, "name", path + ".queue", false);
        }
        return new StreamsEndpoint(arn, text(e, "type", path, false), text(e, "name", path, false),
                text(e, "phoneNumber", path, false), text(e, "agentLogin", path, false), queueArn, queueName);
    }

    private static StreamsConfiguration configuration(JsonNode conf, String path) throws BadMessageException {
        requireObject(conf, path);
        List<AgentStateRef> states = new ArrayList<>();
        JsonNode list = conf.get("agentStates");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new BadMessageException("'" + path + ".agentStates' must be an array, got " + kind(list));
            }
            int i = 0;
            for (JsonNode s : list) {
                states.add(state(s, path + ".agentStates[" + i++ + "]", true));
            }
        }
        List<String> queues = new ArrayList<>();
        String defaultQueue = null;
        JsonNode profile = conf.get("routingProfile");
        if (profile != null && profile.isObject()) {
            JsonNode qs = profile.get("queues");
            if (qs != null && qs.isArray()) {
                for (JsonNode q : qs) {
                    String arn = q.isObject() ? text(q, "queueARN", path + ".routingProfile.queues", false) : null;
                    if (arn != null) {
                        queues.add(arn);
                    }
                }
            }
            JsonNode dq = profile.get("defaultOutboundQueue");
            if (dq != null && dq.isObject()) {
                defaultQueue = text(dq, "queueARN", path + ".routingProfile.defaultOutboundQueue", false);
            }
        }
        return new StreamsConfiguration(states, queues, defaultQueue);
    }

    private static AgentStateRef state(JsonNode s, String path, boolean required) throws BadMessageException {
        if (s == null || s.isNull() || s.isMissingNode()) {
            if (required) {
                throw new BadMessageException("'" + path + "' is missing");
            }
            return null;
        }
        requireObject(s, path);
        return new AgentStateRef(text(s, "agentStateARN", path, false), text(s, "type", path, true),
                text(s, "name", path, true));
    }

    private static Instant time(JsonNode node, String path) throws BadMessageException {
        try {
            return StreamsTime.parse(node);
        } catch (IllegalArgumentException e) {
            throw new BadMessageException("'" + path + "': " + e.getMessage());
        }
    }

    private static String text(JsonNode parent, String field, String path, boolean required)
            throws BadMessageException {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull() || v.isMissingNode()) {
            if (required) {
                throw new BadMessageException("'" + path + "." + field + "' is missing");
            }
            return null;
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asString();
        }
        throw new BadMessageException("'" + path + "." + field + "' must be a string, got " + kind(v));
    }

    private static void requireObject(JsonNode node, String path) throws BadMessageException {
        if (node == null || !node.isObject()) {
            throw new BadMessageException("'" + path + "' must be an object, got " + kind(node));
        }
    }

    /**
     * @param node a node, may be null
     * @return its JSON kind in words
     */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isString()) {
            return "the string \"" + abbreviate(node.stringValue()) + "\"";
        }
        return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + abbreviate(node.toString());
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
