package dev.softphone.testkit.amazon;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("SimulatedCcp answers bridge commands as Amazon Connect does")
class SimulatedCcpTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimulatedCcp ccp = SimulatedCcp.create();
    private final List<JsonNode> out = new ArrayList<>();
    private int commands;

    SimulatedCcpTest() {
        ccp.connectTo(json -> out.add(JSON.readTree(json)));
    }

    private JsonNode command(String op, String args) {
        out.clear();
        ccp.receive("{\"type\":\"command\",\"id\":\"c" + (++commands) + "\",\"op\":\"" + op + "\",\"args\":"
                + args + "}");
        return out.get(0);
    }

    private JsonNode lastSnapshot() {
        JsonNode last = null;
        for (JsonNode m : out) {
            if ("agent.update".equals(m.path("type").asString())) {
                last = m.path("data").path("snapshot");
            }
        }
        return last;
    }

    private static JsonNode connection(JsonNode snapshot, String id) {
        for (JsonNode c : snapshot.path("contacts").get(0).path("connections")) {
            if (id.equals(c.path("connectionId").asString())) {
                return c;
            }
        }
        throw new AssertionError("no connection " + id);
    }

    private void onCall() {
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        ccp.customerCalls("+447700900123", "Support");
        command("accept", "{\"contactId\":\"contact-1\"}");
    }

    @Test
    @DisplayName("a page load says hello with protocol 1, then the snapshot; seq restarts per page load")
    void hello() {
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        out.clear();
        ccp.pageLoads();
        assertThat(out.get(0).path("type").asString()).isEqualTo("hello");
        assertThat(out.get(0).path("protocol").asInt()).isEqualTo(1);
        assertThat(out.get(1).path("seq").asLong()).isEqualTo(1);
        assertThat(out.get(1).path("data").path("configuration").path("agentStates")).hasSize(5);
    }

    @Test
    @DisplayName("during a call the state is a system state and agentAvailabilityState keeps the agent's choice")
    void systemStates() {
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        ccp.customerCalls("+447700900123", "Support");
        assertThat(lastSnapshot().path("state").path("name").asString()).isEqualTo("PendingBusy");
        command("accept", "{\"contactId\":\"contact-1\"}");
        assertThat(lastSnapshot().path("state").path("name").asString()).isEqualTo("Busy");
        assertThat(lastSnapshot().path("agentAvailabilityState").path("state").asString()).isEqualTo("Available");
    }

    @Test
    @DisplayName("setState fails with InvalidStateException during a call unless enqueueNextState; then it is nextState")
    void enqueue() {
        onCall();
        String brk = "{\"agentStateARN\":null,\"type\":\"not_routable\",\"name\":\"Break\"}";
        JsonNode refused = command("setState", "{\"state\":" + brk + ",\"enqueueNextState\":false}");
        assertThat(refused.path("ok").asBoolean()).isFalse();
        assertThat(refused.path("error").path("type").asString()).isEqualTo("InvalidStateException");
        JsonNode queued = command("setState", "{\"state\":" + brk + ",\"enqueueNextState\":true}");
        assertThat(queued.path("ok").asBoolean()).isTrue();
        assertThat(lastSnapshot().path("nextState").path("name").asString()).isEqualTo("Break");
    }

    @Test
    @DisplayName("addConnection holds the customer; a queue leg reports connected at once, a number keeps ringing")
    void addConnection() {
        onCall();
        command("addConnection", "{\"contactId\":\"contact-1\",\"endpoint\":{\"type\":\"phone_number\","
                + "\"phoneNumber\":\"+15550199\"}}");
        JsonNode s = lastSnapshot();
        assertThat(connection(s, "conn-2").path("state").path("type").asString()).isEqualTo("hold");
        assertThat(connection(s, "conn-3").path("state").path("type").asString()).isEqualTo("connecting");
        command("destroy", "{\"contactId\":\"contact-1\",\"connectionId\":\"conn-3\"}");
        command("addConnection", "{\"contactId\":\"contact-1\",\"endpoint\":{\"type\":\"queue\",\"name\":\"Billing QC\","
                + "\"endpointARN\":\"arn:aws:connect:r:1:instance/i/transfer-destination/billing-qc\"}}");
        JsonNode leg = connection(lastSnapshot(), "conn-4");
        assertThat(leg.path("state").path("type").asString()).isEqualTo("connected");
        assertThat(leg.path("quickConnectName").asString()).isEqualTo("Billing QC");
    }

    @Test
    @DisplayName("when the agent leaves a call with a third party, the agent's contact goes to after-call work")
    void agentLeaves() {
        onCall();
        command("addConnection", "{\"contactId\":\"contact-1\",\"endpoint\":{\"type\":\"phone_number\","
                + "\"phoneNumber\":\"+15550199\"}}");
        ccp.thirdPartyAnswers();
        command("destroy", "{\"contactId\":\"contact-1\",\"connectionId\":\"conn-1\"}");
        JsonNode s = lastSnapshot();
        assertThat(s.path("contacts").get(0).path("state").path("type").asString()).isEqualTo("ended");
        assertThat(s.path("state").path("name").asString()).isEqualTo("AfterCallWork");
        assertThat(connection(s, "conn-3").path("state").path("type").asString()).isEqualTo("connected");
    }

    @Test
    @DisplayName("a call that rings out is missed and puts the agent in MissedCallAgent until a state is set")
    void missed() {
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        ccp.customerCalls("+447700900123", "Support");
        out.clear();
        ccp.ringTimesOut();
        assertThat(lastSnapshot().path("state").path("name").asString()).isEqualTo("MissedCallAgent");
        assertThat(lastSnapshot().path("state").path("type").asString()).isEqualTo("error");
        command("setState", "{\"state\":{\"type\":\"routable\",\"name\":\"Available\"},\"enqueueNextState\":false}");
        assertThat(lastSnapshot().path("state").path("name").asString()).isEqualTo("Available");
        assertThat(lastSnapshot().path("contacts")).isEmpty();
    }

    @Test
    @DisplayName("getEndpoints answers the quick connects; logout ends with terminated; unknown ops fail")
    void misc() {
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        JsonNode endpoints = command("getEndpoints", "{\"queueARNs\":[]}");
        assertThat(endpoints.path("data").path("endpoints")).hasSize(3);
        assertThat(command("levitate", "{}").path("error").path("type").asString()).isEqualTo("UnsupportedOperation");
        command("logout", "{}");
        assertThat(out).extracting(m -> m.path("name").asString("")).contains("terminated");
        assertThat(ccp.commandsSeen()).containsExactly("getEndpoints", "levitate", "logout");
    }

    @Test
    @DisplayName("epoch-seconds timestamps are numbers")
    void epochSeconds() {
        SimulatedCcp epoch = SimulatedCcp.builder().timeFormat(SimulatedCcp.TimeFormat.EPOCH_SECONDS).build();
        List<JsonNode> msgs = new ArrayList<>();
        epoch.connectTo(json -> msgs.add(JSON.readTree(json)));
        epoch.agentLogsIn("Available");
        JsonNode snapshot = msgs.get(0).path("data").path("snapshot");
        assertThat(snapshot.path("snapshotTimestamp").isNumber()).isTrue();
        assertThat(snapshot.path("state").path("startTimestamp").isNumber()).isTrue();
    }

    @Test
    @DisplayName("a command that fails inside the model does not wedge it: the next command is still answered")
    void failureDoesNotWedge() {
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        java.util.concurrent.atomic.AtomicBoolean receiverDown = new java.util.concurrent.atomic.AtomicBoolean(true);
        ccp.connectTo(json -> {
            if (receiverDown.getAndSet(false)) {
                throw new IllegalStateException("receiver down");
            }
            out.add(JSON.readTree(json));
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> command("getEndpoints", "{}"))
                .hasMessageContaining("receiver down");
        JsonNode answer = command("getEndpoints", "{}");
        assertThat(answer.path("type").asString()).isEqualTo("result");
        assertThat(answer.path("id").asString()).isEqualTo("c2");
    }
}
