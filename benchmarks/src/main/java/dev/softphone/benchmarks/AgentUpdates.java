package dev.softphone.benchmarks;

import dev.softphone.testkit.amazon.SimulatedCcp;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark recording: realistic {@code agent.update} messages as the Streams bridge page sends them (DESIGN §6),
 * made by the testkit's {@link SimulatedCcp} and widened to a real contact center's size: one voice contact with
 * three connections (agent, customer, a third party added with a quick connect), a configuration with 10 agent states
 * and 20 queues — 6 to 9 KB per message.
 *
 * <ul>
 *   <li>{@link #setup()}: {@code hello} and the messages that bring a phone to that call;</li>
 *   <li>{@link #changed()}: alternating pictures (customer on hold / resumed), each a real change;</li>
 *   <li>{@link #unchanged()}: re-polls of the last picture — same content, new {@code snapshotTimestamp},
 *       {@code localTimestamp} and {@code skew}, so no two are byte-identical.</li>
 * </ul>
 *
 * A {@link Template} rewrites only the top-level {@code seq}, so one phone can be fed any number of messages in order.
 */
public final class AgentUpdates {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int VARIANTS = 16;

    private final List<String> setup;
    private final List<String> changed;
    private final List<String> unchanged;

    private AgentUpdates(List<String> setup, List<String> changed, List<String> unchanged) {
        this.setup = List.copyOf(setup);
        this.changed = List.copyOf(changed);
        this.unchanged = List.copyOf(unchanged);
    }

    /** @return the recording (deterministic: the same bytes on every call) */
    public static AgentUpdates create() {
        SimulatedCcp ccp = SimulatedCcp.builder().states(
                new SimulatedCcp.AgentStateDef("routable", "Available"),
                new SimulatedCcp.AgentStateDef("not_routable", "Break"),
                new SimulatedCcp.AgentStateDef("not_routable", "Lunch"),
                new SimulatedCcp.AgentStateDef("not_routable", "Training"),
                new SimulatedCcp.AgentStateDef("not_routable", "Meeting"),
                new SimulatedCcp.AgentStateDef("not_routable", "Coaching"),
                new SimulatedCcp.AgentStateDef("not_routable", "Back Office"),
                new SimulatedCcp.AgentStateDef("not_routable", "Outbound Campaign"),
                new SimulatedCcp.AgentStateDef("not_routable", "System Issue"),
                new SimulatedCcp.AgentStateDef("offline", "Offline")).build();
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        ccp.customerCalls("+442071838750", "Support");
        ccp.agentAccepts();
        ccp.agentAddsParty("Bob");
        ccp.thirdPartyAnswers();
        // The first hold in a conference changes more than the customer's leg; the alternation starts after it.
        ccp.agentHoldsCustomer();
        ccp.agentResumesCustomer();
        int setupEnd = ccp.recording().size();
        for (int i = 0; i < VARIANTS / 2; i++) {
            ccp.agentHoldsCustomer();
            ccp.agentResumesCustomer();
        }
        int changedEnd = ccp.recording().size();
        if ((changedEnd - setupEnd) % 2 != 0) {
            throw new IllegalStateException("the simulated CCP no longer emits one update per hold and resume");
        }
        ccp.repoll(VARIANTS);
        List<String> all = ccp.recording().stream().map(AgentUpdates::widen).toList();
        return new AgentUpdates(all.subList(0, setupEnd), all.subList(setupEnd, changedEnd),
                all.subList(changedEnd, all.size()));
    }

    /** Gives an {@code agent.update}'s configuration a real contact center's 20 queues, as the CCP lists them. */
    private static String widen(String message) {
        JsonNode root = JSON.readTree(message);
        JsonNode profile = root.path("data").path("configuration").path("routingProfile");
        if (profile instanceof ObjectNode p && p.path("queues") instanceof ArrayNode queues) {
            String arn = SimulatedCcp.INSTANCE_ARN + "/queue/";
            for (int i = queues.size(); i < 20; i++) {
                String name = String.format(Locale.ROOT, "Queue %02d", i + 1);
                queues.addObject().put("name", name).put("queueARN", arn + "q-" + (i + 1)
                        + "-7c1e2d3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f").put("queueId", "q-" + (i + 1));
            }
            return root.toString();
        }
        return message;
    }

    /** @return hello and the messages that bring a fresh phone to the three-party call, in order */
    public List<String> setup() {
        return setup;
    }

    /** @return agent.update messages each differing in content from the one before (hold / resume) */
    public List<String> changed() {
        return changed;
    }

    /** @return agent.update re-polls of the last picture of {@link #changed()} */
    public List<String> unchanged() {
        return unchanged;
    }

    /** @return every message in the order the page sent them: the recording */
    public List<String> recording() {
        List<String> all = new ArrayList<>(setup);
        all.addAll(changed);
        all.addAll(unchanged);
        return all;
    }

    /**
     * A message split around its top-level {@code seq} value, so a copy with any sequence number costs one byte
     * copy — what the transport would hand over. Sequence numbers are not negative.
     */
    public static final class Template {
        private final byte[] head;
        private final byte[] tail;

        /** @param message an agent.update message whose first {@code "seq":} is the top-level one */
        public Template(String message) {
            int at = message.indexOf("\"seq\":");
            if (at < 0) {
                throw new IllegalArgumentException("no seq in " + message);
            }
            int start = at + 6;
            int end = start;
            while (Character.isDigit(message.charAt(end))) {
                end++;
            }
            head = message.substring(0, start).getBytes(StandardCharsets.UTF_8);
            tail = message.substring(end).getBytes(StandardCharsets.UTF_8);
        }

        /**
         * Writes the message with a sequence number into a transport's reused buffer, as a WebSocket server fills
         * its pooled buffer from the socket.
         *
         * @param seq    the sequence number
         * @param buffer where to write, large enough
         * @return the message's length in bytes
         */
        public int write(long seq, byte[] buffer) {
            int n = head.length;
            System.arraycopy(head, 0, buffer, 0, n);
            n = writeDigits(seq, buffer, n);
            System.arraycopy(tail, 0, buffer, n, tail.length);
            return n + tail.length;
        }

        private static int writeDigits(long seq, byte[] buffer, int at) {
            int digits = 1;
            for (long v = seq; v >= 10; v /= 10) {
                digits++;
            }
            long v = seq;
            for (int k = at + digits - 1; k >= at; k--) {
                buffer[k] = (byte) ('0' + v % 10);
                v /= 10;
            }
            return at + digits;
        }

        /**
         * @param seq the sequence number
         * @return the message's UTF-8 bytes with that sequence number, in a new array
         */
        public byte[] bytes(long seq) {
            byte[] digits = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
            byte[] b = new byte[head.length + digits.length + tail.length];
            System.arraycopy(head, 0, b, 0, head.length);
            System.arraycopy(digits, 0, b, head.length, digits.length);
            System.arraycopy(tail, 0, b, head.length + digits.length, tail.length);
            return b;
        }
    }

    /**
     * Prints the sizes (a check when changing the recording).
     *
     * @param args unused
     */
    public static void main(String[] args) {
        AgentUpdates u = create();
        System.out.println("setup " + u.setup.size() + ", changed " + u.changed.size() + ", unchanged "
                + u.unchanged.size());
        System.out.println("changed bytes " + u.changed.get(0).getBytes(StandardCharsets.UTF_8).length
                + ", unchanged bytes " + u.unchanged.get(0).getBytes(StandardCharsets.UTF_8).length);
        System.out.println(u.unchanged.get(0));
    }
}
