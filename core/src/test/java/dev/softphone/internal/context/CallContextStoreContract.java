package dev.softphone.internal.context;

import dev.softphone.CallContext;
import dev.softphone.activity.ManualClock;
import dev.softphone.CallContextConflictException;
import dev.softphone.InvalidCallContextException;
import dev.softphone.spi.CallContextStore;
import dev.softphone.spi.StoredCallContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link CallContextStore} must do, run against each built-in store by a subclass.
 */
abstract class CallContextStoreContract {
    static final Duration TTL = Duration.ofHours(1);
    static final int LIMIT = 2048;
    final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));

    /** @return a store over this test's storage, with {@link #TTL}, {@link #LIMIT} and {@link #clock} */
    abstract CallContextStore store();

    static String key() {
        return "contact-" + UUID.randomUUID();
    }

    static CallContext sample() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "A-7");
        order.put("total", new BigDecimal("19.90"));
        order.put("items", List.of(1, 2L, 3.5));
        order.put("gift", null);
        return CallContext.empty().with("customerId", "C-1029").with("verified", true).with("attempts", 2)
                .with("orders", List.of(order)).with("note", "Grüße, \"quoted\" \u2603").withScriptPosition("refund/3");
    }

    @Test
    @DisplayName("loading an unknown correlation id finds nothing")
    void unknownIsEmpty() {
        assertThat(store().load(key())).isEmpty();
    }

    @Test
    @DisplayName("a saved context loads back equal, at version 1, with who saved it and when")
    void roundTrip() {
        CallContextStore store = store();
        String key = key();
        assertThat(store.save(key, sample(), 0, "agent-a")).isEqualTo(1);
        StoredCallContext stored = store.load(key).orElseThrow();
        assertThat(stored.context()).isEqualTo(sample());
        assertThat(stored.context().values().keySet()).containsExactly("customerId", "verified", "attempts",
                "orders", "note");
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.savedBy()).isEqualTo("agent-a");
        assertThat(stored.savedAt()).isEqualTo(clock.instant());
    }

    @Test
    @DisplayName("every save increments the version; a save based on an older version is refused and changes nothing")
    void optimisticVersioning() {
        CallContextStore store = store();
        String key = key();
        store.save(key, sample(), 0, "agent-a");
        assertThat(store.save(key, sample().with("step", 2), 1, "agent-b")).isEqualTo(2);
        assertThatThrownBy(() -> store.save(key, sample().with("leak", true), 1, "agent-a"))
                .isInstanceOfSatisfying(CallContextConflictException.class, e -> {
                    assertThat(e.expectedVersion()).isEqualTo(1);
                    assertThat(e.currentVersion()).isEqualTo(2);
                    assertThat(e).hasMessageContaining(key).hasMessageContaining("agent-b");
                });
        assertThat(store.load(key).orElseThrow().context().get("leak")).isEmpty();
        assertThat(store.load(key).orElseThrow().version()).isEqualTo(2);
    }

    @Test
    @DisplayName("a save that expects no context is refused when one is stored")
    void createConflicts() {
        CallContextStore store = store();
        String key = key();
        store.save(key, sample(), 0, "agent-a");
        assertThatThrownBy(() -> store.save(key, CallContext.empty(), 0, "agent-c"))
                .isInstanceOfSatisfying(CallContextConflictException.class,
                        e -> assertThat(e.currentVersion()).isEqualTo(1));
    }

    @Test
    @DisplayName("a context past its time to live is gone, and the key starts again from version 0")
    void timeToLive() {
        CallContextStore store = store();
        String key = key();
        store.save(key, sample(), 0, "agent-a");
        clock.advance(TTL.minusSeconds(1));
        assertThat(store.load(key)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.load(key)).isEmpty();
        assertThatThrownBy(() -> store.save(key, sample(), 1, "agent-a")).isInstanceOf(CallContextConflictException.class);
        assertThat(store.save(key, sample().with("fresh", true), 0, "agent-b")).isEqualTo(1);
        assertThat(store.load(key).orElseThrow().context().get("fresh")).contains(true);
    }

    @Test
    @DisplayName("a context larger than the payload limit is refused with its size, and nothing is stored")
    void payloadLimit() {
        CallContextStore store = store();
        String key = key();
        assertThat(store.maxPayloadBytes()).isEqualTo(LIMIT);
        CallContext big = CallContext.empty().with("transcript", "x".repeat(LIMIT));
        assertThatThrownBy(() -> store.save(key, big, 0, "agent-a"))
                .isInstanceOf(InvalidCallContextException.class)
                .hasMessageContaining("at most " + LIMIT + " bytes");
        assertThat(store.load(key)).isEmpty();
    }

    @Test
    @DisplayName("of several writers based on the same version exactly one wins")
    void concurrentWriters() throws Exception {
        CallContextStore store = store();
        String key = key();
        store.save(key, sample(), 0, "agent-a");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Boolean>> writers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String who = "writer-" + i;
                writers.add(() -> {
                    try {
                        store.save(key, sample().with("by", who), 1, who);
                        return true;
                    } catch (CallContextConflictException lost) {
                        return false;
                    }
                });
            }
            int winners = 0;
            for (Future<Boolean> f : pool.invokeAll(writers, 60, TimeUnit.SECONDS)) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
            StoredCallContext stored = store.load(key).orElseThrow();
            assertThat(stored.version()).isEqualTo(2);
            assertThat(stored.context().get("by")).contains(stored.savedBy());
        } finally {
            pool.shutdownNow();
        }
    }
}
