package dev.softphone.amazonconnect;

import dev.softphone.amazonconnect.internal.bridge.PairingTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where bridge pages find their phone: every Amazon Connect driver registers here under its phone id, and the
 * transports (the Jakarta endpoint, the embedded server, in-process test links) pair connecting pages with phones
 * through {@link #open(PageHandshake, PageLink)}. One hub per JVM by default ({@link #shared()}); pass another to
 * the plugin to isolate tests. Thread-safe.
 *
 * <p>Security (see {@code docs/amazon-connect.md}, "Bridge security"): a page is paired only when it presents a
 * pairing token this hub issued for a registered phone ({@link #issuePairingToken(String)}) and comes from an allowed
 * origin ({@link BridgePolicy}); messages above the size limit are not relayed. One live page per phone: a second
 * page takes over and the first is closed with {@link PageClose#TAKEN_OVER}.
 */
public final class StreamsBridgeHub {
    private final Clock clock;
    private static final Logger LOG = LoggerFactory.getLogger(StreamsBridgeHub.class);
    private static final StreamsBridgeHub SHARED = new StreamsBridgeHub();

    private final Map<String, Slot> phones = new ConcurrentHashMap<>();
    private final PairingTokens tokens;
    private volatile BridgePolicy policy;

    /** One registered phone: its sink and its live page. Its monitor serializes every call into the sink. */
    static final class Slot {
        final String phoneId;
        final PageSink sink;
        BridgeSession live;
        boolean closed;

        Slot(String phoneId, PageSink sink) {
            this.phoneId = phoneId;
            this.sink = sink;
        }
    }

    /** A hub with {@link BridgePolicy#defaults()} and the system clock. */
    public StreamsBridgeHub() {
        this(BridgePolicy.defaults(), Clock.systemUTC());
    }

    /**
     * @param policy the security rules
     * @param clock  the time tokens expire by (tests pass a controllable clock)
     */
    public StreamsBridgeHub(BridgePolicy policy, Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tokens = new PairingTokens(clock);
    }

    /** @return the hub's clock (message rates are measured by it) */
    Clock clock() {
        return clock;
    }

    /** @return the JVM-wide hub */
    public static StreamsBridgeHub shared() {
        return SHARED;
    }

    /** @return the security rules in force */
    public BridgePolicy policy() {
        return policy;
    }

    /**
     * Replaces the security rules (for the {@link #shared()} hub, set them once at start-up). Pages already paired
     * stay paired.
     *
     * @param policy the new rules
     */
    public void usePolicy(BridgePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * Registers a phone's driver.
     *
     * @param phoneId the phone's id
     * @param sink    its driver
     * @return a registration; close it when the phone closes (its page is closed with {@link PageClose#PHONE_GONE},
     *         {@link PageSink#pageDetached} is called for it, and its tokens are revoked)
     * @throws IllegalStateException when a phone with that id is already registered
     */
    public AutoCloseable register(String phoneId, PageSink sink) {
        Objects.requireNonNull(phoneId, "phoneId");
        Objects.requireNonNull(sink, "sink");
        Slot slot = new Slot(phoneId, sink);
        if (phones.putIfAbsent(phoneId, slot) != null) {
            throw new IllegalStateException("a phone with id '" + phoneId + "' is already registered with this "
                    + "bridge hub; give each phone a unique id");
        }
        return () -> unregister(slot);
    }

    private void unregister(Slot slot) {
        if (!phones.remove(slot.phoneId, slot)) {
            return;
        }
        tokens.revoke(slot.phoneId);
        BridgeSession live;
        synchronized (slot) {
            slot.closed = true;
            live = slot.live;
        }
        if (live != null) {
            live.end(PageClose.PHONE_GONE, "the phone " + slot.phoneId + " was closed");
        }
    }

    /**
     * @param phoneId a phone id
     * @return its driver, if registered
     */
    public Optional<PageSink> find(String phoneId) {
        return Optional.ofNullable(phones.get(phoneId)).map(s -> s.sink);
    }

    /**
     * @param phoneId a phone id
     * @return whether a page is paired with it right now
     */
    public boolean hasLivePage(String phoneId) {
        Slot slot = phones.get(phoneId);
        if (slot == null) {
            return false;
        }
        synchronized (slot) {
            return slot.live != null;
        }
    }

    /**
     * Issues a pairing token for a registered phone, to be written into the agent's bridge page. Every call makes a new
     * token; earlier ones stay valid until they expire or {@link #revokePairingTokens(String)}.
     *
     * @param phoneId the phone
     * @return the token
     * @throws IllegalStateException when no phone with that id is registered
     */
    public PairingToken issuePairingToken(String phoneId) {
        if (!phones.containsKey(phoneId)) {
            throw new IllegalStateException("no phone with id '" + phoneId + "' is registered with this bridge hub; "
                    + "build the phone with the amazon-connect plugin before issuing a pairing token");
        }
        return tokens.issue(phoneId, policy);
    }

    /**
     * Revokes every token of a phone. The live page stays connected until it drops; it then cannot reconnect.
     *
     * @param phoneId the phone
     */
    public void revokePairingTokens(String phoneId) {
        tokens.revoke(phoneId);
    }

    /**
     * Pairs a page that just opened its socket. Checks the origin, then the token; on success the page becomes its
     * phone's live page (a previous page is closed with {@link PageClose#TAKEN_OVER} and detached first) and the sink's
     * {@link PageSink#pageAttached(PageLink)} is called before this returns.
     *
     * @param handshake what the page presented
     * @param transport the transport's link to the page
     * @return the session to feed the page's messages to
     * @throws BridgeRefusedException when the page may not pair; close the socket with its code and message
     */
    public BridgeSession open(PageHandshake handshake, PageLink transport) throws BridgeRefusedException {
        Objects.requireNonNull(handshake, "handshake");
        Objects.requireNonNull(transport, "transport");
        BridgePolicy p = policy;
        Optional<String> originProblem = p.checkOrigin(handshake.origin(), handshake.host());
        if (originProblem.isPresent()) {
            LOG.warn("refused a bridge page from {}: {}", handshake.remote(), originProblem.get());
            throw new BridgeRefusedException(PageClose.FORBIDDEN_ORIGIN, originProblem.get());
        }
        PairingTokens.Check check = tokens.check(handshake.token(), this::hasLivePage);
        if (!check.accepted()) {
            LOG.warn("refused a bridge page from {} (origin {}): {}", handshake.remote(), handshake.origin(),
                    check.refusal());
            throw new BridgeRefusedException(PageClose.UNAUTHORIZED, check.refusal());
        }
        Slot slot = phones.get(check.phoneId());
        if (slot == null) {
            throw new BridgeRefusedException(PageClose.PHONE_GONE, "the phone " + check.phoneId() + " is closed");
        }
        synchronized (slot) {
            if (slot.closed) {
                throw new BridgeRefusedException(PageClose.PHONE_GONE, "the phone " + check.phoneId() + " is closed");
            }
            BridgeSession previous = slot.live;
            if (previous != null) {
                previous.end(PageClose.TAKEN_OVER, "another page of this agent connected"
                        + (handshake.remote() == null ? "" : " from " + handshake.remote()) + " and took over");
            }
            BridgeSession session = new BridgeSession(this, slot, transport, handshake);
            slot.live = session;
            tokens.markUsed(handshake.token());
            LOG.info("phone {}: bridge page attached from {} (origin {})", slot.phoneId, handshake.remote(),
                    handshake.origin());
            session.attach();
            return session;
        }
    }

    /** Called by a session that ended, under the slot's monitor. */
    void pageEnded(Slot slot, BridgeSession session) {
        if (slot.live == session) {
            slot.live = null;
            tokens.pageDropped(slot.phoneId, policy);
        }
    }
}
