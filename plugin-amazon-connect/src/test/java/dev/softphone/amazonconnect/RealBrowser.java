package dev.softphone.amazonconnect;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Headless Chromium for the real-browser tests: runs one of the node scripts of {@code src/test/js/browser}, which
 * drive {@code /usr/bin/chromium} with playwright-core from {@code .ci/node_modules}. {@link #require()} skips the
 * test when node or Chromium is absent and fails clearly when the npm packages are not installed.
 */
final class RealBrowser implements AutoCloseable {
    /** The scripts and pages of the browser tests. */
    static final Path JS = Path.of("src/test/js/browser").toAbsolutePath();
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path node;
    private final Path modules;
    private Process process;
    private Path stdout;
    private Path stderr;

    private RealBrowser(Path node, Path modules) {
        this.node = node;
        this.modules = modules;
    }

    /**
     * @return a browser runner; the calling test is skipped when node or Chromium is missing
     * @throws AssertionError when playwright-core is not installed in {@code .ci/node_modules}
     */
    static RealBrowser require() {
        Optional<Path> found = onPath("node");
        assumeTrue(found.isPresent(), "skipped: `node` is not installed (run bash .ci/setup)");
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is missing (apt-get install chromium, "
                + "or run bash .ci/setup)");
        RealBrowser browser = new RealBrowser(found.get(), repositoryRoot().resolve(".ci/node_modules"));
        browser.npmPackage("playwright-core");
        return browser;
    }

    /**
     * @param name an npm package pinned in {@code .ci/package.json}
     * @return its folder
     * @throws AssertionError when it is not installed
     */
    Path npmPackage(String name) {
        Path dir = modules.resolve(name);
        assertThat(dir).as(name + " is pinned in .ci/package.json; run bash .ci/setup to install it").isDirectory();
        return dir;
    }

    /**
     * Starts a script of {@link #JS} in node.
     *
     * @param logs   where its stdout and stderr go
     * @param script the script's file name
     * @param args   its arguments
     * @throws IOException when node cannot be started
     */
    void start(Path logs, String script, String... args) throws IOException {
        stdout = logs.resolve("stdout.txt");
        stderr = logs.resolve("stderr.txt");
        List<String> command = new ArrayList<>(List.of(node.toString(), JS.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("PLAYWRIGHT_CORE", modules.resolve("playwright-core").toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        process = pb.start();
    }

    /**
     * Writes one line to the script's stdin (page-per-line.cjs opens it as a page).
     *
     * @param line the line
     * @throws IOException when the script is gone
     */
    void sendLine(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Tells a script that waits for it (keep-page-open.cjs) that the test is done: closes its stdin. */
    void release() throws IOException {
        process.getOutputStream().close();
    }

    /**
     * Waits for the script to end successfully.
     *
     * @param timeout how long at most
     * @return the JSON line it printed
     */
    JsonNode result(Duration timeout) throws InterruptedException {
        assertThat(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)).as("browser script finished").isTrue();
        assertThat(process.exitValue()).as(read(stderr)).isZero();
        return JSON.readTree(read(stdout));
    }

    /** @return what the script wrote to stderr so far (page errors, console warnings) */
    String log() {
        return read(stderr);
    }

    /**
     * @param e    a failure of the test
     * @param more further context (sink calls, conduit messages)
     * @return the failure with the browser's log attached
     */
    AssertionError withLog(Throwable e, String more) {
        close();
        return new AssertionError(e.getMessage() + "\n--- browser stderr ---\n" + log() + "\n--- " + more, e);
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static String read(Path p) {
        try {
            return p != null && Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).map(dir -> Path.of(dir, program))
                .filter(Files::isExecutable).findFirst();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(".ci/package.json"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (.ci/package.json) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
