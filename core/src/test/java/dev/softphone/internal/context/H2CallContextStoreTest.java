package dev.softphone.internal.context;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The zero-setup option for several JVMs on one machine: an H2 database file with automatic server mode. */
@DisplayName("The JDBC call context store on an embedded H2 file database")
class H2CallContextStoreTest extends JdbcCallContextStoreContract {
    private static Path dir;

    @BeforeAll
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("softphone-h2-");
    }

    @AfterAll
    static void deleteDir() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    String url() {
        return "jdbc:h2:file:" + dir.resolve("contexts") + ";AUTO_SERVER=TRUE";
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String downUrl() {
        return "jdbc:h2:file:" + dir.resolve("missing/none") + ";IFEXISTS=TRUE";
    }
}
