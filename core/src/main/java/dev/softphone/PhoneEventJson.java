package dev.softphone;

import dev.softphone.internal.json.JsonWriter;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Map;

/**
 * The normative JSON form of {@link PhoneEvent}s (DESIGN §5): one object per event with {@code type}, {@code seq},
 * {@code at} (ISO-8601), {@code origin}, then the event's own fields in declaration order. Agent states are
 * {@code {"state":"NOT_READY","reason":"BREAK"}}; targets are
 * {@code {"kind":…,"name":…,"number":…,"quickConnect":…}}; enums are their names. Thread-safe.
 */
public final class PhoneEventJson {

    private static final ClassValue<RecordComponent[]> FIELDS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            RecordComponent[] all = type.getRecordComponents();
            // The first component is the Meta, written as type/seq/at/origin.
            return java.util.Arrays.copyOfRange(all, 1, all.length);
        }
    };

    private PhoneEventJson() {
    }

    /**
     * @param event an event
     * @return its JSON object on one line
     */
    public static String toJson(PhoneEvent event) {
        StringBuilder sb = new StringBuilder(160);
        JsonWriter w = new JsonWriter(sb);
        w.beginObject();
        w.name("type").value(event.type());
        w.name("seq").value(event.seq());
        w.name("at").value(event.at().toString());
        w.name("origin").value(event.origin().name());
        for (RecordComponent component : FIELDS.get(event.getClass())) {
            w.name(component.getName());
            writeValue(w, read(component, event));
        }
        w.endObject();
        return sb.toString();
    }

    /**
     * @param state an agent state
     * @return its JSON object
     */
    public static String toJson(AgentState state) {
        StringBuilder sb = new StringBuilder(48);
        writeValue(new JsonWriter(sb), state);
        return sb.toString();
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
        }
    }

    private static void writeValue(JsonWriter w, Object value) {
        if (value == null) {
            w.value((String) null);
        } else if (value instanceof String s) {
            w.value(s);
        } else if (value instanceof Boolean b) {
            w.value(b);
        } else if (value instanceof Integer || value instanceof Long) {
            w.value(((Number) value).longValue());
        } else if (value instanceof Number n) {
            w.raw(n.toString());
        } else if (value instanceof Enum<?> e) {
            w.value(e.name());
        } else if (value instanceof AgentState s) {
            w.beginObject().name("state").value(s.kind().name());
            if (s.reason() != null) {
                w.name("reason").value(s.reason().code());
            }
            w.endObject();
        } else if (value instanceof PauseReason r) {
            w.value(r.code());
        } else if (value instanceof Target t) {
            w.beginObject().name("kind").value(t.kind().name()).name("name").value(t.name())
                    .name("number").value(t.number()).name("quickConnect").value(t.quickConnect()).endObject();
        } else if (value instanceof ContextHandoff h) {
            w.beginObject().name("status").value(h.status().name()).name("correlationId").value(h.correlationId())
                    .name("version").value(h.version()).name("savedBy").value(h.savedBy());
            w.name("scriptPosition").value(h.context().scriptPosition()).name("values");
            writeValue(w, h.context().values());
            w.name("reason").value(h.reason()).endObject();
        } else if (value instanceof Map<?, ?> map) {
            w.beginObject();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                w.name(String.valueOf(e.getKey()));
                writeValue(w, e.getValue());
            }
            w.endObject();
        } else if (value instanceof Iterable<?> list) {
            StringBuilder inner = new StringBuilder("[");
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    inner.append(',');
                }
                first = false;
                StringBuilder one = new StringBuilder();
                writeValue(new JsonWriter(one), item);
                inner.append(one);
            }
            w.raw(inner.append(']').toString());
        } else {
            w.value(value.toString());
        }
    }
}
