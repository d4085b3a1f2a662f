package dev.softphone;

import dev.softphone.internal.context.DriverManagerDataSource;
import dev.softphone.internal.context.InMemoryCallContextStore;
import dev.softphone.internal.context.JdbcCallContextStore;
import dev.softphone.spi.CallContextStore;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The built-in {@link CallContextStore}s. Give one to {@link PhoneBuilder#contextStore(CallContextStore)}; every phone
 * that should hand contexts to the others must use the same store (or stores over the same database).
 *
 * <pre>{@code
 * CallContextStore store = CallContextStores.jdbc("jdbc:postgresql://db/contact", "app", secret)
 *         .ttl(Duration.ofHours(8))
 *         .build();
 * Phone phone = Phone.builder().plugin("amazon-connect").contextStore(store).build();
 * }</pre>
 */
public final class CallContextStores {
    /** Default time to live of a stored context: 24 hours after its last save. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(24);
    /** Default table of {@link #jdbc(DataSource)}. */
    public static final String DEFAULT_TABLE = "softphone_call_context";

    private CallContextStores() {
    }

    /**
     * @return the in-memory store shared by every phone of this JVM (the default of {@link PhoneBuilder}); 24 h TTL,
     *         {@value CallContextStore#DEFAULT_MAX_PAYLOAD_BYTES} bytes per context
     */
    public static CallContextStore sharedInMemory() {
        return InMemoryCallContextStore.shared();
    }

    /**
     * @param ttl             how long a context is kept after its last save
     * @param maxPayloadBytes the largest context taken, in bytes of JSON
     * @return a new, empty in-memory store (tests, or to isolate groups of phones in one JVM)
     */
    public static CallContextStore inMemory(Duration ttl, int maxPayloadBytes) {
        requirePositive(ttl, maxPayloadBytes);
        return new InMemoryCallContextStore(Clock.systemUTC(), ttl, maxPayloadBytes);
    }

    /**
     * @param dataSource where to connect (a pool is best)
     * @return a builder for a JDBC store
     */
    public static Jdbc jdbc(DataSource dataSource) {
        return new Jdbc(Objects.requireNonNull(dataSource, "dataSource"));
    }

    /**
     * @param url      a JDBC URL, for example {@code jdbc:postgresql://127.0.0.1:5432/contact} or
     *                 {@code jdbc:h2:file:/var/lib/app/contexts;AUTO_SERVER=TRUE}
     * @param user     the user, or null
     * @param password the password, or null
     * @return a builder for a JDBC store that opens one connection per operation
     */
    public static Jdbc jdbc(String url, String user, String password) {
        return new Jdbc(new DriverManagerDataSource(Objects.requireNonNull(url, "url"), user, password));
    }

    private static void requirePositive(Duration ttl, int maxPayloadBytes) {
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be a positive duration, got " + ttl);
        }
        if (maxPayloadBytes < 64) {
            throw new IllegalArgumentException("maxPayloadBytes must be at least 64, got " + maxPayloadBytes);
        }
    }

    /** Builds a JDBC store; the table is created on first use. Not thread-safe; the store is. */
    public static final class Jdbc {
        private final DataSource dataSource;
        private String table = DEFAULT_TABLE;
        private Duration ttl = DEFAULT_TTL;
        private int maxPayloadBytes = CallContextStore.DEFAULT_MAX_PAYLOAD_BYTES;
        private Clock clock = Clock.systemUTC();
        private Duration cleanupInterval = Duration.ofMinutes(5);

        private Jdbc(DataSource dataSource) {
            this.dataSource = dataSource;
        }

        /**
         * @param name the table (letters, digits, underscore); default {@value #DEFAULT_TABLE}
         * @return this builder
         */
        public Jdbc table(String name) {
            this.table = name;
            return this;
        }

        /**
         * @param ttl how long a context is kept after its last save; default 24 h
         * @return this builder
         */
        public Jdbc ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /**
         * @param bytes the largest context taken, in bytes of JSON; default 64 KiB
         * @return this builder
         */
        public Jdbc maxPayloadBytes(int bytes) {
            this.maxPayloadBytes = bytes;
            return this;
        }

        /**
         * @param clock for save times and expiry; default UTC system clock
         * @return this builder
         */
        public Jdbc clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param interval how often saves also delete expired rows; default 5 minutes
         * @return this builder
         */
        public Jdbc cleanupInterval(Duration interval) {
            this.cleanupInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * @return the store; it connects on first use
         * @throws IllegalArgumentException when a setting is invalid
         */
        public CallContextStore build() {
            requirePositive(ttl, maxPayloadBytes);
            return new JdbcCallContextStore(dataSource, table, ttl, maxPayloadBytes, clock, cleanupInterval);
        }
    }
}
