package dev.softphone.amazonconnect.internal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@Label("The bridge's hand-written JSON paths agree with Jackson's tree: CommandWriter out, MessageReader's trees in")
class BridgeJsonProperties {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Property(tries = 400)
    @Label("any argument tree written by CommandWriter parses back to the same tree, inside a command message")
    void commandsRoundTrip(@ForAll("treesWithFloats") JsonNode args, @ForAll("texts") String id, @ForAll("texts") String op) {
        ObjectNode argsObject = NODES.objectNode().set("a", args);
        String text = CommandWriter.command(id, op, argsObject);
        JsonNode back = JSON.readTree(text);
        assertThat(back.path("type").stringValue()).isEqualTo("command");
        assertThat(back.path("id").stringValue()).isEqualTo(id);
        assertThat(back.path("op").stringValue()).isEqualTo(op);
        assertThat(back.get("args")).isEqualTo(argsObject);
        assertThat(back.size()).isEqualTo(4);
    }

    @Property(tries = 400)
    @Label("CommandWriter writes the same text as Jackson for trees without floating-point numbers")
    void sameTextAsJackson(@ForAll("trees") JsonNode tree) {
        ObjectNode args = NODES.objectNode().set("v", tree);
        ObjectNode message = NODES.objectNode().put("type", "command").put("id", "i").put("op", "o");
        message.set("args", args);
        assertThat(CommandWriter.command("i", "o", args)).isEqualTo(JSON.writeValueAsString(message));
    }

    @Property(tries = 400)
    @Label("a message's top-level fields read by MessageReader equal Jackson's readTree of the same bytes")
    void readerFieldsEqualJacksonTree(@ForAll("treesWithFloats") JsonNode data, @ForAll("scalars") JsonNode scalar)
            throws BadMessageException {
        ObjectNode message = NODES.objectNode().put("type", "result").put("id", "p1-7").put("ok", true);
        message.set("data", data);
        message.set("extra", scalar);
        byte[] bytes = JSON.writeValueAsBytes(message);
        MessageReader.Message read = MessageReader.read(bytes, 0, bytes.length);
        JsonNode expected = JSON.readTree(bytes);
        assertThat(read.fields()).isEqualTo(expected);
        // the same node classes, not only equal values: IntNode for an int, LongNode for a long, as readTree makes
        assertThat(read.fields().get("extra").getClass()).isEqualTo(expected.get("extra").getClass());
    }

    @Example
    @Label("escapes: quotes, backslashes and control characters are escaped; other characters are written as they are")
    void escapes() {
        String text = CommandWriter.command("p-1", "sendDigits", NODES.objectNode()
                .put("digits", "a\"b\\c\n\r\t\b\f\u0000\u001f\u007f é 😀 \u2028"));
        assertThat(text).isEqualTo("{\"type\":\"command\",\"id\":\"p-1\",\"op\":\"sendDigits\",\"args\":{\"digits\":"
                + "\"a\\\"b\\\\c\\n\\r\\t\\b\\f\\u0000\\u001F\u007f é 😀 \u2028\"}}");
        assertThat(JSON.readTree(text).path("args").path("digits").stringValue())
                .isEqualTo("a\"b\\c\n\r\t\b\f\u0000\u001f\u007f é 😀 \u2028");
    }

