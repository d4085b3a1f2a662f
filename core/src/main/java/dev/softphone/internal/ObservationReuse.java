package dev.softphone.internal;

import dev.softphone.AgentState;
import dev.softphone.Leg;
import dev.softphone.PauseReason;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Gives a new observation the previous observation's instances wherever they are equal: the presence, every call
 * that did not change, and in a changed call every leg that did not. Equal values, so nothing observable changes;
 * the previous observation itself comes back when the whole picture is equal.
 *
 * <p>Why: a phone keeps its last picture until the next change, which with many phones is long enough for the
 * garbage collector to copy and promote it, and every store of a new object into the phone's long-lived state marks
 * a card the collector must scan. A hold toggles one leg of one call; sharing the rest leaves a few small objects per
 * change, and state whose value did not change keeps the very same instance, so the trackers can skip storing it
 * (docs/performance.md, many phones). Stateless.
 */
public final class ObservationReuse {
    /** Lists up to this long are searched; longer ones get a map, so that no picture costs quadratic time. */
    private static final int LINEAR = 16;

    private ObservationReuse() {
    }

    /**
     * @param old   the observation the phone has, or null
     * @param fresh the one just reported
     * @return {@code old} when the two are equal; else {@code fresh}, made of {@code old}'s instances where they are
     *         equal
     */
    public static Observation against(Observation old, Observation fresh) {
        if (old == null || old == fresh) {
            return fresh;
        }
        ObservedAgent agent = sameAgent(old.agent(), fresh.agent()) ? old.agent() : fresh.agent();
        List<ObservedCall> calls = calls(old.calls(), fresh.calls());
        if (agent == old.agent() && calls == old.calls()) {
            return old;
        }
        return new Observation(agent, calls);
    }

    /**
     * Equal, and with the same pause-reason labels: {@link PauseReason} equality ignores the label, and a phone must
     * keep the label the softphone shows now (a new label alone causes no event, rule A4, but is kept).
     */
    private static boolean sameAgent(ObservedAgent old, ObservedAgent fresh) {
        return old.equals(fresh) && sameLabel(old.state(), fresh.state()) && sameLabel(old.pending(), fresh.pending());
    }

    private static boolean sameLabel(AgentState old, AgentState fresh) {
        PauseReason a = old == null ? null : old.reason();
        PauseReason b = fresh == null ? null : fresh.reason();
        return a == null || b == null ? a == b : a.label().equals(b.label());
    }

    /** @return {@code old} when every call is equal and in the same order, else a list sharing the equal calls */
    private static List<ObservedCall> calls(List<ObservedCall> old, List<ObservedCall> fresh) {
        Previous<ObservedCall> previous = new Previous<>(old, ObservedCall::callId);
        List<ObservedCall> out = null;
        for (int i = 0; i < fresh.size(); i++) {
            ObservedCall f = fresh.get(i);
            ObservedCall before = previous.of(i, f.callId());
            ObservedCall kept = before == null ? f : call(before, f);
            boolean sameAtIndex = i < old.size() && old.get(i) == kept;
            if (out == null && !sameAtIndex) {
                out = new ArrayList<>(fresh.size());
                out.addAll(old.subList(0, i));
            }
            if (out != null) {
                out.add(kept);
            }
        }
        if (out == null) {
            return fresh.size() == old.size() ? old : List.copyOf(old.subList(0, fresh.size()));
        }
        return List.copyOf(out);
    }

    private static ObservedCall call(ObservedCall old, ObservedCall fresh) {
        if (old.equals(fresh)) {
            return old;
        }
        List<Leg> legs = legs(old.legs(), fresh.legs());
        return new ObservedCall(same(old.callId(), fresh.callId()), same(old.initialCallId(), fresh.initialCallId()),
                fresh.direction(), fresh.status(), same(old.remote(), fresh.remote()), same(old.queue(),
                fresh.queue()), same(old.transferredFrom(), fresh.transferredFrom()), legs);
    }

    private static List<Leg> legs(List<Leg> old, List<Leg> fresh) {
        Previous<Leg> previous = new Previous<>(old, Leg::legId);
        List<Leg> out = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            Leg f = fresh.get(i);
            Leg o = previous.of(i, f.legId());
            out.add(f.equals(o) ? o : f);
        }
        return out;
    }

    /**
     * Finds, for a new element, the previous picture's element with the same id: the one at the same place first
     * (the usual case, and right even when the softphone repeats an id), else the first with that id, searched in
     * the list or, for lists too long to search once per element (odd or hostile data), in a map.
     */
    private static final class Previous<T> {
        private final List<T> old;
        private final Function<T, String> idOf;
        private final Map<String, T> byId;

        Previous(List<T> old, Function<T, String> idOf) {
            this.old = old;
            this.idOf = idOf;
            if (old.size() > LINEAR) {
                byId = new HashMap<>();
                old.forEach(t -> byId.putIfAbsent(idOf.apply(t), t));
            } else {
                byId = null;
            }
        }

        /** @return the previous element for the new one at {@code index} with {@code id}, or null */
        T of(int index, String id) {
            if (index < old.size() && idOf.apply(old.get(index)).equals(id)) {
                return old.get(index);
            }
            if (byId != null) {
                return byId.get(id);
            }
            for (T t : old) {
                if (idOf.apply(t).equals(id)) {
                    return t;
                }
            }
            return null;
        }
    }

    private static <T> T same(T old, T fresh) {
        return Objects.equals(old, fresh) ? old : fresh;
    }
}
