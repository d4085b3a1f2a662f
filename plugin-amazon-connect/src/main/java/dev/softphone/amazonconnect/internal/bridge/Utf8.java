package dev.softphone.amazonconnect.internal.bridge;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Byte counting for message limits and WebSocket close reasons, and UTF-8 validation of text frames. */
public final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** The most a WebSocket close frame's reason may hold (125 payload bytes minus the 2-byte code). */
    public static final int MAX_CLOSE_REASON_BYTES = 123;

    private Utf8() {
    }

    /**
     * Counts the UTF-8 bytes of a string without encoding it.
     *
     * @param s the text
     * @return its UTF-8 length
     */
    public static long length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /**
     * Cuts a close reason to what a close frame can carry, on a character boundary.
     *
     * @param reason the reason (null becomes empty)
     * @return at most {@value #MAX_CLOSE_REASON_BYTES} UTF-8 bytes of it
     */
    public static String closeReason(String reason) {
        if (reason == null) {
            return "";
        }
        if (reason.getBytes(StandardCharsets.UTF_8).length <= MAX_CLOSE_REASON_BYTES) {
            return reason;
        }
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < reason.length(); ) {
            int cp = reason.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > MAX_CLOSE_REASON_BYTES - 3) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += len;
            i += Character.charCount(cp);
        }
        return b.append("...").toString();
    }

    /**
     * Finds the first byte that makes the text invalid UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
     * above U+10FFFF, no cut sequence at the end). A WebSocket text message must be valid UTF-8 (RFC 6455 §8.1).
     * Runs of ASCII, which is nearly all of a Streams snapshot, are checked eight bytes at a time.
     *
     * @param b      the buffer
     * @param offset where the text starts
     * @param length its length in bytes
     * @return the offset of the first bad byte, or -1 when the whole text is valid
     */
    public static int invalidAt(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min;
            int max = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 1;
                min = 0x80;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 2;
                min = c == 0xE0 ? 0xA0 : 0x80; // E0 80..9F would be overlong
                max = c == 0xED ? 0x9F : 0xBF; // ED A0..BF would be a surrogate
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 3;
                min = c == 0xF0 ? 0x90 : 0x80; // F0 80..8F would be overlong
                max = c == 0xF4 ? 0x8F : 0xBF; // F4 90.. would be above U+10FFFF
            } else {
                return i;
            }
            if (i + n >= end) { // cut off at the end
                return i;
            }
            int second = b[i + 1] & 0xFF;
            if (second < min || second > max) {
                return i;
            }
            for (int k = 2; k <= n; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return -1;
    }
}
