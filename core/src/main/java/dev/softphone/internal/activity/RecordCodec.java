package dev.softphone.internal.activity;

import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.Origin;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.TransferMode;
import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.internal.json.JsonWriter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The JSON form of {@link ActivityRecord}: {@code {"type":"activity","id":…,"kind":…,…}} with only the fields that are
 * set; durations in milliseconds ({@code ringMs}, {@code talkMs}, {@code holdMs}, {@code durationMs}); the phone event
 * of a {@code PHONE_EVENT} record nested as an object. The spool stores records in this form, so it must stay
 * readable by later versions: fields are only ever added.
 */
public final class RecordCodec {
    private static final JsonMapper MAPPER = JsonMapper.shared();

    private RecordCodec() {
    }

    /**
     * A stable id: a name-based UUID over phone, time, event sequence and kind. The time keeps ids unique when a phone
     * with the same id is built again after a restart (its sequence starts from 1 again); re-deliveries of a stored
     * record keep the id because it is stored with the record.
     *
     * @param phoneId the phone
     * @param at      the time
     * @param seq     the source event's sequence number
     * @param kind    the kind
     * @return the id
     */
    public static String stableId(String phoneId, Instant at, long seq, ActivityKind kind) {
        String name = phoneId + '|' + at + '|' + seq + '|' + kind.name();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * @param r a record
     * @return its JSON object on one line
     */
    public static String toJson(ActivityRecord r) {
        StringBuilder sb = new StringBuilder(512);
        JsonWriter w = new JsonWriter(sb);
        w.beginObject();
        w.name("type").value("activity");
        w.name("id").value(r.id());
        w.name("kind").value(r.kind().name());
        w.name("phoneId").value(r.phoneId());
        w.name("seq").value(r.seq());
        w.name("at").value(r.at().toString());
        w.name("origin").value(r.origin().name());
        opt(w, "sessionStart", r.sessionStart() == null ? null : r.sessionStart().toString());
        opt(w, "callId", r.callId());
        opt(w, "direction", r.direction() == null ? null : r.direction().name());
        opt(w, "remote", r.remote());
        opt(w, "queue", r.queue());
        opt(w, "reason", r.reason());
        optMs(w, "durationMs", r.duration());
        optMs(w, "ringMs", r.ringTime());
        optMs(w, "talkMs", r.talkTime());
        optMs(w, "holdMs", r.holdTime());
        if (r.target() != null) {
            Target t = r.target();
            w.name("target").beginObject().name("kind").value(t.kind().name()).name("name").value(t.name())
                    .name("number").value(t.number()).name("quickConnect").value(t.quickConnect()).endObject();
        }
        opt(w, "transferMode", r.transferMode() == null ? null : r.transferMode().name());
        opt(w, "endedBy", r.endedBy() == null ? null : r.endedBy().name());
        if (!r.attributes().isEmpty()) {
            w.name("attributes").beginObject();
            r.attributes().forEach((k, v) -> w.name(k).value(v));
            w.endObject();
        }
        if (r.event() != null) {
            w.name("event").raw(r.event());
        }
        w.endObject();
        return sb.toString();
    }

    /**
     * @param json the form written by {@link #toJson(ActivityRecord)}
     * @return the record
     * @throws IllegalArgumentException when the text is not such a record
     */
    public static ActivityRecord fromJson(String json) {
        JsonNode n;
        try {
            n = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a JSON activity record: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject() || !"activity".equals(text(n, "type"))) {
            throw new IllegalArgumentException("not an activity record (expected an object with \"type\":"
                    + "\"activity\"): " + abbreviate(json));
        }
        try {
            ActivityRecord.Builder b = ActivityRecord.builder(
                            ActivityKind.valueOf(required(n, "kind")), required(n, "phoneId"),
                            Instant.parse(required(n, "at")))
                    .id(required(n, "id"))
                    .seq(n.path("seq").asLong(0))
                    .origin(Origin.valueOf(required(n, "origin")))
                    .sessionStart(instant(text(n, "sessionStart")))
                    .callId(text(n, "callId"))
                    .direction(text(n, "direction") == null ? null : Direction.valueOf(text(n, "direction")))
                    .remote(text(n, "remote"))
                    .queue(text(n, "queue"))
                    .reason(text(n, "reason"))
                    .duration(ms(n, "durationMs"))
                    .ringTime(ms(n, "ringMs"))
                    .talkTime(ms(n, "talkMs"))
                    .holdTime(ms(n, "holdMs"))
                    .transferMode(text(n, "transferMode") == null ? null
                            : TransferMode.valueOf(text(n, "transferMode")))
                    .endedBy(text(n, "endedBy") == null ? null : EndedBy.valueOf(text(n, "endedBy")));
            JsonNode t = n.get("target");
            if (t != null && t.isObject()) {
                b.target(new Target(TargetKind.valueOf(required(t, "kind")), text(t, "name"), text(t, "number"),
                        t.path("quickConnect").asBoolean(false)));
            }
            JsonNode attrs = n.get("attributes");
            if (attrs != null && attrs.isObject()) {
                Map<String, String> m = new TreeMap<>();
                for (Map.Entry<String, JsonNode> e : attrs.properties()) {
                    m.put(e.getKey(), e.getValue().asString());
                }
                m.forEach(b::attribute);
            }
            JsonNode event = n.get("event");
            if (event != null && !event.isNull()) {
                b.event(event.toString());
            }
            return b.build();
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("malformed activity record (" + e.getMessage() + "): "
                    + abbreviate(json), e);
        }
    }

    private static void opt(JsonWriter w, String name, String value) {
        if (value != null) {
            w.name(name).value(value);
        }
    }

    private static void optMs(JsonWriter w, String name, Duration d) {
        if (d != null) {
            w.name(name).value(d.toMillis());
        }
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static String required(JsonNode n, String name) {
        String v = text(n, name);
        if (v == null) {
            throw new IllegalArgumentException("field '" + name + "' is missing");
        }
        return v;
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }

    private static Duration ms(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : Duration.ofMillis(v.asLong());
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "…";
    }
}
