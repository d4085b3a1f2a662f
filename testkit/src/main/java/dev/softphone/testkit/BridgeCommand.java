package dev.softphone.testkit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * A command Java sent to a bridge page (DESIGN §6: {@code {"type":"command","id":…,"op":…,"args":{…}}}), as
 * {@link BridgePageClient} received it, with helpers to build the page's {@code result} answer.
 *
 * @param id   the command id
 * @param op   the operation, e.g. {@code setState}
 * @param args the arguments (an empty object when absent)
 * @param raw  the message text as received
 */
public record BridgeCommand(String id, String op, JsonNode args, String raw) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param id   the command id
     * @param op   the operation
     * @param args the arguments
     * @param raw  the message as received
     */
    public BridgeCommand {
        Objects.requireNonNull(raw, "raw");
    }

    /**
     * Parses a Java-to-browser message.
     *
     * @param text the message
     * @return the command
     * @throws IllegalArgumentException when it is not a command message
     */
    public static BridgeCommand parse(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
        if (node == null || !"command".equals(node.path("type").asString(""))) {
            throw new IllegalArgumentException("not a command message: " + text);
        }
        JsonNode args = node.get("args");
        return new BridgeCommand(node.path("id").asString(null), node.path("op").asString(null),
                args == null || args.isNull() ? JSON.createObjectNode() : args, text);
    }

    /**
     * @param name an argument name
     * @return its text value, or {@code null}
     */
    public String arg(String name) {
        JsonNode v = args.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    /** @return a successful {@code result} answer with empty data */
    public String ok() {
        return ok("{}");
    }

    /**
     * @param dataJson the answer's {@code data} (a JSON value)
     * @return a successful {@code result} answer
     */
    public String ok(String dataJson) {
        ObjectNode result = JSON.createObjectNode();
        result.put("type", "result");
        result.put("id", id);
        result.put("ok", true);
        result.set("data", JSON.readTree(dataJson));
        return result.toString();
    }

    /**
     * @param errorType the Streams error type, e.g. {@code InvalidStateException}
     * @param message   the error message
     * @return a failed {@code result} answer
     */
    public String error(String errorType, String message) {
        ObjectNode result = JSON.createObjectNode();
        result.put("type", "result");
        result.put("id", id);
        result.put("ok", false);
        ObjectNode error = result.putObject("error");
        error.put("type", errorType);
        error.put("message", message);
        return result.toString();
    }
}
