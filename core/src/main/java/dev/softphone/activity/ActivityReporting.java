package dev.softphone.activity;

import dev.softphone.PhoneListener;
import dev.softphone.internal.SharedExecutors;
import dev.softphone.internal.activity.ActivityPipeline;
import dev.softphone.internal.activity.ActivityRecorder;
import dev.softphone.internal.activity.DiskSpool;
import dev.softphone.internal.activity.SinkDelivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Activity tracking for one or many phones: records every phone's activity, keeps it in a durable spool on disk and
 * delivers it to each sink at least once, in order. Build one per application (it may serve thousands of phones),
 * give it to each phone with {@code PhoneBuilder.activity(reporting)}, and close it when the application stops.
 *
 * <pre>{@code
 * ActivityReporting reporting = ActivityReporting.builder()
 *         .spoolDirectory(Path.of("/var/lib/myapp/activity"))
 *         .sink(QueueMetricsSink.builder().file(Path.of("/var/log/asterisk/queue_log")).build())
 *         .sink("ga4", Map.of("measurement-id", "G-ABC123", "api-secret", secret))
 *         .build();
 * Phone phone = Phone.builder().plugin("amazon-connect").activity(reporting).build();
 * }</pre>
 *
 * <p>Guarantees (details in {@code docs/reporting.md}): recording never blocks a phone; a record counts as accepted
 * once it is fsynced in the spool; every accepted record reaches every sink at least once, in acceptance order, even
 * across sink outages and process restarts, and a batch a sink acknowledged is not offered to it again unless the
 * process stops before saving that sink's position (records keep their {@code id} for deduplication); a failing sink
 * holds back only itself.
 */
public final class ActivityReporting implements AutoCloseable {
    private final ActivityPipeline pipeline;
    private final boolean rawEvents;

