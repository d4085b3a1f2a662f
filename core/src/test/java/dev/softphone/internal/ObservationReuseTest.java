package dev.softphone.internal;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.PauseReason;
import dev.softphone.Target;
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
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ObservationReuse} and what {@link PhoneSession} keeps: a new picture shares the previous one's instances
 * wherever they are equal, and never differs from what the driver reported (docs/performance.md, many phones).
 */
@DisplayName("Observation reuse")
class ObservationReuseTest {

    private static Leg leg(String id, LegRole role, LegState state) {
        return new Leg(id, role, state, role == LegRole.CUSTOMER ? Target.phoneNumber("+15550001") : null, false);
    }

    private static ObservedCall call(String id, LegState customer) {
        return new ObservedCall(id, null, Direction.INBOUND, CallStatus.CONNECTED, "+15550001", "Support", null,
                List.of(leg("cust-" + id, LegRole.CUSTOMER, customer), leg("me-" + id, LegRole.AGENT,
                        LegState.CONNECTED)));
    }

    private static Observation obs(AgentState state, ObservedCall... calls) {
        return new Observation(ObservedAgent.of(state), List.of(calls));
    }

    @Test
    @DisplayName("an equal picture built anew gives back the previous instance")
    void equalGivesOld() {
        Observation old = obs(AgentState.READY, call("c1", LegState.CONNECTED));
        Observation fresh = obs(AgentState.READY, call("c1", LegState.CONNECTED));

        assertThat(ObservationReuse.against(old, fresh)).isSameAs(old);
        assertThat(ObservationReuse.against(null, fresh)).isSameAs(fresh);
    }

    @Test
    @DisplayName("a held customer: the other call, the presence and the unchanged legs keep their instances")
    void oneLegChanged() {
        Observation old = obs(AgentState.READY, call("c1", LegState.CONNECTED), call("c2", LegState.CONNECTED));
        Observation fresh = obs(AgentState.READY, call("c1", LegState.HELD), call("c2", LegState.CONNECTED));

        Observation picture = ObservationReuse.against(old, fresh);

        assertThat(picture).isEqualTo(fresh).isNotSameAs(old);
        assertThat(picture.agent()).isSameAs(old.agent());
        assertThat(picture.calls().get(1)).isSameAs(old.calls().get(1));
        ObservedCall changed = picture.calls().get(0);
        assertThat(changed.legs().get(0)).isSameAs(fresh.calls().get(0).legs().get(0));
        assertThat(changed.legs().get(1)).isSameAs(old.calls().get(0).legs().get(1));
        assertThat(changed.callId()).isSameAs(old.calls().get(0).callId());
    }

    @Test
    @DisplayName("a change of presence alone keeps the whole call list")
    void presenceChanged() {
        Observation old = obs(AgentState.READY, call("c1", LegState.CONNECTED));
        Observation fresh = obs(AgentState.notReady(PauseReason.custom("Break")), call("c1", LegState.CONNECTED));

        Observation picture = ObservationReuse.against(old, fresh);

        assertThat(picture).isEqualTo(fresh);
        assertThat(picture.agent()).isSameAs(fresh.agent());
        assertThat(picture.calls()).isSameAs(old.calls());
    }

    @Test
    @DisplayName("calls that end, start or change places come out exactly as reported")
    void membershipAndOrder() {
        ObservedCall c1 = call("c1", LegState.CONNECTED);
        ObservedCall c2 = call("c2", LegState.CONNECTED);
        Observation old = obs(AgentState.READY, c1, c2);

        assertThat(ObservationReuse.against(old, obs(AgentState.READY, call("c2", LegState.CONNECTED),
                call("c1", LegState.CONNECTED))).calls()).containsExactly(c2, c1);
        assertThat(ObservationReuse.against(old, obs(AgentState.READY, call("c1", LegState.CONNECTED))).calls())
                .singleElement().isSameAs(c1);
        assertThat(ObservationReuse.against(old, obs(AgentState.READY)).calls()).isEmpty();
        Observation grown = ObservationReuse.against(old, obs(AgentState.READY, call("c1", LegState.CONNECTED),
                call("c2", LegState.CONNECTED), call("c3", LegState.HELD)));
        assertThat(grown.calls()).hasSize(3);
        assertThat(grown.calls().get(0)).isSameAs(c1);
        assertThat(grown.calls().get(1)).isSameAs(c2);
        assertThat(grown.calls().get(2)).isEqualTo(call("c3", LegState.HELD));
    }

