package dev.softphone.amazonconnect;

import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.testkit.BridgeCommand;
import dev.softphone.testkit.BridgePageClient;
import dev.softphone.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bridge over a real loopback WebSocket, whatever transport carries it: a server on one side (see the
 * subclasses: the embedded server on Jetty's WebSocket core, and the Jakarta endpoint in a servlet container), the
 * testkit's page client on the other, and a recording {@link PageSink} as the phone's driver. Both transports must
 * pass every rule here.
 */
abstract class BridgeLoopbackContract {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SNAPSHOT_1 = "{\"snapshot\":{\"state\":{\"name\":\"Available\",\"type\":\"routable\"},"
            + "\"contacts\":[]},\"configuration\":{\"name\":\"Jane\"}}";
    private static final String SNAPSHOT_2 = "{\"snapshot\":{\"state\":{\"name\":\"Lunch\",\"type\":\"not_routable\"},"
            + "\"contacts\":[]},\"configuration\":{\"name\":\"Jane\"}}";

    private final MutableClock clock = MutableClock.atMondayMorning();
    private final List<BridgePageClient> pages = new ArrayList<>();
    private StreamsBridgeHub hub;
    private BridgeTransportUnderTest server;
    private RecordingPageSink sink;
    private AutoCloseable registration;

    @BeforeEach
    void start() {
        hub = new StreamsBridgeHub(BridgePolicy.builder().maxMessageBytes(4096).build(), clock);
        sink = new RecordingPageSink();
        registration = hub.register("agent-1", sink);
        server = startServer(hub);
    }

    /**
     * Starts a server that serves the bridge script and accepts bridge pages for the hub.
     *
     * @param hub where pages are paired
     * @return the started server
     */
    abstract BridgeTransportUnderTest startServer(StreamsBridgeHub hub);

    @AfterEach
    void stop() throws Exception {
        // Pages first, so the server does not wait for their sockets.
        pages.forEach(BridgePageClient::drop);
        registration.close();
        server.close();
    }

    private BridgePageClient page(String token) {
        return page(BridgePageClient.builder(server.bridgeUri()).token(token));
    }

    private BridgePageClient page(BridgePageClient.Builder builder) {
        BridgePageClient p = builder.timeout(WAIT).build();
        pages.add(p);
        return p;
    }

    private String token() {
        return hub.issuePairingToken("agent-1").value();
    }

    @Nested
    @DisplayName("pairing")
    class Pairing {
        @Test
        @DisplayName("a page with a valid token is attached and its hello and snapshots reach the driver in order")
        void pairsAndRelays() {
            BridgePageClient page = page(token()).connect();
            page.sendAgentUpdate(SNAPSHOT_1);
            page.sendStreamsEvent("agent::mute_toggle", "{\"muted\":true}");
            page.sendAgentUpdate(SNAPSHOT_2);

            sink.awaitCount("message:", 4, WAIT);
            assertThat(sink.calls()).containsExactly("attached", "message:hello", "message:agent.update",
                    "message:streams.event", "message:agent.update");
            List<JsonNode> messages = sink.parsedMessages();
            assertThat(messages.get(0).path("protocol").asInt()).isEqualTo(1);
            assertThat(messages.subList(1, 4)).extracting(m -> m.path("seq").asLong()).containsExactly(1L, 2L, 3L);
            assertThat(messages.get(3).path("data").path("snapshot").path("state").path("name").asString())
                    .isEqualTo("Lunch");
            assertThat(hub.hasLivePage("agent-1")).isTrue();
        }

        @Test
        @DisplayName("a thousand messages arrive in the order the page sent them")
        void keepsOrder() {
            BridgePageClient page = page(token()).connect();
            for (int i = 0; i < 1000; i++) {
                page.sendStreamsEvent("agent::mute_toggle", "{\"muted\":" + (i % 2 == 0) + "}");
            }
            sink.awaitCount("message:streams.event", 1000, WAIT);
            assertThat(sink.parsedMessages().stream().skip(1).map(m -> m.path("seq").asLong()).toList())
                    .isSortedAccordingTo(Long::compare).hasSize(1000).doesNotHaveDuplicates();
        }

        @Test
        @DisplayName("a command round trip: Java sends a command, the page answers with a result")
        void commandRoundTrip() throws Exception {
            BridgePageClient page = page(BridgePageClient.builder(server.bridgeUri()).token(token())
                    .commandHandler((cmd, p) -> p.send(cmd.ok("{\"op\":\"" + cmd.op() + "\",\"contact\":\""
                            + cmd.arg("contactId") + "\"}")))).connect();
            sink.awaitCount("attached", 1, WAIT);

            JsonNode result = sink.command("hold", "{\"contactId\":\"c-1\",\"connectionId\":\"k-2\"}")
                    .get(10, TimeUnit.SECONDS);

            assertThat(result.path("ok").asBoolean()).isTrue();
            assertThat(result.path("data").path("op").asString()).isEqualTo("hold");
            assertThat(result.path("data").path("contact").asString()).isEqualTo("c-1");
            BridgeCommand seen = page.commands().get(0);
            assertThat(seen.op()).isEqualTo("hold");
            assertThat(seen.arg("connectionId")).isEqualTo("k-2");
        }

        @Test
        @DisplayName("the test page hands a burst of commands to its handler one at a time, in the order they came")
        void pageHandlesCommandsInOrder() throws Exception {
            List<String> handled = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger overlaps = new AtomicInteger();
            page(BridgePageClient.builder(server.bridgeUri()).token(token()).commandHandler((cmd, p) -> {
                if (inside.incrementAndGet() != 1) {
                    overlaps.incrementAndGet();
                }
                handled.add(cmd.arg("contactId"));
                inside.decrementAndGet();
                p.send(cmd.ok("{}"));
            })).connect();
            sink.awaitCount("attached", 1, WAIT);

            List<CompletableFuture<JsonNode>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(sink.command("hold", "{\"contactId\":\"c-" + i + "\",\"connectionId\":\"k\"}"));
            }
            for (CompletableFuture<JsonNode> r : results) {
                assertThat(r.get(10, TimeUnit.SECONDS).path("ok").asBoolean()).isTrue();
            }
            assertThat(handled).containsExactlyElementsOf(IntStream.range(0, 200)
                    .mapToObj(i -> "c-" + i).toList());
            assertThat(overlaps.get()).as("handler calls that overlapped").isZero();
        }

        @Test
        @DisplayName("the script is served from the plugin jar at /softphone/streams-bridge.js")
        void servesScript() throws Exception {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.scriptUri()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("text/javascript"));
            assertThat(r.body()).contains("SoftphoneBridge");
            HttpResponse<String> dts = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.baseUri().resolve("/softphone/streams-bridge.d.ts")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(dts.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    @DisplayName("refusals")
    class Refusals {
        private BridgePageClient.Closure refusedWith(BridgePageClient page) {
            page.connect();
            return page.awaitClosed(WAIT);
        }

        /** The page was closed with this code and a reason naming why, before anything reached the driver. */
        private void assertRefusedBeforeTheDriver(BridgePageClient.Closure c, int code, String why) {
            assertThat(c.code()).isEqualTo(code);
            assertThat(c.reason()).contains(why);
            assertThat(sink.calls()).isEmpty();
        }

        @Test
        @DisplayName("no token: closed with 4401 before anything reaches the driver")
        void missingToken() {
            BridgePageClient.Closure c = refusedWith(page((String) null));
            assertRefusedBeforeTheDriver(c, 4401, "no pairing token");
        }

        @Test
        @DisplayName("an unknown token: closed with 4401")
        void unknownToken() {
            BridgePageClient.Closure c = refusedWith(page("not-a-token-this-hub-issued"));
            assertRefusedBeforeTheDriver(c, 4401, "unknown pairing token");
        }

        @Test
        @DisplayName("a token never used within its lifetime expires")
        void expiredToken() {
            String token = token();
            clock.advance(BridgePolicy.DEFAULT_PAIRING_TOKEN_TTL.plusSeconds(1));
            BridgePageClient.Closure c = refusedWith(page(token));
            assertRefusedBeforeTheDriver(c, 4401, "expired");
        }

        @Test
        @DisplayName("a foreign origin: closed with 4403 even with a valid token")
        void foreignOrigin() {
            BridgePageClient.Closure c = refusedWith(page(BridgePageClient.builder(server.bridgeUri()).token(token())
                    .origin("https://evil.example")));
            assertRefusedBeforeTheDriver(c, 4403, "evil.example");
        }

        @Test
        @DisplayName("no Origin header (not a browser): refused unless the policy allows it")
        void missingOrigin() {
            BridgePageClient.Closure c = refusedWith(page(BridgePageClient.builder(server.bridgeUri()).token(token())
                    .origin("")));
            assertThat(c.code()).isEqualTo(4403);

            hub.usePolicy(BridgePolicy.builder().allowMissingOrigin(true).build());
            BridgePageClient ok = page(BridgePageClient.builder(server.bridgeUri()).token(token()).origin(""))
                    .connect();
            sink.awaitCount("message:hello", 1, WAIT);
            assertThat(ok.isOpen()).isTrue();
        }

        @Test
        @DisplayName("a listed origin is accepted")
        void listedOrigin() {
            hub.usePolicy(BridgePolicy.builder().allowSameOrigin(false).allowOrigin("https://agent.example.com")
                    .build());
            page(BridgePageClient.builder(server.bridgeUri()).token(token()).origin("https://agent.example.com:443"))
                    .connect();
            sink.awaitCount("message:hello", 1, WAIT);
            BridgePageClient.Closure c = refusedWith(page(token()));
            assertThat(c.code()).as("same origin no longer allowed").isEqualTo(4403);
        }

        @Test
        @DisplayName("a revoked token is refused")
        void revokedToken() {
            String token = token();
            hub.revokePairingTokens("agent-1");
            assertThat(refusedWith(page(token)).code()).isEqualTo(4401);
        }

        @Test
        @DisplayName("a first message for another protocol version closes with 4400")
        void wrongProtocol() {
            BridgePageClient page = page(BridgePageClient.builder(server.bridgeUri()).token(token()).protocol(2));
            BridgePageClient.Closure c = refusedWith(page);
            assertThat(c.code()).isEqualTo(4400);
            assertThat(c.reason()).contains("unsupported bridge protocol 2");
            sink.awaitCount("detached", 1, WAIT);
            assertThat(sink.calls()).containsExactly("attached", sink.calls().get(1));
            assertThat(sink.calls().get(1)).startsWith("detached:unsupported bridge protocol");
        }

        @Test
        @DisplayName("a first message that is not hello closes with 4400")
        void notHello() {
            BridgePageClient page = page(BridgePageClient.builder(server.bridgeUri()).token(token()).sendHello(false));
            page.connect();
            page.send("{\"type\":\"agent.update\",\"seq\":1,\"data\":{}}");
            BridgePageClient.Closure c = page.awaitClosed(WAIT);
            assertThat(c.code()).isEqualTo(4400);
            assertThat(c.reason()).contains("first message must be");
            assertThat(sink.calls()).noneMatch(call -> call.startsWith("message:"));
        }
    }

    @Nested
    @DisplayName("limits")
    class Limits {
        @Test
        @DisplayName("a message above the limit is skipped with an error and the next one still arrives")
        void oversizedSkipped() {
            BridgePageClient page = page(token()).connect();
            page.sendStreamsEvent("agent::softphone_error", "{\"errorMessage\":\"" + "x".repeat(5000) + "\"}");
            page.sendAgentUpdate(SNAPSHOT_1);
            sink.awaitCount("message:agent.update", 1, WAIT);
            assertThat(sink.calls()).containsExactly("attached", "message:hello", "message:agent.update");
            assertThat(page.isOpen()).isTrue();
        }

        @Test
        @DisplayName("a quiet page stays connected past the idle timeout because the server pings it")
        void pingsKeepQuietPageAlive() {
            hub.usePolicy(BridgePolicy.builder().pingInterval(Duration.ofMillis(50))
                    .idleTimeout(Duration.ofMillis(400)).build());
            BridgePageClient page = page(token()).connect();
            sink.awaitCount("message:hello", 1, WAIT);
            page.awaitPings(20, WAIT); // about 1 s of silence from the page: more than twice the idle timeout
            assertThat(page.isOpen()).isTrue();
            assertThat(sink.calls()).noneMatch(c -> c.startsWith("detached"));
        }

        @Test
        @DisplayName("a binary message is ignored (the protocol is text): the page stays connected and its next "
                + "text message arrives")
        void binaryIgnored() throws Exception {
            WebSocketCoreClient client = new WebSocketCoreClient();
            client.start();
            try {
                CoreClientPage page = CoreClientPage.connect(client, server.bridgeUri(), server.baseUri(), token(),
                        WAIT);
                page.send(new Frame(OpCode.TEXT, "{\"type\":\"hello\",\"protocol\":1}"));
                page.send(new Frame(OpCode.BINARY, ByteBuffer.wrap(new byte[] {1, 2, 3})));
                page.send(new Frame(OpCode.TEXT, "{\"type\":\"agent.update\",\"seq\":1,\"data\":" + SNAPSHOT_1 + "}"));
                sink.awaitCount("message:agent.update", 1, WAIT);
                assertThat(sink.calls()).containsExactly("attached", "message:hello", "message:agent.update");
                assertThat(page.closed).isNotDone();
            } finally {
                client.stop();
            }
        }

        @Test
        @DisplayName("a frame above the hard limit closes the socket with 1009")
        void hugeClosed() {
            BridgePageClient page = page(token()).connect();
            page.sendStreamsEvent("agent::softphone_error", "{\"errorMessage\":\"" + "x".repeat(20_000) + "\"}");
            BridgePageClient.Closure c = page.awaitClosed(WAIT);
            assertThat(c.code()).isEqualTo(1009);
            sink.awaitCount("detached", 1, WAIT);
        }
    }

    @Nested
    @DisplayName("loss, reconnect and takeover")
    class Lifecycle {
        @Test
        @DisplayName("commands in flight fail at once with SoftphoneUnavailableException when the socket drops")
        void inFlightFailOnDrop() {
            BridgePageClient page = page(token()).connect();
            sink.awaitCount("attached", 1, WAIT);
            CompletableFuture<JsonNode> pending = sink.command("setState", "{\"state\":{\"name\":\"Lunch\"}}");
            page.awaitCommand(WAIT);
            PageLink old = sink.link();

            page.drop();

            assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(SoftphoneUnavailableException.class)
                    .hasMessageContaining("went away");
            assertThat(sink.calls()).last().asString().startsWith("detached:the bridge page disconnected");
            assertThatThrownBy(() -> old.send("{\"type\":\"command\"}"))
                    .isInstanceOf(SoftphoneUnavailableException.class).hasMessageContaining("not connected");
            assertThat(hub.hasLivePage("agent-1")).isFalse();
        }

        @Test
        @DisplayName("a reconnect resends hello and the latest snapshot, seq continues, nothing is duplicated")
        void reconnect() {
            BridgePageClient page = page(token()).connect();
            page.sendAgentUpdate(SNAPSHOT_1);
            page.sendAgentUpdate(SNAPSHOT_2);
            sink.awaitCount("message:agent.update", 2, WAIT);
            page.drop();
            sink.awaitCount("detached", 1, WAIT);
            clock.advance(Duration.ofMinutes(9));

            page.reconnect();
            page.sendStreamsEvent("agent::mute_toggle", "{\"muted\":false}");

            sink.awaitCount("message:streams.event", 1, WAIT);
            assertThat(sink.calls()).containsExactly("attached", "message:hello", "message:agent.update",
                    "message:agent.update", sink.calls().get(4), "attached", "message:hello",
                    "message:agent.update", "message:streams.event");
            List<JsonNode> m = sink.parsedMessages();
            assertThat(m).extracting(n -> n.path("seq").asLong(0)).containsExactly(0L, 1L, 2L, 0L, 3L, 4L);
            assertThat(m.get(4).path("data").path("snapshot").path("state").path("name").asString())
                    .isEqualTo("Lunch");
            assertThat(m.get(0).path("page").asString()).isEqualTo(m.get(3).path("page").asString());
        }

        @Test
        @DisplayName("relaying a Streams source while disconnected keeps only the latest snapshot and buffers events")
        void relayWhileDisconnected() {
            BridgePageClient page = page(token()).connect();
            page.relayFromStreams("{\"type\":\"hello\",\"protocol\":1}");
            page.relayFromStreams("{\"type\":\"agent.update\",\"seq\":7,\"data\":" + SNAPSHOT_1 + "}");
            sink.awaitCount("message:agent.update", 1, WAIT);
            page.drop();
            sink.awaitCount("detached", 1, WAIT);

            page.relayFromStreams("{\"type\":\"agent.update\",\"seq\":8,\"data\":" + SNAPSHOT_1 + "}");
            page.relayFromStreams("{\"type\":\"streams.event\",\"seq\":9,\"name\":\"agent::mute_toggle\","
                    + "\"data\":{\"muted\":true}}");
            page.relayFromStreams("{\"type\":\"agent.update\",\"seq\":10,\"data\":" + SNAPSHOT_2 + "}");
            page.reconnect();

            sink.awaitCount("message:streams.event", 1, WAIT);
            List<JsonNode> m = sink.parsedMessages();
            assertThat(m).extracting(n -> n.path("type").asString() + "#" + n.path("seq").asLong(0))
                    .containsExactly("hello#0", "agent.update#1", "hello#0", "agent.update#2", "streams.event#3");
            assertThat(m.get(3).path("data").path("snapshot").path("state").path("name").asString())
                    .isEqualTo("Lunch");
        }

        @Test
        @DisplayName("after the reconnect grace a dropped page cannot come back with its old token")
        void graceExpires() {
            BridgePageClient page = page(token()).connect();
            sink.awaitCount("attached", 1, WAIT);
            page.drop();
            sink.awaitCount("detached", 1, WAIT);
            clock.advance(BridgePolicy.DEFAULT_RECONNECT_GRACE.plusSeconds(1));

            page.reconnect();
            BridgePageClient.Closure c = page.awaitClosed(WAIT);
            assertThat(c.code()).isEqualTo(4401);
            assertThat(c.reason()).contains("reconnect grace");
        }

        @Test
        @DisplayName("a second page takes over: the first is told why and closed, then detached, then the new one attached")
        void takeover() {
            String token = token();
            BridgePageClient first = page(token).connect();
            sink.awaitCount("message:hello", 1, WAIT);
            PageLink firstLink = sink.link();
            CompletableFuture<JsonNode> pending = sink.command("accept", "{\"contactId\":\"c-1\"}");

            BridgePageClient second = page(token).connect();

            BridgePageClient.Closure c = first.awaitClosed(WAIT);
            assertThat(c.code()).isEqualTo(4409);
            assertThat(c.reason()).contains("took over");
            sink.awaitCount("message:hello", 2, WAIT);
            List<String> calls = sink.calls();
            assertThat(calls).hasSize(5);
            assertThat(calls.get(2)).startsWith("detached:another page of this agent connected");
            assertThat(calls.subList(3, 5)).containsExactly("attached", "message:hello");
            assertThat(pending).isCompletedExceptionally();
            assertThat(sink.link()).isNotSameAs(firstLink);
            assertThat(second.isOpen()).isTrue();
            assertThatThrownBy(() -> firstLink.send("{}")).isInstanceOf(SoftphoneUnavailableException.class);
        }

        @Test
        @DisplayName("closing the phone closes its page with 4410 and detaches it")
        void phoneClosed() throws Exception {
            BridgePageClient page = page(token()).connect();
            sink.awaitCount("attached", 1, WAIT);
            registration.close();
            BridgePageClient.Closure c = page.awaitClosed(WAIT);
            assertThat(c.code()).isEqualTo(4410);
            sink.awaitCount("detached", 1, WAIT);
            assertThat(hub.find("agent-1")).isEmpty();
        }

        @Test
        @DisplayName("the driver closing its link closes the socket normally and detaches exactly once")
        void driverCloses() {
            BridgePageClient page = page(token()).connect();
            sink.awaitCount("attached", 1, WAIT);
            sink.link().close("agent logged out");
            BridgePageClient.Closure c = page.awaitClosed(WAIT);
            assertThat(c.code()).isEqualTo(1000);
            assertThat(c.reason()).isEqualTo("agent logged out");
            assertThat(sink.calls()).filteredOn(s -> s.startsWith("detached")).hasSize(1);
        }

        @Test
        @DisplayName("stopping the server closes pages with 1001 so they reconnect")
        void serverStops() {
            BridgePageClient page = page(token()).connect();
            sink.awaitCount("attached", 1, WAIT);
            server.close();
            assertThat(page.awaitClosed(WAIT).code()).isEqualTo(1001);
            sink.awaitCount("detached", 1, WAIT);
        }
    }
}
