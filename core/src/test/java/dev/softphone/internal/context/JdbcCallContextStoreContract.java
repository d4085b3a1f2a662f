package dev.softphone.internal.context;

import dev.softphone.CallContextStoreException;
import dev.softphone.CallContextStores;
import dev.softphone.spi.CallContextStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract plus what a JDBC store adds: schema on first use, cleanup, sharing, failures. */
abstract class JdbcCallContextStoreContract extends CallContextStoreContract {
    /** A fresh table per test, so every test also sees the schema created on first use. */
    static final Duration CLEANUP = TTL.multipliedBy(2);
    final String table = "ctx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private JdbcCallContextStore store;

    /** @return the JDBC URL of a running database */
    abstract String url();

    /** @return the user */
    abstract String user();

    /** @return a URL where no database answers */
    abstract String downUrl();

    JdbcCallContextStore newStore() {
        return (JdbcCallContextStore) CallContextStores.jdbc(url(), user(), "").table(table).ttl(TTL)
                .maxPayloadBytes(LIMIT).clock(clock).cleanupInterval(CLEANUP).build();
    }

    @Override
    CallContextStore store() {
        if (store == null) {
            store = newStore();
        }
        return store;
    }

    long rows() throws SQLException {
        try (Connection c = DriverManager.getConnection(url(), user(), "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @DisplayName("creates its table on first use")
    void schemaOnFirstUse() throws SQLException {
        assertThatThrownBy(this::rows).isInstanceOf(SQLException.class);
        store().load(key());
        assertThat(rows()).isZero();
    }

    @Test
    @DisplayName("two stores over one database (two JVMs) share contexts and versions, even racing to create the table")
    void sharedBetweenStores() {
        JdbcCallContextStore first = newStore();
        JdbcCallContextStore second = newStore();
        String key = key();
        first.save(key, sample(), 0, "agent-a");
        assertThat(second.load(key).orElseThrow().context()).isEqualTo(sample());
        assertThat(second.save(key, sample().with("step", 4), 1, "agent-b")).isEqualTo(2);
        assertThat(first.load(key).orElseThrow().savedBy()).isEqualTo("agent-b");
    }

    @Test
    @DisplayName("cleanup deletes expired rows; saves run it at most once per cleanup interval")
    void cleanup() throws SQLException {
        JdbcCallContextStore s = (JdbcCallContextStore) store();
        s.save(key(), sample(), 0, "agent-a"); // the first save runs the cleanup; the next is due in 2 TTLs
        s.save(key(), sample(), 0, "agent-a");
        clock.advance(TTL.plusSeconds(1));
        s.save(key(), sample(), 0, "agent-a"); // cleanup not due yet: the two expired rows stay
        assertThat(rows()).isEqualTo(3);
        assertThat(s.purgeExpired()).isEqualTo(2);
        assertThat(rows()).isEqualTo(1);
        clock.advance(CLEANUP);
        s.save(key(), sample(), 0, "agent-a"); // cleanup due again: the third row has expired and goes
        assertThat(rows()).isEqualTo(1);
    }

    @Test
    @DisplayName("a corrupt row is reported as a store failure naming the correlation id")
    void corruptPayload() throws SQLException {
        String key = key();
        store().save(key, sample(), 0, "agent-a");
        try (Connection c = DriverManager.getConnection(url(), user(), "");
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE " + table + " SET payload = '{not json' WHERE correlation_id = '" + key + "'");
        }
        assertThatThrownBy(() -> store().load(key)).isInstanceOf(CallContextStoreException.class)
                .hasMessageContaining(key).hasMessageContaining("corrupt");
    }

    @Test
    @DisplayName("a database that does not answer gives a CallContextStoreException on load and save")
    void databaseDown() {
        CallContextStore down = CallContextStores.jdbc(downUrl(), user(), "").table(table).build();
        assertThatThrownBy(() -> down.load(key())).isInstanceOf(CallContextStoreException.class)
                .hasMessageContaining("could not load");
        assertThatThrownBy(() -> down.save(key(), sample(), 0, "agent-a"))
                .isInstanceOf(CallContextStoreException.class).hasMessageContaining("could not save");
    }

    @Test
    @DisplayName("refuses a table name that is not a plain SQL identifier")
    void tableName() {
        assertThatThrownBy(() -> CallContextStores.jdbc(url(), user(), "").table("x; DROP TABLE y").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table name");
    }
}
