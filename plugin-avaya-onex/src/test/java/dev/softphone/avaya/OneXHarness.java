package dev.softphone.avaya;

import dev.softphone.CommandResult;
import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.PhoneEvent;
import dev.softphone.testkit.RecordingPhoneListener;
import dev.softphone.testkit.onex.FakeOneXAgent;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A phone on the one-X plugin against a {@link FakeOneXAgent} over real HTTP, with time under the test's control:
 * polls and retries run only when the test moves time ({@link #tick()}, {@link #retry()}); HTTP answers are awaited
 * with condition waits, never sleeps.
 */
final class OneXHarness implements AutoCloseable {
    static final Duration POLL = Duration.ofSeconds(1);
    static final Duration RETRY = Duration.ofSeconds(2);
    static final Duration MAX_RETRY = Duration.ofSeconds(8);
    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeOneXAgent fake;
    final AwaitableScheduler scheduler = new AwaitableScheduler();
    final RecordingPhoneListener events = new RecordingPhoneListener();
    final Phone phone;
    private long pollsRun;
    private long retriesRun;

    private OneXHarness(FakeOneXAgent fake, Map<String, String> config, Consumer<PhoneBuilder> customize) {
        this.fake = fake;
        Map<String, String> all = new LinkedHashMap<>();
        all.put("avaya-onex.base-url", fake.baseUrl());
        all.put("avaya-onex.poll-interval", "1s");
        all.put("avaya-onex.retry-interval", "2s");
        all.put("avaya-onex.max-retry-interval", "8s");
        all.putAll(config);
        PhoneBuilder builder = Phone.builder().id("agent-7").plugin(new AvayaOneXPlugin()).config(all)
                .clock(scheduler.deterministic().clock()).scheduler(scheduler).executor(Runnable::run)
                .listener(events);
        customize.accept(builder);
        this.phone = builder.build();
    }

    static OneXHarness start(Map<String, String> config) {
        return start(FakeOneXAgent.start(), config, b -> { });
    }

    static OneXHarness start(FakeOneXAgent fake, Map<String, String> config, Consumer<PhoneBuilder> customize) {
        return new OneXHarness(fake, config, customize);
    }

    /** Starts and waits until the plugin registered and reported the agent logged in. */
    static OneXHarness registered(Map<String, String> config) {
        OneXHarness h = start(config);
        h.events.await(PhoneEvent.AgentLoggedIn.class, WAIT);
        return h;
    }

    /** Waits until the driver scheduled its next poll, then moves time so it runs. */
    void tick() {
        scheduler.awaitScheduled(POLL, ++pollsRun, WAIT);
        pollsRun = scheduler.count(POLL);
        scheduler.deterministic().advance(POLL);
    }

    /**
     * Waits until the driver finished handling the last poll (it scheduled the next one): every observation that poll
     * caused has been reported.
     */
    void settle() {
        scheduler.awaitScheduled(POLL, pollsRun + 1, WAIT);
    }

    /** Waits until the driver scheduled a retry (a back-off delay), then moves time so it runs; returns the delay. */
    Duration retry() {
        scheduler.awaitScheduled(OneXHarness::isRetry, ++retriesRun, WAIT);
        retriesRun = scheduler.count(OneXHarness::isRetry);
        List<Duration> retries = scheduler.delays().stream().filter(OneXHarness::isRetry).toList();
        Duration delay = retries.get(retries.size() - 1);
        scheduler.deterministic().advance(delay);
        return delay;
    }

    /** Waits until the attempt started by the last {@link #retry()} failed too (its follow-up retry is scheduled). */
    void awaitFailedAgain() {
        scheduler.awaitScheduled(OneXHarness::isRetry, retriesRun + 1, WAIT);
    }

    static boolean isRetry(Duration d) {
        return d.compareTo(RETRY) >= 0 && d.compareTo(MAX_RETRY) <= 0;
    }

    <T extends PhoneEvent> T await(Class<T> type) {
        return events.await(type, WAIT);
    }

    static CommandResult done(CompletionStage<CommandResult> stage) {
        try {
            return stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the command did not complete", e);
        } catch (ExecutionException e) {
            throw new AssertionError("the command failed: " + e.getCause(), e.getCause());
        }
    }

    static Throwable failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError("the command did not complete", e);
        }
        throw new AssertionError("the command succeeded but a failure was expected");
    }

    @Override
    public void close() {
        phone.close();
        fake.close();
    }
}
