package dev.softphone.internal.agent;

import dev.softphone.AgentState;
import dev.softphone.CommandResult;
import dev.softphone.DesiredStatePolicy;
import dev.softphone.InvalidPhoneStateException;
import dev.softphone.LogoutCause;
import dev.softphone.Origin;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.internal.EchoMatcher;
import dev.softphone.internal.EventStamper;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.Signal;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The agent state machine, observation by observation (docs/agent-state.md)")
class AgentStateTrackerTest {
    private static final AgentState READY = AgentState.READY;
    private static final AgentState BREAK = AgentState.notReady(PauseReason.BREAK);
    private static final AgentState LUNCH = AgentState.notReady(PauseReason.custom("Lunch"));
    private static final AgentState ACW = AgentState.notReady(PauseReason.AFTER_CALL_WORK);
    private static final Instant NOW = Instant.parse("2026-01-05T09:00:00Z");

    private final EchoMatcher echoes = new EchoMatcher(Duration.ofSeconds(10));
    private AgentStateSync sync = sync(AgentStateOptions.defaults());

    private AgentStateSync sync(AgentStateOptions options) {
        return new AgentStateSync(options, new EventStamper(Clock.fixed(NOW, ZoneOffset.UTC), echoes));
    }

    private List<PhoneEvent> see(ObservedAgent agent) {
        List<PhoneEvent> out = new ArrayList<>();
        sync.observe(agent, out);
        return out;
    }

    private List<PhoneEvent> see(AgentState state) {
        return see(ObservedAgent.of(state));
    }

    private List<PhoneEvent> see(AgentState state, AgentState pending) {
        return see(new ObservedAgent(state, pending, null, null, false));
    }

    private List<PhoneEvent> signal(Signal signal) {
        List<PhoneEvent> out = new ArrayList<>();
        sync.signal(signal, out);
        return out;
    }

    private static PhoneEvent.AgentStateChanged changed(List<PhoneEvent> events) {
        assertThat(events).hasSize(1).first().isInstanceOf(PhoneEvent.AgentStateChanged.class);
        return (PhoneEvent.AgentStateChanged) events.get(0);
    }

    private static ObservedAgent offline(String name) {
        return new ObservedAgent(AgentState.LOGGED_OUT, null, name, null, true);
    }

    @Nested
    @DisplayName("A1 states")
    class States {
        @Test
        @DisplayName("A1: after-call work is NOT_READY(AFTER_CALL_WORK), never routable, and READY is the only routable state")
        void afterCallWorkIsNotReady() {
            see(READY);
            PhoneEvent.AgentStateChanged e = changed(see(ACW));
            assertThat(e.to().isAfterCallWork()).isTrue();
            assertThat(e.to().isRoutable()).isFalse();
            assertThat(e.to().reason()).isEqualTo(PauseReason.AFTER_CALL_WORK);
            assertThat(List.of(AgentState.LOGGED_OUT, BREAK, LUNCH, ACW)).noneMatch(AgentState::isRoutable);
        }
    }

    @Nested
    @DisplayName("A2 login")
    class Login {
        @Test
        @DisplayName("A2: the first logged-in picture is one AgentLoggedIn with the state, no AgentStateChanged")
        void loginIsOneEvent() {
            List<PhoneEvent> events = see(BREAK);
            assertThat(events).singleElement().isInstanceOfSatisfying(PhoneEvent.AgentLoggedIn.class, e -> {
                assertThat(e.state()).isEqualTo(BREAK);
                assertThat(e.origin()).isEqualTo(Origin.SOFTPHONE);
            });
            assertThat(sync.state()).isEqualTo(BREAK);
        }

        @Test
        @DisplayName("A2: a pending state present at login follows the login as a pending event")
        void loginWithPending() {
            List<PhoneEvent> events = see(READY, BREAK);
            assertThat(events).hasSize(2);
            assertThat(events.get(0)).isInstanceOf(PhoneEvent.AgentLoggedIn.class);
            assertThat(events.get(1)).isEqualTo(new PhoneEvent.AgentStateChanged(events.get(1).meta(), READY, BREAK,
                    true));
        }

        @Test
        @DisplayName("A2: a login answering Phone.login() has origin APPLICATION")
        void loginEcho() {
            echoes.expect(new Object(), new DriverCommand.Login(), NOW);
            assertThat(see(READY)).singleElement().extracting(PhoneEvent::origin).isEqualTo(Origin.APPLICATION);
        }

        @Test
        @DisplayName("A2: a logged-out picture while logged out reports nothing")
        void loggedOutStaysQuiet() {
            assertThat(see(AgentState.LOGGED_OUT)).isEmpty();
            assertThat(see(offline("Offline"))).isEmpty();
        }
    }

