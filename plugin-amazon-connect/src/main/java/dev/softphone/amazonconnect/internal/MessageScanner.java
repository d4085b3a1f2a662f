package dev.softphone.amazonconnect.internal;

import java.util.Arrays;

/**
 * One pass over a raw bridge message, without building a tree: finds the top-level {@code type} and {@code seq},
 * and makes a <em>content key</em> — the message text with the values that change on every re-poll left out
 * (top-level {@code seq}; {@code snapshotTimestamp}, {@code localTimestamp}, {@code skew} and {@code contentLength}
 * of {@code data.snapshot}; each contact's {@code contactDuration}). Two {@code agent.update} messages with equal keys carry the same picture, so the
 * driver skips the second one without parsing it: the Streams worker re-polls about every 100 ms and most messages
 * are like that.
 *
 * <p>The scan checks only what it needs (strings are closed, brackets balance); the full parse of a changed
 * message catches every other syntax error. Stateless and thread-safe.
 */
public final class MessageScanner {

    /**
     * What the scan found.
     *
     * @param type the top-level {@code type}, or null
     * @param seq  the top-level {@code seq}, or null when absent
     * @param key  the content key
     */
    public record Scan(String type, Long seq, String key) {
    }

    private static final String[] SNAPSHOT_VOLATILE = {"snapshotTimestamp", "localTimestamp", "skew",
        "contentLength"};
    private static final int MAX_DEPTH = 256;

    private MessageScanner() {
    }

    /**
     * @param json a raw message
     * @return what it holds
     * @throws BadMessageException when it is not a JSON object (unterminated string, unbalanced brackets, empty)
     */
    public static Scan scan(String json) throws BadMessageException {
        if (json == null) {
            throw new BadMessageException("the message is empty (null)");
        }
        int n = json.length();
        int i = skipWs(json, 0);
        if (i >= n || json.charAt(i) != '{') {
            throw new BadMessageException("not JSON: a bridge message must be a JSON object, it starts with "
                    + (i >= n ? "nothing" : "'" + abbreviate(json.substring(i)) + "'"));
        }
        StringBuilder key = new StringBuilder(n);
        // For each open container: the key it was opened under ("" for the root and array items).
        String[] path = new String[16];
        int depth = 0;
        String type = null;
        Long seq = null;
        String pendingKey = null;
        int copyFrom = 0;
        while (i < n) {
            char c = json.charAt(i);
            switch (c) {
                case '{', '[' -> {
                    if (depth == MAX_DEPTH) {
                        throw new BadMessageException("not JSON: nested deeper than " + MAX_DEPTH + " levels");
                    }
                    if (depth == path.length) {
                        path = Arrays.copyOf(path, depth * 2);
                    }
                    path[depth++] = pendingKey == null ? "" : pendingKey;
                    pendingKey = null;
                    i++;
                }
                case '}', ']' -> {
                    if (depth == 0) {
                        throw new BadMessageException("not JSON: unbalanced '" + c + "' at offset " + i);
                    }
                    depth--;
                    pendingKey = null;
                    i++;
                    if (depth == 0) {
                        int rest = skipWs(json, i);
                        if (rest < n) {
                            throw new BadMessageException("not JSON: text after the message's object at offset "
                                    + rest);
                        }
                    }
                }
                case '"' -> {
                    int end = stringEnd(json, i);
                    int after = skipWs(json, end);
                    if (after < n && json.charAt(after) == ':') {
                        String name = json.substring(i + 1, end - 1);
                        int valueStart = skipWs(json, after + 1);
                        if (depth == 1 && "type".equals(name) && valueStart < n && json.charAt(valueStart) == '"') {
                            type = json.substring(valueStart + 1, stringEnd(json, valueStart) - 1);
                        }
                        if (isVolatile(name, path, depth)) {
                            int valueEnd = scalarEnd(json, valueStart);
                            if (depth == 1) {
                                seq = seqValue(json.substring(valueStart, valueEnd));
                            }
                            key.append(json, copyFrom, valueStart);
                            copyFrom = valueEnd;
                            i = valueEnd;
                            pendingKey = null;
                            continue;
                        }
                        pendingKey = name;
                        i = after + 1;
                    } else {
                        pendingKey = null;
                        i = end;
                    }
                }
                default -> i++;
            }
        }
        if (depth != 0) {
            throw new BadMessageException("not JSON: the message ends before its brackets close");
        }
        key.append(json, copyFrom, n);
        return new Scan(type, seq, key.toString());
    }

    private static boolean isVolatile(String name, String[] path, int depth) {
        if (depth == 1) {
            return "seq".equals(name);
        }
        if (depth == 3 && "data".equals(path[1]) && "snapshot".equals(path[2])) {
            for (String v : SNAPSHOT_VOLATILE) {
                if (v.equals(name)) {
                    return true;
                }
            }
        }
        // A contact's running duration ticks on every poll and is not part of the picture.
        return depth == 5 && "contactDuration".equals(name) && "contacts".equals(path[3])
                && "snapshot".equals(path[2]) && "data".equals(path[1]);
    }

    private static Long seqValue(String raw) throws BadMessageException {
        String t = raw.trim();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new BadMessageException("'seq' must be a whole number, got " + abbreviate(t));
        }
    }

    /** @return the index just after the closing quote of the string starting at {@code start} */
    private static int stringEnd(String s, int start) throws BadMessageException {
        int i = start + 1;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '"') {
                return i + 1;
            } else {
                i++;
            }
        }
        throw new BadMessageException("not JSON: a string starting at offset " + start + " never ends");
    }

    /** @return the index just after a scalar value (string, number, literal) starting at {@code start} */
    private static int scalarEnd(String s, int start) throws BadMessageException {
        int n = s.length();
        if (start >= n) {
            throw new BadMessageException("not JSON: the message ends where a value should be");
        }
        char c = s.charAt(start);
        if (c == '"') {
            return stringEnd(s, start);
        }
        if (c == '{' || c == '[') {
            throw new BadMessageException("wrong shape: expected a plain value at offset " + start + ", got "
                    + (c == '{' ? "an object" : "an array"));
        }
        int i = start;
        while (i < n) {
            char d = s.charAt(i);
            if (d == ',' || d == '}' || d == ']' || Character.isWhitespace(d)) {
                break;
            }
            i++;
        }
        return i;
    }

    private static int skipWs(String s, int i) {
        int n = s.length();
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
