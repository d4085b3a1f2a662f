package dev.softphone.internal.activity;

import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivityRecord;
import dev.softphone.internal.json.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns activity records into GA4 Measurement Protocol events and request bodies, checking every GA4 limit on the
 * way ({@link Ga4Limits}). Phone numbers are never sent (they are personal data). {@code engagement_time_msec} is the
 * time since the agent's previous event, from a map the caller keeps.
 */
public final class Ga4Mapper {
    /** The default event names, all valid and unreserved. */
    public static final Map<ActivityKind, String> DEFAULT_NAMES;

    static {
        Map<ActivityKind, String> m = new EnumMap<>(ActivityKind.class);
        m.put(ActivityKind.LOGGED_IN, "agent_login");
        m.put(ActivityKind.LOGGED_OUT, "agent_logout");
        m.put(ActivityKind.PAUSE_STARTED, "agent_pause");
        m.put(ActivityKind.PAUSE_ENDED, "agent_unpause");
        m.put(ActivityKind.CALL_OFFERED, "call_offer");
        m.put(ActivityKind.CALL_ANSWERED, "call_answer");
        m.put(ActivityKind.CALL_MISSED, "call_missed");
        m.put(ActivityKind.CALL_ENDED, "call_end");
        m.put(ActivityKind.HOLD_STARTED, "call_hold");
        m.put(ActivityKind.HOLD_ENDED, "call_resume");
        m.put(ActivityKind.TRANSFER_STARTED, "transfer_start");
        m.put(ActivityKind.TRANSFER_CANCELLED, "transfer_cancel");
        m.put(ActivityKind.TRANSFER_COMPLETED, "call_transfer");
        m.put(ActivityKind.TRANSFER_RECEIVED, "transfer_received");
        m.put(ActivityKind.CONFERENCED, "call_conference");
        m.put(ActivityKind.MANUAL_STEP_CONFIRMED, "manual_step");
        DEFAULT_NAMES = Map.copyOf(m);
    }

    /**
     * One event ready to send.
     *
     * @param phoneId the agent
     * @param name    the event name
     * @param params  its parameters (String or Long values)
     * @param micros  its timestamp in microseconds
     */
    public record Event(String phoneId, String name, Map<String, Object> params, long micros) {
    }

    private final Map<ActivityKind, String> names;
    private final boolean debugMode;
    private final Clock clock;

    /**
     * @param names     event name per kind (kinds without a name are not sent)
     * @param debugMode whether to add {@code debug_mode} so events show in DebugView
     * @param clock     for the 72-hour window
     */
    public Ga4Mapper(Map<ActivityKind, String> names, boolean debugMode, Clock clock) {
        this.names = Map.copyOf(names);
        this.debugMode = debugMode;
        this.clock = clock;
    }

    /**
     * @param r a record
     * @return whether it becomes an event
     */
    public boolean maps(ActivityRecord r) {
        return names.containsKey(r.kind());
    }

    /**
     * @param r        a record
     * @param previous per agent, the time of the previous event sent; updated with this record's time
     * @return its event
     * @throws IllegalArgumentException naming the GA4 limit the record would break
     */
    public Event map(ActivityRecord r, Map<String, Instant> previous) {
        Instant now = clock.instant();
        if (r.at().isBefore(now.minus(Ga4Limits.MAX_BACKDATING))) {
            throw new IllegalArgumentException("record " + r.id() + " happened at " + r.at() + ", more than 72 hours "
                    + "before now (" + now + "): GA4 accepts timestamp_micros only within the last 72 hours");
        }
        Map<String, Object> p = new LinkedHashMap<>();
        Instant session = r.sessionStart() != null ? r.sessionStart() : r.at();
        p.put("session_id", session.getEpochSecond());
        Instant before = previous.get(r.phoneId());
        long engagement = before == null ? 1 : Math.max(1, Duration.between(before, r.at()).toMillis());
        p.put("engagement_time_msec", engagement);
        if (debugMode) {
            p.put("debug_mode", 1L);
        }
        p.put("agent_code", r.phoneId());
        p.put("record_id", r.id());
        p.put("origin", r.origin().name().toLowerCase(Locale.ROOT));
        put(p, "call_id", r.callId());
        put(p, "direction", r.direction() == null ? null : r.direction().name().toLowerCase(Locale.ROOT));
        put(p, "queue", r.queue());
        put(p, "pause_code", r.reason());
        if (r.kind() == ActivityKind.PAUSE_ENDED) {
            putSeconds(p, "pause_seconds", r.duration());
        } else if (r.kind() == ActivityKind.HOLD_ENDED) {
            putSeconds(p, "hold_seconds", r.duration());
        } else if (r.kind() == ActivityKind.LOGGED_OUT) {
            putSeconds(p, "session_seconds", r.duration());
        }
        if (r.kind() == ActivityKind.CALL_ENDED || r.kind() == ActivityKind.TRANSFER_COMPLETED) {
            putSeconds(p, "ring_seconds", r.ringTime());
            putSeconds(p, "talk_seconds", r.talkTime());
            putSeconds(p, "hold_seconds", r.holdTime());
            p.put("answered", r.talkTime() != null ? "yes" : "no");
        } else if (r.kind() == ActivityKind.CALL_ANSWERED || r.kind() == ActivityKind.CALL_MISSED) {
            putSeconds(p, "ring_seconds", r.ringTime());
        }
        put(p, "ended_by", r.endedBy() == null ? null : r.endedBy().name().toLowerCase(Locale.ROOT));
        put(p, "transfer_type", r.transferMode() == null ? null : r.transferMode().name().toLowerCase(Locale.ROOT));
        if (r.target() != null) {
            p.put("target_kind", r.target().kind().name().toLowerCase(Locale.ROOT));
        }
        r.attributes().forEach((k, v) -> {
            if (!k.equals("fromCallId") && !k.equals("transferred")) {
                p.put(snake(k), v.toLowerCase(Locale.ROOT));
            }
        });
        String name = names.get(r.kind());
        check(name, p);
        previous.put(r.phoneId(), r.at());
        return new Event(r.phoneId(), name, p, ChronoUnit.MICROS.between(Instant.EPOCH, r.at()));
    }

