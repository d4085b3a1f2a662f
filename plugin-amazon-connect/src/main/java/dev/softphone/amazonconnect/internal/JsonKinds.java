package dev.softphone.amazonconnect.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

import java.util.Locale;

/**
 * Small helpers for reading bridge messages with Jackson's streaming parser: what kind of value the parser is on, in
 * words for error messages, and a plain value as text. Stateless.
 */
final class JsonKinds {
    private static final int SHOWN = 40;

    private JsonKinds() {
    }

    /**
     * @param p a parser
     * @return the JSON kind of its current value in words ({@code an object}, {@code the string "…"},
     *         {@code number 5}, {@code nothing}…), for messages that say what was wrong
     */
    static String kind(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "nothing";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_NULL -> "null";
            case VALUE_STRING -> "the string \"" + abbreviate(p.getString()) + "\"";
            case VALUE_TRUE, VALUE_FALSE -> "boolean " + p.getString();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number " + abbreviate(p.getString());
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /**
     * Reads the current value as text: a string as it is, a number or boolean as written; JSON null is absent.
     *
     * @param p        a parser positioned on the value
     * @param path     the value's path, for the message
     * @param required whether absence is an error
     * @return the text, or null when absent and not required
     * @throws BadMessageException when the value is an object or array (skipped first, so the parser stays usable),
     *                             or absent but required
     */
    static String text(JsonParser p, String path, boolean required) throws BadMessageException {
        JsonToken t = p.currentToken();
        if (t == null || t == JsonToken.VALUE_NULL) {
            if (required) {
                throw new BadMessageException("'" + path + "' is missing");
            }
            return null;
        }
        if (t.isScalarValue()) {
            return p.getString(); // strings as they are, numbers and booleans as written
        }
        String kind = kind(p);
        p.skipChildren();
        throw new BadMessageException("'" + path + "' must be a string, got " + kind);
    }

    /**
     * @param value a value that must be there
     * @param path  its path
     * @return the value
     * @throws BadMessageException naming the path when it is null
     */
    static <T> T required(T value, String path) throws BadMessageException {
        if (value == null) {
            throw new BadMessageException("'" + path + "' is missing");
        }
        return value;
    }

    static String abbreviate(String s) {
        return s.length() > SHOWN ? s.substring(0, SHOWN) + "…" : s;
    }
}
