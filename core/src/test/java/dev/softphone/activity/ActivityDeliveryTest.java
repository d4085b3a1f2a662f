package dev.softphone.activity;

import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Activity delivery: durable, at least once, in order, never blocking a phone")
class ActivityDeliveryTest {
    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(ShiftScenario.START + 4_000));
    private final ManualScheduler scheduler = new ManualScheduler(clock);

    private ActivityReporting.Builder reporting(Path dir, ActivitySink... sinks) {
        ActivityReporting.Builder b = ActivityReporting.builder().spoolDirectory(dir).clock(clock)
                .scheduler(scheduler).deliveryExecutor(scheduler).retryBackoff(Duration.ofSeconds(1),
                        Duration.ofMinutes(1));
        for (ActivitySink s : sinks) {
            b.sink(s);
        }
        return b;
    }

    /** Two agents' shifts, interleaved by time as two phones would produce them. */
    private static List<Map.Entry<String, PhoneEvent>> twoAgents() {
        List<Map.Entry<String, PhoneEvent>> all = new ArrayList<>();
        ShiftScenario.shift("101", ShiftScenario.START).forEach(e -> all.add(Map.entry("101", e)));
        ShiftScenario.shift("102", ShiftScenario.START + 30).forEach(e -> all.add(Map.entry("102", e)));
        all.sort(Comparator.comparing(e -> e.getValue().at()));
        return all;
    }

    private static void play(ActivityReporting reporting) {
        PhoneListener a = reporting.recorder("101");
        PhoneListener b = reporting.recorder("102");
        for (Map.Entry<String, PhoneEvent> e : twoAgents()) {
            (e.getKey().equals("101") ? a : b).onEvent(e.getValue());
        }
        reporting.flush().join();
    }

    private static Map<String, List<String>> idsPerAgent(List<ActivityRecord> records) {
        return records.stream().collect(Collectors.groupingBy(ActivityRecord::phoneId,
                Collectors.mapping(ActivityRecord::id, Collectors.toList())));
    }

    @Test
    @DisplayName("an endpoint down for an hour, then up, receives everything exactly as produced, in order per agent; "
            + "the other sink is not held back")
    void downThenUp(@TempDir Path dir) {
        ListSink endpoint = new ListSink("endpoint");
        ListSink archive = new ListSink("archive");
        endpoint.down(true);
        try (ActivityReporting reporting = reporting(dir, endpoint, archive).build()) {
            play(reporting);
            scheduler.runReady();

            List<ActivityRecord> produced = archive.received();
            assertThat(produced).isNotEmpty();
            assertThat(endpoint.received()).isEmpty();

            scheduler.advance(Duration.ofHours(1));
            assertThat(endpoint.received()).isEmpty();
            assertThat(endpoint.calls()).isBetween(60, 75); // backoff 1, 2, 4 … 60 s: about one try a minute
            assertThat(reporting.stats().sinks().get("endpoint").backlog()).isTrue();
            assertThat(reporting.stats().sinks().get("endpoint").lastError()).isEqualTo("endpoint is down");

            endpoint.down(false);
            scheduler.advance(Duration.ofMinutes(1));

            assertThat(endpoint.received()).containsExactlyElementsOf(produced);
            assertThat(idsPerAgent(endpoint.received())).isEqualTo(idsPerAgent(produced));
            ActivityStats.SinkStats stats = reporting.stats().sinks().get("endpoint");
            assertThat(stats.delivered()).isEqualTo(produced.size());
            assertThat(stats.backlog()).isFalse();
        }
    }

    @Test
    @DisplayName("records of each agent arrive in the order the recorder produced them")
    void orderPerAgent(@TempDir Path dir) {
        ListSink sink = new ListSink("sink");
        List<ActivityRecord> direct = new ArrayList<>();
        dev.softphone.internal.activity.ActivityRecorder a =
                new dev.softphone.internal.activity.ActivityRecorder("101", false, direct::add);
        dev.softphone.internal.activity.ActivityRecorder b =
                new dev.softphone.internal.activity.ActivityRecorder("102", false, direct::add);
        for (Map.Entry<String, PhoneEvent> e : twoAgents()) {
            (e.getKey().equals("101") ? a : b).onEvent(e.getValue());
        }
        try (ActivityReporting reporting = reporting(dir, sink).rawEvents(false).build()) {
            play(reporting);
            scheduler.runReady();
            assertThat(idsPerAgent(sink.received())).isEqualTo(idsPerAgent(direct));
        }
    }

    @Test
    @DisplayName("a process stopped without flushing or closing, then restarted, loses nothing and resumes each sink "
            + "where it stopped")
    void restartWithoutClose(@TempDir Path dir) {
        ListSink before = new ListSink("endpoint");
        ActivityReporting first = reporting(dir, before).rawEvents(false).build();
        PhoneListener recorder = first.recorder("101");
        List<PhoneEvent> shift = ShiftScenario.shift("101", ShiftScenario.START);
        shift.subList(0, 10).forEach(recorder::onEvent);
        first.flush().join();
        scheduler.runReady();
        int deliveredBefore = before.received().size();
        assertThat(deliveredBefore).isPositive();

        before.down(true);
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        List<String> acknowledged = new ArrayList<>();
        dev.softphone.internal.activity.ActivityRecorder more = new dev.softphone.internal.activity.ActivityRecorder(
                "101", false, r -> {
                    acks.add(first.record(r));
                    acknowledged.add(r.id());
                });
        shift.forEach(more::onEvent); // a recorder that saw the whole shift: later records
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join(); // accepted = durable
        scheduler.runReady();
        // first is abandoned here: no close(), no flush of cursors or files

        ListSink after = new ListSink("endpoint");
        try (ActivityReporting second = reporting(dir, after).rawEvents(false).build()) {
            scheduler.runReady();
            List<String> all = new ArrayList<>();
            before.received().forEach(r -> all.add(r.id()));
            after.received().forEach(r -> all.add(r.id()));
            assertThat(all.subList(deliveredBefore, all.size())).containsExactlyElementsOf(acknowledged);
            assertThat(second.stats().sinks().get("endpoint").backlog()).isFalse();
        }
    }

    @Test
    @DisplayName("a record a sink rejects for good goes to its dead-letter file; the records around it go on")
    void permanentRejection(@TempDir Path dir) throws Exception {
        ListSink picky = new ListSink("picky");
        picky.rejectWhen(r -> r.kind() == ActivityKind.HOLD_STARTED);
        try (ActivityReporting reporting = reporting(dir, picky).rawEvents(false).build()) {
            List<ActivityRecord> produced = new ArrayList<>();
            dev.softphone.internal.activity.ActivityRecorder rec = new dev.softphone.internal.activity
                    .ActivityRecorder("101", false, r -> {
                        produced.add(r);
                        reporting.record(r);
                    });
            ShiftScenario.shift("101", ShiftScenario.START).forEach(rec::onEvent);
            reporting.flush().join();
            scheduler.runReady();

            List<ActivityRecord> good = produced.stream().filter(r -> r.kind() != ActivityKind.HOLD_STARTED).toList();
            assertThat(picky.received()).containsExactlyElementsOf(good);
            List<String> dead = Files.readAllLines(dir.resolve("dead-letter-picky.jsonl"));
            assertThat(dead).hasSize(2).allSatisfy(line -> assertThat(line)
                    .contains("\"sink\":\"picky\"", "\"error\":\"picky refuses HOLD_STARTED\"",
                            "\"kind\":\"HOLD_STARTED\""));
            assertThat(reporting.stats().sinks().get("picky").deadLettered()).isEqualTo(2);
        }
    }

    @Test
    @DisplayName("a full spool: REJECT_NEW keeps the oldest records and refuses new ones; DROP_OLDEST keeps the "
            + "newest; either way what a sink gets is in order")
    void fullSpoolPolicies(@TempDir Path dir) {
        for (SpoolFullPolicy policy : SpoolFullPolicy.values()) {
            ListSink endpoint = new ListSink("endpoint");
            endpoint.down(true);
            List<String> produced = new ArrayList<>();
            try (ActivityReporting reporting = reporting(dir.resolve(policy.name()), endpoint).rawEvents(false)
                    .segmentBytes(2048).maxSpoolBytes(4096).spoolFullPolicy(policy).build()) {
                for (int i = 0; i < 60; i++) {
                    ActivityRecord r = ActivityRecord.builder(ActivityKind.HOLD_STARTED, "101", clock.instant())
                            .seq(i + 1).callId("call-" + i).build();
                    produced.add(r.id());
                    reporting.record(r).exceptionally(e -> null).join();
                }
                endpoint.down(false);
                scheduler.advance(Duration.ofMinutes(2));

                List<String> got = endpoint.received().stream().map(ActivityRecord::id).toList();
                assertThat(got).isNotEmpty().hasSizeLessThan(produced.size());
                if (policy == SpoolFullPolicy.REJECT_NEW) {
                    assertThat(got).containsExactlyElementsOf(produced.subList(0, got.size()));
                    assertThat(reporting.stats().refused()).isEqualTo(produced.size() - got.size());
                } else {
                    assertThat(got).containsExactlyElementsOf(produced.subList(produced.size() - got.size(),
                            produced.size()));
                    assertThat(reporting.stats().refused()).isZero();
                }
            }
        }
    }

    @Test
    @DisplayName("recording never waits for a sink: a sink stuck in delivery does not stop events being accepted")
    void neverBlocksThePhone(@TempDir Path dir) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        ActivitySink stuck = new ActivitySink() {
            @Override
            public String name() {
                return "stuck";
            }

            @Override
            public void deliver(List<ActivityRecord> records) {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (ActivityReporting reporting = ActivityReporting.builder().spoolDirectory(dir).sink(stuck).build()) {
            PhoneListener recorder = reporting.recorder("101");
            List<PhoneEvent> shift = ShiftScenario.shift("101", ShiftScenario.START);
            recorder.onEvent(shift.get(0));
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue(); // the sink now blocks its delivery thread
            shift.subList(1, shift.size()).forEach(recorder::onEvent);
            reporting.flush().get(10, TimeUnit.SECONDS);
            assertThat(reporting.stats().accepted()).isGreaterThan(shift.size());
            release.countDown();
            assertThat(reporting.awaitDelivered(Duration.ofSeconds(10))).isTrue();
        }
    }
}
