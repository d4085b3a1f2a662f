package dev.softphone.benchmarks;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A minimal RFC 6455 WebSocket client over one blocking {@link Socket}, for the benchmark's simulated pages: the
 * pages run on the same cores as the server they load, so a page must cost what a socket write costs and no more.
 *
 * <p>What it does, and does correctly: the HTTP/1.1 upgrade with a random {@code Sec-WebSocket-Key} and a checked
 * {@code Sec-WebSocket-Accept}; text messages sent as one masked frame each (FIN set, as a browser sends a message),
 * built in a reused buffer and written with one {@code write}; a reader thread that joins fragmented text messages,
 * answers pings with pongs, answers the server's close, and refuses what a server must not send (masked frames,
 * reserved bits, fragmented or oversized control frames, text that is not UTF-8) with the RFC's close codes. What it
 * leaves out because no page of the benchmark needs it: {@code wss}, extensions, subprotocols, sending binary.
 *
 * <p>Sends are synchronized per socket (a page's senders and its reader, answering commands, both write). The
 * listener is called on the reader thread, which is a daemon named as the caller asks.
 */
final class RawWebSocket {
    /** What the socket hands to its owner, on its reader thread. */
    interface Listener {
        /**
         * A whole text message arrived (fragments already joined).
         *
         * @param socket the socket
         * @param text   the message
         */
        void onText(RawWebSocket socket, String text);

        /**
         * The socket ended; nothing more arrives and sends fail.
         *
         * @param socket the socket
         * @param why    the close code and reason the server sent ({@code "1000 done"}, or {@code "1000"} without a
     *               reason), or what went wrong
         */
        void onClosed(RawWebSocket socket, String why);
    }

    /** The largest message the reader accepts (far above any bridge message; the bridge's limit is lower). */
    static final int MAX_MESSAGE_BYTES = 16 << 20;

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEADER_BYTES = 16 << 10;
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;
    private static final int PROTOCOL_ERROR = 1002;
    private static final int NOT_UTF8 = 1007;
    private static final int TOO_BIG = 1009;
    private static final int NO_STATUS = 1005;
    /** Reads and writes 8 payload bytes at once, in the byte order the mask key is laid out in. */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String address;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Listener listener;
    /** The mask key of every frame this socket sends, chosen once (RFC 6455 allows any unpredictable key). */
    private final int maskKey;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    /** Frame being built: header, mask key and masked payload; guarded by {@code this}. */
    private byte[] frame = new byte[8 << 10];
    /** Guarded by {@code this}: after the close frame, nothing more may be sent. */
    private boolean closeSent;
    /** The message being read (reader thread only). */
    private byte[] message = new byte[8 << 10];
    private volatile String closedBecause;

    private RawWebSocket(String address, Socket socket, InputStream in, Listener listener) throws IOException {
        this.address = address;
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.listener = listener;
        this.maskKey = RANDOM.nextInt();
    }

    /**
     * Opens a socket: connects, upgrades, and starts the reader thread.
     *
     * @param uri        {@code ws://host:port/path?query}
     * @param origin     the {@code Origin} header to send, or null for none
     * @param timeout    how long connecting and the upgrade may take
     * @param threadName the reader thread's name
     * @param listener   receives messages and the end of the socket
     * @return the open socket
     * @throws IOException when the server cannot be reached or refuses the upgrade (the message says how)
     */
    static RawWebSocket connect(URI uri, String origin, Duration timeout, String threadName, Listener listener)
            throws IOException {
        if (!"ws".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a ws://host[:port]/path address: " + uri);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(uri.getHost(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            // Small: a page receives commands, not snapshots.
            InputStream in = new BufferedInputStream(socket.getInputStream(), 16 << 10);
            upgrade(uri, port, origin, socket.getOutputStream(), in);
            // The upgrade is done; the reader blocks until the server sends or closes.
            socket.setSoTimeout(0);
            // Bytes after the header block (the start of the first frame) stay in the buffered stream for the reader.
            RawWebSocket ws = new RawWebSocket(uri.toString(), socket, in, listener);
            Thread reader = new Thread(ws::readLoop, threadName);
            reader.setDaemon(true);
            reader.start();
            return ws;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private static void upgrade(URI uri, int port, String origin, OutputStream out, InputStream in)
            throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "\r\n";
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();

        String status = readLine(in, uri);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !"101".equals(parts[1])) {
            throw new IOException(uri + ": the server answered \"" + status
                    + "\" instead of 101 Switching Protocols");
        }
        Map<String, String> headers = new HashMap<>();
        for (String line = readLine(in, uri); !line.isEmpty(); line = readLine(in, uri)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException(uri + ": malformed header line \"" + line + "\" after \"" + status + "\"");
            }
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        String expected = accept(key);
        if (!expected.equals(headers.get("sec-websocket-accept"))) {
            throw new IOException(uri + ": \"" + status + "\" with Sec-WebSocket-Accept "
                    + headers.get("sec-websocket-accept") + ", expected " + expected);
        }
        if (!"websocket".equalsIgnoreCase(headers.get("upgrade"))
                || !hasToken(headers.get("connection"), "upgrade")) {
            throw new IOException(uri + ": \"" + status + "\" without Upgrade: websocket and Connection: Upgrade");
        }
        if (headers.containsKey("sec-websocket-extensions") || headers.containsKey("sec-websocket-protocol")) {
            throw new IOException(uri + ": the server chose an extension or subprotocol none was offered: " + headers);
        }
    }

    /**
     * @param key the {@code Sec-WebSocket-Key} sent
     * @return the {@code Sec-WebSocket-Accept} a server must answer (RFC 6455 §4.2.2)
     */
    static String accept(String key) {
        try {
            byte[] sha1 = MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(sha1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static boolean hasToken(String list, String token) {
        if (list == null) {
            return false;
        }
        for (String t : list.split(",")) {
            if (t.trim().equalsIgnoreCase(token)) {
                return true;
            }
        }
        return false;
    }

    /** Reads one header line (CRLF or LF ended), without the line end. */
    private static String readLine(InputStream in, URI uri) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException(uri + ": the connection ended during the upgrade response");
            }
            if (line.size() >= MAX_HEADER_BYTES) {
                throw new IOException(uri + ": an upgrade response header line longer than " + MAX_HEADER_BYTES);
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    // ----- sending -----

    /**
     * Sends one text message as one masked frame.
     *
     * @param utf8 holds the message's UTF-8 bytes (not checked: the caller's text)
     * @param off  where the message starts
     * @param len  its length
     * @throws IOException when the socket is closed or the write fails
     */
    void sendText(byte[] utf8, int off, int len) throws IOException {
        send(OP_TEXT, utf8, off, len);
    }

    /**
     * Sends a pong.
     *
     * @param payload the ping's payload, at most 125 bytes
     * @throws IOException when the socket is closed or the write fails
     */
    void sendPong(byte[] payload) throws IOException {
        send(OP_PONG, payload, 0, payload.length);
    }

    /**
     * Sends a close frame; after it no frame may be sent. The reader ends when the server's close arrives.
     *
     * @param code   the close code, or {@code 1005} for a close frame without a body
     * @param reason the reason (kept short: a close body holds at most 123 bytes of it)
     * @throws IOException when the close frame was sent already or the write fails
     */
    void sendClose(int code, String reason) throws IOException {
        byte[] body;
        if (code == NO_STATUS) {
            body = new byte[0];
        } else {
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            body = new byte[2 + Math.min(text.length, 123)];
            body[0] = (byte) (code >>> 8);
            body[1] = (byte) code;
            System.arraycopy(text, 0, body, 2, body.length - 2);
        }
        send(OP_CLOSE, body, 0, body.length);
    }

    /**
     * Closes the socket the normal way (a close frame when none was sent yet); a failing write ends the connection.
     *
     * @param code   the close code
     * @param reason the reason
     */
    void close(int code, String reason) {
        try {
            synchronized (this) {
                if (!closeSent) {
                    sendClose(code, reason);
                }
            }
        } catch (IOException e) {
            abort();
        }
    }

    /** Ends the connection at once, without a close frame. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    /** @return why the socket ended (the server's close code and reason, or the failure), or null while open */
    String closedBecause() {
        return closedBecause;
    }

    private synchronized void send(int opcode, byte[] payload, int off, int len) throws IOException {
        if (closeSent) {
            throw new IOException(address + ": the close frame was sent; no more frames may follow");
        }
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        int total = header + 4 + len;
        if (frame.length < total) {
            frame = new byte[Math.max(total, frame.length * 2)];
        }
        byte[] f = frame;
        f[0] = (byte) (0x80 | opcode);
        if (header == 2) {
            f[1] = (byte) (0x80 | len);
        } else if (header == 4) {
            f[1] = (byte) (0x80 | 126);
            f[2] = (byte) (len >>> 8);
            f[3] = (byte) len;
        } else {
            f[1] = (byte) (0x80 | 127);
            LONGS.set(f, 2, (long) len);
        }
        f[header] = (byte) (maskKey >>> 24);
        f[header + 1] = (byte) (maskKey >>> 16);
        f[header + 2] = (byte) (maskKey >>> 8);
        f[header + 3] = (byte) maskKey;
        mask(payload, off, f, header + 4, len, maskKey);
        if (opcode == OP_CLOSE) {
            closeSent = true;
        }
        out.write(f, 0, total);
    }

    /**
     * Copies {@code len} bytes from {@code src} to {@code dst}, XORed with the mask key as RFC 6455 §5.3 says (byte
     * {@code i} with key byte {@code i % 4}, the key's most significant byte first), eight bytes at a time.
     *
     * @param src the payload
     * @param off where it starts
     * @param dst where the masked payload goes
     * @param at  where it starts there
     * @param len how many bytes
     * @param key the mask key, big-endian
     */
    static void mask(byte[] src, int off, byte[] dst, int at, int len, int key) {
        long wide = ((long) key << 32) | (key & 0xFFFF_FFFFL);
        int i = 0;
        for (int end = len - 7; i < end; i += 8) {
            LONGS.set(dst, at + i, (long) LONGS.get(src, off + i) ^ wide);
        }
        for (; i < len; i++) {
            dst[at + i] = (byte) (src[off + i] ^ (key >>> (24 - 8 * (i & 3))));
        }
    }

    // ----- receiving -----

    /** A frame the server must not send: the socket closes with {@code code}. */
    private static final class ProtocolViolation extends IOException {
        final int code;

        ProtocolViolation(int code, String message) {
            super(message);
            this.code = code;
        }
    }

    private void readLoop() {
        String why;
        try {
            why = readFrames();
        } catch (ProtocolViolation e) {
            why = e.code + " " + e.getMessage();
            close(e.code, e.getMessage());
        } catch (EOFException e) {
            why = "the connection ended without a close frame";
        } catch (IOException e) {
            why = "reading failed: " + e;
        } catch (RuntimeException e) {
            why = "the listener failed: " + e;
            close(1011, "listener failed");
        }
        abort();
        closedBecause = why;
        listener.onClosed(this, why);
    }

    /** Reads frames until the server's close frame; returns its code and reason. */
    private String readFrames() throws IOException {
        int messageOpcode = -1;
        int messageLength = 0;
        while (true) {
            int b0 = readByte();
            int b1 = readByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            if ((b0 & 0x70) != 0) {
                throw new ProtocolViolation(PROTOCOL_ERROR, "reserved bits set without an extension");
            }
            if ((b1 & 0x80) != 0) {
                throw new ProtocolViolation(PROTOCOL_ERROR, "masked frame from the server");
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
                if (length < 0) {
                    throw new ProtocolViolation(PROTOCOL_ERROR, "frame length with the most significant bit set");
                }
            }
            if (opcode >= OP_CLOSE) {
                if (!fin || length > 125) {
                    throw new ProtocolViolation(PROTOCOL_ERROR, "fragmented or longer than 125 bytes control frame");
                }
                byte[] payload = new byte[(int) length];
                readFully(payload, 0, payload.length);
                switch (opcode) {
                    case OP_CLOSE:
                        return closeReceived(payload);
                    case OP_PING:
                        sendPong(payload);
                        break;
                    case OP_PONG:
                        break; // an unsolicited pong is allowed and means nothing
                    default:
                        throw new ProtocolViolation(PROTOCOL_ERROR, "unknown opcode " + opcode);
                }
                continue;
            }
            if (opcode == OP_CONTINUATION) {
                if (messageOpcode < 0) {
                    throw new ProtocolViolation(PROTOCOL_ERROR, "continuation frame without a message to continue");
                }
            } else if (opcode == OP_TEXT || opcode == OP_BINARY) {
                if (messageOpcode >= 0) {
                    throw new ProtocolViolation(PROTOCOL_ERROR, "new message before the previous one's last frame");
                }
                messageOpcode = opcode;
                messageLength = 0;
            } else {
                throw new ProtocolViolation(PROTOCOL_ERROR, "unknown opcode " + opcode);
            }
            if (messageLength + length > MAX_MESSAGE_BYTES) {
                throw new ProtocolViolation(TOO_BIG, "message longer than " + MAX_MESSAGE_BYTES + " bytes");
            }
            int n = (int) length;
            if (messageOpcode == OP_TEXT) {
                if (message.length < messageLength + n) {
                    message = Arrays.copyOf(message, Math.max(messageLength + n, message.length * 2));
                }
                readFully(message, messageLength, n);
                messageLength += n;
            } else {
                skip(n); // the bridge protocol has no binary messages; a page ignores them
            }
            if (fin) {
                if (messageOpcode == OP_TEXT) {
                    listener.onText(this, decode(message, 0, messageLength));
                }
                messageOpcode = -1;
            }
        }
    }

    /** Answers the server's close (echoing its code) unless this side closed first; returns code and reason. */
    private String closeReceived(byte[] payload) throws IOException {
        if (payload.length == 1) {
            throw new ProtocolViolation(PROTOCOL_ERROR, "close frame with a 1-byte body");
        }
        int code = payload.length == 0 ? NO_STATUS : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        String reason = payload.length <= 2 ? "" : decode(payload, 2, payload.length - 2);
        synchronized (this) {
            if (!closeSent) {
                sendClose(code, "");
            }
        }
        return reason.isEmpty() ? String.valueOf(code) : code + " " + reason;
    }

    private String decode(byte[] bytes, int off, int len) throws ProtocolViolation {
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, off, len)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolViolation(NOT_UTF8, "text that is not UTF-8");
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private void readFully(byte[] into, int off, int len) throws IOException {
        for (int done = 0; done < len; ) {
            int n = in.read(into, off + done, len - done);
            if (n < 0) {
                throw new EOFException();
            }
            done += n;
        }
    }

    private void skip(long n) throws IOException {
        for (long left = n; left > 0; ) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                readByte();
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
