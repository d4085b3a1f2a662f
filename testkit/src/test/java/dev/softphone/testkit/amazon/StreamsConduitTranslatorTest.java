package dev.softphone.testkit.amazon;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("StreamsConduitTranslator: the Streams conduit spoken by the SimulatedCcp model")
class StreamsConduitTranslatorTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final StreamsConduitTranslator translator = new StreamsConduitTranslator(2);
    private final SimulatedCcp ccp = SimulatedCcp.create();
    private final List<ObjectNode> down = new ArrayList<>();

    StreamsConduitTranslatorTest() {
        ccp.connectTo(m -> down.addAll(translator.toConduit(m)));
        translator.ccpConnected();
    }

    private static JsonNode request(String id, String method, String params) {
        return JSON.readTree("{\"event\":\"api_request\",\"requestId\":\"" + id + "\",\"method\":\"" + method
                + "\",\"params\":" + params + "}");
    }

    /** Sends one api_request to the model the way CcpStandInServer does. */
    private void call(JsonNode request) {
        ccp.receive(translator.command(request).orElseThrow());
    }

    private List<String> events() {
        return down.stream().map(m -> m.path("event").asString()).toList();
    }

    private JsonNode lastResponse() {
        return down.stream().filter(m -> m.path("event").asString().equals("api_response")).reduce((a, b) -> b)
                .orElseThrow().path("data");
    }

    @Nested
    @DisplayName("the handshake")
    class Handshake {
        @Test
        @DisplayName("the first agent data is preceded by acknowledge with the port id, later ones are not")
        void acknowledgeOnce() {
            ccp.agentLogsIn("Available");
            ccp.agentSelectsState("Break");
            assertThat(events()).containsExactly("acknowledge", "agent::update", "agent::update");
            assertThat(down.get(0).path("data").path("id").asString()).isEqualTo("stand-in-port-1");
            assertThat(down.get(1).path("data").path("snapshot").path("state").path("name").asString())
                    .isEqualTo("Available");
            assertThat(down.get(1).path("data").path("configuration").path("agentStates").size()).isEqualTo(5);
        }

        @Test
        @DisplayName("after terminated, and for a reconnected CCP, the next agent data is acknowledged again")
        void acknowledgeAgain() {
            ccp.agentLogsIn("Available");
            ccp.agentLogsOutInCcp();
            ccp.agentLogsIn("Available");
            translator.ccpConnected();
            ccp.pageLoads();
            assertThat(events()).containsExactly("acknowledge", "agent::update", "terminated", "acknowledge",
                    "agent::update", "acknowledge", "agent::update");
            assertThat(down.get(5).path("data").path("id").asString()).isEqualTo("stand-in-port-2");
        }
    }

    @Nested
    @DisplayName("API requests")
    class Requests {
        @Test
        @DisplayName("every client method the bridge uses has a model op; params become the op's args")
        void mapping() {
            assertThat(StreamsConduitTranslator.OPS).containsEntry("putAgentState", "setState")
                    .containsEntry("createAdditionalConnection", "addConnection")
                    .containsEntry("holdConnection", "hold").containsEntry("destroyConnection", "destroy")
                    .containsEntry("acceptContact", "accept").containsEntry("getEndpoints", "getEndpoints");
            JsonNode command = JSON.readTree(translator.command(request("r1", "holdConnection",
                    "{\"contactId\":\"c\",\"connectionId\":\"k\"}")).orElseThrow());
            assertThat(command.toString()).isEqualTo("{\"type\":\"command\",\"id\":\"r1\",\"op\":\"hold\","
                    + "\"args\":{\"contactId\":\"c\",\"connectionId\":\"k\"}}");
        }

        @Test
        @DisplayName("the model's result answers the request of the same id, before the snapshot it caused")
        void answerThenSnapshot() {
            ccp.agentLogsIn("Available");
            String contact = ccp.customerCalls("+447700900123", "Support");
            down.clear();
            call(request("r-accept", "acceptContact", "{\"contactId\":\"" + contact + "\"}"));
            assertThat(events()).containsExactly("api_response", "agent::update");
            assertThat(down.get(0).path("data").toString())
                    .isEqualTo("{\"event\":\"api_response\",\"requestId\":\"r-accept\",\"data\":{},\"err\":null}");
            assertThat(translator.pending()).isEmpty();
        }

        @Test
        @DisplayName("a service error is the err text the worker sends: the JSON of {type, message}")
        void serviceError() {
            ccp.agentLogsIn("Available");
            call(request("r-hold", "holdConnection", "{\"contactId\":\"nope\",\"connectionId\":\"k\"}"));
            JsonNode response = lastResponse();
            assertThat(response.path("requestId").asString()).isEqualTo("r-hold");
            assertThat(response.path("data").isNull()).isTrue();
            assertThat(JSON.readTree(response.path("err").asString()).path("type").asString())
                    .isEqualTo("InvalidStateException");
        }

        @Test
        @DisplayName("getEndpoints answers page by page with the nextToken the library's loop follows")
        void endpointPages() {
            ccp.agentLogsIn("Available");
            call(request("p1", "getEndpoints", "{\"queueARNs\":[\"q\"],\"nextToken\":null,\"maxResults\":500}"));
            JsonNode first = lastResponse().path("data");
            assertThat(first.path("endpoints").size()).isEqualTo(2);
            assertThat(first.has("addresses")).as("the service sends endpoints only").isFalse();
            assertThat(first.path("nextToken").asString()).isEqualTo("offset:2");
            call(request("p2", "getEndpoints", "{\"queueARNs\":[\"q\"],\"nextToken\":\"offset:2\","
                    + "\"maxResults\":500}"));
            JsonNode second = lastResponse().path("data");
            assertThat(second.path("endpoints").size()).isEqualTo(1);
            assertThat(second.path("nextToken").isNull()).isTrue();
            assertThat(second.path("endpoints").get(0).path("name").asString()).isEqualTo("Helpdesk");
        }

        @Test
        @DisplayName("maxResults smaller than the page size is honoured")
        void maxResults() {
            ccp.agentLogsIn("Available");
            call(request("p1", "getEndpoints", "{\"queueARNs\":[],\"nextToken\":null,\"maxResults\":1}"));
            assertThat(lastResponse().path("data").path("endpoints").size()).isEqualTo(1);
            assertThat(lastResponse().path("data").path("nextToken").asString()).isEqualTo("offset:1");
        }

        @Test
        @DisplayName("a method the model lacks is not sent to it and fails with a clear error")
        void unsupported() {
            JsonNode request = request("r9", "createTaskContact", "{}");
            assertThat(translator.command(request)).isEmpty();
            JsonNode answer = translator.unsupported(request).path("data");
            assertThat(answer.path("requestId").asString()).isEqualTo("r9");
            assertThat(answer.path("err").asString()).contains("UnsupportedOperationException", "createTaskContact");
        }

        @Test
        @DisplayName("a request without requestId or method is refused, saying what was wrong")
        void malformed() {
            assertThatThrownBy(() -> translator.command(JSON.readTree("{\"method\":\"holdConnection\"}")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestId and method");
        }

        @Test
        @DisplayName("a request the model threw on fails like a service error and is forgotten")
        void modelFailed() {
            translator.command(request("r5", "conferenceConnections", "{\"contactId\":\"c\"}"));
            JsonNode answer = translator.modelFailed("r5", "no third party to join").orElseThrow().path("data");
            assertThat(answer.path("err").asString()).contains("no third party to join");
            assertThat(translator.modelFailed("r5", "again")).isEmpty();
        }
    }

    @Nested
    @DisplayName("other conduit events")
    class Others {
        @Test
        @DisplayName("terminate becomes the model's logout; its result goes nowhere, terminated goes down")
        void terminate() {
            ccp.agentLogsIn("Available");
            down.clear();
            ccp.receive(translator.terminate());
            assertThat(events()).containsExactly("terminated");
            assertThat(ccp.commandsSeen()).containsExactly("logout");
        }

        @Test
        @DisplayName("a broadcast comes back down as its inner event, as the worker echoes it to every CCP")
        void broadcast() {
            ObjectNode echoed = translator.broadcast(JSON.readTree(
                    "{\"event\":\"contact::accepted\",\"data\":{\"contactId\":\"c\"}}")).orElseThrow();
            assertThat(echoed.toString()).isEqualTo("{\"event\":\"contact::accepted\",\"data\":{\"contactId\":\"c\"}}");
            assertThat(translator.broadcast(JSON.readTree("{}"))).isEmpty();
        }

        @Test
        @DisplayName("streams events of the model go down under their own name")
        void streamsEvents() {
            ccp.agentLogsIn("Available");
            ccp.agentMutes(true);
            assertThat(down.get(down.size() - 1).toString())
                    .isEqualTo("{\"event\":\"agent::mute_toggle\",\"data\":{\"muted\":true}}");
        }

        @Test
        @DisplayName("the page size must be at least one")
        void pageSize() {
            assertThatThrownBy(() -> new StreamsConduitTranslator(0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("at least 1");
        }
    }
}
