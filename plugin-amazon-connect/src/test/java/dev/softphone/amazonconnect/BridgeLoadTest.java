package dev.softphone.amazonconnect;

import dev.softphone.testkit.BridgePageClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded loopback load test of the embedded bridge server: many well-behaved pages, each paired with its own
 * phone, send numbered messages while abusive clients flood, send oversized messages or present bad tokens. Every
 * well-behaved phone must get all its messages, in order, with bounded latency; every flooder is closed with 4429.
 * Sizes: {@code -Dreliability.bridgePages} (default 200), {@code -Dreliability.bridgeMessages} (default 20),
 * {@code -Dreliability.bridgeFlooders} (default 5). Loopback only; stops by itself.
 */
@DisplayName("Bridge under load: well-behaved pages keep order and latency while abusive clients are cut off")
class BridgeLoadTest {
    private static final int PAGES = Integer.getInteger("reliability.bridgePages", 200);
    private static final int MESSAGES = Integer.getInteger("reliability.bridgeMessages", 20);
    private static final int FLOODERS = Integer.getInteger("reliability.bridgeFlooders", 5);
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Records, per phone, the seq of each relayed message and how long it took to arrive. */
    static final class TimingSink implements PageSink {
        final List<Long> seqs = Collections.synchronizedList(new ArrayList<>());
        final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch done;

        TimingSink(int expected) {
            done = new CountDownLatch(expected);
        }

        @Override
        public void pageAttached(PageLink link) {
        }

        @Override
        public void pageMessage(String json) {
            int at = json.indexOf("\"sentNanos\":");
            if (at < 0) {
                return; // hello
            }
            long sent = Long.parseLong(json.substring(at + 12, json.indexOf('}', at)).trim());
            latenciesNanos.add(System.nanoTime() - sent);
            int s = json.indexOf("\"seq\":");
            seqs.add(Long.parseLong(json.substring(s + 6, json.indexOf(',', s)).trim()));
            done.countDown();
        }

        @Override
        public void pageDetached(PageLink link, String reason) {
        }
    }

    @Test
    @DisplayName("S5, L1: hundreds of pages with flooders, oversized senders and bad tokens mixed in")
    void loadWithAbusers() throws Exception {
        StreamsBridgeHub hub = new StreamsBridgeHub(BridgePolicy.builder().allowMissingOrigin(true)
                .maxMessageBytes(4096).messageRate(200, 400).build(), Clock.systemUTC());
        Map<String, TimingSink> sinks = new ConcurrentHashMap<>();
        List<AutoCloseable> registrations = new ArrayList<>();
        List<BridgePageClient> good = new ArrayList<>();
        List<BridgePageClient> flooders = new ArrayList<>();
        try (StreamsBridgeServer server = StreamsBridgeServer.builder().hub(hub).build().start()) {
            for (int i = 0; i < PAGES + FLOODERS; i++) {
                String phone = "agent-" + i;
                TimingSink sink = new TimingSink(MESSAGES);
                sinks.put(phone, sink);
                registrations.add(hub.register(phone, sink));
                BridgePageClient page = BridgePageClient.builder(server.bridgeUri())
                        .token(hub.issuePairingToken(phone).value()).timeout(WAIT).build().connect();
                (i < PAGES ? good : flooders).add(page);
            }
            // bad tokens: refused, nothing attached
            int refused = 0;
            for (int i = 0; i < 5; i++) {
                BridgePageClient intruder = BridgePageClient.builder(server.bridgeUri()).token("guess-" + i)
                        .timeout(WAIT).build();
                try {
                    intruder.connect();
                    if (intruder.awaitClosed(WAIT).code() == PageClose.UNAUTHORIZED.code()) {
                        refused++;
                    }
                } catch (RuntimeException | AssertionError closedAtOnce) {
                    refused++;
                } finally {
                    intruder.drop();
                }
            }
            Thread flood = new Thread(() -> {
                for (BridgePageClient f : flooders) {
                    for (int m = 0; m < 2_000 && f.isOpen(); m++) {
                        try {
                            f.sendStreamsEvent("agent::mute_toggle", "{\"muted\":true}");
                        } catch (RuntimeException closed) {
                            break;
                        }
                    }
                }
            }, "flooders");
            flood.start();
            for (int m = 0; m < MESSAGES; m++) {
                for (BridgePageClient page : good) {
                    page.sendStreamsEvent("agent::mute_toggle", "{\"sentNanos\":" + System.nanoTime() + "}");
                }
            }
            flood.join(WAIT.toMillis());
            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < PAGES; i++) {
                TimingSink sink = sinks.get("agent-" + i);
                assertThat(sink.done.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .as("agent-%d got all its messages", i).isTrue();
                assertThat(sink.seqs).as("agent-%d order", i).isSorted().doesNotHaveDuplicates().hasSize(MESSAGES);
                assertThat(good.get(i).isOpen()).as("agent-%d still connected", i).isTrue();
                latencies.addAll(sink.latenciesNanos);
            }
            for (BridgePageClient f : flooders) {
                assertThat(f.awaitClosed(WAIT).code()).isEqualTo(PageClose.TOO_MANY_MESSAGES.code());
            }
            assertThat(refused).isEqualTo(5);
            Collections.sort(latencies);
            long p99 = latencies.get((int) (latencies.size() * 0.99) - 1);
            System.out.printf("bridge load: %d pages x %d messages, %d flooders closed, 5 bad tokens refused, "
                    + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", PAGES, MESSAGES, FLOODERS,
                    latencies.get(latencies.size() / 2) / 1e6, p99 / 1e6, latencies.get(latencies.size() - 1) / 1e6);
            assertThat(Duration.ofNanos(p99)).isLessThan(Duration.ofSeconds(5));
        } finally {
            good.forEach(BridgePageClient::drop);
            flooders.forEach(BridgePageClient::drop);
            for (AutoCloseable r : registrations) {
                r.close();
            }
        }
    }
}
