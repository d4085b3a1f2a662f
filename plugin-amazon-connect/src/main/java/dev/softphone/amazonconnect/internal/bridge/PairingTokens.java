package dev.softphone.amazonconnect.internal.bridge;

import dev.softphone.amazonconnect.BridgePolicy;
import dev.softphone.amazonconnect.PairingToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pairing tokens a hub issued. Tokens are kept by their SHA-256 digest, so the lookup does not compare secrets
 * byte by byte and a heap dump does not show them. Thread-safe.
 */
public final class PairingTokens {
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> byDigest = new ConcurrentHashMap<>();
    private final Clock clock;

    /** What the hub needs to know about one token. */
    private static final class Entry {
        final String phoneId;
        final Instant firstUseBefore;
        volatile boolean used;
        volatile Instant reconnectBefore;

        Entry(String phoneId, Instant firstUseBefore) {
            this.phoneId = phoneId;
            this.firstUseBefore = firstUseBefore;
        }
    }

    /**
     * The outcome of checking a token.
     *
     * @param phoneId the phone it belongs to, or {@code null} when refused
     * @param refusal why it was refused, or {@code null} when accepted
     */
    public record Check(String phoneId, String refusal) {
        /** @return whether the token was accepted */
        public boolean accepted() {
            return refusal == null;
        }
    }

    /** @param clock the time tokens expire by */
    public PairingTokens(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param phoneId the phone
     * @param policy  the lifetime rules
     * @return a new token for it
     */
    public PairingToken issue(String phoneId, BridgePolicy policy) {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant firstUseBefore = clock.instant().plus(policy.pairingTokenTtl());
        byDigest.put(digest(value), new Entry(phoneId, firstUseBefore));
        purgeExpired();
        return new PairingToken(value, phoneId, firstUseBefore);
    }

    /**
     * Checks a presented token; does not mark it used.
     *
     * @param value        the presented token
     * @param pageAttached whether the token's phone has a live page now (a used token is then good for a takeover)
     * @return the phone or the refusal
     */
    public Check check(String value, java.util.function.Predicate<String> pageAttached) {
        if (value == null || value.isBlank()) {
            return new Check(null, "no pairing token: open the socket with ?token=<the token the application issued>");
        }
        Entry e = byDigest.get(digest(value));
        if (e == null) {
            return new Check(null, "unknown pairing token (revoked, or issued by another server)");
        }
        Instant now = clock.instant();
        if (!e.used) {
            if (!now.isBefore(e.firstUseBefore)) {
                return new Check(null, "pairing token expired unused at " + e.firstUseBefore
                        + "; ask the application for a new one");
            }
            return new Check(e.phoneId, null);
        }
        if (pageAttached.test(e.phoneId)) {
            return new Check(e.phoneId, null);
        }
        Instant limit = e.reconnectBefore;
        if (limit != null && !now.isBefore(limit)) {
            return new Check(null, "pairing token expired: its page was gone longer than the reconnect grace (until "
                    + limit + "); reload the page to get a new token");
        }
        return new Check(e.phoneId, null);
    }

    /**
     * Marks a token used (it now serves reconnects of its phone).
     *
     * @param value the token
     */
    public void markUsed(String value) {
        Entry e = byDigest.get(digest(value));
        if (e != null) {
            e.used = true;
            e.reconnectBefore = null;
        }
    }

    /**
     * Starts the reconnect grace of every used token of a phone whose page just dropped.
     *
     * @param phoneId the phone
     * @param policy  the grace length
     */
    public void pageDropped(String phoneId, BridgePolicy policy) {
        Instant limit = clock.instant().plus(policy.reconnectGrace());
        byDigest.values().forEach(e -> {
            if (e.used && e.phoneId.equals(phoneId)) {
                e.reconnectBefore = limit;
            }
        });
    }

    /**
     * Forgets every token of a phone.
     *
     * @param phoneId the phone
     */
    public void revoke(String phoneId) {
        byDigest.values().removeIf(e -> e.phoneId.equals(phoneId));
    }

    /** @return how many tokens are kept (for tests and metrics) */
    public int size() {
        return byDigest.size();
    }

    private void purgeExpired() {
        Instant now = clock.instant();
        byDigest.values().removeIf(e -> !e.used && !now.isBefore(e.firstUseBefore)
                || e.used && e.reconnectBefore != null && !now.isBefore(e.reconnectBefore));
    }

    private static String digest(String value) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
