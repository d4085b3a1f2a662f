package dev.softphone.activity;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

class ActivityDeliveryProperties {

    /**
     * Whatever the endpoint does between records (up, down, down for longer), once it is up for good it holds every
     * accepted record exactly once, in acceptance order.
     */
    @Property(tries = 25)
    void outagesNeverLoseReorderOrDuplicate(
            @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 3) Integer> plan) throws IOException {
        Path dir = Files.createTempDirectory("activity-prop");
        ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_700_000_000L));
        ManualScheduler scheduler = new ManualScheduler(clock);
        ListSink endpoint = new ListSink("endpoint");
        List<String> produced = new ArrayList<>();
        try (ActivityReporting reporting = ActivityReporting.builder().spoolDirectory(dir).clock(clock)
                .scheduler(scheduler).deliveryExecutor(scheduler)
                .retryBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30)).sink(endpoint).build()) {
            int i = 0;
            for (int step : plan) {
                endpoint.down(step == 1 || step == 2);
                String agent = "a" + (i % 3);
                ActivityRecord r = ActivityRecord.builder(ActivityKind.HOLD_STARTED, agent, clock.instant())
                        .seq(++i).callId("c" + i).build();
                produced.add(r.id());
                reporting.record(r).join();
                scheduler.runReady();
                scheduler.advance(Duration.ofSeconds(step == 2 ? 90 : step));
            }
            endpoint.down(false);
            scheduler.advance(Duration.ofMinutes(1));
            assertEquals(produced, endpoint.received().stream().map(ActivityRecord::id).toList());
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void assertEquals(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " but got " + actual);
        }
    }
}
