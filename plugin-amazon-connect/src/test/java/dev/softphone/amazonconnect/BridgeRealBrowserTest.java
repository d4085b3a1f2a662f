package dev.softphone.amazonconnect;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real thing: headless Chromium (driven by playwright-core from {@code .ci/node_modules}) loads a page with the
 * real {@code streams-bridge.js} served by the embedded server and a fake {@code connect}; Java pairs it, sees the
 * snapshot relayed, runs a command round trip, drops the socket and sees the page reconnect and keep working.
 * Skipped only when {@code node} or {@code /usr/bin/chromium} is missing.
 */
@DisplayName("Bridge in a real browser")
class BridgeRealBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path JS = Path.of("src/test/js/browser").toAbsolutePath();

    private StreamsBridgeServer server;
    private Process browser;

    @AfterEach
    void stop() {
        if (browser != null && browser.isAlive()) {
            browser.destroyForcibly();
        }
        if (server != null) {
            server.close();
        }
    }

    private Path node;
    private Path playwright;
    private Path stdout;
    private Path stderr;

    /** Skips when node or Chromium is missing; fails clearly when playwright-core is not installed. */
    private void requireBrowser() {
        Optional<Path> found = onPath("node");
        assumeTrue(found.isPresent(), "skipped: `node` is not installed (run bash .ci/setup)");
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is missing (apt-get install chromium, "
                + "or run bash .ci/setup)");
        node = found.get();
        playwright = repositoryRoot().resolve(".ci/node_modules/playwright-core");
        assertThat(playwright).as("playwright-core is pinned in .ci/package.json; run bash .ci/setup to install it")
                .isDirectory();
    }

    private StreamsBridgeHub serve(Path site, RecordingPageSink sink, String phoneId) {
        StreamsBridgeHub hub = new StreamsBridgeHub(BridgePolicy.defaults(), Clock.systemUTC());
        hub.register(phoneId, sink);
        server = StreamsBridgeServer.builder().hub(hub).staticFiles(site).build().start();
        return hub;
    }

    private void startBrowser(Path logs, String script, String... args) throws IOException {
        stdout = logs.resolve("stdout.txt");
        stderr = logs.resolve("stderr.txt");
        List<String> command = new java.util.ArrayList<>(List.of(node.toString(), JS.resolve(script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("PLAYWRIGHT_CORE", playwright.toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        browser = pb.start();
    }

    private JsonNode browserResult() throws InterruptedException {
        assertThat(browser.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("browser script finished").isTrue();
        assertThat(browser.exitValue()).as(read(stderr)).isZero();
        return JSON.readTree(read(stdout));
    }

    private AssertionError withBrowserLog(Throwable e, RecordingPageSink sink) {
        browser.destroyForcibly();
        return new AssertionError(e.getMessage() + "\n--- browser stderr ---\n" + read(stderr)
                + "\n--- sink calls ---\n" + sink.calls(), e);
    }

    @Test
    @DisplayName("Chromium pairs, relays a snapshot, answers commands and reconnects after the socket drops")
    void roundTrip(@TempDir Path site, @TempDir Path logs) throws Exception {
        requireBrowser();
        Files.copy(JS.getParent().resolve("fake-connect.js"), site.resolve("fake-connect.js"));
        Files.copy(JS.resolve("index.html"), site.resolve("index.html"));
        RecordingPageSink sink = new RecordingPageSink();
        StreamsBridgeHub hub = serve(site, sink, "agent-browser");
        startBrowser(logs, "drive-page.cjs",
                server.baseUri() + "/index.html?token=" + hub.issuePairingToken("agent-browser").value());

        try {
            // Snapshot relay.
            sink.awaitCount("message:agent.update", 1, WAIT);
            List<JsonNode> first = sink.parsedMessages();
            assertThat(first.get(0).path("type").asString()).isEqualTo("hello");
            assertThat(first.get(0).path("protocol").asInt()).isEqualTo(1);
            JsonNode update = first.get(1);
            assertThat(update.path("seq").asLong()).isEqualTo(1);
            assertThat(update.path("data").path("snapshot").path("state").path("startTimestamp").asString())
                    .isEqualTo("2025-03-04T10:14:02.000Z");
            assertThat(update.path("data").path("configuration").path("name").asString()).isEqualTo("Jane Doe");

            // Command round trip.
            JsonNode hold = sink.command("hold", "{\"contactId\":\"c-1\",\"connectionId\":\"k-customer\"}")
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(hold.path("ok").asBoolean()).as(hold.toString()).isTrue();

            // The socket drops; the page reconnects by itself and resends hello and the latest snapshot.
            sink.link().close(PageClose.GOING_AWAY, "the test restarts the socket");
            sink.awaitCount("attached", 2, WAIT);
            sink.awaitCount("message:agent.update", 2, WAIT);
            List<JsonNode> all = sink.parsedMessages();
            List<JsonNode> hellos = all.stream().filter(m -> "hello".equals(m.path("type").asString())).toList();
            assertThat(hellos).hasSize(2);
            assertThat(hellos.get(1).path("page").asString()).isEqualTo(hellos.get(0).path("page").asString());
            JsonNode resent = all.stream().filter(m -> "agent.update".equals(m.path("type").asString()))
                    .reduce((a, b) -> b).orElseThrow();
            assertThat(resent.path("seq").asLong()).isEqualTo(2);
            assertThat(resent.path("data")).isEqualTo(update.path("data"));

            JsonNode accept = sink.command("accept", "{\"contactId\":\"c-1\"}").get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(accept.path("ok").asBoolean()).as(accept.toString()).isTrue();

            JsonNode seen = browserResult();
            assertThat(seen.path("calls").toString())
                    .contains("\"method\":\"connection.hold\"", "\"connectionId\":\"k-customer\"",
                            "\"method\":\"contact.accept\"");
            List<String> statuses = JSON.convertValue(seen.path("statuses"),
                    JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            assertThat(statuses).containsSubsequence("connected", "disconnected", "reconnecting", "connected");
        } catch (AssertionError | Exception e) {
            throw withBrowserLog(e, sink);
        }
    }

    @Test
    @DisplayName("with the real amazon-connect-streams 2.28.2: its agent::update is relayed and a hold command "
            + "becomes Streams' holdConnection API request")
    void realStreams(@TempDir Path site, @TempDir Path logs) throws Exception {
        requireBrowser();
        Path streams = repositoryRoot().resolve(".ci/node_modules/amazon-connect-streams/release/connect-streams.js");
        assertThat(streams).as("amazon-connect-streams is pinned in .ci/package.json; run bash .ci/setup").exists();
        Files.copy(streams, site.resolve("connect-streams.js"));
        Files.copy(JS.resolve("real-streams.html"), site.resolve("real-streams.html"));
        Files.copy(JS.resolve("ccp-standin.html"), site.resolve("ccp-standin.html"));
        RecordingPageSink sink = new RecordingPageSink();
        StreamsBridgeHub hub = serve(site, sink, "agent-streams");
        startBrowser(logs, "drive-real-streams.cjs",
                server.baseUri() + "/real-streams.html?token=" + hub.issuePairingToken("agent-streams").value(),
                JS.resolve("agent-update.json").toString());

        try {
            sink.awaitCount("message:agent.update", 1, WAIT);
            List<JsonNode> messages = sink.parsedMessages();
            // hello carries connect.version (the 2.28.2 release still says 2.28.1 there).
            assertThat(messages.get(0).path("streamsVersion").asString()).matches("\\d+\\.\\d+\\.\\d+");
            JsonNode update = messages.stream().filter(m -> "agent.update".equals(m.path("type").asString()))
                    .findFirst().orElseThrow();
            JsonNode sent = JSON.readTree(JS.resolve("agent-update.json").toFile());
            assertThat(update.path("data").path("snapshot").path("contacts").get(0).path("contactId").asString())
                    .isEqualTo("c-1");
            assertThat(update.path("data").path("configuration").path("name"))
                    .isEqualTo(sent.path("configuration").path("name"));
            assertThat(messages).anySatisfy(m -> {
                assertThat(m.path("type").asString()).isEqualTo("streams.event");
                assertThat(m.path("name").asString()).isEqualTo("init");
            });
            sink.await(c -> c.contains("message:streams.event") && sink.parsedMessages().stream()
                    .anyMatch(m -> "agent::mute_toggle".equals(m.path("name").asString())), WAIT);

            JsonNode hold = sink.command("hold", "{\"contactId\":\"c-1\",\"connectionId\":\"k-customer\"}")
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(hold.path("ok").asBoolean()).as(hold.toString()).isTrue();

            JsonNode seen = browserResult();
            assertThat(seen.path("apiRequests").toString()).contains("\"method\":\"holdConnection\"",
                    "\"contactId\":\"c-1\"", "\"connectionId\":\"k-customer\"");
        } catch (AssertionError | Exception e) {
            throw withBrowserLog(e, sink);
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
