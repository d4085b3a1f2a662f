package dev.softphone.spi;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Log masking hides numbers, tokens and customer data by default")
class LogMaskingTest {

    @AfterEach
    void reset() {
        System.clearProperty(LogMasking.PROPERTY);
    }

    @Test
    @DisplayName("S7: a phone number keeps only its last two digits")
    void phoneNumber() {
        assertThat(LogMasking.phoneNumber("+1 (555) 010-0123")).isEqualTo("*********23");
        assertThat(LogMasking.phoneNumber("12")).isEqualTo("**");
        assertThat(LogMasking.phoneNumber(null)).isNull();
    }

    @Test
    @DisplayName("S7: a token shows only its length")
    void token() {
        assertThat(LogMasking.token("pt_9f8e7d6c5b4a")).isEqualTo("<token: 15 chars>");
    }

    @Test
    @DisplayName("S7: sensitive JSON members are masked whole, other numbers keep their last two digits, text is cut")
    void text() {
        String json = "{\"kind\":\"CALL_ENDED\",\"remote\":\"+15550100\",\"attributes\":{\"account\":\"A-77\"},"
                + "\"token\":\"abc\\\"def\",\"queue\":\"support\",\"note\":\"call back on 0044 20 7946 0958\"}";
        String masked = LogMasking.text(json, 10_000);
        assertThat(masked).contains("\"remote\":\"<masked>\"", "\"attributes\":\"<masked>\"",
                "\"token\":\"<masked>\"", "\"queue\":\"support\"", "\"kind\":\"CALL_ENDED\"", "58\"}");
        assertThat(masked).doesNotContain("5550100", "A-77", "abc", "7946");
        assertThat(LogMasking.text("x".repeat(5_000), 100)).hasSize(100 + "…(5000 chars)".length());
    }

    @Test
    @DisplayName("S7: ISO-8601 times stay readable while a number next to them is still masked")
    void timesAreKept() {
        String line = "{\"snapshotTimestamp\":\"2025-03-04T10:15:30.120Z\",\"at\":\"2026-11-29T09:00+01:00\","
                + "\"note\":\"call 0044 20 7946 0958\"}";
        String masked = LogMasking.text(line, 10_000);
        assertThat(masked).contains("\"2025-03-04T10:15:30.120Z\"", "\"2026-11-29T09:00+01:00\"", "58\"}");
        assertThat(masked).doesNotContain("7946");
    }

    @Test
    @DisplayName("S7: masking is configurable: softphone.log.mask=false logs in clear")
    void configurable() {
        System.setProperty(LogMasking.PROPERTY, "false");
        assertThat(LogMasking.phoneNumber("+15550100")).isEqualTo("+15550100");
        assertThat(LogMasking.token("secret")).isEqualTo("secret");
        assertThat(LogMasking.text("{\"remote\":\"+15550100\"}", 100)).isEqualTo("{\"remote\":\"+15550100\"}");
    }

    @Test
    @DisplayName("S7: control characters are escaped, masking on or off, so a payload cannot forge a log line")
    void controlCharacters() {
        String hostile = "unknown\r\n[main] INFO forged line\u0000\u001b[2J";
        assertThat(LogMasking.text(hostile, 100)).isEqualTo(
                "unknown\\u000d\\u000a[main] INFO forged line\\u0000\\u001b[2J").doesNotContain("\n", "\r");
        System.setProperty(LogMasking.PROPERTY, "false");
        assertThat(LogMasking.text(hostile, 100)).doesNotContain("\n", "\r", "\u0000", "\u001b");
    }

    @Property
    void aNumberInAnyTextNeverShowsInFull(@ForAll String before, @ForAll @LongRange(min = 100_000L) long number,
                                          @ForAll String after) {
        String digits = Long.toString(number);
        String masked = LogMasking.text(before + " " + digits + " " + after, 100_000);
        if (!(before + after).contains(digits) && masked.contains(digits)) {
            throw new AssertionError("number " + digits + " survived masking: " + masked);
        }
    }
}