    private static void check(String name, Map<String, Object> params) {
        List<String> problems = new ArrayList<>();
        String n = Ga4Limits.checkEventName(name);
        if (n != null) {
            problems.add(n);
        }
        if (params.size() > Ga4Limits.MAX_PARAMS_PER_EVENT) {
            problems.add("event '" + name + "' has " + params.size() + " parameters; GA4 allows at most "
                    + Ga4Limits.MAX_PARAMS_PER_EVENT + " (parameters per event limit)");
        }
        params.forEach((k, v) -> {
            String pn = reservedExempt(k) ? null : Ga4Limits.checkParamName(k);
            if (pn != null) {
                problems.add(pn);
            }
            if (v instanceof String s) {
                String pv = Ga4Limits.checkParamValue(k, s);
                if (pv != null) {
                    problems.add(pv);
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("GA4 event '" + name + "' breaks the protocol's limits: "
                    + String.join("; ", problems));
        }
    }

    /** {@code session_id}, {@code engagement_time_msec} and {@code debug_mode} are the protocol's own parameters. */
    private static boolean reservedExempt(String name) {
        return name.equals("session_id") || name.equals("engagement_time_msec") || name.equals("debug_mode");
    }

    /**
     * Renders one request body.
     *
     * @param clientId           the client_id
     * @param userId             the user_id, or null
     * @param userProperties     user properties (validated by the builder)
     * @param events             at most 25 events of one agent
     * @param validationBehavior {@code ENFORCE_RECOMMENDATIONS} in validation mode, else null
     * @return the JSON body
     */
    public static String body(String clientId, String userId, Map<String, String> userProperties, List<Event> events,
                              String validationBehavior) {
        if (events.size() > Ga4Limits.MAX_EVENTS_PER_REQUEST) {
            throw new IllegalArgumentException(events.size() + " events in one request; GA4 allows at most "
                    + Ga4Limits.MAX_EVENTS_PER_REQUEST + " (events per request limit)");
        }
        StringBuilder sb = new StringBuilder(512 + events.size() * 400);
        JsonWriter w = new JsonWriter(sb);
        w.beginObject().name("client_id").value(clientId);
        if (userId != null) {
            w.name("user_id").value(userId);
        }
        if (validationBehavior != null) {
            w.name("validation_behavior").value(validationBehavior);
        }
        if (!userProperties.isEmpty()) {
            w.name("user_properties").beginObject();
            userProperties.forEach((k, v) -> w.name(k).beginObject().name("value").value(v).endObject());
            w.endObject();
        }
        w.name("events");
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (i > 0) {
                list.append(',');
            }
            JsonWriter ew = new JsonWriter(list);
            ew.beginObject().name("name").value(e.name()).name("timestamp_micros").value(e.micros())
                    .name("params").beginObject();
            e.params().forEach((k, v) -> {
                ew.name(k);
                if (v instanceof Long l) {
                    ew.value(l.longValue());
                } else {
                    ew.value(String.valueOf(v));
                }
            });
            ew.endObject().endObject();
        }
        w.raw(list.append(']').toString());
        w.endObject();
        return sb.toString();
    }

    /**
     * A stable GA4 client_id for an agent: two positive numbers joined by a period, derived from the phone id.
     *
     * @param phoneId the phone id
     * @return the client id
     */
    public static String clientId(String phoneId) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(phoneId.getBytes(StandardCharsets.UTF_8));
            long a = ((h[0] & 0x7fL) << 24 | (h[1] & 0xffL) << 16 | (h[2] & 0xffL) << 8 | (h[3] & 0xffL)) + 1;
            long b = ((h[4] & 0x7fL) << 24 | (h[5] & 0xffL) << 16 | (h[6] & 0xffL) << 8 | (h[7] & 0xffL)) + 1;
            return a + "." + b;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static void put(Map<String, Object> p, String name, String value) {
        if (value != null) {
            p.put(name, value);
        }
    }

    private static void putSeconds(Map<String, Object> p, String name, Duration d) {
        if (d != null) {
            p.put(name, d.toSeconds());
        }
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
