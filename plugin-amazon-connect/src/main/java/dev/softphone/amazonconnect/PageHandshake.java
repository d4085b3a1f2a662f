package dev.softphone.amazonconnect;

/**
 * What a transport learned when a page opened its socket, before any message: the credentials the hub checks.
 *
 * @param token  the pairing token the page presented (query parameter {@code token}), or {@code null}
 * @param origin the {@code Origin} header, or {@code null}
 * @param host   the {@code Host} header, or {@code null}
 * @param remote the peer's address, for logs (may be {@code null})
 */
public record PageHandshake(String token, String origin, String host, String remote) {

    @Override
    public String toString() {
        return "PageHandshake[origin=" + origin + ", host=" + host + ", remote=" + remote + ", token="
                + (token == null ? "(none)" : "(hidden)") + "]";
    }
}
