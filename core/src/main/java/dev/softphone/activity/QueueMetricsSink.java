package dev.softphone.activity;

import dev.softphone.internal.activity.LineFile;
import dev.softphone.internal.activity.QueueLogLine;
import dev.softphone.internal.activity.QueueLogMapper;
import dev.softphone.internal.activity.QueueMetricsUploader;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes activity as QueueMetrics / Asterisk {@code queue_log} lines ({@code epoch|callid|queue|agent|verb|data…}),
 * either appended to a file (crash-safe, follows log rotation; upload it with Uniloader) or uploaded to QueueMetrics'
 * HTTP loader API. One sink has one target: to do both, add two sinks with different names. The verb mapping is in
 * {@code docs/reporting.md}.
 */
public final class QueueMetricsSink implements ActivitySink {
    private final String name;
    private final QueueLogMapper mapper;
    private final LineFile file;
    private final QueueMetricsUploader uploader;

    private QueueMetricsSink(Builder b) {
        this.name = b.name;
        this.mapper = new QueueLogMapper(new QueueLogMapper.Settings(b.agentFormat, b.channelFormat, b.memberQueues,
                b.inboundQueue, b.outboundQueue, b.pauseEncoding, b.pauseCodes));
        this.file = b.file == null ? null : new LineFile(b.file);
        this.uploader = b.loaderUrl == null ? null
                : new QueueMetricsUploader(b.loaderUrl, b.loaderUser, b.loaderPassword, b.loaderToken, b.timeout);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The lines one record becomes (for previews and tests).
     *
     * @param record a record
     * @return its queue_log lines, possibly none
     */
    public List<String> lines(ActivityRecord record) {
        return mapper.map(record).stream().map(QueueLogLine::render).toList();
    }

    @Override
    public void deliver(List<ActivityRecord> records) throws ActivitySinkException {
        List<QueueLogLine> rows = new ArrayList<>();
        for (ActivityRecord r : records) {
            rows.addAll(mapper.map(r));
        }
        if (rows.isEmpty()) {
            return;
        }
        if (file != null) {
            try {
                file.append(rows.stream().map(QueueLogLine::render).toList());
            } catch (IOException e) {
                throw ActivitySinkException.retryable("cannot append to " + file.path() + ": " + e, e);
            }
        } else {
            uploader.upload(rows);
        }
    }

    @Override
    public void close() {
        if (file != null) {
            file.close();
        }
    }

    /** Builds a {@link QueueMetricsSink}; {@link #build()} reports every problem at once. */
    public static final class Builder {
        private static final Pattern PLAIN = Pattern.compile("[^|\\p{Cntrl}]+");
        private String name = "queuemetrics";
        private Path file;
        private URI loaderUrl;
        private String loaderUser = "webqloader";
        private String loaderPassword = "qloader";
        private String loaderToken = "";
        private Duration timeout = Duration.ofSeconds(10);
        private String agentFormat = "Agent/{phoneId}";
        private String channelFormat = "Local/{phoneId}@softphone";
        private final List<String> memberQueues = new ArrayList<>();
        private String inboundQueue = "inbound";
        private String outboundQueue = "q-outbound";
        private QueueLogPauseEncoding pauseEncoding = QueueLogPauseEncoding.ALL;
        private final Map<String, String> pauseCodes = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param name the sink's name; default {@code queuemetrics}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param file the queue_log file to append to
         * @return this builder
         */
        public Builder file(Path file) {
            this.file = file;
            return this;
        }

        /**
         * Uploads to the HTTP loader API instead of a file.
         *
         * @param baseUrl  QueueMetrics' base URL (the API is {@code <baseUrl>/jsonQLoaderApi.do})
         * @param user     the upload user
         * @param password its password
         * @param token    the server id; blank for a single PBX
         * @return this builder
         */
        public Builder httpLoader(URI baseUrl, String user, String password, String token) {
            this.loaderUrl = baseUrl;
            this.loaderUser = user;
            this.loaderPassword = password;
            this.loaderToken = token;
            return this;
        }

        /**
         * @param timeout per HTTP request; default 10 s
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /**
         * @param format the agent field with {@code {phoneId}} replaced by the phone's id; default
         *               {@code Agent/{phoneId}}, as QueueMetrics names agents
         * @return this builder
         */
        public Builder agentFormat(String format) {
            this.agentFormat = format;
            return this;
        }

        /**
         * @param format the agent's channel on AGENTLOGIN/AGENTLOGOFF, {@code {phoneId}} replaced; default
         *               {@code Local/{phoneId}@softphone}
         * @return this builder
         */
        public Builder channelFormat(String format) {
            this.channelFormat = format;
            return this;
        }

        /**
         * @param queues queues the agents are members of: ADDMEMBER/REMOVEMEMBER and per-queue PAUSE/UNPAUSE lines are
         *               written for each; default none
         * @return this builder
         */
        public Builder memberQueues(List<String> queues) {
            memberQueues.clear();
            memberQueues.addAll(queues);
            return this;
        }

        /**
         * @param queue the queue for inbound calls whose softphone names none; default {@code inbound}
         * @return this builder
         */
        public Builder inboundQueue(String queue) {
            this.inboundQueue = queue;
            return this;
        }

        /**
         * @param queue the queue outbound calls are logged in (define it as outbound in QueueMetrics); default
         *              {@code q-outbound}
         * @return this builder
         */
        public Builder outboundQueue(String queue) {
            this.outboundQueue = queue;
            return this;
        }

        /**
         * @param encoding how pause reasons are written; default {@link QueueLogPauseEncoding#ALL}
         * @return this builder
         */
        public Builder pauseEncoding(QueueLogPauseEncoding encoding) {
            this.pauseEncoding = encoding;
            return this;
        }

        /**
         * Maps an SDK pause code to the code configured in QueueMetrics.
         *
         * @param sdkCode          for example {@code MEAL}
         * @param queueMetricsCode for example {@code LUNCH}
         * @return this builder
         */
        public Builder pauseCode(String sdkCode, String queueMetricsCode) {
            pauseCodes.put(sdkCode, queueMetricsCode);
            return this;
        }

        /**
         * @return the sink
         * @throws ActivityConfigurationException listing every problem
         */
        public QueueMetricsSink build() {
            List<String> problems = new ArrayList<>();
            if (file == null && loaderUrl == null) {
                problems.add("no target: set file(...) for a queue_log file or httpLoader(...) for the HTTP loader");
            }
            if (file != null && loaderUrl != null) {
                problems.add("both file(...) and httpLoader(...) are set: use one target per sink and add a second "
                        + "sink with another name for the other");
            }
            if (loaderUrl != null) {
                String scheme = loaderUrl.getScheme();
                if (!"http".equals(scheme) && !"https".equals(scheme) || loaderUrl.getHost() == null) {
                    problems.add("httpLoader URL must be an absolute http(s) URL, got " + loaderUrl);
                }
                if (loaderUser == null || loaderUser.isEmpty() || loaderPassword == null) {
                    problems.add("httpLoader needs a user and a password (QueueMetrics default webqloader/qloader)");
                }
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                problems.add("timeout must be positive, got " + timeout);
            }
            plain("agentFormat", agentFormat, problems);
            plain("channelFormat", channelFormat, problems);
            plain("inboundQueue", inboundQueue, problems);
            plain("outboundQueue", outboundQueue, problems);
            for (String q : memberQueues) {
                plain("memberQueues entry", q, problems);
            }
            if (agentFormat != null && !agentFormat.contains("{phoneId}")) {
                problems.add("agentFormat must contain {phoneId}, or every agent gets the same name: " + agentFormat);
            }
            if (pauseEncoding == null) {
                problems.add("pauseEncoding must not be null");
            }
            pauseCodes.forEach((k, v) -> plain("pause code for " + k, v, problems));
            ActivityConfigurationException.throwIfAny("QueueMetrics sink '" + name + "'", problems);
            return new QueueMetricsSink(this);
        }

        private static void plain(String what, String value, List<String> problems) {
            if (value == null || value.isBlank() || !PLAIN.matcher(value).matches()) {
                problems.add(what + " must be non-blank text without '|' or control characters, got "
                        + (value == null ? "null" : "'" + value.replace("\n", "\\n") + "'"));
            }
        }
    }
}
