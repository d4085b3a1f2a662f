package dev.softphone.internal.call;

import dev.softphone.CallStatus;
import dev.softphone.Origin;
import dev.softphone.PhoneEvent;
import dev.softphone.spi.Observation;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

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

/**
 * Whole calls, observation by observation, against the exact call events they must produce (the rules of
 * {@code docs/transfer-detection.md} working together). Nothing here was sent by the phone, so every event's origin is
 * SOFTPHONE.
 */
@DisplayName("Call scenarios: observation sequences produce exact event sequences")
class CallScenariosTest {

    private static final String OFFERED = "CallOffered c1 INBOUND +15550001 Support";

    static Stream<Arguments> scenarios() {
        return Stream.of(
                scenario("inbound call answered",
                        List.of(obs(ringing("c1")), obs(talking("c1"))),
                        OFFERED, "CallConnected c1"),
                scenario("inbound call missed: stops ringing and disappears",
                        List.of(obs(ringing("c1")), obs()),
                        OFFERED, "CallMissed c1"),
                scenario("inbound call missed: the softphone shows it missed",
                        List.of(obs(ringing("c1")),
                                obs(inbound("c1", CallStatus.MISSED, customer(DISCONNECTED), agent(DISCONNECTED))),
                                obs()),
                        OFFERED, "CallMissed c1"),
                scenario("outbound call, the remote hangs up",
                        List.of(obs(outbound("c1", CallStatus.RINGING, customer(CONNECTING), agent(CONNECTED))),
                                obs(outbound("c1", CallStatus.CONNECTED, customer(CONNECTED), agent(CONNECTED))),
                                obs(outbound("c1", CallStatus.ENDED, customer(DISCONNECTED), agent(CONNECTED))),
                                obs()),
                        "CallOffered c1 OUTBOUND +15550001 null", "CallConnected c1", "CallEnded c1 REMOTE"),
                scenario("outbound call never answered: busy",
                        List.of(obs(outbound("c1", CallStatus.RINGING, customer(CONNECTING), agent(CONNECTED))),
                                obs(outbound("c1", CallStatus.ENDED, customer(DISCONNECTED), agent(CONNECTED)))),
                        "CallOffered c1 OUTBOUND +15550001 null", "CallEnded c1 REMOTE"),
                scenario("hold and resume the customer",
                        List.of(obs(ringing("c1")), obs(talking("c1")),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED))),
                                obs(talking("c1"))),
                        OFFERED, "CallConnected c1", "CallHeld c1 CUSTOMER", "CallResumed c1 CUSTOMER"),
                scenario("consult a number, then cancel",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTING, NUMBER)),
                                obs(consulting("c1", CONNECTED, NUMBER)),
                                obs(talking("c1"))),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 PHONE_NUMBER:+15550199", "CallHeld c1 CUSTOMER",
                        "ConsultConnected c1",
                        "TransferCancelled c1", "CallResumed c1 CUSTOMER"),
                scenario("consult a number, then complete",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTING, NUMBER)),
                                obs(consulting("c1", CONNECTED, NUMBER)),
                                obs(inbound("c1", CallStatus.ENDED, customer(HELD), agent(DISCONNECTED),
                                        third(CONNECTED, NUMBER))),
                                obs()),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 PHONE_NUMBER:+15550199", "CallHeld c1 CUSTOMER",
                        "ConsultConnected c1",
                        "TransferCompleted c1 CONSULTED PHONE_NUMBER:+15550199", "CallEnded c1 TRANSFER"),
                scenario("consult a queue, then complete: connected proves no conversation",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTING, QUEUE)),
                                obs(consulting("c1", CONNECTED, QUEUE)),
                                obs()),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 QUEUE:Billing(qc)", "CallHeld c1 CUSTOMER", "ConsultConnected c1",
                        "TransferCompleted c1 UNDETERMINED QUEUE:Billing(qc)", "CallEnded c1 TRANSFER"),
                scenario("consult a number, cancel, consult a queue, complete: the transfer names the second",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTED, NUMBER)),
                                obs(talking("c1")),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED),
                                        third("tp2", CONNECTING, QUEUE))),
                                obs(inbound("c1", CallStatus.ENDED, customer(HELD), agent(DISCONNECTED),
                                        third("tp2", CONNECTING, QUEUE)))),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 PHONE_NUMBER:+15550199", "CallHeld c1 CUSTOMER", "ConsultConnected c1",
                        "TransferCancelled c1", "CallResumed c1 CUSTOMER",
                        "ConsultStarted c1 QUEUE:Billing(qc)", "CallHeld c1 CUSTOMER",
                        "TransferCompleted c1 BLIND QUEUE:Billing(qc)", "CallEnded c1 TRANSFER"),
                scenario("conference, then the agent leaves",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTING, AGENT_BOB)),
                                obs(consulting("c1", CONNECTED, AGENT_BOB)),
                                obs(conferenced("c1", AGENT_BOB)),
                                obs(inbound("c1", CallStatus.ENDED, customer(CONNECTED), agent(DISCONNECTED),
                                        third(CONNECTED, AGENT_BOB)))),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 AGENT:Bob(qc)", "CallHeld c1 CUSTOMER", "ConsultConnected c1",
                        "CallResumed c1 CUSTOMER", "Conferenced c1",
                        "TransferCompleted c1 CONFERENCE AGENT:Bob(qc)", "CallEnded c1 TRANSFER"),
                scenario("conference, then the third party leaves",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTED, NUMBER)),
                                obs(conferenced("c1", NUMBER)),
                                obs(talking("c1"))),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 PHONE_NUMBER:+15550199", "CallHeld c1 CUSTOMER", "ConsultConnected c1",
                        "CallResumed c1 CUSTOMER", "Conferenced c1",
                        "TransferCancelled c1"),
                scenario("blind transfer to a queue: the agent leaves before it connects",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTING, QUEUE)),
                                obs(inbound("c1", CallStatus.ENDED, customer(HELD), agent(DISCONNECTED),
                                        third(CONNECTING, QUEUE)))),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 QUEUE:Billing(qc)", "CallHeld c1 CUSTOMER",
                        "TransferCompleted c1 BLIND QUEUE:Billing(qc)", "CallEnded c1 TRANSFER"),
                scenario("the customer hangs up during a consultation",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTED, NUMBER)),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(DISCONNECTED), agent(CONNECTED),
                                        third(CONNECTED, NUMBER))),
                                obs()),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 PHONE_NUMBER:+15550199", "CallHeld c1 CUSTOMER", "ConsultConnected c1",
                        "CallEnded c1 REMOTE"),
                scenario("swap between the customer and the third party, and back",
                        List.of(obs(talking("c1")),
                                obs(consulting("c1", CONNECTED, NUMBER)),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(CONNECTED), agent(CONNECTED),
                                        third(HELD, NUMBER))),
                                obs(consulting("c1", CONNECTED, NUMBER))),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 PHONE_NUMBER:+15550199", "CallHeld c1 CUSTOMER", "ConsultConnected c1",
                        "CallResumed c1 CUSTOMER", "CallHeld c1 THIRD_PARTY",
                        "CallHeld c1 CUSTOMER", "CallResumed c1 THIRD_PARTY"),
                scenario("two calls at once: hold the first, take the second, go back",
                        List.of(obs(talking("c1")),
                                obs(talking("c1"), ringing("c2")),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED)),
                                        talking("c2")),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED)),
                                        inbound("c2", CallStatus.ENDED, customer(DISCONNECTED), agent(CONNECTED))),
                                obs(talking("c1"))),
                        OFFERED, "CallConnected c1",
                        "CallOffered c2 INBOUND +15550001 Support",
                        "CallHeld c1 CUSTOMER", "CallConnected c2",
                        "CallEnded c2 REMOTE",
                        "CallResumed c1 CUSTOMER"),
                scenario("a transferred call arrives while the first agent is still on it",
                        List.of(obs(transferred("c2", "c1", CallStatus.RINGING, customer(HELD),
                                        agent(CONNECTING), third("a1", CONNECTED, null))),
                                obs(transferred("c2", "c1", CallStatus.CONNECTED, customer(HELD),
                                        agent(CONNECTED), third("a1", CONNECTED, null))),
                                obs(transferred("c2", "c1", CallStatus.CONNECTED, customer(HELD),
                                        agent(CONNECTED), third("a1", DISCONNECTED, null))),
                                obs(transferred("c2", "c1", CallStatus.CONNECTED, customer(CONNECTED),
                                        agent(CONNECTED)))),
                        "CallOffered c2 INBOUND +15550001 Support", "TransferReceived c2 c1",
                        "CallConnected c2",
                        "CallResumed c2 CUSTOMER"),
                scenario("duplicate observations produce no events",
                        List.of(obs(ringing("c1")), obs(ringing("c1")), obs(talking("c1")), obs(talking("c1")),
                                obs(talking("c1"))),
                        OFFERED, "CallConnected c1"),
                scenario("a supervisor's monitoring leg is not a third party",
                        List.of(obs(talking("c1")),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(CONNECTED), agent(CONNECTED),
                                        monitor(CONNECTED))),
                                obs(talking("c1"))),
                        OFFERED, "CallConnected c1"),
                scenario("an unknown leg state proves nothing and keeps the last known one",
                        List.of(obs(talking("c1")),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(UNKNOWN), agent(CONNECTED))),
                                obs(talking("c1")),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(UNKNOWN), agent(CONNECTED))),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(HELD), agent(CONNECTED)))),
                        OFFERED, "CallConnected c1", "CallHeld c1 CUSTOMER"),
                scenario("an unknown state in a conference neither splits nor re-joins it",
                        List.of(obs(talking("c1")), obs(consulting("c1", CONNECTED, NUMBER)),
                                obs(conferenced("c1", NUMBER)),
                                obs(inbound("c1", CallStatus.CONNECTED, customer(UNKNOWN), agent(CONNECTED),
                                        third(CONNECTED, NUMBER))),
                                obs(conferenced("c1", NUMBER))),
                        OFFERED, "CallConnected c1",
                        "ConsultStarted c1 PHONE_NUMBER:+15550199", "CallHeld c1 CUSTOMER", "ConsultConnected c1",
                        "CallResumed c1 CUSTOMER", "Conferenced c1"));
    }

    private static Arguments scenario(String name, List<Observation> observations, String... expected) {
        return Arguments.of(name, observations, List.of(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    @DisplayName("scenario")
    void scenario(String name, List<Observation> observations, List<String> expected) {
        Pictures.Session session = new Pictures.Session();

        List<PhoneEvent> events = session.feed(observations.toArray(Observation[]::new));

        assertThat(events).map(Pictures::text).as(name).containsExactlyElementsOf(expected);
        assertThat(events).as("nothing was sent by the phone").allMatch(e -> e.origin() == Origin.SOFTPHONE);
    }
}
