package dev.softphone.amazonconnect.internal.bridge;

import java.nio.charset.StandardCharsets;

/** Byte counting for message limits and WebSocket close reasons. */
public final class Utf8 {
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
}