    @Nested
    @DisplayName("A3/A4 changes")
    class Changes {
        @Test
        @DisplayName("A3: READY to NOT_READY(BREAK) and back are two changes with from and to")
        void readyToBreakAndBack() {
            see(READY);
            PhoneEvent.AgentStateChanged pause = changed(see(BREAK));
            assertThat(pause.from()).isEqualTo(READY);
            assertThat(pause.to()).isEqualTo(BREAK);
            assertThat(pause.pending()).isFalse();
            assertThat(pause.origin()).isEqualTo(Origin.SOFTPHONE);
            PhoneEvent.AgentStateChanged back = changed(see(READY));
            assertThat(back.from()).isEqualTo(BREAK);
            assertThat(back.to()).isEqualTo(READY);
        }

        @Test
        @DisplayName("A3: a change from one pause reason to another (Lunch to Break) is reported")
        void reasonToReason() {
            see(LUNCH);
            PhoneEvent.AgentStateChanged e = changed(see(BREAK));
            assertThat(e.from()).isEqualTo(LUNCH);
            assertThat(e.to()).isEqualTo(BREAK);
        }

        @Test
        @DisplayName("A4: the same state again, with another label or vendor name, reports nothing")
        void unchangedIsSilent() {
            see(BREAK);
            assertThat(see(BREAK)).isEmpty();
            assertThat(see(AgentState.notReady(new PauseReason("BREAK", "Coffee")))).isEmpty();
            assertThat(see(new ObservedAgent(BREAK, null, "Pause café", null, false))).isEmpty();
        }
    }

    @Nested
    @DisplayName("A6-A8 pending states")
    class Pending {
        @Test
        @DisplayName("A6: a new pending state is reported with pending=true from the current state")
        void newPending() {
            see(READY);
            PhoneEvent.AgentStateChanged e = changed(see(READY, BREAK));
            assertThat(e.pending()).isTrue();
            assertThat(e.from()).isEqualTo(READY);
            assertThat(e.to()).isEqualTo(BREAK);
            assertThat(sync.pending()).isEqualTo(BREAK);
            assertThat(sync.state()).isEqualTo(READY);
        }

        @Test
        @DisplayName("A6: a replaced pending state is reported from the old pending state to the new one")
        void replacedPending() {
            see(READY, BREAK);
            PhoneEvent.AgentStateChanged e = changed(see(READY, LUNCH));
            assertThat(e.pending()).isTrue();
            assertThat(e.from()).isEqualTo(BREAK);
            assertThat(e.to()).isEqualTo(LUNCH);
        }

        @Test
        @DisplayName("A6: a pending state equal to the current state is no pending state")
        void pendingEqualToCurrent() {
            see(BREAK);
            assertThat(see(BREAK, BREAK)).isEmpty();
            assertThat(sync.pending()).isNull();
        }

        @Test
        @DisplayName("A7: a pending state applied when the calls end is one change, without another pending event")
        void pendingApplied() {
            see(READY, BREAK);
            PhoneEvent.AgentStateChanged e = changed(see(BREAK));
            assertThat(e.pending()).isFalse();
            assertThat(e.from()).isEqualTo(READY);
            assertThat(e.to()).isEqualTo(BREAK);
            assertThat(sync.pending()).isNull();
        }

        @Test
        @DisplayName("A7: applying a pending state this phone asked for has origin APPLICATION, even much later")
        void pendingAppliedFromApplication() {
            see(READY);
            StateRequest request = sync.request(BREAK, true, false, new CompletableFuture<>());
            request.acknowledge();
            assertThat(changed(see(READY, BREAK)).origin()).isEqualTo(Origin.APPLICATION);
            sync.settle();
            assertThat(changed(see(BREAK)).origin()).isEqualTo(Origin.APPLICATION);
        }

        @Test
        @DisplayName("A8: a pending state dropped without being applied is reported from it to the current state")
        void pendingDropped() {
            see(READY, BREAK);
            PhoneEvent.AgentStateChanged e = changed(see(READY));
            assertThat(e.pending()).isTrue();
            assertThat(e.from()).isEqualTo(BREAK);
            assertThat(e.to()).isEqualTo(READY);
            assertThat(sync.pending()).isNull();
        }