    @Test
    @DisplayName("A4: a new pause-reason label alone makes a new picture: no event, but the phone keeps the new label")
    void labelOnlyChange() {
        PhoneSession session = new PhoneSession(new EventStamper(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC), new EchoMatcher(Duration.ofSeconds(5))));
        Observation before = obs(AgentState.notReady(new PauseReason("BREAK", "Break")), call("c1", LegState.HELD));
        Observation after = obs(AgentState.notReady(new PauseReason("BREAK", "Coffee break")),
                call("c1", LegState.HELD));
        session.observe(before);

        Observation picture = ObservationReuse.against(before, after);

        assertThat(picture).isNotSameAs(before);
        assertThat(picture.agent()).isSameAs(after.agent());
        assertThat(picture.calls()).isSameAs(before.calls());
        assertThat(session.observe(after)).isEmpty();
        assertThat(session.agentState().reason().label()).isEqualTo("Coffee break");
    }

    @Test
    @DisplayName("a call with many legs (odd data) is matched by leg id: unchanged legs keep their instances")
    void manyLegs() {
        java.util.List<Leg> legs = new java.util.ArrayList<>();
        for (int i = 0; i < 40; i++) {
            legs.add(leg("tp" + i, LegRole.THIRD_PARTY, LegState.CONNECTED));
        }
        ObservedCall oldCall = new ObservedCall("c1", null, Direction.INBOUND, CallStatus.CONNECTED, null, null, null,
                legs);
        java.util.List<Leg> changed = new java.util.ArrayList<>(legs.stream().map(l -> leg(l.legId(), l.role(),
                l.state())).toList());
        changed.set(7, leg("tp7", LegRole.THIRD_PARTY, LegState.HELD));
        java.util.Collections.reverse(changed);
        ObservedCall freshCall = new ObservedCall("c1", null, Direction.INBOUND, CallStatus.CONNECTED, null, null,
                null, changed);

        Observation picture = ObservationReuse.against(obs(AgentState.READY, oldCall), obs(AgentState.READY,
                freshCall));

        ObservedCall kept = picture.calls().get(0);
        assertThat(kept).isEqualTo(freshCall);
        assertThat(kept.legs().get(0)).isSameAs(legs.get(39));
        assertThat(kept.legs().get(39 - 7)).isSameAs(changed.get(39 - 7));
    }

    @Property(tries = 300)
    @Label("whatever the two pictures, the result equals the new one, and is the old one exactly when they are equal")
    void resultEqualsFresh(@ForAll("observations") Observation old, @ForAll("observations") Observation fresh) {
        Observation picture = ObservationReuse.against(old, fresh);

        assertThat(picture).isEqualTo(fresh);
        assertThat(picture == old).isEqualTo(old.equals(fresh));
    }

    @Test
    @DisplayName("the session keeps an unchanged call's instance across a change to another call")
    void sessionKeepsUnchangedCalls() {
        PhoneSession session = new PhoneSession(new EventStamper(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"),
                ZoneOffset.UTC), new EchoMatcher(Duration.ofSeconds(5))));
        session.observe(obs(AgentState.READY, call("c1", LegState.CONNECTED), call("c2", LegState.CONNECTED)));
        ObservedCall c2 = session.calls().get(1);

        assertThat(session.observe(obs(AgentState.READY, call("c1", LegState.HELD),
                call("c2", LegState.CONNECTED)))).isNotEmpty();

        assertThat(session.calls().get(1)).isSameAs(c2);
        assertThat(session.calls().get(0).legs().get(0).state()).isEqualTo(LegState.HELD);
        assertThat(session.observe(obs(AgentState.READY, call("c1", LegState.HELD),
                call("c2", LegState.CONNECTED)))).isEmpty();
    }

    @Provide
    Arbitrary<Observation> observations() {
        Arbitrary<LegState> state = Arbitraries.of(LegState.CONNECTED, LegState.HELD, LegState.DISCONNECTED);
        Arbitrary<ObservedCall> call = Combinators.combine(Arbitraries.of("c1", "c2", "c3"), state, state,
                Arbitraries.of(CallStatus.RINGING, CallStatus.CONNECTED, CallStatus.ENDED),
                Arbitraries.of("Support", "Sales")).as((id, customer, agent, status, queue) ->
                new ObservedCall(id, null, Direction.INBOUND, status, "+15550001", queue, null,
                        List.of(leg("cust", LegRole.CUSTOMER, customer), leg("me", LegRole.AGENT, agent))));
        Arbitrary<AgentState> presence = Arbitraries.of(AgentState.READY,
                AgentState.notReady(PauseReason.custom("Break")));
        return Combinators.combine(presence, call.list().ofMaxSize(3))
                .as((p, calls) -> new Observation(ObservedAgent.of(p), calls));
    }
}
