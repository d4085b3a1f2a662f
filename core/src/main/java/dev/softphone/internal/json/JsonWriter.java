package dev.softphone.internal.json;

/**
 * A small, allocation-light JSON writer for the SDK's own output (event JSON, recordings). Escapes strings per
 * RFC 8259, including every control character, so a value can never break a line-oriented file.
 */
public final class JsonWriter {
    private final StringBuilder out;
    private boolean needComma;

    /**
     * @param out where to write
     */
    public JsonWriter(StringBuilder out) {
        this.out = out;
    }

    /** @return this writer, after opening an object */
    public JsonWriter beginObject() {
        comma();
        out.append('{');
        needComma = false;
        return this;
    }

    /** @return this writer, after closing an object */
    public JsonWriter endObject() {
        out.append('}');
        needComma = true;
        return this;
    }

    /**
     * @param name a field name
     * @return this writer, ready for the value
     */
    public JsonWriter name(String name) {
        comma();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    /**
     * @param value a string or null
     * @return this writer
     */
    public JsonWriter value(String value) {
        comma();
        if (value == null) {
            out.append("null");
        } else {
            string(value);
        }
        needComma = true;
        return this;
    }

    /**
     * @param value a number
     * @return this writer
     */
    public JsonWriter value(long value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    /**
     * @param value a boolean
     * @return this writer
     */
    public JsonWriter value(boolean value) {
        comma();
        out.append(value);
        needComma = true;
        return this;
    }

    /**
     * Writes already-encoded JSON.
     *
     * @param json valid JSON
     * @return this writer
     */
    public JsonWriter raw(String json) {
        comma();
        out.append(json);
        needComma = true;
        return this;
    }

    private void comma() {
        if (needComma) {
            out.append(',');
        }
    }

    private void string(String s) {
        out.append('"');
        int plain = plainPrefix(s);
        // most values need no escape at all: append them whole instead of character by character
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** @return the length of the longest prefix of {@code s} that needs no escaping */
    private static int plainPrefix(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == '"' || c == '\\' || c == '\u2028' || c == '\u2029') {
                return i;
            }
        }
        return n;
    }
}