        @Test
        @DisplayName("A8: a state change that also drops the pending state reports both, change first")
        void changeAndDrop() {
            see(READY, BREAK);
            List<PhoneEvent> events = see(LUNCH);
            assertThat(events).hasSize(2);
            PhoneEvent.AgentStateChanged change = (PhoneEvent.AgentStateChanged) events.get(0);
            PhoneEvent.AgentStateChanged drop = (PhoneEvent.AgentStateChanged) events.get(1);
            assertThat(change.pending()).isFalse();
            assertThat(change.to()).isEqualTo(LUNCH);
            assertThat(drop.pending()).isTrue();
            assertThat(drop.from()).isEqualTo(BREAK);
            assertThat(drop.to()).isEqualTo(LUNCH);
        }
    }

    @Nested
    @DisplayName("A9/A10 offline and logout causes")
    class Logout {
        @Test
        @DisplayName("A9: an offline vendor state is AgentLoggedOut(OFFLINE_STATE) by default")
        void offlineIsLogout() {
            see(READY);
            assertThat(see(offline("Offline"))).singleElement()
                    .isInstanceOfSatisfying(PhoneEvent.AgentLoggedOut.class,
                            e -> assertThat(e.cause()).isEqualTo(LogoutCause.OFFLINE_STATE));
            assertThat(sync.state()).isEqualTo(AgentState.LOGGED_OUT);
        }

        @Test
        @DisplayName("A9: with offlineMeansLogout off, an offline state is NOT_READY with the vendor name as reason")
        void offlineAsNotReady() {
            sync = sync(new AgentStateOptions(false, DesiredStatePolicy.FOLLOW_SOFTPHONE, 3));
            see(READY);
            PhoneEvent.AgentStateChanged e = changed(see(offline("Offline")));
            assertThat(e.to()).isEqualTo(AgentState.notReady(PauseReason.custom("Offline")));
            assertThat(sync.state().isLoggedIn()).isTrue();
        }

        @Test
        @DisplayName("A9: with offlineMeansLogout off, a plugin's own NOT_READY mapping of the offline state is kept")
        void offlineKeepsPluginMapping() {
            sync = sync(new AgentStateOptions(false, DesiredStatePolicy.FOLLOW_SOFTPHONE, 3));
            see(READY);
            AgentState mapped = AgentState.notReady(PauseReason.custom("Gone home"));
            assertThat(changed(see(new ObservedAgent(mapped, null, "Offline", null, true))).to()).isEqualTo(mapped);
        }

        @Test
        @DisplayName("A9: a pending offline state is pending LOGGED_OUT, or pending NOT_READY(Offline) with the option off")
        void pendingOffline() {
            see(READY);
            assertThat(changed(see(READY, AgentState.LOGGED_OUT)).to()).isEqualTo(AgentState.LOGGED_OUT);
            sync = sync(new AgentStateOptions(false, DesiredStatePolicy.FOLLOW_SOFTPHONE, 3));
            see(READY);
            assertThat(changed(see(READY, AgentState.LOGGED_OUT)).to())
                    .isEqualTo(AgentState.notReady(PauseReason.custom("Offline")));
        }

        @Test
        @DisplayName("A10: a logged-out picture without the offline flag is SESSION_TERMINATED")
        void loggedOutPicture() {
            see(BREAK);
            assertThat(see(AgentState.LOGGED_OUT)).singleElement()
                    .isInstanceOfSatisfying(PhoneEvent.AgentLoggedOut.class,
                            e -> assertThat(e.cause()).isEqualTo(LogoutCause.SESSION_TERMINATED));
        }

        @Test
        @DisplayName("A10: the SessionTerminated and AuthFailed signals are their own causes, reported once")
        void signals() {
            see(READY);
            assertThat(signal(new Signal.SessionTerminated())).singleElement()
                    .isInstanceOfSatisfying(PhoneEvent.AgentLoggedOut.class,
                            e -> assertThat(e.cause()).isEqualTo(LogoutCause.SESSION_TERMINATED));
            assertThat(signal(new Signal.AuthFailed("expired"))).isEmpty();
            see(READY);
            assertThat(signal(new Signal.AuthFailed("expired"))).singleElement()
                    .isInstanceOfSatisfying(PhoneEvent.AgentLoggedOut.class,
                            e -> assertThat(e.cause()).isEqualTo(LogoutCause.AUTH_FAILED));
        }

        @Test
        @DisplayName("A10: any logout while this phone's logout is in its matching window is APPLICATION")
        void applicationLogout() {
            see(READY);
            echoes.expect(new Object(), new DriverCommand.Logout(), NOW);
            assertThat(see(offline("Offline"))).singleElement()
                    .isInstanceOfSatisfying(PhoneEvent.AgentLoggedOut.class, e -> {
                        assertThat(e.cause()).isEqualTo(LogoutCause.APPLICATION);
                        assertThat(e.origin()).isEqualTo(Origin.APPLICATION);
                    });
        }

