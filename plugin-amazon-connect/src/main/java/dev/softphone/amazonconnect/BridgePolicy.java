package dev.softphone.amazonconnect;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The security rules of the bridge socket: which browser origins may connect, how long pairing tokens live and how
 * large a message may be. Immutable; build one with {@link #builder()}.
 *
 * <p>Origins: a page's {@code Origin} header is accepted when it is on the allow-list, or (unless switched off) when it
 * is the origin the socket was opened on (same scheme-less host and port as the {@code Host} header). A missing
 * {@code Origin} (no browser sends that on a WebSocket) is refused unless {@link Builder#allowMissingOrigin(boolean)}.
 * The origin check stops other web sites from using an agent's browser; the pairing token is what authenticates.
 */
public final class BridgePolicy {
    /** Default lifetime of a pairing token that was never used. */
    public static final Duration DEFAULT_PAIRING_TOKEN_TTL = Duration.ofMinutes(5);
    /** Default time a used token still accepts reconnects after its page dropped. */
    public static final Duration DEFAULT_RECONNECT_GRACE = Duration.ofMinutes(10);
    /** Default interval of the server's WebSocket pings. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
    /** Default time without any traffic (pongs included) after which a socket is considered dead. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default largest message (UTF-8 bytes) relayed to the driver. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;
    /** Default average message rate of one page, per second. */
    public static final int DEFAULT_MAX_MESSAGES_PER_SECOND = 500;
    /** Default number of messages one page may send at once. */
    public static final int DEFAULT_MESSAGE_BURST = 2_000;

    private final Set<String> allowedOrigins;
    private final boolean allowSameOrigin;
    private final boolean allowMissingOrigin;
    private final int maxMessageBytes;
    private final int maxMessagesPerSecond;
    private final int messageBurst;
    private final Duration pairingTokenTtl;
    private final Duration reconnectGrace;
    private final Duration pingInterval;
    private final Duration idleTimeout;

    private BridgePolicy(Builder b) {
        this.allowedOrigins = Set.copyOf(b.allowedOrigins);
        this.allowSameOrigin = b.allowSameOrigin;
        this.allowMissingOrigin = b.allowMissingOrigin;
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxMessagesPerSecond = b.maxMessagesPerSecond;
        this.messageBurst = b.messageBurst;
        this.pairingTokenTtl = b.pairingTokenTtl;
        this.reconnectGrace = b.reconnectGrace;
        this.pingInterval = b.pingInterval;
        this.idleTimeout = b.idleTimeout;
        if (idleTimeout.compareTo(pingInterval) <= 0) {
            throw new IllegalArgumentException("idleTimeout (" + idleTimeout + ") must be longer than pingInterval ("
                    + pingInterval + "), or every quiet page would be disconnected");
        }
    }

    /** @return the defaults: same origin only, 1 MiB messages, 5 minute tokens, 10 minute reconnect grace */
    public static BridgePolicy defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the allowed origins, normalized ({@code https://app.example.com}, default ports dropped) */
    public Set<String> allowedOrigins() {
        return allowedOrigins;
    }

    /** @return whether the origin the socket was opened on is accepted without being listed */
    public boolean allowSameOrigin() {
        return allowSameOrigin;
    }

    /** @return whether a handshake without an {@code Origin} header (a non-browser client) is accepted */
    public boolean allowMissingOrigin() {
        return allowMissingOrigin;
    }

    /**
     * @return the largest message relayed to the driver; larger ones are skipped and logged, and transports close the
     *         socket ({@link PageClose#TOO_BIG}) at {@link #hardMessageLimitBytes()}
     */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** @return the average messages per second one page may send before it is disconnected */
    public int maxMessagesPerSecond() {
        return maxMessagesPerSecond;
    }

    /** @return how many messages one page may send at once */
    public int messageBurst() {
        return messageBurst;
    }

    /** @return the frame size at which transports close the socket instead of buffering more: twice the soft limit */
    public int hardMessageLimitBytes() {
        return (int) Math.min(Integer.MAX_VALUE, 2L * maxMessageBytes);
    }

    /** @return how long an issued token may wait for its first use */
    public Duration pairingTokenTtl() {
        return pairingTokenTtl;
    }

    /** @return how long a used token keeps accepting reconnects after its page dropped */
    public Duration reconnectGrace() {
        return reconnectGrace;
    }

    /**
     * @return how often transports ping the page; the browser's automatic pongs keep a quiet but live socket open
     *         (Streams can be silent for 30 s between snapshots)
     */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** @return how long a socket may be silent (no message, no pong) before the transport closes it as dead */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Decides whether a page may connect from an origin.
     *
     * @param origin the {@code Origin} header, or {@code null} when absent
     * @param host   the {@code Host} header of the handshake, or {@code null} when unknown
     * @return empty when allowed, otherwise the reason in words
     */
    public Optional<String> checkOrigin(String origin, String host) {
        if (origin == null || origin.isBlank()) {
            return allowMissingOrigin ? Optional.empty()
                    : Optional.of("the handshake has no Origin header; browsers always send one (non-browser clients "
                            + "need BridgePolicy.allowMissingOrigin)");
        }
        Optional<String> normalized = normalizeOrigin(origin);
        if (normalized.isEmpty()) {
            return Optional.of("origin '" + origin + "' is not a valid origin");
        }
        if (allowedOrigins.contains(normalized.get())) {
            return Optional.empty();
        }
        if (allowSameOrigin && host != null && sameHost(normalized.get(), host)) {
            return Optional.empty();
        }
        return Optional.of("origin '" + origin + "' is not allowed; allowed: "
                + (allowedOrigins.isEmpty() ? "(none listed)" : String.join(", ", allowedOrigins))
                + (allowSameOrigin ? " and the bridge's own origin" : ""));
    }

    private static boolean sameHost(String normalizedOrigin, String hostHeader) {
        URI o = URI.create(normalizedOrigin);
        int defaultPort = "https".equals(o.getScheme()) ? 443 : 80;
        int originPort = o.getPort() == -1 ? defaultPort : o.getPort();
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        // Host is "name", "name:port", "[v6]" or "[v6]:port"; without a port it is the default of the scheme.
        int colon = host.lastIndexOf(':');
        String name = host;
        int port = defaultPort;
        if (colon > host.lastIndexOf(']')) {
            name = host.substring(0, colon);
            try {
                port = Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return name.equals(o.getHost()) && port == originPort;
    }

    /**
     * Normalizes an origin: lower-case scheme and host, default port dropped, no path.
     *
     * @param origin {@code scheme://host[:port]}
     * @return the normalized form, or empty when it is not an http(s) origin
     */
    public static Optional<String> normalizeOrigin(String origin) {
        try {
            URI u = new URI(origin.trim());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme) || u.getHost() == null) {
                return Optional.empty();
            }
            if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !"/".equals(u.getRawPath())
                    || u.getRawQuery() != null || u.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = u.getPort();
            boolean defaultPort = port == -1 || "http".equals(scheme) && port == 80 || "https".equals(scheme) && port == 443;
            return Optional.of(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return "BridgePolicy{allowedOrigins=" + allowedOrigins + ", allowSameOrigin=" + allowSameOrigin
                + ", allowMissingOrigin=" + allowMissingOrigin + ", maxMessageBytes=" + maxMessageBytes
                + ", pairingTokenTtl=" + pairingTokenTtl + ", reconnectGrace=" + reconnectGrace
                + ", pingInterval=" + pingInterval + ", idleTimeout=" + idleTimeout + '}';
    }

    /** Builds a {@link BridgePolicy}. Not thread-safe. */
    public static final class Builder {
        private final Set<String> allowedOrigins = new LinkedHashSet<>();
        private boolean allowSameOrigin = true;
        private boolean allowMissingOrigin;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxMessagesPerSecond = DEFAULT_MAX_MESSAGES_PER_SECOND;
        private int messageBurst = DEFAULT_MESSAGE_BURST;
        private Duration pairingTokenTtl = DEFAULT_PAIRING_TOKEN_TTL;
        private Duration reconnectGrace = DEFAULT_RECONNECT_GRACE;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

        private Builder() {
        }

        /**
         * Allows pages from an origin.
         *
         * @param origin {@code https://agent.example.com} (scheme, host, optional port; nothing else)
         * @return this builder
         * @throws IllegalArgumentException when it is not an http(s) origin
         */
        public Builder allowOrigin(String origin) {
            Objects.requireNonNull(origin, "origin");
            allowedOrigins.add(normalizeOrigin(origin).orElseThrow(() -> new IllegalArgumentException(
                    "'" + origin + "' is not an origin; write scheme://host[:port], e.g. https://agent.example.com")));
            return this;
        }

        /**
         * @param allow whether the bridge's own origin is accepted without being listed (default true)
         * @return this builder
         */
        public Builder allowSameOrigin(boolean allow) {
            this.allowSameOrigin = allow;
            return this;
        }

        /**
         * @param allow whether handshakes without an {@code Origin} header are accepted (default false); only for
         *              non-browser clients such as the testkit's page client
         * @return this builder
         */
        public Builder allowMissingOrigin(boolean allow) {
            this.allowMissingOrigin = allow;
            return this;
        }

        /**
         * @param bytes the largest message relayed (UTF-8 bytes, at least 1024)
         * @return this builder
         */
        public Builder maxMessageBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxMessageBytes must be at least 1024, got " + bytes);
            }
            this.maxMessageBytes = bytes;
            return this;
        }

        /**
         * Limits how fast one page may send: a page above the rate is closed with {@link PageClose#TOO_MANY_MESSAGES}
         * (it may reconnect), so a flooding page cannot slow the relays of the others.
         *
         * @param perSecond average messages per second (positive; default {@value #DEFAULT_MAX_MESSAGES_PER_SECOND})
         * @param burst     messages at once (at least 1; default {@value #DEFAULT_MESSAGE_BURST})
         * @return this builder
         */
        public Builder messageRate(int perSecond, int burst) {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("messageRate needs perSecond > 0 and burst >= 1, got " + perSecond
                        + " and " + burst);
            }
            this.maxMessagesPerSecond = perSecond;
            this.messageBurst = burst;
            return this;
        }

        /**
         * @param ttl how long an issued token may wait for its first use (positive)
         * @return this builder
         */
        public Builder pairingTokenTtl(Duration ttl) {
            this.pairingTokenTtl = positive(ttl, "pairingTokenTtl");
            return this;
        }

        /**
         * @param grace how long a used token keeps accepting reconnects after its page dropped (positive)
         * @return this builder
         */
        public Builder reconnectGrace(Duration grace) {
            this.reconnectGrace = positive(grace, "reconnectGrace");
            return this;
        }

        /**
         * @param interval how often transports ping the page (positive, shorter than the idle timeout)
         * @return this builder
         */
        public Builder pingInterval(Duration interval) {
            this.pingInterval = positive(interval, "pingInterval");
            return this;
        }

        /**
         * @param timeout how long a socket may be silent before it is closed as dead (positive, longer than the
         *                ping interval)
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
            return d;
        }

        /** @return the policy */
        public BridgePolicy build() {
            return new BridgePolicy(this);
        }
    }
}
