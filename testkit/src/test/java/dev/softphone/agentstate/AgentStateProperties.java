package dev.softphone.agentstate;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.CallView;
import dev.softphone.DesiredStatePolicy;
import dev.softphone.Destination;
import dev.softphone.Direction;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEventJson;
import dev.softphone.VendorException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random interleavings of what the agent and the vendor do in the softphone and what the application asks through the
 * phone, under every combination of options. After every step the agent-state invariants of
 * {@code docs/agent-state.md} must hold.
 */
@Label("Agent state invariants under random interleavings of observations and requests")
class AgentStateProperties {

    private static final List<AgentState> STATES = List.of(AgentState.READY,
            AgentState.notReady(PauseReason.BREAK), AgentState.notReady(PauseReason.MEAL),
            AgentState.notReady(PauseReason.custom("Lunch")), AgentState.notReady(PauseReason.TRAINING));
    private static final List<PauseReason> REASONS = List.of(PauseReason.BREAK, PauseReason.MEAL,
            PauseReason.custom("Lunch"), PauseReason.TRAINING);

    /** One step of a scenario. */
    sealed interface Step {
    }

    record AgentSets(AgentState state) implements Step {
    }

    record AgentLogsIn(AgentState state) implements Step {
    }

    record AgentLogsOut() implements Step {
    }

    record AgentGoesOffline() implements Step {
    }

    record AuthFails() implements Step {
    }

    record VendorError(String name) implements Step {
    }

    record VendorSetsPending(AgentState state) implements Step {
    }

    record VendorClearsPending() implements Step {
    }

    record CallArrives() implements Step {
    }

    record AgentAnswers() implements Step {
    }

    record FarEndHangsUp() implements Step {
    }

    record OutboundCallFails() implements Step {
    }

    record AfterCallWorkEnds() implements Step {
    }

    record AppPause(PauseReason reason) implements Step {
    }

    record AppReady() implements Step {
    }

    record AppLogout() implements Step {
    }

    record AppLogin() implements Step {
    }

    record TimePasses(int seconds) implements Step {
    }

    record VendorHangs(boolean hangs) implements Step {
    }

    record VendorIgnoresStates(boolean ignores) implements Step {
    }

