package dev.softphone.benchmarks;

import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.amazonconnect.StreamsBridgeHub;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import java.util.List;

/**
 * Benchmark 1: the snapshot pipeline, {@code agent.update} bytes to phone events, for a realistic message (see
 * {@link AgentUpdates}), against Jackson's streaming parser reading every token of the same bytes and building
 * nothing. Every operation writes the message with the next sequence number into a reused buffer, as a WebSocket
 * server fills its pooled buffer from the socket (one copy, the same in every variant), so the driver sees an
 * in-order stream.
 *
 * <ul>
 *   <li>{@link #changed()}: each message differs from the previous one (customer held / resumed), so the driver
 *       parses it, maps it and the phone emits events (delivered on the calling thread);</li>
 *   <li>{@link #unchanged()}: re-polls — same content, new timestamps — which must be recognized without a parse;</li>
 *   <li>{@link #jacksonTokens()}: the floor for any JSON consumer;</li>
 *   <li>{@link #changedViaString()}, {@link #unchangedViaString()}: the same through
 *       {@link dev.softphone.amazonconnect.PageSink#pageMessage(String)}, after decoding the bytes as a Jakarta
 *       WebSocket endpoint does (shown for comparison; the targets use the byte path).</li>
 * </ul>
 */
@State(Scope.Benchmark)
public class SnapshotBenchmark {
    private static final JsonFactory JACKSON = new JsonFactory();

    private PhoneOnBridge page;
    private AgentUpdates.Template[] changed;
    private AgentUpdates.Template[] unchanged;
    private long events;
    private int next;
    private long seq;
    private final byte[] buffer = new byte[1 << 16];

    /** Builds the phone, brings it into the three-party call and checks that both kinds of message work as meant. */
    @Setup(Level.Trial)
    public void open() {
        AgentUpdates updates = AgentUpdates.create();
        changed = templates(updates.changed(), true);
        unchanged = templates(updates.unchanged(), false);
        page = new PhoneOnBridge(new StreamsBridgeHub(), "bench-agent", Runnable::run, new PhoneListener() {
            @Override
            public void onEvent(PhoneEvent event) {
                events++;
            }
        });
        page.play(updates.setup());
        page.play(updates.changed());
        long before = events;
        for (AgentUpdates.Template t : unchanged) {
            page.deliver(t);
        }
        if (events != before) {
            throw new IllegalStateException("an unchanged snapshot produced " + (events - before) + " events");
        }
        for (AgentUpdates.Template t : changed) {
            long b = events;
            page.deliver(t);
            if (events == b) {
                throw new IllegalStateException("a changed snapshot produced no event: the benchmark would measure "
                        + "a message the driver ignored");
            }
        }
    }

    /** Closes the phone. */
    @TearDown(Level.Trial)
    public void close() {
        page.close();
    }

    /** Alternating pictures, an even number so that the cycle's last and first differ too. */
    private static AgentUpdates.Template[] templates(List<String> messages, boolean evenCount) {
        int n = evenCount ? messages.size() - messages.size() % 2 : messages.size();
        return messages.subList(0, n).stream().map(AgentUpdates.Template::new).toArray(AgentUpdates.Template[]::new);
    }

    /** @return the events so far */
    @Benchmark
    public long changed() {
        page.deliver(changed[next++ % changed.length]);
        return events;
    }

    /** @return the events so far */
    @Benchmark
    public long unchanged() {
        page.deliver(unchanged[next++ % unchanged.length]);
        return events;
    }

    /** @return the events so far */
    @Benchmark
    public long changedViaString() {
        page.deliverAsString(changed[next++ % changed.length]);
        return events;
    }

    /** @return the events so far */
    @Benchmark
    public long unchangedViaString() {
        page.deliverAsString(unchanged[next++ % unchanged.length]);
        return events;
    }

    /** @return the number of tokens */
    @Benchmark
    public long jacksonTokens() {
        int n = changed[next++ % changed.length].write(++seq, buffer);
        long tokens = 0;
        try (JsonParser p = JACKSON.createParser(ObjectReadContext.empty(), buffer, 0, n)) {
            while (p.nextToken() != null) {
                tokens++;
            }
        }
        return tokens;
    }
}
