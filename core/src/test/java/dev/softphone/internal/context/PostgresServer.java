package dev.softphone.internal.context;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away PostgreSQL server for tests, started from the machine's Debian packages
 * ({@code /usr/lib/postgresql/<version>/bin}): {@code initdb} into a temporary directory, {@code pg_ctl start} on a
 * free loopback port with the unix socket in that directory, one database created, everything deleted on close.
 *
 * <p>PostgreSQL refuses to run as root. When the tests run as root (CI), the server runs as the unprivileged user
 * {@code postgres} that the Debian package creates, through {@code runuser -u postgres --}, and the temporary
 * directory is handed to that user.
 */
final class PostgresServer implements AutoCloseable {
    private static final String RUN_AS = "postgres";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asRoot;
    private final String database;

    private PostgresServer(Path bin, Path dir, int port, boolean asRoot, String database) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asRoot = asRoot;
        this.database = database;
    }

    /** @return the newest installed PostgreSQL bin directory, if any */
    static Optional<Path> binaries() {
        Path root = Paths.get("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> versionOf(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Integer versionOf(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Starts a server with one database.
     *
     * @param bin      the PostgreSQL bin directory
     * @param database the database to create
     * @return the running server
     */
    static PostgresServer start(Path bin, String database) throws IOException, InterruptedException, SQLException {
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory(Paths.get("/tmp"), "softphone-pg-");
        if (asRoot) {
            run(List.of("chown", RUN_AS + ":" + RUN_AS, dir.toString()), false, dir.resolve("chown.log"));
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, dir, port, asRoot, database);
        try {
            server.initAndStart();
            try (Connection c = DriverManager.getConnection(server.url("postgres"), "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + database);
            }
            return server;
        } catch (IOException | SQLException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void initAndStart() throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Path sockets = dir.resolve("sockets");
        asServerUser(List.of("mkdir", "-p", sockets.toString()));
        asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres",
                "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"));
        asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c fsync=off", "start"));
    }

    /** @param db a database name; @return its JDBC URL */
    String url(String db) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + db;
    }

    /** @return the JDBC URL of the test database */
    String url() {
        return url(database);
    }

    /** @return the superuser name (trust authentication: no password) */
    String user() {
        return "postgres";
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m",
                        "immediate", "-w", "stop"));
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("could not stop the test PostgreSQL server in " + dir + ": " + e.getMessage());
        } finally {
            deleteTree(dir);
        }
    }

    private void asServerUser(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asRoot) {
            full.addAll(List.of("runuser", "-u", RUN_AS, "--"));
        }
        full.addAll(command);
        run(full, true, dir.resolve("commands.log"));
    }

    private static void run(List<String> command, boolean append, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        if (p.exitValue() != 0) {
            String output = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
            throw new IOException("failed (exit " + p.exitValue() + "): " + String.join(" ", command) + "\n" + output);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }
}
