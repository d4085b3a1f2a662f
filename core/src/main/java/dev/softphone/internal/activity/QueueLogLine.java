package dev.softphone.internal.activity;

import java.util.List;

/**
 * One QueueMetrics / Asterisk {@code queue_log} line: {@code epoch|callid|queue|agent|verb|data1|…}. Values are
 * sanitized when the line is rendered: a {@code |} would shift every later field, so it becomes {@code _} (as
 * Asterisk does for caller names), and control characters (line breaks would split the record) become spaces.
 *
 * @param epoch  Unix time in seconds
 * @param callId the call's id, or {@code NONE}
 * @param queue  the queue, or {@code NONE}
 * @param agent  the agent ({@code Agent/<code>}), or {@code NONE}
 * @param verb   the event verb
 * @param data   data1..data5 (may be empty)
 */
public record QueueLogLine(long epoch, String callId, String queue, String agent, String verb, List<String> data) {

    /** Freezes the data list. */
    public QueueLogLine {
        data = List.copyOf(data);
        if (data.size() > 5) {
            throw new IllegalArgumentException("queue_log lines carry at most 5 data fields, got " + data.size());
        }
    }

    /** @return the line, without a newline */
    public String render() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(epoch).append('|').append(field(callId)).append('|').append(field(queue)).append('|')
                .append(field(agent)).append('|').append(verb);
        for (String d : data) {
            sb.append('|').append(clean(d));
        }
        return sb.toString();
    }

    private static String field(String s) {
        String c = clean(s);
        return c.isEmpty() ? "NONE" : c;
    }

    /**
     * @param s a value, or null
     * @return the value made safe for a queue_log field (null becomes empty)
     */
    public static String clean(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '|') {
                sb.append('_');
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                sb.append(' ');
            } else {
                sb.append(c);
            }
        }
        return sb.toString().strip();
    }
}
