package dev.softphone.amazonconnect.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads Streams timestamps, which arrive in two forms: epoch seconds as a number (the CTI wire form, for example
 * {@code 1646369082.782}) or an ISO-8601 string (what {@code JSON.stringify} makes of the JavaScript {@code Date}s
 * the AWS SDK creates). Epoch values too large to be seconds are read as milliseconds (the worker's
 * {@code localTimestamp}).
 */
public final class StreamsTime {
    /** Epoch seconds stay below this until the year 5138; anything larger is milliseconds. */
    private static final double MILLIS_THRESHOLD = 1e11;

    private StreamsTime() {
    }

    /**
     * @param node a timestamp node; may be null, missing or JSON null
     * @return the instant, or null when absent
     * @throws IllegalArgumentException when present but neither a number nor an ISO-8601 string
     */
    public static Instant parse(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return null;
        }
        try (JsonParser p = node.traverse(ObjectReadContext.empty())) {
            p.nextToken();
            return parse(p);
        }
    }

    /**
     * Reads the timestamp at the parser's current token; an object or array is skipped before it is refused, so the
     * parser stays usable.
     *
     * @param p a parser positioned on the value
     * @return the instant, or null when absent (JSON null or an empty string)
     * @throws IllegalArgumentException when present but neither a number nor an ISO-8601 string
     */
    public static Instant parse(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null || t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
            return fromEpoch(p.getDoubleValue());
        }
        if (t == JsonToken.VALUE_STRING) {
            return parseText(p.getString());
        }
        String kind = JsonKinds.kind(p);
        p.skipChildren();
        throw new IllegalArgumentException("not a timestamp: " + kind);
    }

    private static Instant parseText(String raw) {
        String text = raw.trim();
        if (text.isEmpty()) {
            return null;
        }
        Instant fast = utcInstant(text);
        if (fast != null) {
            return fast;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return fromEpoch(Double.parseDouble(text));
                } catch (NumberFormatException notNumber) {
                    throw new IllegalArgumentException("not a timestamp: '" + text + "'");
                }
            }
        }
    }

    /**
     * The form {@code JSON.stringify} gives every JavaScript {@code Date}: {@code 2025-03-04T10:15:30.120Z}, read
     * without a {@code DateTimeFormatter} (a changed snapshot carries several and the formatter is slow).
     *
     * @return the instant, or null when the text is in another form (the general parsers then decide)
     */
    static Instant utcInstant(String t) {
        int n = t.length();
        if (n < 20 || n > 30 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T'
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int nanos = 0;
        if (n > 20) {
            if (t.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(t, 20, n - 1);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int k = n - 1 - 20; k < 9; k++) {
                nanos *= 10;
            }
        } else if (t.charAt(19) != 'Z') {
            return null;
        }
        if ((year | month | day | hour | minute | second) < 0 || month < 1 || month > 12 || day < 1
                || day > java.time.YearMonth.of(year, month).lengthOfMonth() || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** @return the decimal value of {@code t[from, to)}, or -1 when it is not all digits */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int k = from; k < to; k++) {
            char c = t.charAt(k);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static Instant fromEpoch(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a timestamp: " + value);
        }
        double millis = Math.abs(value) >= MILLIS_THRESHOLD ? value : value * 1000d;
        return Instant.ofEpochMilli(Math.round(millis));
    }
}
