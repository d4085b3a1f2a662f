package dev.softphone.activity;

import dev.softphone.Direction;
import dev.softphone.internal.activity.ActivityRecorder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("GA4 Measurement Protocol sink")
class Ga4SinkTest {
    private static final JsonMapper JSON = JsonMapper.shared();
    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(ShiftScenario.START + 7_200));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final LoopbackHttpServer server;

    Ga4SinkTest() throws Exception {
        server = new LoopbackHttpServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Ga4Sink.Builder sink() {
        return Ga4Sink.builder().measurementId("G-TEST123").apiSecret("s3cr&t").endpoint(server.base()).clock(clock);
    }

    private ActivityReporting reporting(Path dir, ActivitySink sink) {
        return ActivityReporting.builder().spoolDirectory(dir).clock(clock).scheduler(scheduler)
                .deliveryExecutor(scheduler).sink(sink).build();
    }

    /** Records two agents' shifts (102 starts 30 s later), interleaved by time; returns what the recorders made. */
    private List<ActivityRecord> playTwoShifts(ActivityReporting reporting) {
        List<ActivityRecord> produced = new ArrayList<>();
        Map<String, ActivityRecorder> recorders = Map.of(
                "101", new ActivityRecorder("101", false, r -> {
                    produced.add(r);
                    reporting.record(r);
                }),
                "102", new ActivityRecorder("102", false, r -> {
                    produced.add(r);
                    reporting.record(r);
                }));
        List<Map.Entry<String, dev.softphone.PhoneEvent>> all = new ArrayList<>();
        ShiftScenario.shift("101", ShiftScenario.START).forEach(e -> all.add(Map.entry("101", e)));
        ShiftScenario.shift("102", ShiftScenario.START + 30).forEach(e -> all.add(Map.entry("102", e)));
        all.sort(java.util.Comparator.comparing(e -> e.getValue().at()));
        all.forEach(e -> recorders.get(e.getKey()).onEvent(e.getValue()));
        reporting.flush().join();
        scheduler.runReady();
        return produced;
    }

    @Test
    @DisplayName("two agents' shifts arrive at the collect endpoint as valid requests within every GA4 limit")
    void payloadsWithinLimits(@TempDir Path dir) throws Exception {
        try (ActivityReporting reporting = reporting(dir, sink().build())) {
            List<ActivityRecord> produced = playTwoShifts(reporting);

            List<LoopbackHttpServer.Request> requests = server.requests();
            assertThat(requests).hasSizeGreaterThan(2); // 2 agents × 25 records, mixed batches split per agent
            int events = 0;
            for (LoopbackHttpServer.Request r : requests) {
                assertThat(r.method()).isEqualTo("POST");
                assertThat(r.path()).isEqualTo("/mp/collect");
                assertThat(r.query()).isEqualTo("measurement_id=G-TEST123&api_secret=s3cr%26t");
                assertThat(r.headers().get("Content-type")).containsExactly("application/json");
                assertThat(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(130_000);
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.path("client_id").asString()).matches("[1-9][0-9]*\\.[1-9][0-9]*");
                assertThat(body.path("user_id").asString()).isIn("101", "102");
                assertThat(body.has("validation_behavior")).isFalse();
                JsonNode list = body.path("events");
                assertThat(list.size()).isBetween(1, 25);
                for (JsonNode e : list) {
                    events++;
                    assertThat(e.path("name").asString()).matches("[A-Za-z][A-Za-z0-9_]{0,39}");
                    long micros = e.path("timestamp_micros").asLong();
                    assertThat(Long.toString(micros)).hasSize(16);
                    assertThat(Instant.ofEpochSecond(micros / 1_000_000))
                            .isAfter(clock.instant().minus(Duration.ofHours(72)));
                    JsonNode params = e.path("params");
                    assertThat(params.size()).isLessThanOrEqualTo(25);
                    long login = body.path("user_id").asString().equals("101") ? ShiftScenario.START
                            : ShiftScenario.START + 30;
                    assertThat(params.path("session_id").asLong()).isEqualTo(login);
                    assertThat(params.path("engagement_time_msec").asLong()).isPositive();
                    for (String name : params.propertyNames()) {
                        assertThat(name).matches("[A-Za-z][A-Za-z0-9_]{0,39}");
                        assertThat(params.get(name).asString().length()).isLessThanOrEqualTo(100);
                    }
                    assertThat(params.toString()).doesNotContain("5551234"); // no phone numbers
                }
            }
            assertThat(events).isEqualTo(produced.size());
            assertThat(reporting.stats().sinks().get("ga4").delivered()).isEqualTo(produced.size());
        }
    }

    @Test
    @DisplayName("events of one request belong to one agent, keep their order, and carry the engagement time since "
            + "the agent's previous event")
    void orderAndEngagement(@TempDir Path dir) throws Exception {
        try (ActivityReporting reporting = reporting(dir, sink().build())) {
            playTwoShifts(reporting);
            List<Long> times = new ArrayList<>();
            for (LoopbackHttpServer.Request r : server.requests()) {
                JsonNode body = JSON.readTree(r.body());
                if (body.path("user_id").asString().equals("101")) {
                    for (JsonNode e : body.path("events")) {
                        assertThat(e.path("params").path("agent_code").asString()).isEqualTo("101");
                        times.add(e.path("timestamp_micros").asLong());
                    }
                }
            }
            assertThat(times).isSorted();
            JsonNode first = JSON.readTree(server.requests().get(0).body()).path("events");
            assertThat(first.get(0).path("name").asString()).isEqualTo("agent_login");
            assertThat(first.get(0).path("params").path("engagement_time_msec").asLong()).isEqualTo(1);
            assertThat(first.get(1).path("name").asString()).isEqualTo("agent_pause");
            assertThat(first.get(1).path("params").path("engagement_time_msec").asLong()).isEqualTo(60_000);
            assertThat(first.get(1).path("params").path("pause_code").asString()).isEqualTo("MEAL");
        }
    }

    @Test
    @DisplayName("validation mode posts to /debug/mp/collect and sets aside the records the validation server "
            + "complains about, with its messages")
    void validationMode(@TempDir Path dir) throws Exception {
        server.replies(r -> r.body().contains("\"call_hold\"")
                ? new LoopbackHttpServer.Reply(200, "{\"validationMessages\":[{\"fieldPath\":\"events[0].name\","
                        + "\"description\":\"nope\",\"validationCode\":\"NAME_INVALID\"}]}")
                : new LoopbackHttpServer.Reply(200, "{\"validationMessages\":[]}"));
        try (ActivityReporting reporting = reporting(dir, sink().validationMode(true).build())) {
            List<ActivityRecord> produced = playTwoShifts(reporting);
            assertThat(server.requests()).allSatisfy(r -> {
                assertThat(r.path()).isEqualTo("/debug/mp/collect");
                assertThat(r.body()).contains("\"validation_behavior\":\"ENFORCE_RECOMMENDATIONS\"");
            });
            long holds = produced.stream().filter(r -> r.kind() == ActivityKind.HOLD_STARTED).count();
            assertThat(reporting.stats().sinks().get("ga4").deadLettered()).isEqualTo(holds);
            assertThat(reporting.stats().sinks().get("ga4").delivered()).isEqualTo(produced.size() - holds);
            assertThat(Files.readString(dir.resolve("dead-letter-ga4.jsonl")))
                    .contains("GA4 validation failed: NAME_INVALID at events[0].name: nope");
        }
    }

    @Test
    @DisplayName("a value over 100 characters and a record older than 72 hours are refused with the limit named; "
            + "nothing else is held back")
    void limitsAtSendTime(@TempDir Path dir) throws Exception {
        try (ActivityReporting reporting = reporting(dir, sink().build())) {
            Instant now = clock.instant();
            reporting.record(ActivityRecord.builder(ActivityKind.LOGGED_IN, "7", now.minus(Duration.ofHours(73)))
                    .build());
            reporting.record(ActivityRecord.builder(ActivityKind.CALL_OFFERED, "7", now).callId("c1")
                    .direction(Direction.INBOUND).queue("q".repeat(101)).build());
            reporting.record(ActivityRecord.builder(ActivityKind.LOGGED_OUT, "7", now).build());
            reporting.flush().join();
            scheduler.runReady();

            String dead = Files.readString(dir.resolve("dead-letter-ga4.jsonl"));
            assertThat(dead).contains("GA4 accepts timestamp_micros only within the last 72 hours")
                    .contains("parameter 'queue' value has 101 characters (URL-encoded); GA4 allows at most 100 "
                            + "(parameter value length limit)");
            assertThat(server.requests()).hasSize(1);
            assertThat(server.requests().get(0).body()).contains("\"agent_logout\"");
        }
    }

    @Test
    @DisplayName("an endpoint answering 503 is retried until it accepts; a 400 is not sent again")
    void retriesServerErrors(@TempDir Path dir) throws Exception {
        server.replies(r -> new LoopbackHttpServer.Reply(503, "busy"));
        try (ActivityReporting reporting = reporting(dir, sink().build())) {
            reporting.record(ActivityRecord.builder(ActivityKind.LOGGED_IN, "7", clock.instant()).build());
            reporting.flush().join();
            scheduler.runReady();
            assertThat(server.requests()).hasSize(1);
            scheduler.advance(Duration.ofSeconds(3));
            assertThat(server.requests()).hasSize(3);

            server.replies(r -> new LoopbackHttpServer.Reply(204, ""));
            scheduler.advance(Duration.ofSeconds(4));
            assertThat(server.requests()).hasSize(4);
            assertThat(reporting.stats().sinks().get("ga4").delivered()).isEqualTo(1);

            server.replies(r -> new LoopbackHttpServer.Reply(400, "bad request"));
            reporting.record(ActivityRecord.builder(ActivityKind.LOGGED_OUT, "7", clock.instant()).build());
            reporting.flush().join();
            scheduler.advance(Duration.ofMinutes(10));
            assertThat(server.requests()).hasSize(5);
            assertThat(reporting.stats().sinks().get("ga4").deadLettered()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("request bodies never hold more than 25 events")
    void batchesOf25() {
        Ga4Sink sink = sink().build();
        List<ActivityRecord> many = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            many.add(ActivityRecord.builder(ActivityKind.HOLD_STARTED, "7", clock.instant().minusSeconds(60 - i))
                    .callId("c").attribute("party", "CUSTOMER").build());
        }
        List<String> bodies = sink.requestBodies(many);
        assertThat(bodies).hasSize(3);
        assertThat(bodies).extracting(b -> JSON.readTree(b).path("events").size()).containsExactly(25, 25, 10);
    }

    @Test
    @DisplayName("EU collection uses region1.google-analytics.com")
    void euEndpoint() {
        assertThat(Ga4Sink.EU_ENDPOINT.toString()).isEqualTo("https://region1.google-analytics.com");
        assertThat(Ga4Sink.builder().measurementId("G-1").apiSecret("x").euEndpoint().build()).isNotNull();
    }

    @Test
    @DisplayName("a malformed configuration fails at build() naming each GA4 rule it breaks")
    void malformedConfiguration() {
        assertThatThrownBy(() -> Ga4Sink.builder()
                .eventName(ActivityKind.CALL_OFFERED, "call-offer")
                .eventName(ActivityKind.CALL_ENDED, "session_start")
                .eventName(ActivityKind.CALL_MISSED, "a".repeat(41))
                .userProperty("a_very_long_user_property_name", "x")
                .userProperty("team", "x".repeat(37))
                .userProperty("google_team", "x")
                .build())
                .isInstanceOf(ActivityConfigurationException.class)
                .hasMessageContaining("measurementId is required")
                .hasMessageContaining("apiSecret is required")
                .hasMessageContaining("event name 'call-offer' must start with a letter and hold only letters, "
                        + "digits and underscores")
                .hasMessageContaining("event name 'session_start' is reserved")
                .hasMessageContaining("has 41 characters; GA4 allows at most 40 (event name length limit)")
                .hasMessageContaining("at most 24 (user property name length limit)")
                .hasMessageContaining("at most 36 (user property value length limit)")
                .hasMessageContaining("reserved prefix 'google_'");
    }

    @Test
    @DisplayName("the ga4 factory reads text keys and rejects unknown ones")
    void factoryKeys(@TempDir Path dir) {
        assertThatThrownBy(() -> ActivityReporting.builder().spoolDirectory(dir)
                .sink("ga4", Map.of("measurement-id", "G-1", "api-secret", "x", "region", "mars",
                        "validation-mode", "yes", "event-name.NOT_A_KIND", "x", "colour", "blue"))
                .build())
                .isInstanceOf(ActivityConfigurationException.class)
                .hasMessageContaining("'region' must be eu or global, got 'mars'")
                .hasMessageContaining("'validation-mode' must be true or false, got 'yes'")
                .hasMessageContaining("'event-name.NOT_A_KIND' names no record kind")
                .hasMessageContaining("unknown key 'colour'");
    }
}
