package dev.softphone.activity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.util.ArrayList;
import java.util.List;

/**
 * Logs each activity record as one JSON message through SLF4J (logger {@code dev.softphone.activity.records} at INFO
 * by default), for log pipelines that already collect application logs. A log call cannot fail visibly, so this sink
 * counts a record as delivered once it was handed to the logger.
 */
public final class Slf4jSink implements ActivitySink {
    private final String name;
    private final Logger logger;
    private final Level level;

    private Slf4jSink(Builder b) {
        this.name = b.name;
        this.logger = LoggerFactory.getLogger(b.logger);
        this.level = b.level;
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
    public void deliver(List<ActivityRecord> records) {
        for (ActivityRecord r : records) {
            logger.atLevel(level).log("{}", r.toJson());
        }
    }

    /** Builds a {@link Slf4jSink}. */
    public static final class Builder {
        private String name = "slf4j";
        private String logger = "dev.softphone.activity.records";
        private Level level = Level.INFO;

        private Builder() {
        }

        /**
         * @param name the sink's name; default {@code slf4j}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param logger the logger name; default {@code dev.softphone.activity.records}
         * @return this builder
         */
        public Builder logger(String logger) {
            this.logger = logger;
            return this;
        }

        /**
         * @param level the level; default INFO
         * @return this builder
         */
        public Builder level(Level level) {
            this.level = level;
            return this;
        }

        /**
         * @return the sink
         * @throws ActivityConfigurationException listing every problem
         */
        public Slf4jSink build() {
            List<String> problems = new ArrayList<>();
            if (logger == null || logger.isBlank()) {
                problems.add("logger must be a non-blank logger name");
            }
            if (level == null) {
                problems.add("level must not be null");
            }
            ActivityConfigurationException.throwIfAny("SLF4J sink '" + name + "'", problems);
            return new Slf4jSink(this);
        }
    }
}
