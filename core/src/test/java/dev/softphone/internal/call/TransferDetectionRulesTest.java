package dev.softphone.internal.call;

import dev.softphone.CallStatus;
import dev.softphone.Destination;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.Origin;
import dev.softphone.Party;
import dev.softphone.PhoneEvent;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.ObservedCall;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.softphone.LegState.CONNECTED;
import static dev.softphone.LegState.CONNECTING;
import static dev.softphone.LegState.DISCONNECTED;
import static dev.softphone.LegState.HELD;
import static dev.softphone.LegState.UNKNOWN;
import static dev.softphone.internal.call.Pictures.AGENT_BOB;
import static dev.softphone.internal.call.Pictures.NUMBER;
import static dev.softphone.internal.call.Pictures.QUEUE;
import static dev.softphone.internal.call.Pictures.agent;
import static dev.softphone.internal.call.Pictures.conferenced;
import static dev.softphone.internal.call.Pictures.consulting;
import static dev.softphone.internal.call.Pictures.customer;
import static dev.softphone.internal.call.Pictures.inbound;
import static dev.softphone.internal.call.Pictures.monitor;
import static dev.softphone.internal.call.Pictures.obs;
import static dev.softphone.internal.call.Pictures.outbound;
import static dev.softphone.internal.call.Pictures.ringing;
import static dev.softphone.internal.call.Pictures.talking;
import static dev.softphone.internal.call.Pictures.third;
import static dev.softphone.internal.call.Pictures.transferred;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** One test (or a few) per rule of {@code docs/transfer-detection.md}, on hand-built observations. */
@DisplayName("Transfer-detection rules")
class TransferDetectionRulesTest {

    private final Pictures.Session s = new Pictures.Session();

    @Test
    @DisplayName("T1: a call seen for the first time is offered with direction, remote and queue; one first seen ended is history")
    void t1() {
        assertThat(s.texts(obs(ringing("c1")))).containsExactly("CallOffered c1 INBOUND +15550001 Support");
        assertThat(s.texts(obs(ringing("c1"), outbound("c2", CallStatus.ENDED, customer(DISCONNECTED)))))
                .isEmpty();
    }

    @Test
    @DisplayName("T2: an arriving call that another agent transferred is reported with the call it came from")
    void t2() {
        assertThat(s.texts(obs(transferred("c9", "c1", CallStatus.RINGING, customer(CONNECTED),
                agent(CONNECTING)))))
                .containsExactly("CallOffered c9 INBOUND +15550001 Support", "TransferReceived c9 c1");
    }

    @Test
    @DisplayName("T3: the call is connected once, when its status first becomes connected")
    void t3() {
        assertThat(s.texts(obs(ringing("c1")), obs(talking("c1")),
                obs(inbound("c1", CallStatus.CONNECTED, customer(CONNECTED), agent(HELD))), obs(talking("c1"))))
                .filteredOn(t -> t.startsWith("CallConnected")).containsExactly("CallConnected c1");
        assertThat(new Pictures.Session().texts(obs(talking("c2"))))
                .containsExactly("CallOffered c2 INBOUND +15550001 Support", "CallConnected c2");
    }

    @Test
    @DisplayName("T4: an inbound call that stops ringing unanswered is missed, however the softphone shows it")
    void t4() {
        s.feed(obs(ringing("a"), ringing("b"), ringing("c")));
        assertThat(s.texts(obs(inbound("a", CallStatus.MISSED), inbound("b", CallStatus.ENDED))))
                .containsExactly("CallMissed c", "CallMissed a", "CallMissed b");
        assertThat(s.texts(obs(inbound("d", CallStatus.MISSED))))
                .containsExactly("CallOffered d INBOUND +15550001 Support", "CallMissed d");
    }

