package dev.softphone.amazonconnect.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Recognizes a re-poll without scanning it: compares a message's UTF-8 bytes with the last agent.update the driver
 * used, with a vectorized {@link Arrays#mismatch} from difference to difference. The message is a re-poll when every
 * difference lies inside the value of a field that changes on every poll ({@code seq}, {@code snapshotTimestamp},
 * {@code localTimestamp}, {@code skew}, {@code contentLength}, {@code contactDuration}: values that are not part
 * of the agent's picture). Anything else — a difference elsewhere, in a nested value,
 * or a message it cannot follow — is "not known to be a re-poll", and the driver takes the full path. Fields are
 * recognized by name wherever they are (Streams uses these names only for such values), except
 * {@code seq}, which must be the top-level one. Stateless.
 *
 * <p>Why: the Streams worker re-polls about every 100 ms, so most messages are re-polls; reading them, even with a
 * streaming parser, costs as much as a JSON tokenizer, and comparing bytes a small fraction of that
 * (docs/performance.md).
 */
public final class RepollMatcher {
    /** The fields that change on every poll; {@link #SEQ} indexes {@code seq}. */
    private static final byte[][] VOLATILE = names("seq", "snapshotTimestamp", "localTimestamp", "skew",
            "contentLength", "contactDuration");
    private static final int SEQ = 0;

    private RepollMatcher() {
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int k = 0; k < names.length; k++) {
            out[k] = names[k].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }

    /**
     * @param previous the last agent.update used, as UTF-8
     * @param message  a new message, as UTF-8
     * @return the new message's top-level {@code seq} when it is a re-poll of {@code previous}, else -1
     */
    public static long repollSeq(byte[] previous, byte[] message) {
        return repollSeq(previous, previous.length, message, 0, message.length);
    }

    /**
     * @param previous       holds the last agent.update used, as UTF-8, from index 0
     * @param previousLength its length
     * @param buffer         holds the new message, as UTF-8
     * @param offset         where the message starts in {@code buffer}
     * @param length         the message's length
     * @return the new message's top-level {@code seq} when it is a re-poll of {@code previous}, else -1
     */
    public static long repollSeq(byte[] previous, int previousLength, byte[] buffer, int offset, int length) {
        int end = offset + length;
        int prevLength = previousLength;
        int i = 0;
        int j = offset;
        long seq = -1;
        while (true) {
            int d = Arrays.mismatch(previous, i, prevLength, buffer, j, end);
            if (d < 0) {
                return seq;
            }
            int at = j + d;
            if (at >= end || i + d >= prevLength) {
                return -1; // one message ends where the other goes on: a structural difference (or a truncation)
            }
            int colon = keyColonBefore(buffer, offset, at);
            if (colon < 0) {
                return -1;
            }
            int keyEnd = colon - 1; // the key's closing quote
            int keyStart = keyEnd - 1;
            while (keyStart > offset && buffer[keyStart] != '"') {
                keyStart--;
            }
            int key = volatileKey(buffer, keyStart + 1, keyEnd);
            if (key < 0) {
                return -1;
            }
            int valueStart = colon + 1;
            int prevValueStart = valueStart - j + i; // the bytes before the difference are equal
            int valueEnd = scalarEnd(buffer, valueStart, end);
            int prevEnd = scalarEnd(previous, prevValueStart, prevLength);
            if (valueEnd < 0 || prevEnd < 0) {
                return -1;
            }
            if (key == SEQ) {
                if (!topLevel(buffer, offset, keyStart)) {
                    return -1;
                }
                seq = parseSeq(buffer, valueStart, valueEnd);
                if (seq < 0) {
                    return -1;
                }
            }
            if (prevEnd < i || valueEnd < j || (prevEnd == i && valueEnd == j)) {
                return -1; // no progress: never loop on input the walk cannot follow
            }
            i = prevEnd;
            j = valueEnd;
        }
    }

    /** @return the index in {@link #VOLATILE} of the key in {@code s[from, to)}, or -1 */
    private static int volatileKey(byte[] s, int from, int to) {
        for (int k = 0; k < VOLATILE.length; k++) {
            if (Arrays.equals(s, from, to, VOLATILE[k], 0, VOLATILE[k].length)) {
                return k;
            }
        }
        return -1;
    }

    /**
     * @return the index of the colon of the {@code "key":} whose value contains {@code at}, or -1 when {@code at} is
     *         not inside a plain value (the walk stops at structure)
     */
    private static int keyColonBefore(byte[] s, int start, int at) {
        for (int k = at; k > start; k--) {
            byte b = s[k];
            if (b == ':' && s[k - 1] == '"' && (k - 2 < start || s[k - 2] != '\\')) {
                return k;
            }
            if (b == ',' || b == '{' || b == '}' || b == '[' || b == ']') {
                return -1;
            }
        }
        return -1;
    }

    /** @return true when nothing opens between the message's first brace and {@code keyStart} */
    private static boolean topLevel(byte[] s, int start, int keyStart) {
        for (int k = start + 1; k < keyStart; k++) {
            if (s[k] == '{' || s[k] == '[') {
                return false;
            }
        }
        return true;
    }

    /** @return the index after a number, literal or string value starting at {@code start}, or -1 */
    private static int scalarEnd(byte[] s, int start, int end) {
        if (start >= end) {
            return -1;
        }
        if (s[start] == '"') {
            for (int k = start + 1; k < end; k++) {
                if (s[k] == '\\') {
                    k++;
                } else if (s[k] == '"') {
                    return k + 1;
                }
            }
            return -1;
        }
        if (s[start] == '{' || s[start] == '[') {
            return -1;
        }
        int k = start;
        while (k < end && s[k] != ',' && s[k] != '}' && s[k] != ']') {
            k++;
        }
        return k;
    }

    private static long parseSeq(byte[] s, int from, int to) {
        if (from >= to || to - from > 18) {
            return -1;
        }
        long v = 0;
        for (int k = from; k < to; k++) {
            if (s[k] < '0' || s[k] > '9') {
                return -1;
            }
            v = v * 10 + (s[k] - '0');
        }
        return v;
    }
}
