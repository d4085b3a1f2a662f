package dev.softphone.amazonconnect.internal;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Label("StreamsTime: the fast path for JSON.stringify dates agrees with java.time")
class StreamsTimeProperties {

    @Property(tries = 500)
    @Label("any instant written as ISO-8601 UTC with 0 to 9 fraction digits reads back the same as Instant.parse")
    void agreesWithInstantParse(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
                                @ForAll @IntRange(min = 0, max = 999_999_999) int nanos,
                                @ForAll @IntRange(min = 0, max = 9) int digits) {
        String full = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(seconds, nanos));
        // ISO_INSTANT writes 0, 3, 6 or 9 digits; cut or pad to the wanted count
        String base = full.substring(0, 19);
        String fraction = String.format("%09d", nanos).substring(0, digits);
        String text = base + (digits == 0 ? "" : "." + fraction) + "Z";
        Instant fast = StreamsTime.utcInstant(text);
        assertThat(fast).isEqualTo(Instant.parse(text));
    }

    @Example
    @Label("other forms are left to the general parsers, which still read them or say what is wrong")
    void otherForms() {
        for (String t : new String[] {"2025-03-04T10:15:30.Z", "2025-02-30T10:15:30Z", "2025-03-04T24:00:00Z",
            "2024-12-31T23:59:60Z", "+12025-03-04T10:15:30Z", "2025-03-04 10:15:30Z", "2025-03-04T10:15:30+01:00",
            "2025-03-04T10:15:30.1234567890Z", "２０２５-03-04T10:15:30Z"}) {
            assertThat(StreamsTime.utcInstant(t)).as(t).isNull();
        }
        assertThat(StreamsTime.parse(tools.jackson.databind.node.JsonNodeFactory.instance
                .stringNode("2025-03-04T11:15:30+01:00"))).isEqualTo(Instant.parse("2025-03-04T10:15:30Z"));
        assertThatThrownBy(() -> StreamsTime.parse(tools.jackson.databind.node.JsonNodeFactory.instance
                .stringNode("2025-02-30T10:15:30Z"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a timestamp");
    }
}