        @Test
        @DisplayName("A10: a logout clears the pending state and fails open requests; the next login starts afresh")
        void logoutClears() {
            see(READY, BREAK);
            CompletableFuture<CommandResult> result = new CompletableFuture<>();
            sync.request(LUNCH, false, false, result).acknowledge();
            signal(new Signal.SessionTerminated());
            sync.settle();
            assertThat(sync.pending()).isNull();
            assertThat(result).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause().isInstanceOf(InvalidPhoneStateException.class)
                    .withMessageContaining("session ended");
            assertThat(see(READY)).singleElement().isInstanceOf(PhoneEvent.AgentLoggedIn.class);
        }
    }

    @Nested
    @DisplayName("A11 errors")
    class Errors {
        private ObservedAgent error(String name) {
            return new ObservedAgent(AgentState.notReady(PauseReason.custom(name)), null, name, name, false);
        }

        @Test
        @DisplayName("A11: an error state is reported once when it appears, with the not-routable state change")
        void errorOnce() {
            see(READY);
            List<PhoneEvent> events = see(error("MissedCallAgent"));
            assertThat(events).extracting(PhoneEvent::type).containsExactly("AgentStateChanged", "AgentError");
            assertThat(((PhoneEvent.AgentError) events.get(1)).name()).isEqualTo("MissedCallAgent");
            assertThat(see(error("MissedCallAgent"))).isEmpty();
        }

        @Test
        @DisplayName("A11: another error, or the same one after leaving it, is reported again")
        void errorAgain() {
            see(READY);
            see(error("MissedCallAgent"));
            assertThat(see(error("FailedConnectAgent"))).extracting(PhoneEvent::type)
                    .containsExactly("AgentStateChanged", "AgentError");
            see(READY);
            assertThat(see(error("FailedConnectAgent"))).extracting(PhoneEvent::type)
                    .containsExactly("AgentStateChanged", "AgentError");
        }
    }

    @Nested
    @DisplayName("A12/A13 origin and confirmation of requests")
    class Requests {
        @Test
        @DisplayName("A12: the change a request asked for is APPLICATION once; the same change again is SOFTPHONE")
        void echoOnce() {
            see(READY);
            sync.request(BREAK, false, false, new CompletableFuture<>());
            assertThat(changed(see(BREAK)).origin()).isEqualTo(Origin.APPLICATION);
            see(READY);
            assertThat(changed(see(BREAK)).origin()).isEqualTo(Origin.SOFTPHONE);
        }

        @Test
        @DisplayName("A12: an unrelated change while a request is open is SOFTPHONE")
        void unrelatedChange() {
            see(READY);
            sync.request(BREAK, false, false, new CompletableFuture<>());
            assertThat(changed(see(LUNCH)).origin()).isEqualTo(Origin.SOFTPHONE);
        }

        @Test
        @DisplayName("A13: a request completes only when acknowledged and shown, in either order")
        void completesOnBoth() {
            see(READY);
            CompletableFuture<CommandResult> first = new CompletableFuture<>();
            StateRequest ackFirst = sync.request(BREAK, false, false, first);
            ackFirst.acknowledge();
            sync.settle();
            assertThat(first).isNotDone();
            see(BREAK);
            sync.settle();
            assertThat(first).isCompletedWithValue(CommandResult.done());

            CompletableFuture<CommandResult> second = new CompletableFuture<>();
            StateRequest showFirst = sync.request(READY, false, false, second);
            see(READY);
            sync.settle();
            assertThat(second).isNotDone();
            showFirst.acknowledge();
            sync.settle();
            assertThat(second).isCompletedWithValue(CommandResult.done());
        }

        @Test
        @DisplayName("A13: a withdrawn request changes nothing and is not echoed later")
        void withdrawn() {
            see(READY);
            StateRequest request = sync.request(BREAK, false, false, new CompletableFuture<>());
            sync.withdraw(request);
            assertThat(changed(see(BREAK)).origin()).isEqualTo(Origin.SOFTPHONE);
        }

        @Test
        @DisplayName("A14: the state the agent is in, or the state already pending, needs no request")
        void alreadyIn() {
            see(BREAK);
            assertThat(sync.alreadyIn(BREAK, false)).isTrue();
            assertThat(sync.alreadyIn(READY, false)).isFalse();
            see(BREAK, READY);
            assertThat(sync.alreadyIn(READY, true)).isTrue();
            assertThat(sync.alreadyIn(BREAK, true)).isFalse();
            assertThat(sync.alreadyIn(BREAK, false)).isFalse();
        }
    }
}
