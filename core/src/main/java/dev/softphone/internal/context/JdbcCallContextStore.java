package dev.softphone.internal.context;

import dev.softphone.CallContext;
import dev.softphone.CallContextConflictException;
import dev.softphone.CallContextStoreException;
import dev.softphone.spi.CallContextStore;
import dev.softphone.spi.StoredCallContext;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A call context store in a SQL database, shared by every JVM that points at it (PostgreSQL for production, an H2
 * file for several JVMs on one machine). The table is created on first use. Each row holds the context's JSON, its
 * version (optimistic locking: saves are compare-and-set on it), who saved it and when it expires; expired rows are
 * ignored on load and deleted by a cleanup that runs with saves at most once per cleanup interval. Thread-safe; every
 * method borrows a connection from the data source for its own duration.
 */
public final class JdbcCallContextStore implements CallContextStore {
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String table;
    private final Duration ttl;
    private final int maxPayloadBytes;
    private final Clock clock;
    private final Duration cleanupInterval;
    private volatile boolean schemaReady;
    private volatile Instant nextCleanup = Instant.MIN;

    /**
     * @param dataSource      where to connect
     * @param table           the table name (letters, digits, underscore)
     * @param ttl             how long a context is kept after its last save
     * @param maxPayloadBytes the largest context taken, in bytes of JSON
     * @param clock           for save times and expiry
     * @param cleanupInterval how often saves also delete expired rows
     */
    public JdbcCallContextStore(DataSource dataSource, String table, Duration ttl, int maxPayloadBytes, Clock clock,
                                Duration cleanupInterval) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("table name must be letters, digits and underscores (at most 63), got "
                    + table);
        }
        this.table = table;
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.maxPayloadBytes = maxPayloadBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cleanupInterval = Objects.requireNonNull(cleanupInterval, "cleanupInterval");
    }

    @Override
    public Optional<StoredCallContext> load(String correlationId) {
        try (Connection c = connect()) {
            return read(c, correlationId, clock.instant());
        } catch (SQLException e) {
            throw failure("load", correlationId, e);
        }
    }

    @Override
    public long save(String correlationId, CallContext context, long expectedVersion, String savedBy) {
        Objects.requireNonNull(correlationId, "correlationId");
        CallContextJson.checkSize(context, maxPayloadBytes, null);
        String payload = CallContextJson.write(context);
        Instant now = clock.instant();
        try (Connection c = connect()) {
            cleanupIfDue(c, now);
            boolean written = expectedVersion == 0 ? insert(c, correlationId, payload, savedBy, now)
                    : update(c, correlationId, payload, savedBy, now, expectedVersion);
            if (!written) {
                Optional<StoredCallContext> current = read(c, correlationId, now);
                throw new CallContextConflictException(correlationId, expectedVersion,
                        current.map(StoredCallContext::version).orElse(0L),
                        current.map(StoredCallContext::savedBy).orElse(null));
            }
            return expectedVersion + 1;
        } catch (SQLException e) {
            throw failure("save", correlationId, e);
        }
    }

    @Override
    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Deletes every expired row now.
     *
     * @return how many rows were deleted
     * @throws CallContextStoreException when the database cannot answer
     */
    public int purgeExpired() {
        try (Connection c = connect()) {
            return deleteExpired(c, clock.instant());
        } catch (SQLException e) {
            throw failure("purge expired contexts", null, e);
        }
    }

    /** @return the table this store uses */
    public String table() {
        return table;
    }

    private Connection connect() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            c.setAutoCommit(true);
            if (!schemaReady) {
                createSchema(c);
                schemaReady = true;
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** Creates the table once; two processes racing to create it both succeed. */
    private void createSchema(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "correlation_id VARCHAR(255) NOT NULL PRIMARY KEY, "
                    + "version BIGINT NOT NULL, "
                    + "payload TEXT NOT NULL, "
                    + "saved_at BIGINT NOT NULL, "
                    + "saved_by VARCHAR(255), "
                    + "expires_at BIGINT NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS " + table + "_expires ON " + table + " (expires_at)");
        } catch (SQLException e) {
            // PostgreSQL reports a concurrent CREATE ... IF NOT EXISTS as a duplicate; the table is there then.
            try (Statement probe = c.createStatement()) {
                probe.executeQuery("SELECT COUNT(*) FROM " + table).close();
            } catch (SQLException again) {
                e.addSuppressed(again);
                throw e;
            }
        }
    }

    private Optional<StoredCallContext> read(Connection c, String correlationId, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, payload, saved_at, saved_by FROM " + table
                + " WHERE correlation_id = ? AND expires_at > ?")) {
            ps.setString(1, correlationId);
            ps.setLong(2, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                CallContext context;
                try {
                    context = CallContextJson.read(rs.getString(2));
                } catch (IllegalArgumentException e) {
                    throw new CallContextStoreException("the stored call context under correlation id '"
                            + correlationId + "' in table " + table + " is corrupt: " + e.getMessage(), e);
                }
                return Optional.of(new StoredCallContext(context, rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)));
            }
        }
    }

    private boolean insert(Connection c, String id, String payload, String savedBy, Instant now)
            throws SQLException {
        // An expired row counts as absent: remove it so the insert can take its place.
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                + " WHERE correlation_id = ? AND expires_at <= ?")) {
            ps.setString(1, id);
            ps.setLong(2, now.toEpochMilli());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (correlation_id, version, payload, saved_at, saved_by, expires_at) VALUES (?, 1, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, payload);
            ps.setLong(3, now.toEpochMilli());
            ps.setString(4, savedBy);
            ps.setLong(5, now.plus(ttl).toEpochMilli());
            ps.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    private boolean update(Connection c, String id, String payload, String savedBy, Instant now, long expected)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                + " SET version = version + 1, payload = ?, saved_at = ?, saved_by = ?, expires_at = ?"
                + " WHERE correlation_id = ? AND version = ? AND expires_at > ?")) {
            ps.setString(1, payload);
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, savedBy);
            ps.setLong(4, now.plus(ttl).toEpochMilli());
            ps.setString(5, id);
            ps.setLong(6, expected);
            ps.setLong(7, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    private void cleanupIfDue(Connection c, Instant now) throws SQLException {
        if (now.isBefore(nextCleanup)) {
            return;
        }
        nextCleanup = now.plus(cleanupInterval);
        deleteExpired(c, now);
    }

    private int deleteExpired(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE expires_at <= ?")) {
            ps.setLong(1, now.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    /** SQLSTATE class 23 is integrity constraint violation (23505 unique violation in PostgreSQL and H2). */
    private static boolean isDuplicateKey(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    private CallContextStoreException failure(String action, String correlationId, SQLException e) {
        return new CallContextStoreException("the JDBC call context store (table " + table + ") could not " + action
                + (correlationId == null ? "" : " correlation id '" + correlationId + "'") + ": " + e.getMessage()
                + " (SQLSTATE " + e.getSQLState() + ")", e);
    }

    @Override
    public String toString() {
        return "JdbcCallContextStore[" + table + "]";
    }
}
