package dev.softphone.internal.call;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Invariants of the call rules over arbitrary (often nonsensical) picture sequences. */
class CallTrackerProperties {

    @Property(tries = 100)
    @Label("T15/T16: any picture sequence is handled without failure, and repeating a picture adds no call event")
    void robustAndIdempotent(@ForAll("sequences") List<Observation> pictures) {
        Pictures.Session s = new Pictures.Session();
        for (Observation o : pictures) {
            s.feed(o);
            // Another agent presence, so the session does not skip the picture as a whole: the calls alone repeat.
            Observation sameCalls = new Observation(ObservedAgent.of(AgentState.notReady(PauseReason.BREAK)),
                    new ArrayList<>(o.calls()));
            assertThat(s.feed(sameCalls)).isEmpty();
        }
    }

    @Property(tries = 100)
    @Label("T10/T13: a call ends at most once per offer, nothing follows its end, and a completed transfer ends it by TRANSFER")
    void endsAreFinal(@ForAll("sequences") List<Observation> pictures) {
        Pictures.Session s = new Pictures.Session();
        List<PhoneEvent> events = s.feed(pictures.toArray(Observation[]::new));
        Map<String, Boolean> over = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            PhoneEvent.CallEvent e = (PhoneEvent.CallEvent) events.get(i);
            if (e instanceof PhoneEvent.CallOffered) {
                over.put(e.callId(), false);
                continue;
            }
            assertThat(over.get(e.callId())).as("%s after the call's end or before its offer", e.type())
                    .isFalse();
            if (e instanceof PhoneEvent.CallEnded || e instanceof PhoneEvent.CallMissed) {
                over.put(e.callId(), true);
            }
            if (e instanceof PhoneEvent.TransferCompleted) {
                assertThat(events.get(i + 1)).isInstanceOfSatisfying(PhoneEvent.CallEnded.class,
                        end -> assertThat(end.endedBy()).isEqualTo(EndedBy.TRANSFER));
            }
        }
    }

    @Provide
    Arbitrary<List<Observation>> sequences() {
        Arbitrary<ObservedCall> call = Combinators.combine(
                Arbitraries.of("c1", "c2"), Arbitraries.of(Direction.class), Arbitraries.of(CallStatus.class),
                leg("cust", LegRole.CUSTOMER).optional(), leg("me", LegRole.AGENT).optional(),
                leg("tp1", LegRole.THIRD_PARTY).optional(), leg("tp2", LegRole.THIRD_PARTY).optional(),
                leg("sup", LegRole.MONITOR).optional())
                .as((id, dir, status, c, a, t1, t2, m) -> {
                    List<Leg> legs = new ArrayList<>();
                    c.ifPresent(legs::add);
                    a.ifPresent(legs::add);
                    t1.ifPresent(legs::add);
                    t2.ifPresent(legs::add);
                    m.ifPresent(legs::add);
                    return new ObservedCall(id, id, dir, status, "+1555", null, null, legs);
                });
        return call.list().ofMaxSize(3).map(calls -> Pictures.obs(calls.toArray(ObservedCall[]::new)))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    private static Arbitrary<Leg> leg(String id, LegRole role) {
        Arbitrary<Target> target = Arbitraries.of(TargetKind.class)
                .map(k -> new Target(k, "n", "+1", false)).injectNull(0.3);
        return Combinators.combine(Arbitraries.of(LegState.class), target)
                .as((state, t) -> new Leg(id, role, state, t, false));
    }
}
