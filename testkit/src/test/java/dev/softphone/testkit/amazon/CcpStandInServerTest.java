package dev.softphone.testkit.amazon;

import dev.softphone.testkit.amazon.CcpStandInServer.Direction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The stand-in CCP server over real loopback HTTP, without a browser: what the stand-in page does, done by hand. */
@DisplayName("CcpStandInServer: the stand-in CCP's Java side over loopback HTTP")
class CcpStandInServerTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SimulatedCcp ccp = SimulatedCcp.create();
    private final CcpStandInServer server = CcpStandInServer.start(ccp, 2);
    private final HttpClient http = HttpClient.newHttpClient();
    private final BlockingQueue<JsonNode> down = new LinkedBlockingQueue<>();
    private int listening;

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.ccpUrl().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.ccpUrl().resolve("upstream"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Opens the event stream as the page's EventSource does; its data lines land in {@link #down}. */
    private void listen() throws Exception {
        HttpResponse<Stream<String>> events = http.send(HttpRequest.newBuilder(server.ccpUrl().resolve("events"))
                .build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        Thread reader = new Thread(() -> {
            try (Stream<String> lines = events.body()) {
                lines.filter(l -> l.startsWith("data: "))
                        .forEach(l -> down.add(JSON.readTree(l.substring("data: ".length()))));
            } catch (java.io.UncheckedIOException e) {
                // The server closed the stream (a newer page took over, or the test ended).
            }
        }, "sse-reader");
        reader.setDaemon(true);
        reader.start();
        server.awaitConnections(++listening, WAIT);
    }

    private JsonNode next() throws InterruptedException {
        JsonNode m = down.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(m).as("a conduit message down the event stream").isNotNull();
        return m;
    }

    @Test
    @DisplayName("serves the stand-in page on its own origin and refuses unknown paths")
    void page() throws Exception {
        HttpResponse<String> page = get(CcpStandInServer.PAGE_PATH);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/html"));
        assertThat(page.body()).contains("new EventSource(\"events\")", "fetch(\"upstream\"", "synchronize");
        assertThat(server.ccpUrl().getHost()).isEqualTo("127.0.0.1");
        assertThat(get("/ccp/nope").statusCode()).isEqualTo(404);
    }

    @Test
    @DisplayName("the model's login goes down as acknowledge and agent::update; an api_request goes to the model "
            + "and its api_response comes down before the snapshot it caused")
    void roundTrip() throws Exception {
        listen();
        ccp.agentLogsIn("Available");
        assertThat(next().path("event").asString()).isEqualTo("acknowledge");
        assertThat(next().path("data").path("snapshot").path("state").path("name").asString())
                .isEqualTo("Available");

        String breakState = "{\"agentStateARN\":\"" + new SimulatedCcp.AgentStateDef("not_routable", "Break").arn()
                + "\",\"type\":\"not_routable\",\"name\":\"Break\"}";
        assertThat(post("{\"event\":\"api_request\",\"data\":{\"event\":\"api_request\",\"requestId\":\"r1\","
                + "\"method\":\"putAgentState\",\"params\":{\"state\":" + breakState
                + ",\"enqueueNextState\":false}}}")).isEqualTo(204);
        JsonNode response = next();
        assertThat(response.path("event").asString()).isEqualTo("api_response");
        assertThat(response.path("data").path("requestId").asString()).isEqualTo("r1");
        assertThat(response.path("data").path("err").isNull()).isTrue();
        assertThat(next().path("data").path("snapshot").path("state").path("name").asString()).isEqualTo("Break");
        assertThat(ccp.commandsSeen()).containsExactly("setState");
        assertThat(server.messages()).anySatisfy(m -> {
            assertThat(m.direction()).isEqualTo(Direction.PAGE_TO_CCP);
            assertThat(m.event()).isEqualTo("api_request");
        });
    }

    @Test
    @DisplayName("bad input: a body that is not JSON is refused with 400; an unsupported method is answered with "
            + "an error and noted; the stand-in keeps working")
    void badInput() throws Exception {
        listen();
        assertThat(post("not json")).isEqualTo(400);
        assertThat(post("{\"event\":\"api_request\",\"data\":{\"event\":\"api_request\",\"requestId\":\"r2\","
                + "\"method\":\"createTaskContact\",\"params\":{}}}")).isEqualTo(204);
        JsonNode refused = next();
        assertThat(refused.path("data").path("requestId").asString()).isEqualTo("r2");
        assertThat(refused.path("data").path("err").asString()).contains("createTaskContact");
        assertThat(server.problems()).containsExactly("unsupported api_request createTaskContact");
        ccp.agentLogsIn("Available");
        assertThat(next().path("event").asString()).isEqualTo("acknowledge");
    }

    @Test
    @DisplayName("a reconnecting CCP page replaces the old one and gets the acknowledge and the agent's data again")
    void reconnect() throws Exception {
        listen();
        ccp.agentLogsIn("Available");
        next();
        next();
        listen();
        assertThat(server.connections()).isEqualTo(2);
        JsonNode ack = next();
        assertThat(ack.path("event").asString()).isEqualTo("acknowledge");
        assertThat(ack.path("data").path("id").asString()).isEqualTo("stand-in-port-2");
        assertThat(next().path("event").asString()).isEqualTo("agent::update");
        assertThat(URI.create(server.ccpUrl().toString()).getPath()).isEqualTo(CcpStandInServer.PAGE_PATH);
    }
}
