package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.ContextHandoff;
import dev.softphone.Origin;
import dev.softphone.PhoneEvent;
import dev.softphone.Target;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * A compact, exact one-line form of a {@link PhoneEvent} for expected event sequences: the type, then every field
 * except the meta as {@code name=value}, then {@code @app} when the origin is {@code APPLICATION}. Agent states read
 * {@code READY} or {@code NOT_READY(BREAK)}; targets read {@code QUEUE("Billing QC",qc)} or
 * {@code PHONE_NUMBER(+15550100)}; a context hand-off reads {@code NONE}, {@code UNAVAILABLE} or
 * {@code AVAILABLE{key=value}@position}; a value with spaces is quoted.
 *
 * <pre>
 * CallOffered callId=contact-1 direction=INBOUND remote=+447700900123 queue=Support
 * CallHeld callId=contact-1 party=CUSTOMER @app
 * </pre>
 */
public final class EventNotation {
    /** The marker of an event with origin {@code APPLICATION}. */
    public static final String APP = " @app";

    private EventNotation() {
    }

    /**
     * @param event an event
     * @return its line
     */
    public static String line(PhoneEvent event) {
        StringBuilder sb = new StringBuilder(event.type());
        RecordComponent[] components = event.getClass().getRecordComponents();
        for (int i = 1; i < components.length; i++) {
            sb.append(' ').append(components[i].getName()).append('=').append(value(read(components[i], event)));
        }
        if (event.origin() == Origin.APPLICATION) {
            sb.append(APP);
        }
        return sb.toString();
    }

    /**
     * @param events events
     * @return their lines
     */
    public static List<String> lines(List<? extends PhoneEvent> events) {
        List<String> out = new ArrayList<>(events.size());
        for (PhoneEvent e : events) {
            out.add(line(e));
        }
        return out;
    }

    /**
     * @param line an event line
     * @return the line without its origin marker (what a replay without commands produces)
     */
    public static String withoutOrigin(String line) {
        return line.endsWith(APP) ? line.substring(0, line.length() - APP.length()) : line;
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof AgentState s) {
            return s.toString();
        }
        if (v instanceof Target t) {
            List<String> parts = new ArrayList<>();
            if (t.name() != null) {
                parts.add('"' + t.name() + '"');
            }
            if (t.number() != null) {
                parts.add(t.number());
            }
            if (t.quickConnect()) {
                parts.add("qc");
            }
            return t.kind() + "(" + String.join(",", parts) + ")";
        }
        if (v instanceof ContextHandoff h) {
            // The hand-off's status, and for an available context its values: enough to tell the cases apart.
            return h.status() == ContextHandoff.Status.AVAILABLE
                    ? "AVAILABLE" + h.context().values() + (h.context().scriptPosition() != null
                    ? "@" + h.context().scriptPosition() : "")
                    : h.status().name();
        }
        String s = v.toString();
        return s.indexOf(' ') >= 0 ? '"' + s + '"' : s;
    }

    private static Object read(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + record, e);
        }
    }
}
