package dev.softphone.amazonconnect.internal;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;

/**
 * Reads one browser-to-Java bridge message (DESIGN §6) from its UTF-8 bytes in a single streaming pass: the
 * top-level {@code type} and {@code seq}; an {@code agent.update}'s {@code data} straight into the plugin's records
 * with {@link SnapshotParser} (no tree); the fields of every other (small) message as a tree. Stateless and
 * thread-safe.
 *
 * <p>A snapshot whose shape is wrong does not make the message unreadable: the reader skips the rest of its
 * {@code data} and still returns the message, with the problem, so the driver keeps its {@code seq} bookkeeping.
 * Only broken JSON (truncated, unbalanced, trailing text, invalid UTF-8, nested beyond Jackson's limits) fails the
 * whole message.
 */
public final class MessageReader {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String UPDATE = "agent.update";

    /**
     * One message as read.
     *
     * @param type          the top-level {@code type}, or null when it is absent or not a string
     * @param seq           the top-level {@code seq}, or null when absent
     * @param fields        the top-level fields, except the {@code data} of an {@code agent.update}
     * @param update        an {@code agent.update}'s snapshot and configuration, or null (another type, or a problem)
     * @param updateProblem what was wrong with an {@code agent.update}'s {@code data}, or null
     */
    public record Message(String type, Long seq, ObjectNode fields, SnapshotParser.Update update,
                          BadMessageException updateProblem) {
    }

    private MessageReader() {
    }

    /**
     * @param bytes  the message's UTF-8 bytes (not kept)
     * @param offset where it starts
     * @param length its length
     * @return what it holds
     * @throws BadMessageException when it is not one JSON object, or its {@code seq} is not a whole number
     */
    public static Message read(byte[] bytes, int offset, int length) throws BadMessageException {
        return read(bytes, offset, length, null, null);
    }

    /**
     * @param bytes          the message's UTF-8 bytes (not kept)
     * @param offset         where it starts
     * @param length         its length
     * @param configurations the configuration read last (updated), or null
     * @param unknown        where values read as absent are reported, or null to make them errors
     * @return what it holds
     * @throws BadMessageException when it is not one JSON object, or its {@code seq} is not a whole number
     */
    public static Message read(byte[] bytes, int offset, int length, SnapshotParser.ConfigurationMemo configurations,
                               UnknownValues unknown) throws BadMessageException {
        if (length == 0) {
            throw new BadMessageException("not JSON: the message is empty");
        }
        ObjectNode fields = JSON.createObjectNode();
        SnapshotParser.Update update = null;
        BadMessageException problem = null;
        String type = null;
        boolean streamedData = false;
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new BadMessageException("not JSON: a bridge message must be a JSON object, it starts with "
                        + (first == null ? "nothing" : "'" + JsonKinds.abbreviate(new String(bytes, offset,
                        Math.min(length, 64), StandardCharsets.UTF_8).strip()) + "'"));
            }
            TokenStreamContext top = p.streamReadContext();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                p.nextToken();
                if ("data".equals(name) && UPDATE.equals(type)) {
                    // The page sends type first, so the snapshot streams into records without a tree.
                    streamedData = true;
                    try {
                        update = SnapshotParser.read(p, bytes, configurations, unknown);
                        problem = null;
                    } catch (BadMessageException e) {
                        update = null;
                        problem = e;
                        skipTo(p, top);
                    }
                    continue;
                }
                JsonNode value = tree(p);
                fields.set(name, value);
                if ("type".equals(name)) {
                    type = value.isString() ? value.stringValue() : null;
                }
            }
            if (p.nextToken() != null) {
                throw new BadMessageException("not JSON: text after the message's object at offset "
                        + p.currentTokenLocation().getByteOffset());
            }
        } catch (JacksonException e) {
            String what = e.getOriginalMessage();
            // Jackson reports a cut message in several ways (tokens, trees, strings); say it one way
            if (e instanceof UnexpectedEndOfInputException || (what != null
                    && what.startsWith("Unexpected end-of-input"))) {
                throw new BadMessageException("not JSON: the message ends before its brackets close (" + length
                        + " bytes)");
            }
            throw new BadMessageException("not JSON: " + what);
        }
        if (UPDATE.equals(type) && !streamedData) {
            // data came before type (or not at all): read it from its tree, the same way
            try {
                update = SnapshotParser.parse(fields.get("data"), unknown);
            } catch (BadMessageException e) {
                problem = e;
            }
            fields.remove("data");
        }
        return new Message(type, seq(fields.get("seq")), fields, update, problem);
    }

    /**
     * The current value as a tree, built here from the tokens. Jackson's {@code readValueAsTree} looks up its root
     * deserializer on every call, once per field, which made up a third of reading a command's {@code result}
     * (docs/performance.md, command latency). The tree is the same as {@code readTree} gives: an int, long or big
     * integer node by the number's size, the last of duplicate names kept; floating-point numbers, rare in these
     * messages, are still left to Jackson so their node type follows its settings. The parser's nesting limit bounds
     * the recursion: Jackson's default of 500 levels, which this reader's mapper keeps on purpose (raising it would
     * let a hostile page go deeper here; {@code MessageReaderTest} sends 100,000 levels).
     */
    private static JsonNode tree(JsonParser p) {
        switch (p.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    object.set(name, tree(p));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    array.add(tree(p));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.stringNode(p.getString());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            default -> {
                return p.readValueAsTree();
            }
        }
    }

    /** Moves the parser out of a value it stopped reading in the middle, back to the message's top level. */
    private static void skipTo(JsonParser p, TokenStreamContext top) {
        while (p.streamReadContext() != top) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return; // the parser's own end-of-input check reports the truncation
            }
            if (t.isStructStart()) {
                p.skipChildren();
            }
        }
    }

    private static Long seq(JsonNode seq) throws BadMessageException {
        if (seq == null || seq.isNull()) {
            return null;
        }
        if (seq.isIntegralNumber() && seq.canConvertToLong()) {
            return seq.longValue();
        }
        throw new BadMessageException("'seq' must be a whole number, got "
                + (seq.isString() ? "the string \"" + JsonKinds.abbreviate(seq.stringValue()) + "\""
                : JsonKinds.abbreviate(seq.toString())));
    }
}
