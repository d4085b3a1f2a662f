package dev.softphone.benchmarks;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The benchmark pages' WebSocket client against a real Jetty 12 WebSocket server on loopback (and, for what Jetty
 * never sends, a raw TCP server that writes the bytes a broken or eager server would).
 */
@DisplayName("RawWebSocket: the benchmark pages' RFC 6455 client")
class RawWebSocketTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String PATH = "/test/socket";

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    /** Every session the server opened, every text it received, every pong and close it saw. */
    private final BlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    private final BlockingQueue<CloseReason> serverCloses = new LinkedBlockingQueue<>();
    /** What the client's listener saw. */
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> closes = new LinkedBlockingQueue<>();
    private final RawWebSocket.Listener listener = new RawWebSocket.Listener() {
        @Override
        public void onText(RawWebSocket socket, String text) {
            texts.add(text);
        }

        @Override
        public void onClosed(RawWebSocket socket, String why) {
            closes.add(why);
        }
    };

    @BeforeEach
    void startServer() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Echo.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(new Echo(RawWebSocketTest.this));
                    }
                }).build();
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(1 << 20);
            container.addEndpoint(config);
        });
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stopServer() throws Exception {
        server.stop();
    }

    /** Echoes every text back and records what it saw. */
    public static final class Echo extends Endpoint {
        private final RawWebSocketTest test;

        Echo(RawWebSocketTest test) {
            this.test = test;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxTextMessageBufferSize(1 << 20);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                test.received.add(text);
                session.getAsyncRemote().sendText(text);
            });
            session.addMessageHandler(PongMessage.class,
                    (MessageHandler.Whole<PongMessage>) pong -> test.pongs.add(pong.getApplicationData()));
            test.sessions.add(session);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            test.serverCloses.add(reason);
        }
    }

    private URI uri() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + PATH + "?token=abc");
    }

    private RawWebSocket open() throws IOException {
        return RawWebSocket.connect(uri(), "http://127.0.0.1:" + connector.getLocalPort(), TIMEOUT, "test-reader",
                listener);
    }

    private static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(value).as("within %s: %s", TIMEOUT, what).isNotNull();
        return value;
    }

    /** A JSON-ish text of the given length with multi-byte characters, so encoding and masking both show. */
    private static String text(int length) {
        Random random = new Random(length);
        StringBuilder b = new StringBuilder(length);
        String alphabet = "{\"snapshot\":[0-9] abcxyzäöü€—";
        while (b.length() < length) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    private static void send(RawWebSocket ws, String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ws.sendText(utf8, 0, utf8.length);
    }

    @Test
    @DisplayName("upgrades, and a 7 KB message (16-bit length) reaches the server intact and its echo comes back")
    void snapshotSizedRoundTrip() throws Exception {
        RawWebSocket ws = open();
        next(sessions, "the server's session");
        String snapshot = text(7_200);

        send(ws, snapshot);

        assertThat(next(received, "the message on the server")).isEqualTo(snapshot);
        assertThat(next(texts, "the echo")).isEqualTo(snapshot);
        assertThat(ws.closedBecause()).isNull();
    }

    @Test
    @DisplayName("a message over 65,535 bytes (64-bit length) reaches the server intact, from an offset in the array")
    void longMessageRoundTrip() throws Exception {
        RawWebSocket ws = open();
        next(sessions, "the server's session");
        String large = text(70_001);
        byte[] utf8 = large.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[utf8.length + 10];
        System.arraycopy(utf8, 0, padded, 3, utf8.length);
        assertThat(utf8.length).isGreaterThan(65_535);

        ws.sendText(padded, 3, utf8.length);
        send(ws, "after");

        assertThat(next(received, "the long message on the server")).isEqualTo(large);
        assertThat(next(received, "the short message on the server")).isEqualTo("after");
        assertThat(next(texts, "the long echo")).isEqualTo(large);
        assertThat(next(texts, "the short echo")).isEqualTo("after");
    }

    @Test
    @DisplayName("tiny and empty messages (7-bit length) arrive as sent")
    void shortMessages() throws Exception {
        RawWebSocket ws = open();
        next(sessions, "the server's session");

        send(ws, "");
        send(ws, "x");
        send(ws, text(125));
        send(ws, text(126));

        assertThat(next(received, "empty")).isEmpty();
        assertThat(next(received, "one byte")).isEqualTo("x");
        assertThat(next(received, "125 characters")).isEqualTo(text(125));
        assertThat(next(received, "126 characters")).isEqualTo(text(126));
    }

    @Test
    @DisplayName("a server ping is answered with a pong carrying its payload, and the socket stays open")
    void pingIsAnswered() throws Exception {
        RawWebSocket ws = open();
        Session session = next(sessions, "the server's session");

        session.getBasicRemote().sendPing(ByteBuffer.wrap("are you there".getBytes(StandardCharsets.UTF_8)));

        ByteBuffer pong = next(pongs, "the pong");
        assertThat(StandardCharsets.UTF_8.decode(pong).toString()).isEqualTo("are you there");
        send(ws, "still here");
        assertThat(next(texts, "an echo after the ping")).isEqualTo("still here");
        assertThat(ws.closedBecause()).isNull();
    }

    @Test
    @DisplayName("a message the server sends in fragments arrives as one message")
    void fragmentsAreJoined() throws Exception {
        open();
        Session session = next(sessions, "the server's session");

        session.getBasicRemote().sendText("{\"type\":", false);
        session.getBasicRemote().sendText("\"command\",", false);
        session.getBasicRemote().sendText("\"id\":\"7\"}", true);
        session.getBasicRemote().sendText("next", true);

        assertThat(next(texts, "the joined message")).isEqualTo("{\"type\":\"command\",\"id\":\"7\"}");
        assertThat(next(texts, "the next message")).isEqualTo("next");
    }

    @Test
    @DisplayName("a server close is answered with the same code, and closedBecause reports code and reason")
    void serverCloseIsAnswered() throws Exception {
        RawWebSocket ws = open();
        Session session = next(sessions, "the server's session");

        session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4403), "origin refused"));

        assertThat(next(closes, "the client's close")).isEqualTo("4403 origin refused");
        assertThat(ws.closedBecause()).isEqualTo("4403 origin refused");
        assertThat(next(serverCloses, "the server's close").getCloseCode().getCode()).isEqualTo(4403);
        assertThatThrownBy(() -> send(ws, "too late")).isInstanceOf(IOException.class)
                .hasMessageContaining("close frame was sent");
    }

    @Test
    @DisplayName("closing from the client sends the code and reason, and the server's answer ends the socket")
    void clientClose() throws Exception {
        RawWebSocket ws = open();
        next(sessions, "the server's session");

        ws.close(1000, "benchmark done");

        CloseReason atServer = next(serverCloses, "the server's close");
        assertThat(atServer.getCloseCode().getCode()).isEqualTo(1000);
        assertThat(atServer.getReasonPhrase()).isEqualTo("benchmark done");
        assertThat(next(closes, "the end of the socket")).startsWith("1000");
    }

    @Test
    @DisplayName("an upgrade the server refuses fails with the status line")
    void notUpgraded() {
        URI missing = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/nothing/here");

        assertThatThrownBy(() -> RawWebSocket.connect(missing, null, TIMEOUT, "test-reader", listener))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP/1.1 404")
                .hasMessageContaining("instead of 101");
    }

    // ----- against a raw TCP server, for what Jetty never sends -----

    /** Accepts one connection, reads the upgrade request, and answers with what {@code answer} writes. */
    private interface RawAnswer {
        void answer(String key, OutputStream out, DataInputStream in) throws IOException;
    }

    private static ServerSocket rawServer(RawAnswer answer, BlockingQueue<Throwable> failures) throws IOException {
        ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (listening; Socket s = listening.accept()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                String key = null;
                for (String line = requestLine(in); !line.isEmpty(); line = requestLine(in)) {
                    if (line.toLowerCase().startsWith("sec-websocket-key:")) {
                        key = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
                answer.answer(key, s.getOutputStream(), in);
            } catch (Throwable e) {
                failures.add(e);
            }
        }, "raw-server");
        t.setDaemon(true);
        t.start();
        return listening;
    }

    /** Reads one request line byte by byte, so nothing after the request is consumed. */
    private static String requestLine(DataInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.readUnsignedByte(); c != '\n'; c = in.readUnsignedByte()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String upgraded(String accept) {
        return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n";
    }

    private static URI rawUri(ServerSocket s) {
        return URI.create("ws://127.0.0.1:" + s.getLocalPort() + "/raw");
    }

    @Test
    @DisplayName("a 101 with a wrong Sec-WebSocket-Accept fails with what was expected")
    void wrongAccept() throws Exception {
        BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        ServerSocket raw = rawServer((key, out, in) -> {
            out.write(upgraded(RawWebSocket.accept("not-the-key")).getBytes(StandardCharsets.ISO_8859_1));
            in.read(); // holds the connection until the client gives up
        }, failures);

        assertThatThrownBy(() -> RawWebSocket.connect(rawUri(raw), null, TIMEOUT, "test-reader", listener))
                .isInstanceOf(IOException.class).hasMessageContaining("HTTP/1.1 101 Switching Protocols")
                .hasMessageContaining("Sec-WebSocket-Accept");
    }

    @Test
    @DisplayName("a frame that arrives with the upgrade response, in the same write, is not lost")
    void frameRightAfterTheHeaders() throws Exception {
        BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> clientAnswer = new LinkedBlockingQueue<>();
        ServerSocket raw = rawServer((key, out, in) -> {
            byte[] head = upgraded(RawWebSocket.accept(key)).getBytes(StandardCharsets.ISO_8859_1);
            byte[] frame = {(byte) 0x81, 5, 'e', 'a', 'g', 'e', 'r', (byte) 0x88, 2, 0x03, (byte) 0xE8};
            byte[] both = new byte[head.length + frame.length];
            System.arraycopy(head, 0, both, 0, head.length);
            System.arraycopy(frame, 0, both, head.length, frame.length);
            out.write(both);
            clientAnswer.add(in.readUnsignedByte());
        }, failures);

        RawWebSocket.connect(rawUri(raw), null, TIMEOUT, "test-reader", listener);

        assertThat(next(texts, "the first frame")).isEqualTo("eager");
        assertThat(next(closes, "the close that followed")).isEqualTo("1000");
        assertThat(next(clientAnswer, "the client's close frame")).isEqualTo(0x88);
        assertThat(failures).isEmpty();
    }

    @Test
    @DisplayName("a masked frame from the server is a protocol error: the client closes with 1002 and says why")
    void maskedServerFrame() throws Exception {
        BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
        BlockingQueue<Integer> closeCode = new LinkedBlockingQueue<>();
        ServerSocket raw = rawServer((key, out, in) -> {
            out.write(upgraded(RawWebSocket.accept(key)).getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[] {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'x' ^ 1});
            int op = in.readUnsignedByte();
            int len = in.readUnsignedByte() & 0x7F;
            byte[] mask = new byte[4];
            in.readFully(mask);
            byte[] body = new byte[len];
            in.readFully(body);
            assertThat(op).isEqualTo(0x88);
            closeCode.add(((body[0] ^ mask[0]) & 0xFF) << 8 | ((body[1] ^ mask[1]) & 0xFF));
        }, failures);

        RawWebSocket ws = RawWebSocket.connect(rawUri(raw), null, TIMEOUT, "test-reader", listener);

        assertThat(next(closes, "the end of the socket")).isEqualTo("1002 masked frame from the server");
        assertThat(next(closeCode, "the code the server received")).isEqualTo(1002);
        assertThat(ws.closedBecause()).startsWith("1002");
        assertThat(texts).isEmpty();
        assertThat(failures).isEmpty();
    }

    @Test
    @DisplayName("masking XORs byte i with key byte i % 4, most significant first, for every length and offset")
    void maskingMatchesTheRfc() {
        Random random = new Random(6455);
        int key = 0xA1B2C3D4;
        byte[] keyBytes = {(byte) 0xA1, (byte) 0xB2, (byte) 0xC3, (byte) 0xD4};
        for (int len = 0; len <= 40; len++) {
            for (int off = 0; off < 9; off++) {
                byte[] src = new byte[off + len + 3];
                random.nextBytes(src);
                byte[] dst = new byte[len + 7];
                int at = (off * 3) % 7;

                RawWebSocket.mask(src, off, dst, at, len, key);

                for (int i = 0; i < len; i++) {
                    assertThat(dst[at + i]).as("len %d off %d byte %d", len, off, i)
                            .isEqualTo((byte) (src[off + i] ^ keyBytes[i % 4]));
                }
            }
        }
    }
}
