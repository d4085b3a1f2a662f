package dev.softphone.internal.context;

import dev.softphone.CallContext;
import dev.softphone.CallContextConflictException;
import dev.softphone.spi.CallContextStore;
import dev.softphone.spi.StoredCallContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A call context store in this JVM's memory: phones of one process hand contexts to each other through it. Entries
 * expire after a time to live; expired entries are dropped on later saves. Thread-safe; never blocks for long.
 */
public final class InMemoryCallContextStore implements CallContextStore {
    private static final InMemoryCallContextStore SHARED =
            new InMemoryCallContextStore(Clock.systemUTC(), Duration.ofHours(24), DEFAULT_MAX_PAYLOAD_BYTES);

    private record Entry(StoredCallContext stored, Instant expiresAt) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final int maxPayloadBytes;
    private volatile Instant nextPurge = Instant.MIN;

    /**
     * @param clock           for save times and expiry
     * @param ttl             how long a context is kept after its last save
     * @param maxPayloadBytes the largest context taken, in bytes of JSON
     */
    public InMemoryCallContextStore(Clock clock, Duration ttl, int maxPayloadBytes) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** @return the store every phone of this JVM uses unless told otherwise */
    public static InMemoryCallContextStore shared() {
        return SHARED;
    }

    @Override
    public Optional<StoredCallContext> load(String correlationId) {
        Entry e = entries.get(correlationId);
        return e == null || expired(e, clock.instant()) ? Optional.empty() : Optional.of(e.stored());
    }

    @Override
    public long save(String correlationId, CallContext context, long expectedVersion, String savedBy) {
        Objects.requireNonNull(correlationId, "correlationId");
        CallContextJson.checkSize(context, maxPayloadBytes, null);
        Instant now = clock.instant();
        purgeExpired(now);
        Entry saved = entries.compute(correlationId, (key, current) -> {
            boolean absent = current == null || expired(current, now);
            long currentVersion = absent ? 0 : current.stored().version();
            if (currentVersion != expectedVersion) {
                throw new CallContextConflictException(key, expectedVersion, currentVersion,
                        absent ? null : current.stored().savedBy());
            }
            return new Entry(new StoredCallContext(context, currentVersion + 1, now, savedBy), now.plus(ttl));
        });
        return saved.stored().version();
    }

    @Override
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    @Override
    public boolean mayBlock() {
        return false;
    }

    /** @return how many contexts are held, expired ones included until the next purge */
    public int size() {
        return entries.size();
    }

    /** Drops expired entries, at most once a minute unless called directly with a later clock. */
    private void purgeExpired(Instant now) {
        if (now.isBefore(nextPurge)) {
            return;
        }
        nextPurge = now.plus(Duration.ofMinutes(1));
        entries.entrySet().removeIf(e -> expired(e.getValue(), now));
    }

    private static boolean expired(Entry e, Instant now) {
        return !now.isBefore(e.expiresAt());
    }
}