    record VendorStopsAcknowledging() implements Step {
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<AgentState> states = Arbitraries.of(STATES);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, states.map(AgentSets::new)),
                net.jqwik.api.Tuple.of(2, states.map(AgentLogsIn::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new AgentLogsOut())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new AgentGoesOffline())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new AuthFails())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("MissedCallAgent", "FailedConnectAgent")
                        .map(VendorError::new)),
                net.jqwik.api.Tuple.of(2, states.map(VendorSetsPending::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new VendorClearsPending())),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new CallArrives())),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new AgentAnswers())),
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new FarEndHangsUp())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new OutboundCallFails())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new AfterCallWorkEnds())),
                net.jqwik.api.Tuple.of(6, Arbitraries.of(REASONS).map(AppPause::new)),
                net.jqwik.api.Tuple.of(4, Arbitraries.just(new AppReady())),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new AppLogout())),
                net.jqwik.api.Tuple.of(2, Arbitraries.just(new AppLogin())),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 30).map(TimePasses::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(VendorHangs::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new VendorStopsAcknowledging())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(true, false).map(VendorIgnoresStates::new)));
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    @Label("never two routable states, never NOT_READY without a reason, never an event for an unchanged "
            + "observation, and the last state event always equals the current state")
    void invariantsHold(@ForAll("scenarios") List<Step> steps, @ForAll DesiredStatePolicy policy,
                        @ForAll boolean offlineMeansLogout, @ForAll boolean afterCallWork) {
        try (AgentStateHarness h = new AgentStateHarness(b -> b.desiredStatePolicy(policy)
                .offlineMeansLogout(offlineMeansLogout).maxStateReappliesPerMinute(2))) {
            h.softphone.afterCallWork(afterCallWork);
            for (Step step : steps) {
                run(h, step);
                checkInvariants(h, step);
            }
            h.softphone.resumeAnswering();
            h.softphone.ignoreStateChanges(false);
            h.scheduler.advance(Duration.ofMinutes(1));
            checkInvariants(h, new TimePasses(60));
        }
    }

    private static void run(AgentStateHarness h, Step step) {
        try {
            if (step instanceof AgentSets s) {
                h.softphone.agentSetsState(s.state());
            } else if (step instanceof AgentLogsIn s) {
                h.softphone.agentLogsIn(s.state());
            } else if (step instanceof AgentLogsOut) {
                h.softphone.agentLogsOut();
            } else if (step instanceof AgentGoesOffline) {
                h.softphone.agentGoesOffline("Offline");
            } else if (step instanceof AuthFails) {
                h.softphone.authenticationFails("expired");
            } else if (step instanceof VendorError s) {
                h.softphone.vendorErrorState(s.name());
            } else if (step instanceof VendorSetsPending s) {
                h.softphone.vendorSetsPending(s.state());
            } else if (step instanceof VendorClearsPending) {
                h.softphone.vendorClearsPending();
            } else if (step instanceof CallArrives) {
                h.softphone.incomingCall("+441234", "Support");
            } else if (step instanceof AgentAnswers) {
                call(h, CallStatus.RINGING, Direction.INBOUND).ifPresent(h.softphone::agentAnswers);
            } else if (step instanceof FarEndHangsUp) {
                call(h, CallStatus.CONNECTED, null).ifPresent(h.softphone::farEndHangsUp);
            } else if (step instanceof OutboundCallFails) {
                h.phone.dial(Destination.phoneNumber("+449876"));
                call(h, null, Direction.OUTBOUND).ifPresent(h.softphone::outboundCallFails);
            } else if (step instanceof AfterCallWorkEnds) {
                h.softphone.afterCallWorkEnds();
            } else if (step instanceof AppPause s) {
                h.phone.pause(s.reason());
            } else if (step instanceof AppReady) {
                h.phone.ready();
            } else if (step instanceof AppLogout) {
                h.phone.logout();
            } else if (step instanceof AppLogin) {
                h.phone.login();
            } else if (step instanceof TimePasses s) {
                h.scheduler.advance(Duration.ofSeconds(s.seconds()));
            } else if (step instanceof VendorStopsAcknowledging) {
                h.softphone.stopAcknowledging();
            } else if (step instanceof VendorHangs s) {
                if (s.hangs()) {
                    h.softphone.stopAnswering();
                } else {
                    h.softphone.resumeAnswering();
                }
            } else if (step instanceof VendorIgnoresStates s) {
                h.softphone.ignoreStateChanges(s.ignores());
            }
        } catch (VendorException e) {
            // A vendor-side action on a call the fake no longer has: nothing happened, which is fine here.
        }
    }

    private static Optional<String> call(AgentStateHarness h, CallStatus status, Direction direction) {
        return h.phone.calls().stream()
                .filter(c -> status == null || c.status() == status)
                .filter(c -> direction == null || c.direction() == direction)
                .map(CallView::callId).findFirst();
    }

    private static void checkInvariants(AgentStateHarness h, Step after) {
        List<PhoneEvent> events = h.events.events();
        String where = "after " + after + "; events:\n" + String.join("\n", h.events.json());
        for (PhoneEvent e : events) {
            if (e instanceof PhoneEvent.AgentStateChanged c) {
                assertThat(c.from()).as("a change changes something, " + where).isNotEqualTo(c.to());
                assertThat(c.from().isRoutable() && c.to().isRoutable()).as("two routable states, " + where)
                        .isFalse();
                assertHasReason(c.from(), where);
                assertHasReason(c.to(), where);
            } else if (e instanceof PhoneEvent.AgentLoggedIn l) {
                assertHasReason(l.state(), where);
            }
        }
        for (String json : h.events.json()) {
            assertThat(json.contains("\"state\":\"NOT_READY\"}")).as("NOT_READY without a reason in JSON, " + where)
                    .isFalse();
        }

        // The last state events equal the phone's state and pending state.
        AgentState state = AgentState.LOGGED_OUT;
        AgentState next = null;
        for (PhoneEvent e : events) {
            if (e instanceof PhoneEvent.AgentLoggedIn l) {
                state = l.state();
                next = null;
            } else if (e instanceof PhoneEvent.AgentLoggedOut) {
                state = AgentState.LOGGED_OUT;
                next = null;
            } else if (e instanceof PhoneEvent.AgentStateChanged c && !c.pending()) {
                assertThat(c.from()).as("a change starts where the last one ended, " + where).isEqualTo(state);
                state = c.to();
                if (c.to().equals(next)) {
                    next = null;
                }
            } else if (e instanceof PhoneEvent.AgentStateChanged c) {
                assertThat(c.from()).as("a pending change starts at the last next state, " + where)
                        .isEqualTo(next != null ? next : state);
                next = c.to().equals(state) ? null : c.to();
            }
        }
        assertThat(h.phone.agentState()).as("current state = last state event, " + where).isEqualTo(state);
        assertThat(h.phone.pendingState()).as("pending state = last pending event, " + where)
                .isEqualTo(Optional.ofNullable(next));

        // Both places agree: while the vendor has a session, the phone shows the vendor's state.
        AgentState vendor = h.softphone.state();
        if (vendor.isLoggedIn()) {
            assertThat(h.phone.agentState()).as("phone agrees with the softphone, " + where).isEqualTo(vendor);
        }

        // An unchanged observation produces no event.
        int before = events.size();
        h.softphone.republish();
        assertThat(h.events.events()).as("no event for an unchanged observation, " + where).hasSize(before);
    }

    private static void assertHasReason(AgentState s, String where) {
        if (s.kind() == AgentState.Kind.NOT_READY) {
            assertThat(s.reason()).as("NOT_READY without a reason, " + where).isNotNull();
        }
    }
}
