package dev.softphone.internal.activity;

import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.Origin;
import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.activity.QueueLogPauseEncoding;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile values (separators, control characters, quotes, backslashes, huge and odd Unicode) in every text field of
 * an activity record, through the queue_log and GA4 mappings: a queue_log line stays one line with its fields in
 * place; a GA4 event is either mapped into a body that escapes every control character, or refused with an
 * {@link IllegalArgumentException} naming the broken limit. Nothing else escapes.
 */
@Label("Hostile activity values: queue_log and GA4 stay well-formed or refuse clearly")
class HostileActivityValuesProperties {
    private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");
    private static final List<String> NASTY = List.of("|", "||", "\n", "\r\n", "\u0000", "\u001b[31m", "\"", "\\",
            "\\u0000", "\u2028", "\u202e", "𝄞", "'; DROP TABLE queue_log; --", "a|b|c|d|e|f|g", "%s%n", "${jndi:x}",
            " ", "");

    @Provide
    Arbitrary<String> hostile() {
        Arbitrary<String> pieces = Arbitraries.oneOf(Arbitraries.of(NASTY), Arbitraries.strings().ofMaxLength(20),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMaxLength(5));
        return Arbitraries.oneOf(pieces.list().ofMaxSize(6).map(l -> String.join("", l)),
                Arbitraries.strings().ofMinLength(1_000).ofMaxLength(5_000));
    }

    @Property(tries = 400)
    @Label("R3: any text in any field keeps queue_log lines whole and GA4 bodies escaped, or is refused clearly")
    void hostileValues(@ForAll("hostile") String callId, @ForAll("hostile") String remote,
                       @ForAll("hostile") String queue, @ForAll("hostile") String reason,
                       @ForAll("hostile") String attribute, @ForAll("hostile") String phoneId,
                       @ForAll ActivityKind kind) {
        ActivityRecord r;
        try {
            r = ActivityRecord.builder(kind, phoneId.isBlank() ? "p" : phoneId, AT).seq(1).origin(Origin.SOFTPHONE)
                    .callId(callId).remote(remote).queue(queue).reason(reason).direction(Direction.INBOUND)
                    .duration(Duration.ofSeconds(3)).talkTime(Duration.ofSeconds(2)).endedBy(EndedBy.REMOTE)
                    .attribute("note", attribute).build();
        } catch (IllegalArgumentException | NullPointerException refused) {
            return; // the record itself refuses the value, with a message: a clear error at the source
        }
        QueueLogMapper queueLog = new QueueLogMapper(new QueueLogMapper.Settings("Agent/{phoneId}",
                "Local/{phoneId}@softphone", List.of("support"), "inbound", "q-outbound",
                QueueLogPauseEncoding.QUEUEMETRICS, Map.of()));
        for (QueueLogLine line : queueLog.map(r)) {
            String text = line.render();
            if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
                throw new AssertionError("queue_log line split by a value: " + text);
            }
            if (text.split("\\|", -1).length != 5 + line.data().size()) {
                throw new AssertionError("queue_log fields shifted: " + text);
            }
        }
        Ga4Mapper ga4 = new Ga4Mapper(Ga4Mapper.DEFAULT_NAMES, false, Clock.fixed(AT, ZoneOffset.UTC));
        if (!ga4.maps(r)) {
            return;
        }
        Map<String, Instant> previous = new HashMap<>();
        try {
            Ga4Mapper.Event e = ga4.map(r, previous);
            String body = Ga4Mapper.body("client-1", null, Map.of(), List.of(e), null);
            for (int i = 0; i < body.length(); i++) {
                if (body.charAt(i) < 0x20) {
                    throw new AssertionError("GA4 body has a raw control character at " + i + ": " + body);
                }
            }
        } catch (IllegalArgumentException refused) {
            if (refused.getMessage() == null || !refused.getMessage().contains("GA4")) {
                throw new AssertionError("GA4 refusal without a clear message", refused);
            }
        }
    }
}