    private ActivityReporting(ActivityPipeline pipeline, boolean rawEvents) {
        this.pipeline = pipeline;
        this.rawEvents = rawEvents;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A listener that records one phone's events. {@code PhoneBuilder.activity(...)} adds it for you; add it yourself
     * only to record a phone built elsewhere.
     *
     * @param phoneId the phone's id (the agent, as reports should name it)
     * @return a new recorder for that phone
     */
    public PhoneListener recorder(String phoneId) {
        if (phoneId == null || phoneId.isBlank()) {
            throw new IllegalArgumentException("phoneId must not be blank");
        }
        return new ActivityRecorder(phoneId, rawEvents, pipeline::accept);
    }

    /**
     * Stores a record built by the application itself (for example a disposition code), like the recorder's own.
     *
     * @param record the record
     * @return completes when it is durable; fails when the spool refused it
     */
    public CompletableFuture<Void> record(ActivityRecord record) {
        return pipeline.accept(record);
    }

    /** @return completes when every record handed over so far is durable */
    public CompletableFuture<Void> flush() {
        return pipeline.flush();
    }

    /**
     * Waits until every sink has received every durable record.
     *
     * @param timeout the longest wait
     * @return true when all sinks caught up, false when the time ran out
     * @throws InterruptedException when interrupted
     */
    public boolean awaitDelivered(Duration timeout) throws InterruptedException {
        return pipeline.awaitDelivered(timeout);
    }

    /** @return the current counters */
    public ActivityStats stats() {
        return pipeline.stats();
    }

    /**
     * Makes everything handed over durable, stops delivering and closes the sinks. Undelivered records stay spooled
     * for the next start.
     */
    @Override
    public void close() {
        pipeline.close();
    }

    /** Builds an {@link ActivityReporting}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private static final Pattern SINK_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");
        private Path spoolDirectory;
        private final List<ActivitySink> sinks = new ArrayList<>();
        private final Map<String, Map<String, String>> configured = new LinkedHashMap<>();
        private final List<String> configuredIds = new ArrayList<>();
        private ClassLoader factoryLoader;
        private Clock clock = Clock.systemUTC();
        private Executor deliveryExecutor;
        private ScheduledExecutorService scheduler;
        private Duration retryInitial = Duration.ofSeconds(1);
        private Duration retryMax = Duration.ofMinutes(5);
        private long segmentBytes = 16L << 20;
        private long maxSpoolBytes = 1L << 30;
        private int bufferCapacity = 65_536;
        private SpoolFullPolicy fullPolicy = SpoolFullPolicy.REJECT_NEW;
        private boolean rawEvents = true;

        private Builder() {
        }

        /**
         * @param dir where the spool, the sinks' cursors and dead-letter files live (required; one process per
         *            directory)
         * @return this builder
         */
        public Builder spoolDirectory(Path dir) {
            this.spoolDirectory = dir;
            return this;
        }

        /**
         * Adds a sink instance.
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder sink(ActivitySink sink) {
            sinks.add(sink);
            return this;
        }

        /**
         * Adds a sink made by the {@link ActivitySinkFactory} with this id, discovered with {@link ServiceLoader}.
         *
         * @param factoryId for example {@code queuemetrics}, {@code ga4}, {@code jsonl}, {@code slf4j}
         * @param config    the sink's keys (see {@code docs/reporting.md})
         * @return this builder
         */
        public Builder sink(String factoryId, Map<String, String> config) {
            String key = factoryId + "#" + configuredIds.size();
            configuredIds.add(key);
            configured.put(key, config == null ? null : new LinkedHashMap<>(config));
            return this;
        }

        /**
         * @param loader where to discover {@link ActivitySinkFactory}s; default: the thread's context class loader
         * @return this builder
         */
        public Builder sinkFactoryLoader(ClassLoader loader) {
            this.factoryLoader = loader;
            return this;
        }

        /**
         * @param clock for dead-letter times and time-window checks; default UTC system clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param executor runs deliveries, which may block on I/O; default: a small pool of daemon threads owned by
         *                 the reporting. Never give it a phone's executor if sinks may be slow.
         * @return this builder
         */
        public Builder deliveryExecutor(Executor executor) {
            this.deliveryExecutor = executor;
            return this;
        }

        /**
         * @param scheduler times retries; default: the SDK's shared timer thread
         * @return this builder
         */
        public Builder scheduler(ScheduledExecutorService scheduler) {
            this.scheduler = scheduler;
            return this;
        }

        /**
         * @param initial the first wait after a failed delivery; default 1 s
         * @param max     the longest wait (the wait doubles after each failure); default 5 min
         * @return this builder
         */
        public Builder retryBackoff(Duration initial, Duration max) {
            this.retryInitial = initial;
            this.retryMax = max;
            return this;
        }

        /**
         * @param bytes the size of one spool segment file; default 16 MiB
         * @return this builder
         */
        public Builder segmentBytes(long bytes) {
            this.segmentBytes = bytes;
            return this;
        }

        /**
         * @param bytes the most the spool may hold on disk; default 1 GiB
         * @return this builder
         */
        public Builder maxSpoolBytes(long bytes) {
            this.maxSpoolBytes = bytes;
            return this;
        }

        /**
         * @param records how many records may wait in memory for the disk writer; default 65,536 (bounded memory)
         * @return this builder
         */
        public Builder bufferCapacity(int records) {
            this.bufferCapacity = records;
            return this;
        }

        /**
         * @param policy what to do when the spool is full; default {@link SpoolFullPolicy#REJECT_NEW}
         * @return this builder
         */
        public Builder spoolFullPolicy(SpoolFullPolicy policy) {
            this.fullPolicy = policy;
            return this;
        }

        /**
         * @param enabled whether to spool every phone event as a {@link ActivityKind#PHONE_EVENT} record too (needed
         *                by the JSON lines sink's event output); default true
         * @return this builder
         */
        public Builder rawEvents(boolean enabled) {
            this.rawEvents = enabled;
            return this;
        }

        /**
         * Checks everything, opens the spool and starts delivering what it holds from a previous run.
         *
         * @return the reporting
         * @throws ActivityConfigurationException listing every problem
         * @throws UncheckedIOException            when the spool directory cannot be used
         */
        public ActivityReporting build() {
            List<String> problems = new ArrayList<>();
            if (spoolDirectory == null) {
                problems.add("spoolDirectory is required: a directory where activity is kept until delivered");
            }
            if (clock == null) {
                problems.add("clock must not be null");
            }
            if (retryInitial == null || retryMax == null || retryInitial.isNegative() || retryInitial.isZero()
                    || retryMax.compareTo(retryInitial) < 0) {
                problems.add("retryBackoff needs 0 < initial <= max, got " + retryInitial + " and " + retryMax);
            }
            if (segmentBytes < 1024) {
                problems.add("segmentBytes must be at least 1024, got " + segmentBytes);
            }
            if (maxSpoolBytes < segmentBytes * 2) {
                problems.add("maxSpoolBytes must be at least two segments (" + segmentBytes * 2 + "), got "
                        + maxSpoolBytes);
            }
            if (bufferCapacity < 1) {
                problems.add("bufferCapacity must be positive, got " + bufferCapacity);
            }
            if (fullPolicy == null) {
                problems.add("spoolFullPolicy must not be null");
            }
            List<ActivitySink> all = new ArrayList<>();
            for (ActivitySink s : sinks) {
                if (s == null) {
                    problems.add("a sink must not be null");
                } else {
                    all.add(s);
                }
            }
            all.addAll(discovered(problems));
            if (all.isEmpty() && problems.isEmpty()) {
                problems.add("no sinks: add at least one with sink(...)");
            }
            Set<String> names = new HashSet<>();
            for (ActivitySink s : all) {
                String name = s.name();
                if (name == null || !SINK_NAME.matcher(name).matches()) {
                    problems.add("sink name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-' (it names "
                            + "the sink's cursor file)");
                } else if (!names.add(name)) {
                    problems.add("two sinks are named '" + name + "': give each a unique name");
                }
            }
            ActivityConfigurationException.throwIfAny("activity reporting", problems);
            ExecutorService owned = null;
            Executor executor = deliveryExecutor;
            if (executor == null) {
                owned = Executors.newCachedThreadPool(daemonThreads());
                executor = owned;
            }
            ExecutorService toStop = owned;
            try {
                ActivityPipeline pipeline = new ActivityPipeline(spoolDirectory,
                        new DiskSpool.Options(segmentBytes, maxSpoolBytes, bufferCapacity, fullPolicy), all, executor,
                        scheduler != null ? scheduler : SharedExecutors.scheduler(),
                        new SinkDelivery.Backoff(retryInitial, retryMax), clock,
                        () -> {
                            if (toStop != null) {
                                toStop.shutdown();
                            }
                        });
                return new ActivityReporting(pipeline, rawEvents);
            } catch (IOException e) {
                if (owned != null) {
                    owned.shutdown();
                }
                throw new UncheckedIOException("cannot open the activity spool in " + spoolDirectory, e);
            }
        }

        private List<ActivitySink> discovered(List<String> problems) {
            List<ActivitySink> result = new ArrayList<>();
            if (configured.isEmpty()) {
                return result;
            }
            Map<String, ActivitySinkFactory> factories = new LinkedHashMap<>();
            ClassLoader cl = factoryLoader != null ? factoryLoader : Thread.currentThread().getContextClassLoader();
            for (ActivitySinkFactory f : ServiceLoader.load(ActivitySinkFactory.class, cl)) {
                factories.putIfAbsent(f.id(), f);
            }
            configured.forEach((key, config) -> {
                String id = key.substring(0, key.lastIndexOf('#'));
                ActivitySinkFactory f = factories.get(id);
                if (f == null) {
                    problems.add("no activity sink factory with id '" + id + "' was found; known: "
                            + factories.keySet());
                    return;
                }
                if (config == null) {
                    problems.add("sink '" + id + "': the configuration must not be null");
                    return;
                }
                List<String> own = f.validate(config);
                if (!own.isEmpty()) {
                    own.forEach(p -> problems.add("sink '" + id + "': " + p));
                    return;
                }
                result.add(f.create(config, clock == null ? Clock.systemUTC() : clock));
            });
            return result;
        }

        private static java.util.concurrent.ThreadFactory daemonThreads() {
            AtomicInteger n = new AtomicInteger();
            return r -> {
                Thread t = new Thread(r, "softphone-activity-delivery-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            };
        }
    }
}
