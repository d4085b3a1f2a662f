package dev.softphone.internal.context;

import dev.softphone.CallContextStores;
import dev.softphone.spi.CallContextStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The in-memory call context store")
class InMemoryCallContextStoreTest extends CallContextStoreContract {
    private final InMemoryCallContextStore store = new InMemoryCallContextStore(clock, TTL, LIMIT);

    @Override
    CallContextStore store() {
        return store;
    }

    @Test
    @DisplayName("drops expired contexts on a later save, so memory does not grow with old calls")
    void purgesExpired() {
        for (int i = 0; i < 10; i++) {
            store.save(key(), sample(), 0, "agent-a");
        }
        assertThat(store.size()).isEqualTo(10);
        clock.advance(TTL.plusMinutes(1));
        store.save(key(), sample(), 0, "agent-a");
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    @DisplayName("the default store is one per JVM; inMemory() makes a separate one and checks its settings")
    void factories() {
        assertThat(CallContextStores.sharedInMemory()).isSameAs(CallContextStores.sharedInMemory());
        assertThat(CallContextStores.inMemory(Duration.ofMinutes(5), 4096))
                .isNotSameAs(CallContextStores.inMemory(Duration.ofMinutes(5), 4096));
        assertThatThrownBy(() -> CallContextStores.inMemory(Duration.ZERO, 4096))
                .hasMessageContaining("ttl must be a positive duration");
        assertThatThrownBy(() -> CallContextStores.inMemory(Duration.ofMinutes(1), 10))
                .hasMessageContaining("maxPayloadBytes must be at least 64");
    }
}
