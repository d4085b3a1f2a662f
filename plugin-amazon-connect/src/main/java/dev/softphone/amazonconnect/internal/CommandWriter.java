package dev.softphone.amazonconnect.internal;

import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Writes a Java-to-browser {@code command} message (DESIGN §6) as JSON text:
 * {@code {"type":"command","id":…,"op":…,"args":{…}}}. Stateless and thread-safe.
 *
 * <p>Why not {@code ObjectNode.toString()}: that goes through Jackson's databind (a writer, a serialization context,
 * a pooled buffer) for messages of 100–300 bytes, and it took a tenth of a command call's time on the caller's
 * thread, socket write included (docs/performance.md, command latency). Walking the small argument tree into one
 * {@link StringBuilder} writes the same JSON for a fraction of that.
 *
 * <p>Strings are escaped by Jackson's {@link JsonStringEncoder}, as RFC 8259 requires ({@code "}, {@code \}, and
 * U+0000–U+001F); everything else, non-ASCII included, is written as is, since the text goes out in a UTF-8
 * WebSocket frame. Numbers are written with their {@code toString()}, a valid JSON number for every numeric node,
 * except a non-finite double, which is written as a quoted string ({@code "NaN"}) as Jackson does by default, so the
 * page's {@code JSON.parse} never meets a bare {@code NaN}.
 */
public final class CommandWriter {

    /** Jackson's own string escaping (jackson-core, no databind), so strings come out as Jackson writes them. */
    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private CommandWriter() {
    }

    /**
     * @param id   the command id
     * @param op   the command's op
     * @param args its arguments (an object node; null writes {@code {}})
     * @return the message's JSON text
     */
    public static String command(String id, String op, JsonNode args) {
        StringBuilder out = new StringBuilder(96);
        out.append("{\"type\":\"command\",\"id\":");
        string(out, id);
        out.append(",\"op\":");
        string(out, op);
        out.append(",\"args\":");
        if (args == null || args.isMissingNode()) {
            out.append("{}");
        } else {
            value(out, args);
        }
        return out.append('}').toString();
    }

    private static void value(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    string(out, field.getKey());
                    out.append(':');
                    value(out, field.getValue());
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(out, node.get(i));
                }
                out.append(']');
            }
            case STRING -> string(out, node.stringValue());
            case BOOLEAN -> out.append(node.booleanValue());
            case NUMBER -> number(out, node);
            case NULL, MISSING -> out.append("null");
            // binary and POJO nodes never occur in command arguments; write them as Jackson would (their text)
            default -> out.append(node.toString());
        }
    }

    private static void number(StringBuilder out, JsonNode node) {
        Number n = node.numberValue();
        if ((n instanceof Double d && !Double.isFinite(d)) || (n instanceof Float f && !Float.isFinite(f))) {
            string(out, n.toString());
        } else {
            out.append(n); // Integer, Long, BigInteger, Double, Float and BigDecimal all print valid JSON numbers
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        STRINGS.quoteAsString(s, out);
        out.append('"');
    }
}
