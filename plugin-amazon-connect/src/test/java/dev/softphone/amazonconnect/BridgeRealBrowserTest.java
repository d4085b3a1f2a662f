package dev.softphone.amazonconnect;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real thing: headless Chromium (driven by playwright-core from {@code .ci/node_modules}) loads a page with the
 * real {@code streams-bridge.js} served by the embedded server and a fake {@code connect}; Java pairs it, sees the
 * snapshot relayed, runs a command round trip, drops the socket and sees the page reconnect and keep working.
 * Skipped only when {@code node} or {@code /usr/bin/chromium} is missing.
 */
@DisplayName("Bridge in a real browser")
class BridgeRealBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path JS = RealBrowser.JS;

    private StreamsBridgeServer server;
    private RealBrowser browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Skips when node or Chromium is missing; fails clearly when playwright-core is not installed. */
    private void requireBrowser() {
        browser = RealBrowser.require();
    }

    private StreamsBridgeHub serve(Path site, RecordingPageSink sink, String phoneId) {
        StreamsBridgeHub hub = new StreamsBridgeHub(BridgePolicy.defaults(), Clock.systemUTC());
        hub.register(phoneId, sink);
        server = StreamsBridgeServer.builder().hub(hub).staticFiles(site).build().start();
        return hub;
    }

    private void startBrowser(Path logs, String script, String... args) throws IOException {
        browser.start(logs, script, args);
    }

    private JsonNode browserResult() throws InterruptedException {
        return browser.result(WAIT);
    }

    private AssertionError withBrowserLog(Throwable e, RecordingPageSink sink) {
        return browser.withLog(e, "sink calls ---\n" + sink.calls());
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
        Path streams = browser.npmPackage("amazon-connect-streams").resolve("release/connect-streams.js");
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
}
