package dev.softphone.activity;

import dev.softphone.internal.activity.LineFile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes JSON lines: each phone event in its normative form (DESIGN §5, as {@code PhoneEventJson} writes it; from
 * {@link ActivityKind#PHONE_EVENT} records) and each activity record as {@code {"type":"activity",…}}
 * ({@link ActivityRecord#toJson()}), to a file (crash-safe append, follows log rotation) or to a stream.
 */
public final class JsonLinesSink implements ActivitySink {
    private final String name;
    private final LineFile file;
    private final OutputStream stream;
    private final boolean events;
    private final boolean records;

    private JsonLinesSink(Builder b) {
        this.name = b.name;
        this.file = b.file == null ? null : new LineFile(b.file);
        this.stream = b.stream;
        this.events = b.events;
        this.records = b.records;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean accepts(ActivityRecord record) {
        return record.kind() == ActivityKind.PHONE_EVENT ? events && record.event() != null : records;
    }

    @Override
    public void deliver(List<ActivityRecord> batch) throws ActivitySinkException {
        List<String> lines = new ArrayList<>(batch.size());
        for (ActivityRecord r : batch) {
            lines.add(r.kind() == ActivityKind.PHONE_EVENT ? r.event() : r.toJson());
        }
        try {
            if (file != null) {
                file.append(lines);
            } else {
                StringBuilder sb = new StringBuilder();
                lines.forEach(l -> sb.append(l).append('\n'));
                synchronized (stream) {
                    stream.write(sb.toString().getBytes(StandardCharsets.UTF_8));
                    stream.flush();
                }
            }
        } catch (IOException e) {
            throw ActivitySinkException.retryable("cannot write JSON lines: " + e, e);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }

    /** Builds a {@link JsonLinesSink}. */
    public static final class Builder {
        private String name = "jsonl";
        private Path file;
        private OutputStream stream;
        private boolean events = true;
        private boolean records = true;

        private Builder() {
        }

        /**
         * @param name the sink's name; default {@code jsonl}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param file the file to append to
         * @return this builder
         */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /**
         * @param stream a stream to write to (flushed after each batch; not closed by the sink)
         * @return this builder
         */
        public Builder stream(OutputStream stream) {
            this.stream = stream;
            return this;
        }

        /**
         * @param enabled write phone events (needs {@code ActivityReporting.Builder.rawEvents(true)}, the default);
         *                default true
         * @return this builder
         */
        public Builder events(boolean enabled) {
            this.events = enabled;
            return this;
        }

        /**
         * @param enabled write activity records; default true
         * @return this builder
         */
        public Builder records(boolean enabled) {
            this.records = enabled;
            return this;
        }

        /**
         * @return the sink
         * @throws ActivityConfigurationException listing every problem
         */
        public JsonLinesSink build() {
            List<String> problems = new ArrayList<>();
            if ((file == null) == (stream == null)) {
                problems.add("set exactly one target: file(...) or stream(...)");
            }
            if (!events && !records) {
                problems.add("events(false) and records(false) leave nothing to write");
            }
            ActivityConfigurationException.throwIfAny("JSON lines sink '" + name + "'", problems);
            return new JsonLinesSink(this);
        }
    }
}
