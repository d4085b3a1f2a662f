package dev.softphone;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("PhoneEventJson writes the normative JSON form of DESIGN §5")
class PhoneEventJsonTest {
    private static final PhoneEvent.Meta META =
            new PhoneEvent.Meta(7, Instant.parse("2026-01-05T09:00:01.500Z"), Origin.APPLICATION);

    @Test
    @DisplayName("every event starts with type, seq, at and origin")
    void header() {
        assertThat(PhoneEventJson.toJson(new PhoneEvent.CallConnected(META, "c-1")))
                .isEqualTo("{\"type\":\"CallConnected\",\"seq\":7,\"at\":\"2026-01-05T09:00:01.500Z\","
                        + "\"origin\":\"APPLICATION\",\"callId\":\"c-1\"}");
    }

    @Test
    @DisplayName("agent states are objects with state and, for NOT_READY, reason")
    void agentStates() {
        String json = PhoneEventJson.toJson(new PhoneEvent.AgentStateChanged(META, AgentState.READY,
                AgentState.notReady(PauseReason.BREAK), true));
        assertThat(json).endsWith("\"from\":{\"state\":\"READY\"},\"to\":{\"state\":\"NOT_READY\","
                + "\"reason\":\"BREAK\"},\"pending\":true}");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.AgentLoggedIn(META, AgentState.notReady(
                PauseReason.custom("Lunch"))))).endsWith("\"state\":{\"state\":\"NOT_READY\",\"reason\":\"Lunch\"}}");
    }

    @Test
    @DisplayName("targets carry kind, name, number and quickConnect")
    void targets() {
        String json = PhoneEventJson.toJson(new PhoneEvent.ConsultStarted(META, "c-1",
                new Target(TargetKind.QUEUE, "Billing QC", null, true)));
        assertThat(json).endsWith("\"callId\":\"c-1\",\"target\":{\"kind\":\"QUEUE\",\"name\":\"Billing QC\","
                + "\"number\":null,\"quickConnect\":true}}");
        String completed = PhoneEventJson.toJson(new PhoneEvent.TransferCompleted(META, "c-1",
                TransferMode.BLIND, Target.phoneNumber("+15550100")));
        assertThat(completed).contains("\"mode\":\"BLIND\"")
                .contains("\"target\":{\"kind\":\"PHONE_NUMBER\",\"name\":null,\"number\":\"+15550100\"");
    }

    @Test
    @DisplayName("call offers carry direction, remote and queue, with null when unknown")
    void offered() {
        assertThat(PhoneEventJson.toJson(new PhoneEvent.CallOffered(META, "c-2", Direction.INBOUND, null,
                "Support"))).endsWith("\"callId\":\"c-2\",\"direction\":\"INBOUND\",\"remote\":null,"
                + "\"queue\":\"Support\"}");
    }

    @Test
    @DisplayName("each remaining event type writes its fields by their normative names")
    void otherFields() {
        assertThat(PhoneEventJson.toJson(new PhoneEvent.AgentLoggedOut(META, LogoutCause.OFFLINE_STATE)))
                .endsWith("\"cause\":\"OFFLINE_STATE\"}");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.AgentError(META, "MissedCallAgent")))
                .endsWith("\"name\":\"MissedCallAgent\"}");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.CallHeld(META, "c", Party.CUSTOMER)))
                .endsWith("\"callId\":\"c\",\"party\":\"CUSTOMER\"}");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.CallResumed(META, "c", Party.THIRD_PARTY)))
                .endsWith("\"party\":\"THIRD_PARTY\"}");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.MuteChanged(META, true))).endsWith("\"muted\":true}");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.TransferReceived(META, "c2", "c1")))
                .contains("\"callId\":\"c2\",\"fromCallId\":\"c1\",\"context\":{\"status\":\"NONE\"");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.CallEnded(META, "c", EndedBy.REMOTE)))
                .endsWith("\"endedBy\":\"REMOTE\"}");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.SoftphoneUnavailable(META, "page closed")))
                .contains("\"type\":\"SoftphoneUnavailable\"").endsWith("\"reason\":\"page closed\"}");
        for (PhoneEvent e : new PhoneEvent[]{new PhoneEvent.CallMissed(META, "c"),
                new PhoneEvent.ConsultConnected(META, "c"), new PhoneEvent.Conferenced(META, "c"),
                new PhoneEvent.TransferCancelled(META, "c")}) {
            assertThat(PhoneEventJson.toJson(e)).startsWith("{\"type\":\"" + e.type() + "\"")
                    .endsWith("\"callId\":\"c\"}");
        }
    }

    @Test
    @DisplayName("strings are escaped so an event is always one line of valid JSON")
    void escaping() {
        String json = PhoneEventJson.toJson(new PhoneEvent.AgentError(META, "a\"b\\c\nd\u0001"));
        assertThat(json).endsWith("\"name\":\"a\\\"b\\\\c\\nd\\u0001\"}").doesNotContain("\n");
    }
}
