package dev.softphone.internal;

import dev.softphone.Leg;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
        ObservedAgent agent = old.agent().equals(fresh.agent()) ? old.agent() : fresh.agent();
        List<ObservedCall> calls = calls(old.calls(), fresh.calls());
        if (agent == old.agent() && calls == old.calls()) {
            return old;
        }
        return new Observation(agent, calls);
    }

    /** @return {@code old} when every call is equal and in the same order, else a list sharing the equal calls */
    private static List<ObservedCall> calls(List<ObservedCall> old, List<ObservedCall> fresh) {
        List<ObservedCall> out = null;
        for (int i = 0; i < fresh.size(); i++) {
            ObservedCall f = fresh.get(i);
            // the call at the same place first: the usual case, and right even when the softphone repeats an id
            ObservedCall before = i < old.size() && old.get(i).callId().equals(f.callId()) ? old.get(i)
                    : call(old, f.callId());
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

    private static ObservedCall call(List<ObservedCall> calls, String callId) {
        for (ObservedCall c : calls) {
            if (c.callId().equals(callId)) {
                return c;
            }
        }
        return null;
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
        List<Leg> out = new ArrayList<>(fresh.size());
        for (Leg f : fresh) {
            Leg kept = f;
            for (Leg o : old) {
                if (o.equals(f)) {
                    kept = o;
                    break;
                }
            }
            out.add(kept);
        }
        return out;
    }

    private static <T> T same(T old, T fresh) {
        return Objects.equals(old, fresh) ? old : fresh;
    }
}
