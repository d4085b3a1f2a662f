package dev.softphone.internal.context;

import dev.softphone.CallContext;
import dev.softphone.activity.ManualClock;
import dev.softphone.ContextHandoff;
import dev.softphone.spi.CallContextStore;
import dev.softphone.spi.StoredCallContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A phone's call contexts: take-over on receipt")
class PhoneContextsTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
    private final InMemoryCallContextStore memory = new InMemoryCallContextStore(clock, Duration.ofHours(1), 4096);
    /** Never fires within a test: every store call here completes inline. */
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    @DisplayName("when the first agent saves between the load and the take-over, the receiver takes the newer context")
    void takeOverRetriesOnARace() {
        CallContext first = CallContext.empty().with("step", 1);
        CallContext newer = CallContext.empty().with("step", 2);
        memory.save("k", first, 0, "agent-a");
        AtomicBoolean raced = new AtomicBoolean();
        CallContextStore racing = new CallContextStore() {
            @Override
            public Optional<StoredCallContext> load(String key) {
                Optional<StoredCallContext> loaded = memory.load(key);
                if (raced.compareAndSet(false, true)) {
                    memory.save(key, newer, loaded.orElseThrow().version(), "agent-a");
                }
                return loaded;
            }

            @Override
            public long save(String key, CallContext context, long expected, String savedBy) {
                return memory.save(key, context, expected, savedBy);
            }
        };
        PhoneContexts b = new PhoneContexts("agent-b", racing, Runnable::run, timers, Duration.ofMinutes(1),
                Runnable::run);

        ContextHandoff handoff = b.receive("call-b", Optional.of("k")).join();

        assertThat(handoff.status()).isEqualTo(ContextHandoff.Status.AVAILABLE);
        assertThat(handoff.context()).isEqualTo(newer);
        assertThat(handoff.version()).isEqualTo(3);
        assertThat(memory.load("k").orElseThrow().savedBy()).isEqualTo("agent-b");
        assertThat(b.current("call-b")).isEqualTo(newer);
    }

    @Test
    @DisplayName("saves of one call run one after the other, each based on the version the previous one wrote")
    void savesAreChained() {
        PhoneContexts a = new PhoneContexts("agent-a", memory, Runnable::run, timers, Duration.ofMinutes(1),
                Runnable::run);
        for (int i = 1; i <= 5; i++) {
            a.attach("call-a", Optional.of("k"), CallContext.empty().with("step", i)).join();
        }
        assertThat(memory.load("k").orElseThrow().version()).isEqualTo(5);
        assertThat(memory.load("k").orElseThrow().context().get("step")).contains(5L);
    }

    @Test
    @DisplayName("ended calls keep their context readable, up to 256 of them; older ones are forgotten first")
    void sealing() {
        PhoneContexts a = new PhoneContexts("agent-a", memory, Runnable::run, timers, Duration.ofMinutes(1),
                Runnable::run);
        for (int i = 0; i < 300; i++) {
            a.attach("call-" + i, Optional.of("k" + i), CallContext.empty().with("i", i)).join();
            a.seal("call-" + i);
        }
        assertThat(a.isSealed("call-299")).isTrue();
        assertThat(a.current("call-299").get("i")).contains(299L);
        assertThat(a.current("call-0").isEmpty()).as("the oldest ended calls are forgotten").isTrue();
    }
}
