package dev.softphone.internal.context;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * The JDBC store against a real PostgreSQL server that this test starts from the machine's Debian packages (see
 * {@link PostgresServer}). Skipped, with a message, only when the PostgreSQL binaries are not installed.
 */
@DisplayName("The JDBC call context store on a real PostgreSQL server")
class PostgresCallContextStoreTest extends JdbcCallContextStoreContract {
    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Path bin = PostgresServer.binaries().orElse(null);
        Assumptions.assumeTrue(bin != null, "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): "
                + "install the Debian package 'postgresql' (.ci/setup does) to run the PostgreSQL store tests");
        server = PostgresServer.start(bin, "contexts");
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    String url() {
        return server.url();
    }

    @Override
    String user() {
        return server.user();
    }

    @Override
    String downUrl() {
        try (ServerSocket s = new ServerSocket(0)) {
            return "jdbc:postgresql://127.0.0.1:" + s.getLocalPort() + "/contexts?connectTimeout=2";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
