package dev.softphone.activity;

import dev.softphone.internal.activity.Ga4Limits;
import dev.softphone.internal.activity.Ga4Mapper;
import dev.softphone.internal.activity.JsonPost;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Sends activity to Google Analytics 4 with the Measurement Protocol ({@code POST <endpoint>/mp/collect}). Each agent
 * is one GA4 client ({@code client_id}, optionally {@code user_id}); each login session one GA4 session
 * ({@code session_id} = the login's epoch seconds); every event carries {@code engagement_time_msec} and its own
 * {@code timestamp_micros}. Requests hold at most 25 events of one agent and stay under 130 kB. Every name and value
 * is checked against GA4's limits before sending; a record that breaks one is set aside (dead-letter file) with an
 * error naming the limit. In validation mode the requests go to {@code /debug/mp/collect} and any validation message
 * rejects the records. The event table is in {@code docs/reporting.md}.
 */
public final class Ga4Sink implements ActivitySink {
    /** The default collection host. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://www.google-analytics.com");
    /** The EU collection host (data collected in the EU). */
    public static final URI EU_ENDPOINT = URI.create("https://region1.google-analytics.com");

    private static final int MAX_USER_ID = Ga4Limits.MAX_USER_ID_LENGTH;
    private final String name;
    private final URI collectUri;
    private final boolean validation;
    private final Function<String, String> clientIds;
    private final boolean sendUserId;
    private final Map<String, String> userProperties;
    private final Ga4Mapper mapper;
    private final HttpClient http;
    private final Duration timeout;
    private Map<String, Instant> previous = new HashMap<>();

    private Ga4Sink(Builder b) {
        this.name = b.name;
        this.validation = b.validationMode;
        String base = b.endpoint.toString().replaceAll("/+$", "");
        this.collectUri = URI.create(base + (validation ? "/debug/mp/collect" : "/mp/collect") + "?measurement_id="
                + enc(b.measurementId) + "&api_secret=" + enc(b.apiSecret));
        this.clientIds = b.clientIds;
        this.sendUserId = b.sendUserId;
        this.userProperties = Map.copyOf(b.userProperties);
        this.mapper = new Ga4Mapper(b.names, b.debugMode, b.clock);
        this.timeout = b.timeout;
        this.http = HttpClient.newBuilder().connectTimeout(b.timeout).build();
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
        return mapper.maps(record);
    }

    @Override
    public int maxBatchSize() {
        return Ga4Limits.MAX_EVENTS_PER_REQUEST;
    }

    @Override
    public void deliver(List<ActivityRecord> records) throws ActivitySinkException {
        Map<String, Instant> working = new HashMap<>(previous);
        Map<String, List<Ga4Mapper.Event>> byAgent = new LinkedHashMap<>();
        for (ActivityRecord r : records) {
            if (sendUserId && r.phoneId().length() > MAX_USER_ID) {
                throw ActivitySinkException.rejected("user_id '" + r.phoneId() + "' has " + r.phoneId().length()
                        + " characters; GA4 allows at most " + MAX_USER_ID + " (User-ID length limit)");
            }
            Ga4Mapper.Event e;
            try {
                e = mapper.map(r, working);
            } catch (IllegalArgumentException bad) {
                throw ActivitySinkException.rejected(bad.getMessage());
            }
            byAgent.computeIfAbsent(r.phoneId(), k -> new ArrayList<>()).add(e);
        }
        for (Map.Entry<String, List<Ga4Mapper.Event>> agent : byAgent.entrySet()) {
            for (List<Ga4Mapper.Event> chunk : chunks(agent.getKey(), agent.getValue())) {
                send(body(agent.getKey(), chunk));
            }
        }
        previous = working;
    }

    /**
     * The request bodies these records become (for previews and tests); checks the limits like delivery does.
     *
     * @param records records, oldest first
     * @return one JSON body per request
     * @throws IllegalArgumentException naming a GA4 limit a record breaks
     */
    public List<String> requestBodies(List<ActivityRecord> records) {
        Map<String, Instant> working = new HashMap<>(previous);
        Map<String, List<Ga4Mapper.Event>> byAgent = new LinkedHashMap<>();
        for (ActivityRecord r : records) {
            if (mapper.maps(r)) {
                byAgent.computeIfAbsent(r.phoneId(), k -> new ArrayList<>()).add(mapper.map(r, working));
            }
        }
        List<String> bodies = new ArrayList<>();
        byAgent.forEach((agent, events) -> chunks(agent, events).forEach(c -> bodies.add(body(agent, c))));
        return bodies;
    }

    /** Splits one agent's events into requests of at most 25 events and below the body size limit. */
    private List<List<Ga4Mapper.Event>> chunks(String agent, List<Ga4Mapper.Event> events) {
        List<List<Ga4Mapper.Event>> out = new ArrayList<>();
        List<Ga4Mapper.Event> current = new ArrayList<>();
        for (Ga4Mapper.Event e : events) {
            current.add(e);
            if (current.size() > Ga4Limits.MAX_EVENTS_PER_REQUEST
                    || body(agent, current).getBytes(StandardCharsets.UTF_8).length >= Ga4Limits.MAX_BODY_BYTES) {
                current.remove(current.size() - 1);
                out.add(current);
                current = new ArrayList<>();
                current.add(e);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private String body(String agent, List<Ga4Mapper.Event> events) {
        return Ga4Mapper.body(clientIds.apply(agent), sendUserId ? agent : null, userProperties, events,
                validation ? "ENFORCE_RECOMMENDATIONS" : null);
    }

    private void send(String body) throws ActivitySinkException {
        HttpResponse<String> response = JsonPost.post(http, collectUri, body, timeout, null,
                "GA4 endpoint " + collectUri.getHost());
        int code = response.statusCode();
        if (code >= 500 || code == 429 || code == 408) {
            throw ActivitySinkException.retryable("GA4 answered HTTP " + code, null);
        }
        if (code / 100 != 2) {
            // GA4: a non-2xx reply means the request itself is wrong; sending it again would not help
            throw ActivitySinkException.rejected("GA4 refused the request with HTTP " + code + ": "
                    + JsonPost.abbreviate(response.body()));
        }
        if (validation) {
            checkValidation(response.body());
        }
    }

    private static void checkValidation(String body) throws ActivitySinkException {
        JsonNode messages;
        try {
            messages = JsonMapper.shared().readTree(body == null || body.isBlank() ? "{}" : body)
                    .path("validationMessages");
        } catch (JacksonException e) {
            throw ActivitySinkException.retryable("GA4 validation server sent an unreadable answer: "
                    + JsonPost.abbreviate(body), e);
        }
        if (messages.isArray() && !messages.isEmpty()) {
            List<String> list = new ArrayList<>();
            for (JsonNode m : messages) {
                list.add(m.path("validationCode").asString("") + " at " + m.path("fieldPath").asString("") + ": "
                        + m.path("description").asString(""));
            }
            throw ActivitySinkException.rejected("GA4 validation failed: " + String.join("; ", list));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Builds a {@link Ga4Sink}; {@link #build()} checks every setting against GA4's rules at once. */
    public static final class Builder {
        private String name = "ga4";
        private String measurementId;
        private String apiSecret;
        private URI endpoint = DEFAULT_ENDPOINT;
        private boolean validationMode;
        private boolean debugMode;
        private Function<String, String> clientIds = Ga4Mapper::clientId;
        private boolean sendUserId = true;
        private final Map<String, String> userProperties = new LinkedHashMap<>();
        private final Map<ActivityKind, String> names = new EnumMap<>(Ga4Mapper.DEFAULT_NAMES);
        private Clock clock = Clock.systemUTC();
        private Duration timeout = Duration.ofSeconds(10);

        private Builder() {
        }

        /**
         * @param name the sink's name; default {@code ga4}
         * @return this builder
         */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /**
         * @param id the web stream's measurement id ({@code G-…}); required
         * @return this builder
         */
        public Builder measurementId(String id) {
            this.measurementId = id;
            return this;
        }

        /**
         * @param secret a Measurement Protocol API secret of the stream; required
         * @return this builder
         */
        public Builder apiSecret(String secret) {
            this.apiSecret = secret;
            return this;
        }

        /**
         * @param endpoint the collection host; default {@link #DEFAULT_ENDPOINT}
         * @return this builder
         */
        public Builder endpoint(URI endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** @return this builder, sending to the EU host {@link #EU_ENDPOINT} */
        public Builder euEndpoint() {
            return endpoint(EU_ENDPOINT);
        }

        /**
         * @param enabled send to {@code /debug/mp/collect} with {@code ENFORCE_RECOMMENDATIONS} and reject records
         *                the validation server complains about (events never reach reports); default false
         * @return this builder
         */
        public Builder validationMode(boolean enabled) {
            this.validationMode = enabled;
            return this;
        }

        /**
         * @param enabled add {@code debug_mode} to every event so it shows in DebugView; default false
         * @return this builder
         */
        public Builder debugMode(boolean enabled) {
            this.debugMode = enabled;
            return this;
        }

        /**
         * @param clientIds phone id to GA4 client_id (two positive numbers joined by a period); default: derived from
         *                  a hash of the phone id, stable across restarts
         * @return this builder
         */
        public Builder clientIds(Function<String, String> clientIds) {
            this.clientIds = clientIds;
            return this;
        }

        /**
         * @param enabled send the phone id as {@code user_id}; default true
         * @return this builder
         */
        public Builder sendUserId(boolean enabled) {
            this.sendUserId = enabled;
            return this;
        }

        /**
         * @param name  a user property (for example {@code team}); checked against GA4's name and value limits
         * @param value its value
         * @return this builder
         */
        public Builder userProperty(String name, String value) {
            userProperties.put(name, value);
            return this;
        }

        /**
         * @param kind  a record kind
         * @param event the GA4 event name to send it as, or null not to send that kind
         * @return this builder
         */
        public Builder eventName(ActivityKind kind, String event) {
            if (event == null) {
                names.remove(kind);
            } else {
                names.put(kind, event);
            }
            return this;
        }

        /**
         * @param clock for the 72-hour window; default UTC system clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
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
         * @return the sink
         * @throws ActivityConfigurationException listing every problem, each naming the GA4 rule it breaks
         */
        public Ga4Sink build() {
            List<String> problems = new ArrayList<>();
            if (measurementId == null || measurementId.isBlank()) {
                problems.add("measurementId is required (the web stream's G-… id)");
            }
            if (apiSecret == null || apiSecret.isBlank()) {
                problems.add("apiSecret is required (Admin > Data streams > Measurement Protocol API secrets)");
            }
            if (endpoint == null || endpoint.getHost() == null
                    || !("https".equals(endpoint.getScheme()) || "http".equals(endpoint.getScheme()))) {
                problems.add("endpoint must be an absolute http(s) URL such as " + DEFAULT_ENDPOINT + ", got "
                        + endpoint);
            }
            if (clientIds == null) {
                problems.add("clientIds must not be null");
            }
            if (clock == null) {
                problems.add("clock must not be null");
            }
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                problems.add("timeout must be positive, got " + timeout);
            }
            names.forEach((kind, event) -> {
                if (kind == ActivityKind.PHONE_EVENT) {
                    problems.add("PHONE_EVENT records cannot be sent to GA4");
                }
                String p = Ga4Limits.checkEventName(event);
                if (p != null) {
                    problems.add("eventName for " + kind + ": " + p);
                }
            });
            if (userProperties.size() > Ga4Limits.MAX_USER_PROPERTIES) {
                problems.add(userProperties.size() + " user properties; GA4 allows at most "
                        + Ga4Limits.MAX_USER_PROPERTIES + " (user properties limit)");
            }
            userProperties.forEach((k, v) -> {
                String p = Ga4Limits.checkUserProperty(k, v);
                if (p != null) {
                    problems.add(p);
                } else if (v == null) {
                    problems.add("user property '" + k + "' has no value");
                }
            });
            ActivityConfigurationException.throwIfAny("GA4 sink '" + name + "'", problems);
            return new Ga4Sink(this);
        }
    }
}
