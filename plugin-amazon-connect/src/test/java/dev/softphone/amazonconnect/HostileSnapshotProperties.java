package dev.softphone.amazonconnect;

import dev.softphone.testkit.amazon.StreamsScenarioCatalog;
import dev.softphone.testkit.amazon.StreamsScenarioRunner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Realistic Streams snapshots (the corpus's 8 KB consult, and every distinct {@code agent.update} of two catalog
 * scenarios played on the simulated CCP), mutated at random: a field dropped, a value replaced by another JSON type,
 * an array element duplicated, an enum value replaced by an unknown or hostile string, a string made huge, the text
 * cut short. Invariants (R5): nothing escapes to the transport; a message is either used or reported once, and a
 * reported one leaves the phone's picture as it was; the next good snapshot and a command still work afterwards; the
 * events keep the listener grammar. Black-box through {@link PageSink}, so the plugin's parser can change freely.
 */
@Label("R5: mutated Streams snapshots are used or reported, and never break the phone")
class HostileSnapshotProperties {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> BASES = bases();
    private static final AtomicLong TRIED = new AtomicLong();
    private static final AtomicLong REPORTED = new AtomicLong();
    private static final AtomicLong MUTATIONS = new AtomicLong();

    enum Kind { DROP, RETYPE, DUPLICATE, UNKNOWN_VALUE, HUGE, TRUNCATE }

    /**
     * One mutation.
     *
     * @param kind     what to do
     * @param selector which node (modulo the number of candidates)
     * @param value    the string to put in, for UNKNOWN_VALUE
     */
    record Mutation(Kind kind, int selector, String value) {
    }

    private static List<String> bases() {
        List<String> out = new ArrayList<>();
        out.add(HostileStreamsHarness.corpus("realistic-consult.json").strip());
        out.add(HostileStreamsHarness.corpus("valid-call.json").strip());
        for (String scenario : List.of("consult-number-cancel", "two-calls")) {
            ScenarioHarness h = new ScenarioHarness();
            StreamsScenarioRunner.run(StreamsScenarioCatalog.named(scenario), h.phones(),
                    InProcessPage.connector(h.hub)).recording().stream()
                    .map(line -> (ObjectNode) JSON.readTree(line))
                    .filter(m -> "agent.update".equals(m.path("type").asString("")))
                    .map(m -> {
                        m.remove("seq");
                        // Their own contact ids, so the harness's CCP never offers a call id seen ended before.
                        return m.toString().replace("\"contact-", "\"recorded-contact-");
                    })
                    .distinct().forEach(out::add);
        }
        return List.copyOf(out);
    }

    @Property(tries = 150)
    @Label("a mutated snapshot is used or reported once; a reported one changes nothing; the phone keeps working")
    void mutatedSnapshots(@ForAll @IntRange(min = 0, max = 10_000) int base,
                          @ForAll("mutations") @Size(min = 1, max = 4) List<Mutation> mutations) throws Exception {
        String message = mutate(BASES.get(base % BASES.size()), mutations);
        try (HostileStreamsHarness h = new HostileStreamsHarness()) {
            HostileStreamsHarness.Picture before = h.picture();
            int reports = h.problems().size();
            h.sendHostile(message);
            TRIED.incrementAndGet();
            MUTATIONS.addAndGet(mutations.size());
            int added = h.problems().size() - reports;
            assertThat(added).as("reports for one message").isBetween(0, 1);
            if (added == 1) {
                REPORTED.incrementAndGet();
                assertThat(h.problems().get(reports)).as("the report says something").isNotBlank();
                assertThat(h.picture()).as("a reported snapshot changes nothing").isEqualTo(before);
            }
            h.assertStillWorks();
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("", " ", "unknown_future_value", "CONNECTED", "null", "0", "-1", "1e400", "NaN",
                        "\u0000", "\u001b[2J", "\r\nforged log line", "\u202eevil", "\ud800", "{\"a\":1}", "[]"),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(10));
        Arbitrary<Mutation> one = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 100_000), values).as(Mutation::new);
        return one.list();
    }

    /** Applies the mutations to a message's {@code data}; a truncation cuts the final text. */
    static String mutate(String message, List<Mutation> mutations) {
        ObjectNode root = (ObjectNode) JSON.readTree(message);
        Integer cut = null;
        for (Mutation m : mutations) {
            if (m.kind() == Kind.TRUNCATE) {
                cut = m.selector();
                continue;
            }
            List<Slot> slots = new ArrayList<>();
            if (root.has("data")) {
                collect(new Slot(root, "data", -1), slots);
            }
            if (slots.isEmpty()) {
                continue;
            }
            Slot s = slots.get(m.selector() % slots.size());
            switch (m.kind()) {
                case DROP -> s.remove();
                case RETYPE -> s.set(otherType(s.get(), m.selector()));
                case DUPLICATE -> {
                    if (s.parent() instanceof ArrayNode a) {
                        a.insert(s.index(), s.get().deepCopy());
                    } else if (s.get() instanceof ArrayNode a && !a.isEmpty()) {
                        a.add(a.get(0).deepCopy());
                    } else {
                        s.set(NODES.arrayNode().add(s.get().deepCopy()).add(s.get().deepCopy()));
                    }
                }
                case UNKNOWN_VALUE -> s.set(NODES.stringNode(m.value()));
                case HUGE -> s.set(NODES.stringNode("h".repeat(5_000) + m.value()));
                default -> throw new AssertionError(m);
            }
        }
        String text = root.toString();
        return cut == null ? text : text.substring(0, cut % text.length());
    }

    private static JsonNode otherType(JsonNode was, int pick) {
        List<JsonNode> options = Stream.<JsonNode>of(NODES.numberNode(pick), NODES.stringNode("s" + pick),
                NODES.booleanNode(pick % 2 == 0), NODES.nullNode(), NODES.objectNode(),
                NODES.arrayNode().add(pick)).filter(n -> n.getNodeType() != was.getNodeType()).toList();
        return options.get(pick % options.size());
    }

    /** A place in the tree: a member of an object or an element of an array. */
    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return parent instanceof ObjectNode o ? o.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent instanceof ObjectNode o) {
                o.set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (parent instanceof ObjectNode o) {
                o.remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    /** Adds the slot of a node and of everything below it. */
    private static void collect(Slot slot, List<Slot> out) {
        out.add(slot);
        JsonNode node = slot.get();
        if (node instanceof ObjectNode o) {
            for (String name : List.copyOf(o.propertyNames())) {
                collect(new Slot(o, name, -1), out);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                collect(new Slot(a, null, i), out);
            }
        }
    }

    @AfterContainer
    static void report() {
        System.out.printf("mutated Streams snapshots: %d messages from %d realistic bases, %d mutations, %d reported, "
                + "the rest used; 0 escaped, phone working after each%n", TRIED.get(), BASES.size(), MUTATIONS.get(),
                REPORTED.get());
    }
}
