package dev.softphone.amazonconnect.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Recognizes a re-poll without scanning it: compares a message's UTF-8 bytes with the last agent.update the driver
 * used, with a vectorized {@link Arrays#mismatch} from difference to difference. The message is a re-poll when every
 * difference lies inside the value of a field that changes on every poll ({@code seq}, {@code snapshotTimestamp},
 * {@code localTimestamp}, {@code skew}, {@code contentLength}, {@code contactDuration} — the fields
 * {@link MessageScanner} leaves out of its content key). Anything else — a difference elsewhere, in a nested value,
 * or a message it cannot follow — is "not known to be a re-poll", and the driver takes the full path. Fields are
 * recognized by name wherever they are (Streams uses these names only where the scanner drops them), except
 * {@code seq}, which must be the top-level one. Stateless.
 *
 * <p>Why: the Streams worker re-polls about every 100 ms, so most messages are re-polls; the content-key scan walks
 * every character and copies the message, which costs about as much as a JSON tokenizer (docs/performance.md).
 */
public final class RepollMatcher {
    private static final Set<String> VOLATILE = Set.of("seq", "snapshotTimestamp", "localTimestamp", "skew",
            "contentLength", "contactDuration");

    private RepollMatcher() {
    }

    /**
     * @param previous the last agent.update used, as UTF-8
     * @param message  a new message, as UTF-8
     * @return the new message's top-level {@code seq} when it is a re-poll of {@code previous}, else -1
     */
    public static long repollSeq(byte[] previous, byte[] message) {
        int i = 0;
        int j = 0;
        long seq = -1;
        while (true) {
            int d = Arrays.mismatch(previous, i, previous.length, message, j, message.length);
            if (d < 0) {
                return seq;
            }
            int at = j + d;
            if (at >= message.length || i + d >= previous.length) {
                return -1; // one message ends where the other goes on: a structural difference (or a truncation)
            }
            int colon = keyColonBefore(message, at);
            if (colon < 0) {
                return -1;
            }
            int keyEnd = colon - 1; // the key's closing quote
            int keyStart = keyEnd - 1;
            while (keyStart > 0 && message[keyStart] != '"') {
                keyStart--;
            }
            String key = new String(message, keyStart + 1, keyEnd - keyStart - 1, StandardCharsets.UTF_8);
            if (!VOLATILE.contains(key)) {
                return -1;
            }
            int valueStart = colon + 1;
            int prevValueStart = valueStart - j + i; // the bytes before the difference are equal
            int end = scalarEnd(message, valueStart);
            int prevEnd = scalarEnd(previous, prevValueStart);
            if (end < 0 || prevEnd < 0) {
                return -1;
            }
            if ("seq".equals(key)) {
                if (!topLevel(message, keyStart)) {
                    return -1;
                }
                seq = parseSeq(message, valueStart, end);
                if (seq < 0) {
                    return -1;
                }
            }
            if (prevEnd < i || end < j || (prevEnd == i && end == j)) {
                return -1; // no progress: never loop on input the walk cannot follow
            }
            i = prevEnd;
            j = end;
        }
    }

    /**
     * @return the index of the colon of the {@code "key":} whose value contains {@code at}, or -1 when {@code at} is
     *         not inside a plain value (the walk stops at structure)
     */
    private static int keyColonBefore(byte[] s, int at) {
        for (int k = Math.min(at, s.length - 1); k > 0; k--) {
            byte b = s[k];
            if (b == ':' && s[k - 1] == '"' && (k < 2 || s[k - 2] != '\\')) {
                return k;
            }
            if (b == ',' || b == '{' || b == '}' || b == '[' || b == ']') {
                return -1;
            }
        }
        return -1;
    }

    /** @return true when nothing opens between the message's first brace and {@code keyStart} */
    private static boolean topLevel(byte[] s, int keyStart) {
        for (int k = 1; k < keyStart; k++) {
            if (s[k] == '{' || s[k] == '[') {
                return false;
            }
        }
        return true;
    }

    /** @return the index after a number, literal or string value starting at {@code start}, or -1 */
    private static int scalarEnd(byte[] s, int start) {
        if (start >= s.length) {
            return -1;
        }
        if (s[start] == '"') {
            for (int k = start + 1; k < s.length; k++) {
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
        while (k < s.length && s[k] != ',' && s[k] != '}' && s[k] != ']') {
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
