package dev.softphone.amazonconnect;

import dev.softphone.testkit.MutableClock;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.client.WebSocketCoreClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the embedded server's WebSocket core transport does that a browser's ordinary messages never show: messages
 * split into frames, text that is not UTF-8, and fragments that add up beyond the hard limit. The page here is
 * Jetty's core client, which sends exactly the frames it is given.
 */
@DisplayName("Embedded bridge socket (Jetty WebSocket core): frames, UTF-8 and limits")
class CorePageSocketTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String HELLO = "{\"type\":\"hello\",\"protocol\":1,\"streamsVersion\":\"2.28.2\"}";
    private static final String SNAPSHOT = "{\"type\":\"agent.update\",\"seq\":1,\"data\":{\"snapshot\":{\"state\":"
            + "{\"name\":\"Caf\u00e9 break \u2615\",\"type\":\"not_routable\"},\"contacts\":[]}}}";

    private final MutableClock clock = MutableClock.atMondayMorning();
    private final WebSocketCoreClient client = new WebSocketCoreClient();
    private StreamsBridgeHub hub;
    private StreamsBridgeServer server;
    private RecordingPageSink sink;
    private AutoCloseable registration;

    @BeforeEach
    void start() throws Exception {
        hub = new StreamsBridgeHub(BridgePolicy.builder().maxMessageBytes(4096).build(),
                clock);
        sink = new RecordingPageSink();
        registration = hub.register("agent-1", sink);
        server = StreamsBridgeServer.builder().hub(hub).build().start();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        registration.close();
        server.close();
    }

    private CoreClientPage connect() throws Exception {
        return CoreClientPage.connect(client, server.bridgeUri(), server.baseUri(),
                hub.issuePairingToken("agent-1").value(), WAIT);
    }

    @Test
    @DisplayName("a text message split into frames reaches the driver whole, multi-byte characters split too")
    void fragmentsJoined() throws Exception {
        CoreClientPage page = connect();
        page.send(new Frame(OpCode.TEXT, HELLO));
        byte[] snapshot = SNAPSHOT.getBytes(StandardCharsets.UTF_8);
        int cut = SNAPSHOT.indexOf('\u00e9') + 1; // inside the two bytes of 'é'
        page.send(new Frame(OpCode.TEXT, false, ByteBuffer.wrap(snapshot, 0, cut)));
        page.send(new Frame(OpCode.CONTINUATION, false, ByteBuffer.wrap(snapshot, cut, 10)));
        page.send(new Frame(OpCode.CONTINUATION, true,
                ByteBuffer.wrap(snapshot, cut + 10, snapshot.length - cut - 10)));
        sink.awaitCount("message:agent.update", 1, WAIT);
        assertThat(sink.calls()).containsExactly("attached", "message:hello", "message:agent.update");
        assertThat(sink.messages()).last().isEqualTo(SNAPSHOT);
    }

    @Test
    @DisplayName("a text message that is not valid UTF-8 closes the socket with 1007 and is not relayed")
    void invalidUtf8Closed() throws Exception {
        CoreClientPage page = connect();
        page.send(new Frame(OpCode.TEXT, HELLO));
        byte[] bad = "{\"type\":\"agent.update\",\"x\":\"??\"}".getBytes(StandardCharsets.US_ASCII);
        int at = new String(bad, StandardCharsets.US_ASCII).indexOf('?');
        bad[at] = (byte) 0xC3; // a lead byte followed by an ASCII byte: malformed
        page.send(new Frame(OpCode.TEXT, ByteBuffer.wrap(bad)));
        assertThat(page.awaitClosed().getCode())
                .isEqualTo(CloseStatus.BAD_PAYLOAD);
        sink.await(calls -> calls.stream().anyMatch(c -> c.startsWith("detached")), WAIT);
        assertThat(sink.calls()).hasSize(3).startsWith("attached", "message:hello");
        assertThat(sink.calls().get(2)).startsWith("detached:").contains("1007");
    }

    @Test
    @DisplayName("fragments that add up beyond the hard limit close the socket with 1009")
    void fragmentsBeyondHardLimit() throws Exception {
        CoreClientPage page = connect();
        page.send(new Frame(OpCode.TEXT, HELLO));
        sink.awaitCount("message:hello", 1, WAIT);
        byte[] part = "x".repeat(5000).getBytes(StandardCharsets.US_ASCII);
        page.send(new Frame(OpCode.TEXT, false, ByteBuffer.wrap(part)));
        page.send(new Frame(OpCode.CONTINUATION, false, ByteBuffer.wrap(part)));
        assertThat(page.awaitClosed().getCode())
                .isEqualTo(PageClose.TOO_BIG.code());
        sink.await(calls -> calls.stream().anyMatch(c -> c.startsWith("detached")), WAIT);
        assertThat(sink.calls()).hasSize(3).startsWith("attached", "message:hello");
    }
}