    @Test
    @DisplayName("T5: holds and resumes name the party; a call's first picture is a baseline, not a change")
    void t5() {
        s.feed(obs(inbound("c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED))));
        assertThat(s.texts(
                obs(talking("c1")),
                obs(inbound("c1", CallStatus.CONNECTED, customer(CONNECTED), agent(HELD))),
                obs(talking("c1"))))
                .containsExactly("CallResumed c1 CUSTOMER", "CallHeld c1 AGENT", "CallResumed c1 AGENT");
    }

    @Test
    @DisplayName("T6: a third party added while the agent is on the call starts a consultation with its target")
    void t6() {
        s.feed(obs(talking("c1")));
        Target quick = new Target(TargetKind.PHONE_NUMBER, "Legal QC", "+15550777", true);

        List<PhoneEvent> events = s.feed(obs(consulting("c1", CONNECTING, quick)));

        assertThat(events.get(0)).isInstanceOfSatisfying(PhoneEvent.ConsultStarted.class,
                e -> assertThat(e.target()).isEqualTo(quick));
    }

    @Test
    @DisplayName("T6: a third party whose identity the softphone hides is an INTERNAL target")
    void t6Internal() {
        s.feed(obs(talking("c1")));
        assertThat(s.texts(obs(consulting("c1", CONNECTING, null))))
                .containsExactly("ConsultStarted c1 INTERNAL:null", "CallHeld c1 CUSTOMER");
    }

    @Test
    @DisplayName("T6: a third party already on the call before the agent connected is inherited, not a consultation")
    void t6Inherited() {
        s.feed(obs(transferred("c2", "c1", CallStatus.RINGING, customer(HELD), agent(CONNECTING),
                third("a1", CONNECTED, null))));
        assertThat(s.texts(
                obs(transferred("c2", "c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED),
                        third("a1", CONNECTED, null))),
                obs(transferred("c2", "c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED)))))
                .containsExactly("CallConnected c2");
    }

    @Test
    @DisplayName("T7: the consultation is connected when the third party first shows connected, once")
    void t7() {
        s.feed(obs(talking("c1")), obs(consulting("c1", CONNECTING, QUEUE)));
        assertThat(s.texts(obs(consulting("c1", CONNECTED, QUEUE)),
                obs(inbound("c1", CallStatus.CONNECTED, customer(CONNECTED), agent(CONNECTED), third(HELD, QUEUE))),
                obs(consulting("c1", CONNECTED, QUEUE))))
                .filteredOn(t -> t.startsWith("ConsultConnected")).containsExactly("ConsultConnected c1");
    }

    @Test
    @DisplayName("T8: customer and third party talking together while the agent is on is reported conferenced, per join")
    void t8() {
        s.feed(obs(talking("c1")), obs(consulting("c1", CONNECTED, NUMBER)));
        assertThat(s.texts(obs(conferenced("c1", NUMBER)), obs(conferenced("c1", NUMBER)),
                obs(consulting("c1", CONNECTED, NUMBER)), obs(conferenced("c1", NUMBER))))
                .containsExactly("CallResumed c1 CUSTOMER", "Conferenced c1", "CallHeld c1 CUSTOMER",
                        "CallResumed c1 CUSTOMER", "Conferenced c1");
    }

    @Test
    @DisplayName("T9: the third party leaving while the customer stays cancels the transfer")
    void t9() {
        s.feed(obs(talking("c1")), obs(consulting("c1", CONNECTING, NUMBER)));
        assertThat(s.texts(obs(inbound("c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED),
                third(DISCONNECTED, NUMBER)))))
                .containsExactly("TransferCancelled c1");
    }

    @Test
    @DisplayName("T10: the agent leaving the customer with a third party completes the transfer to that target")
    void t10() {
        s.feed(obs(talking("c1")), obs(consulting("c1", CONNECTED, AGENT_BOB)));
        assertThat(s.texts(obs(inbound("c1", CallStatus.CONNECTED, customer(HELD), agent(DISCONNECTED),
                        third(CONNECTED, AGENT_BOB))),
                obs(inbound("c1", CallStatus.ENDED, customer(HELD), agent(DISCONNECTED),
                        third(CONNECTED, AGENT_BOB)))))
                .containsExactly("TransferCompleted c1 UNDETERMINED AGENT:Bob(qc)", "CallEnded c1 TRANSFER");
    }

    @Test
    @DisplayName("T10: a final picture that contradicts the hand-over (third party gone with the agent) is no transfer")
    void t10Contradicted() {
        s.feed(obs(talking("c1")), obs(consulting("c1", CONNECTED, NUMBER)));
        assertThat(s.texts(obs(inbound("c1", CallStatus.ENDED, customer(HELD), agent(DISCONNECTED),
                third(DISCONNECTED, NUMBER)))))
                .containsExactly("CallEnded c1 AGENT");
    }

    @Test
    @DisplayName("T11: CONFERENCE when all three were joined, whatever the target")
    void t11Conference() {
        assertThat(complete(QUEUE, obs(consulting("c1", CONNECTED, QUEUE)), obs(conferenced("c1", QUEUE))))
                .isEqualTo("TransferCompleted c1 CONFERENCE QUEUE:Billing(qc)");
    }

    @Test
    @DisplayName("T11: CONSULTED when a phone number talked with the agent while the customer was held")
    void t11Consulted() {
        assertThat(complete(NUMBER, obs(consulting("c1", CONNECTING, NUMBER)),
                obs(consulting("c1", CONNECTED, NUMBER))))
                .isEqualTo("TransferCompleted c1 CONSULTED PHONE_NUMBER:+15550199");
    }

    @Test
    @DisplayName("T11: UNDETERMINED for queue, agent and internal targets that only showed connected")
    void t11Undetermined() {
        for (Target target : new Target[] {QUEUE, AGENT_BOB, Target.internal()}) {
            Pictures.Session fresh = new Pictures.Session();
            fresh.feed(obs(talking("c1")), obs(consulting("c1", CONNECTED, target)));
            assertThat(fresh.texts(obs())).as(target.describe())
                    .first().asString().startsWith("TransferCompleted c1 UNDETERMINED");
        }
    }

    @Test
    @DisplayName("T11: BLIND when the agent left before the third party connected")
    void t11Blind() {
        assertThat(complete(NUMBER, obs(consulting("c1", CONNECTING, NUMBER))))
                .isEqualTo("TransferCompleted c1 BLIND PHONE_NUMBER:+15550199");
    }

    @Test
    @DisplayName("T11: BLIND when this phone's blind transfer made the agent leave within the window, even if the queue showed connected")
    void t11BlindByThisPhone() {
        s.feed(obs(talking("c1")), obs(consulting("c1", CONNECTED, QUEUE)));
        s.session.blindTransferRequested("c1", s.clock.instant().plusSeconds(5));
        assertThat(s.texts(obs()).get(0)).isEqualTo("TransferCompleted c1 BLIND QUEUE:Billing(qc)");

        Pictures.Session late = new Pictures.Session();
        late.feed(obs(talking("c1")), obs(consulting("c1", CONNECTED, QUEUE)));
        late.session.blindTransferRequested("c1", late.clock.instant().plusSeconds(5));
        late.clock.advance(Duration.ofSeconds(6));
        assertThat(late.texts(obs()).get(0)).isEqualTo("TransferCompleted c1 UNDETERMINED QUEUE:Billing(qc)");

        Pictures.Session failed = new Pictures.Session();
        failed.feed(obs(talking("c1")), obs(consulting("c1", CONNECTED, QUEUE)));
        failed.session.blindTransferRequested("c1", failed.clock.instant().plusSeconds(5));
        failed.session.blindTransferAbandoned("c1");
        assertThat(failed.texts(obs()).get(0)).isEqualTo("TransferCompleted c1 UNDETERMINED QUEUE:Billing(qc)");
    }

    @Test
    @DisplayName("T12: REMOTE when the customer's leg left first")
    void t12Remote() {
        s.feed(obs(talking("c1")));
        assertThat(s.texts(obs(inbound("c1", CallStatus.CONNECTED, customer(DISCONNECTED), agent(CONNECTED))),
                obs(inbound("c1", CallStatus.ENDED, customer(DISCONNECTED), agent(DISCONNECTED)))))
                .containsExactly("CallEnded c1 REMOTE");
    }

    @Test
    @DisplayName("T12: AGENT when the agent's leg left first and the customer was not handed to anyone")
    void t12Agent() {
        s.feed(obs(talking("c1")));
        assertThat(s.texts(obs(inbound("c1", CallStatus.ENDED, customer(CONNECTED), agent(DISCONNECTED)))))
                .containsExactly("CallEnded c1 AGENT");
    }

    @Test
    @DisplayName("T12: when every leg ends at once, AGENT only if this phone asked for the hang-up, else UNKNOWN")
    void t12AtOnce() {
        s.feed(obs(talking("c1"), talking("c2")));
        s.echoes.expect(new Object(), new DriverCommand.Hangup("c1"), s.clock.instant());

        List<PhoneEvent> events = s.feed(obs());

        assertThat(events).map(Pictures::text).containsExactly("CallEnded c1 AGENT", "CallEnded c2 UNKNOWN");
        assertThat(events).map(PhoneEvent::origin).containsExactly(Origin.APPLICATION, Origin.SOFTPHONE);
    }

    @Test
    @DisplayName("T12: the agent cancelling an outbound call by hand before it is answered is AGENT")
    void t12AgentCancelsDialing() {
        s.feed(obs(outbound("c1", CallStatus.RINGING, customer(CONNECTING), agent(CONNECTED))));
        assertThat(s.texts(obs(outbound("c1", CallStatus.RINGING, customer(CONNECTING), agent(DISCONNECTED))),
                obs(outbound("c1", CallStatus.ENDED, customer(DISCONNECTED), agent(DISCONNECTED)))))
                .containsExactly("CallEnded c1 AGENT");
    }

    @Test
    @DisplayName("T12: without an agent leg, the customer leaving counts as first only while the call is still live")
    void t12WithoutAgentLeg() {
        s.feed(obs(inbound("a", CallStatus.CONNECTED, customer(CONNECTED)),
                inbound("b", CallStatus.CONNECTED, customer(CONNECTED))));
        assertThat(s.texts(obs(inbound("a", CallStatus.CONNECTED, customer(DISCONNECTED)),
                        inbound("b", CallStatus.ENDED, customer(DISCONNECTED))),
                obs(inbound("a", CallStatus.ENDED, customer(DISCONNECTED)))))
                .containsExactly("CallEnded b UNKNOWN", "CallEnded a REMOTE");
    }

    @Test
    @DisplayName("T13: the agent's part ends when the status leaves connected, the agent's leg leaves, or the call disappears; once")
    void t13() {
        s.feed(obs(talking("a"), talking("b"), talking("c")));
        assertThat(s.texts(obs(inbound("a", CallStatus.ENDED, customer(CONNECTED), agent(CONNECTED)),
                inbound("b", CallStatus.CONNECTED, customer(CONNECTED), agent(DISCONNECTED)))))
                .containsExactly("CallEnded c UNKNOWN", "CallEnded a UNKNOWN", "CallEnded b AGENT");
        assertThat(s.texts(obs(inbound("a", CallStatus.ENDED, customer(CONNECTED), agent(CONNECTED)),
                inbound("b", CallStatus.ENDED, customer(CONNECTED), agent(DISCONNECTED))), obs())).isEmpty();
    }

    @Test
    @DisplayName("T13: an outbound call that ends before it connected is ended, not missed")
    void t13Outbound() {
        s.feed(obs(outbound("c1", CallStatus.RINGING, customer(CONNECTING), agent(CONNECTED))));
        s.echoes.expect(new Object(), new DriverCommand.Hangup("c1"), s.clock.instant());
        assertThat(s.texts(obs())).containsExactly("CallEnded c1 AGENT");
    }

    @Test
    @DisplayName("T14: a supervisor's monitoring leg never starts, connects, cancels or completes a transfer")
    void t14() {
        s.feed(obs(talking("c1")));
        assertThat(s.texts(
                obs(inbound("c1", CallStatus.CONNECTED, customer(CONNECTED), agent(CONNECTED), monitor(CONNECTED))),
                obs(inbound("c1", CallStatus.CONNECTED, customer(CONNECTED), agent(CONNECTED), monitor(HELD))),
                obs(inbound("c1", CallStatus.ENDED, customer(CONNECTED), agent(DISCONNECTED), monitor(CONNECTED)))))
                .containsExactly("CallEnded c1 AGENT");
    }

    @Test
    @DisplayName("T15: odd data (repeated ids, several customers, unknown states, impossible transitions) is logged and never crashes")
    void t15() {
        ObservedCall odd = new ObservedCall("c1", null, Direction.INBOUND, CallStatus.CONNECTED, null, null, null,
                List.of(customer(CONNECTED), customer(HELD), new Leg("cust2", LegRole.CUSTOMER, CONNECTED, null, false),
                        agent(UNKNOWN), agent(CONNECTED), third(UNKNOWN, null)));
        assertThatCode(() -> s.feed(obs(odd, odd))).doesNotThrowAnyException();
        assertThat(s.texts(obs(ringing("c1")), obs(inbound("c1", CallStatus.ENDED)),
                obs(talking("c1")), obs()))
                .as("back to ringing and back from the dead are ignored; the end is reported once")
                .containsExactly("CallEnded c1 UNKNOWN");
    }

    @Test
    @DisplayName("T16: an observation equal to the last one, or whose calls did not change, produces no call event")
    void t16() {
        s.feed(obs(talking("c1")), obs(consulting("c1", CONNECTED, NUMBER)));
        assertThat(s.texts(obs(consulting("c1", CONNECTED, NUMBER)), obs(consulting("c1", CONNECTED, NUMBER))))
                .isEmpty();
        assertThat(s.session.observe(new dev.softphone.spi.Observation(
                dev.softphone.spi.ObservedAgent.of(dev.softphone.AgentState.notReady(
                        dev.softphone.PauseReason.BREAK)), List.of(consulting("c1", CONNECTED, NUMBER)))))
                .noneMatch(e -> e instanceof PhoneEvent.CallEvent);
    }

    @Test
    @DisplayName("T17: events that echo a command of this phone within the window are APPLICATION, the rest SOFTPHONE")
    void t17() {
        s.feed(obs(talking("c1")));
        s.echoes.expect(new Object(), new DriverCommand.AddParty("c1", Destination.phoneNumber("+15550199")),
                s.clock.instant());

        List<PhoneEvent> events = s.feed(obs(consulting("c1", CONNECTING, NUMBER)),
                obs(consulting("c1", CONNECTED, NUMBER)));

        assertThat(events).extracting(Pictures::text, PhoneEvent::origin).containsExactly(
                org.assertj.core.groups.Tuple.tuple("ConsultStarted c1 PHONE_NUMBER:+15550199", Origin.APPLICATION),
                org.assertj.core.groups.Tuple.tuple("CallHeld c1 CUSTOMER", Origin.APPLICATION),
                org.assertj.core.groups.Tuple.tuple("ConsultConnected c1", Origin.SOFTPHONE));

        s.echoes.expect(new Object(), new DriverCommand.Hold("c1", Party.CUSTOMER, "cust"), s.clock.instant());
        s.clock.advance(Duration.ofSeconds(6));
        assertThat(s.feed(obs(talking("c1")), obs(inbound("c1", CallStatus.CONNECTED, customer(HELD),
                agent(CONNECTED))))).filteredOn(e -> e instanceof PhoneEvent.CallHeld)
                .allMatch(e -> e.origin() == Origin.SOFTPHONE, "too late for the window");
    }

    @Test
    @DisplayName("T18: several calls are followed independently, in the softphone's order, ends of vanished calls first")
    void t18() {
        s.feed(obs(talking("c1"), ringing("c2")));
        assertThat(s.texts(obs(consulting("c2", CONNECTING, NUMBER), ringing("c3"))))
                .as("c2 jumped from ringing to consulting: its third party is inherited")
                .containsExactly("CallEnded c1 UNKNOWN", "CallConnected c2",
                        "CallOffered c3 INBOUND +15550001 Support");
    }

    /** Talks, runs the middle pictures, then the call vanishes; returns the TransferCompleted text. */
    private String complete(Target target, dev.softphone.spi.Observation... middle) {
        s.feed(obs(talking("c1")));
        s.feed(middle);
        List<String> end = s.texts(obs());
        assertThat(end).hasSize(2);
        assertThat(end.get(1)).isEqualTo("CallEnded c1 TRANSFER");
        return end.get(0);
    }
}