    @Example
    @Label("numbers: every numeric node is a JSON number that reads back equal; a non-finite double is a string")
    void numbers() {
        ArrayNode numbers = NODES.arrayNode().add(7).add(Long.MAX_VALUE).add(new BigInteger("123456789012345678901234"))
                .add(1.5).add(1e300).add(-0.25f).add(new BigDecimal("1E+3")).add(Double.NaN)
                .add(Double.POSITIVE_INFINITY).add(Float.NEGATIVE_INFINITY);
        String text = CommandWriter.command("i", "o", NODES.objectNode().set("v", numbers));
        assertThat(text).isEqualTo("{\"type\":\"command\",\"id\":\"i\",\"op\":\"o\",\"args\":{\"v\":"
                + "[7,9223372036854775807,123456789012345678901234,1.5,1.0E300,-0.25,1E+3,\"NaN\","
                + "\"Infinity\",\"-Infinity\"]}}");
        JsonNode back = JSON.readTree(text).path("args").path("v");
        assertThat(back.get(1).longValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(back.get(4).doubleValue()).isEqualTo(1e300);
        assertThat(back.get(6).decimalValue()).isEqualByComparingTo("1000");
    }

    @Example
    @Label("no args, an empty object and null leaves are written as JSON says")
    void emptyAndNull() {
        assertThat(CommandWriter.command("i", "mute", null))
                .isEqualTo("{\"type\":\"command\",\"id\":\"i\",\"op\":\"mute\",\"args\":{}}");
        assertThat(CommandWriter.command("i", "mute", NODES.objectNode().putNull("x").set("y", NODES.arrayNode())))
                .isEqualTo("{\"type\":\"command\",\"id\":\"i\",\"op\":\"mute\",\"args\":{\"x\":null,\"y\":[]}}");
    }

    @Example
    @Label("the reader's scalars keep their sizes: an int, a long, a big integer and a float read as readTree does")
    void readerNumberKinds() throws BadMessageException {
        byte[] bytes = ("{\"type\":\"heartbeat\",\"a\":1,\"b\":9223372036854775807,\"c\":92233720368547758070,"
                + "\"d\":1.5,\"e\":-2147483649,\"f\":false,\"g\":null,\"h\":\"\\u00e9\\n\",\"i\":-2147483648,"
                + "\"j\":2147483648,\"k\":9223372036854775808,\"l\":-9223372036854775809,\"m\":1.0E-5,"
                + "\"n\":-0.0,\"o\":[1,{\"p\":-9223372036854775808}]}")
                .getBytes(StandardCharsets.UTF_8);
        ObjectNode fields = MessageReader.read(bytes, 0, bytes.length).fields();
        JsonNode expected = JSON.readTree(bytes);
        assertThat(fields).isEqualTo(expected);
        for (String name : List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o")) {
            assertThat(fields.get(name)).as(name).isEqualTo(expected.get(name));
            assertThat(fields.get(name).getClass()).as(name).isEqualTo(expected.get(name).getClass());
        }
        assertThat(fields.get("h").stringValue()).isEqualTo("é\n");
    }

    // ----- generators -----

    @Provide
    Arbitrary<String> texts() {
        // plain text, and text built from what needs care: quotes, backslashes, control characters, non-ASCII, a
        // character outside the BMP (a surrogate pair), and the line separators JavaScript once rejected
        Arbitrary<String> tricky = Arbitraries.of("a", " ", "\"", "\\", "\n", "\r", "\t", "\b", "\f", "\u0000",
                "\u001f", "\u007f", "/", "é", "€", "😀", "\u2028", "\u2029").list().ofMaxSize(8)
                .map(parts -> String.join("", parts));
        return Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().withChars(" -_.:").ofMaxLength(12), tricky);
    }

    @Provide
    Arbitrary<JsonNode> scalars() {
        return Arbitraries.oneOf(
                texts().map(NODES::stringNode),
                Arbitraries.integers().map(i -> (JsonNode) NODES.numberNode(i)),
                Arbitraries.longs().filter(l -> l != (int) (long) l).map(l -> (JsonNode) NODES.numberNode(l)),
                // beyond a long on both sides, from just past its limits to well past them
                Arbitraries.bigIntegers().between(BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE),
                        BigInteger.valueOf(Long.MAX_VALUE).shiftLeft(8))
                        .flatMap(b -> Arbitraries.of(b, b.negate().subtract(BigInteger.ONE)))
                        .map(b -> (JsonNode) NODES.numberNode(b)),
                Arbitraries.of(true, false).map(b -> (JsonNode) NODES.booleanNode(b)),
                Arbitraries.just(NODES.nullNode()));
    }

    @Provide
    Arbitrary<JsonNode> trees() {
        return tree(3, scalars());
    }

    @Provide
    Arbitrary<JsonNode> treesWithFloats() {
        // ordinary decimals, and the extremes: tiny and huge exponents, negative zero
        Arbitrary<Double> doubles = Arbitraries.oneOf(Arbitraries.doubles().ofScale(6),
                Arbitraries.of(1.0E-5, -2.5E-300, 6.02214076E23, Double.MAX_VALUE, Double.MIN_VALUE, -0.0));
        Arbitrary<JsonNode> floats = doubles.map(d -> (JsonNode) NODES.numberNode(d));
        return tree(3, Arbitraries.frequencyOf(Tuple.of(4, scalars()), Tuple.of(1, floats)));
    }

    private Arbitrary<JsonNode> tree(int depth, Arbitrary<JsonNode> leaves) {
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<JsonNode> child = tree(depth - 1, leaves);
        Arbitrary<JsonNode> array = child.list().ofMaxSize(4).map(items -> {
            ArrayNode a = NODES.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Combinators.combine(texts().list().ofMaxSize(4), child.list().ofSize(4))
                .as((names, values) -> {
                    ObjectNode o = NODES.objectNode();
                    for (int i = 0; i < names.size(); i++) {
                        o.set(names.get(i), values.get(i));
                    }
                    return o;
                });
        return Arbitraries.frequencyOf(Tuple.of(3, leaves), Tuple.of(1, array), Tuple.of(1, object));
    }
}
