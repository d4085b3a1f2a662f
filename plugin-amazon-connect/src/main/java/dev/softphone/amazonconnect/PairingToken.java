package dev.softphone.amazonconnect;

import java.time.Instant;
import java.util.Objects;

/**
 * A secret that pairs one bridge page with one phone. The application gets it from
 * {@link StreamsBridgeHub#issuePairingToken(String)} and writes it into the agent's page, which presents it when it
 * opens the bridge socket. It is good for nothing else: it pairs a page with this phone only, must be used before
 * {@link #firstUseBefore()}, and after its first use keeps accepting reconnects of the same phone while a page is
 * attached and for {@link BridgePolicy#reconnectGrace()} after the last page dropped. {@link #toString()} hides the
 * value so it does not end up in logs.
 *
 * @param value          the secret (URL-safe Base64 of 256 random bits)
 * @param phoneId        the phone it pairs with
 * @param firstUseBefore when it expires if never used
 */
public record PairingToken(String value, String phoneId, Instant firstUseBefore) {

    /**
     * @param value          the secret
     * @param phoneId        the phone it pairs with
     * @param firstUseBefore when it expires if never used
     */
    public PairingToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(phoneId, "phoneId");
        Objects.requireNonNull(firstUseBefore, "firstUseBefore");
    }

    @Override
    public String toString() {
        return "PairingToken[phoneId=" + phoneId + ", firstUseBefore=" + firstUseBefore + ", value=(hidden)]";
    }
}
