package dev.softphone.activity;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("QueueMetrics HTTP loader upload")
class QueueMetricsUploaderTest {
    private final LoopbackHttpServer server;

    QueueMetricsUploaderTest() throws Exception {
        server = new LoopbackHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private QueueMetricsSink sink() {
        return QueueMetricsSink.builder().httpLoader(server.base().resolve("/queuemetrics"), "webqloader", "qloader",
                "P001").build();
    }

    private static ActivityRecord login(long epoch) {
        return ActivityRecord.builder(ActivityKind.LOGGED_IN, "101", Instant.ofEpochSecond(epoch)).build();
    }

    @Test
    @DisplayName("asks for the high-water mark, then inserts each row at or after it, oldest first, with Basic auth")
    void checksHwmThenInserts() throws Exception {
        server.replies(r -> new LoopbackHttpServer.Reply(200, r.body().contains("checkHWM")
                ? "{\"commandId\":\"checkHWM\",\"result\":1718000100}" : "{\"commandId\":\"insertRow\"}"));

        sink().deliver(List.of(login(1718000050), login(1718000100), login(1718000200)));

        List<LoopbackHttpServer.Request> requests = server.requests();
        assertThat(requests).hasSize(3);
        String auth = "Basic " + Base64.getEncoder().encodeToString("webqloader:qloader".getBytes());
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.path()).isEqualTo("/queuemetrics/jsonQLoaderApi.do");
            assertThat(r.headers().get("Authorization")).containsExactly(auth);
        });
        JsonNode hwm = JsonMapper.shared().readTree(requests.get(0).body());
        assertThat(hwm.path("commandId").asString()).isEqualTo("checkHWM");
        assertThat(hwm.path("token").asString()).isEqualTo("P001");
        JsonNode row = JsonMapper.shared().readTree(requests.get(1).body()).path("row");
        assertThat(row.path("time_id").asLong()).isEqualTo(1718000100);
        assertThat(row.path("agent").asString()).isEqualTo("Agent/101");
        assertThat(row.path("verb").asString()).isEqualTo("AGENTLOGIN");
        assertThat(row.path("data1").asString()).isEqualTo("Local/101@softphone");
        assertThat(JsonMapper.shared().readTree(requests.get(2).body()).path("row").path("time_id").asLong())
                .isEqualTo(1718000200);
    }

    @Test
    @DisplayName("a server that is down or refuses the login is retried; a rejected row is not")
    void failures() {
        server.replies(r -> new LoopbackHttpServer.Reply(503, "maintenance"));
        assertThatThrownBy(() -> sink().deliver(List.of(login(1))))
                .isInstanceOfSatisfying(ActivitySinkException.class, e -> assertThat(e.retryable()).isTrue())
                .hasMessageContaining("HTTP 503");
        server.replies(r -> new LoopbackHttpServer.Reply(401, "who?"));
        assertThatThrownBy(() -> sink().deliver(List.of(login(1))))
                .isInstanceOfSatisfying(ActivitySinkException.class, e -> assertThat(e.retryable()).isTrue());
        server.replies(r -> new LoopbackHttpServer.Reply(r.body().contains("checkHWM") ? 200 : 400,
                "{\"result\":null}"));
        assertThatThrownBy(() -> sink().deliver(List.of(login(1))))
                .isInstanceOfSatisfying(ActivitySinkException.class, e -> assertThat(e.retryable()).isFalse());
    }
}
