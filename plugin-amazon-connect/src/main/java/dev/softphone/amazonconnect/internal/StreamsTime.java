package dev.softphone.amazonconnect.internal;

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
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return fromEpoch(node.doubleValue());
        }
        if (node.isString()) {
            String text = node.stringValue().trim();
            if (text.isEmpty()) {
                return null;
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
        throw new IllegalArgumentException("not a timestamp: " + node);
    }

    private static Instant fromEpoch(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("not a timestamp: " + value);
        }
        double millis = Math.abs(value) >= MILLIS_THRESHOLD ? value : value * 1000d;
        return Instant.ofEpochMilli(Math.round(millis));
    }
}
