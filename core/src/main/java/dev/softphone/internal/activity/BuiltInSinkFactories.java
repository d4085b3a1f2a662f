package dev.softphone.internal.activity;

import dev.softphone.activity.ActivityKind;
import dev.softphone.activity.ActivitySink;
import dev.softphone.activity.ActivitySinkFactory;
import dev.softphone.activity.Ga4Sink;
import dev.softphone.activity.JsonLinesSink;
import dev.softphone.activity.QueueLogPauseEncoding;
import dev.softphone.activity.QueueMetricsSink;
import dev.softphone.activity.Slf4jSink;
import org.slf4j.event.Level;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The built-in sinks as {@link ActivitySinkFactory}s, registered for {@link java.util.ServiceLoader}. */
public final class BuiltInSinkFactories {
    private BuiltInSinkFactories() {
    }

    /** Base: validation builds the sink with the same code as creation, so both agree. */
    private abstract static class Base implements ActivitySinkFactory {
        @Override
        public List<String> validate(Map<String, String> config) {
            return SinkConfig.validate(config, c -> build(c, Clock.systemUTC()));
        }

        @Override
        public ActivitySink create(Map<String, String> config, Clock clock) {
            SinkConfig c = new SinkConfig(config);
            ActivitySink sink = build(c, clock);
            if (!c.problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", c.problems));
            }
            return sink;
        }

        abstract ActivitySink build(SinkConfig c, Clock clock);
    }

    /** {@code queuemetrics}: see {@code docs/reporting.md} for the keys. */
    public static final class QueueMetrics extends Base {
        @Override
        public String id() {
            return "queuemetrics";
        }

        @Override
        ActivitySink build(SinkConfig c, Clock clock) {
            QueueMetricsSink.Builder b = QueueMetricsSink.builder();
            set(c.string("name"), b::name);
            set(c.path("file"), b::file);
            URI url = c.uri("loader-url");
            if (url != null) {
                b.httpLoader(url, orDefault(c.string("loader-user"), "webqloader"),
                        orDefault(c.string("loader-password"), "qloader"), orDefault(c.string("loader-token"), ""));
            } else {
                c.string("loader-user");
                c.string("loader-password");
                c.string("loader-token");
            }
            set(c.duration("timeout"), b::timeout);
            set(c.string("agent-format"), b::agentFormat);
            set(c.string("channel-format"), b::channelFormat);
            b.memberQueues(c.list("member-queues"));
            set(c.string("inbound-queue"), b::inboundQueue);
            set(c.string("outbound-queue"), b::outboundQueue);
            set(c.enumValue("pause-encoding", QueueLogPauseEncoding.class), b::pauseEncoding);
            c.withPrefix("pause-code.").forEach(b::pauseCode);
            return b.build();
        }
    }

    /** {@code ga4}: see {@code docs/reporting.md} for the keys. */
    public static final class Ga4 extends Base {
        @Override
        public String id() {
            return "ga4";
        }

        @Override
        ActivitySink build(SinkConfig c, Clock clock) {
            Ga4Sink.Builder b = Ga4Sink.builder().clock(clock);
            set(c.string("name"), b::name);
            b.measurementId(c.string("measurement-id"));
            b.apiSecret(c.string("api-secret"));
            URI endpoint = c.uri("endpoint");
            String region = c.string("region");
            if (endpoint != null) {
                b.endpoint(endpoint);
            } else if (region != null) {
                if (region.equalsIgnoreCase("eu")) {
                    b.euEndpoint();
                } else if (!region.equalsIgnoreCase("global")) {
                    c.problems.add("'region' must be eu or global, got '" + region + "'");
                }
            }
            set(c.bool("validation-mode"), b::validationMode);
            set(c.bool("debug-mode"), b::debugMode);
            set(c.bool("send-user-id"), b::sendUserId);
            set(c.duration("timeout"), b::timeout);
            c.withPrefix("user-property.").forEach(b::userProperty);
            c.withPrefix("event-name.").forEach((kind, name) -> {
                try {
                    b.eventName(ActivityKind.valueOf(kind.toUpperCase(Locale.ROOT).replace('-', '_')),
                            name.isBlank() ? null : name);
                } catch (IllegalArgumentException e) {
                    c.problems.add("'event-name." + kind + "' names no record kind; kinds: "
                            + java.util.Arrays.toString(ActivityKind.values()));
                }
            });
            return b.build();
        }
    }

    /** {@code jsonl}: keys {@code name}, {@code file} or {@code stream=stdout}, {@code events}, {@code records}. */
    public static final class JsonLines extends Base {
        @Override
        public String id() {
            return "jsonl";
        }

        @Override
        ActivitySink build(SinkConfig c, Clock clock) {
            JsonLinesSink.Builder b = JsonLinesSink.builder();
            set(c.string("name"), b::name);
            set(c.path("file"), b::file);
            String stream = c.string("stream");
            if (stream != null) {
                if (stream.equalsIgnoreCase("stdout")) {
                    b.stream(System.out);
                } else if (stream.equalsIgnoreCase("stderr")) {
                    b.stream(System.err);
                } else {
                    c.problems.add("'stream' must be stdout or stderr, got '" + stream + "'");
                }
            }
            set(c.bool("events"), b::events);
            set(c.bool("records"), b::records);
            return b.build();
        }
    }

    /** {@code slf4j}: keys {@code name}, {@code logger}, {@code level}. */
    public static final class Slf4j extends Base {
        @Override
        public String id() {
            return "slf4j";
        }

        @Override
        ActivitySink build(SinkConfig c, Clock clock) {
            Slf4jSink.Builder b = Slf4jSink.builder();
            set(c.string("name"), b::name);
            set(c.string("logger"), b::logger);
            set(c.enumValue("level", Level.class), b::level);
            return b.build();
        }
    }

    private static <T> void set(T value, java.util.function.Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static String orDefault(String v, String d) {
        return v != null ? v : d;
    }
}
