package dev.softphone.amazonconnect;

import dev.softphone.testkit.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The hub's pairing rules without a socket: an in-process {@link PageLink} stands for the transport. */
@DisplayName("StreamsBridgeHub pairing rules")
class StreamsBridgeHubTest {
    private static final String ORIGIN = "https://agent.example.com";

    private final MutableClock clock = MutableClock.atMondayMorning();
    private final StreamsBridgeHub hub = new StreamsBridgeHub(BridgePolicy.builder().allowOrigin(ORIGIN).build(),
            clock);

    /** A transport link that records what the hub did to it. */
    static final class FakeTransport implements PageLink {
        final List<String> sent = new ArrayList<>();
        PageClose closedWith;
        String closeReason;

        @Override
        public void send(String json) {
            sent.add(json);
        }

        @Override
        public void close(String reason) {
            close(PageClose.NORMAL, reason);
        }

        @Override
        public void close(PageClose code, String reason) {
            closedWith = code;
            closeReason = reason;
        }
    }

    private static PageHandshake handshake(String token) {
        return new PageHandshake(token, ORIGIN, "bridge.example.com", "test");
    }

    @Test
    @DisplayName("tokens are unguessable: 256 random bits, URL-safe, all different")
    void tokensAreRandom() throws Exception {
        try (AutoCloseable r = hub.register("p", new RecordingPageSink())) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                values.add(hub.issuePairingToken("p").value());
            }
            assertThat(values).doesNotHaveDuplicates().allMatch(v -> v.matches("[A-Za-z0-9_-]{43}"));
        }
    }

    @Test
    @DisplayName("a token is issued only for a registered phone, and its toString hides the secret")
    void issueNeedsPhone() throws Exception {
        assertThatThrownBy(() -> hub.issuePairingToken("nobody")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no phone with id 'nobody'");
        try (AutoCloseable r = hub.register("p", new RecordingPageSink())) {
            PairingToken t = hub.issuePairingToken("p");
            assertThat(t.toString()).doesNotContain(t.value()).contains("hidden");
            assertThat(t.firstUseBefore()).isEqualTo(clock.instant().plus(BridgePolicy.DEFAULT_PAIRING_TOKEN_TTL));
        }
    }

    @Test
    @DisplayName("a token pairs only with the phone it was issued for")
    void boundToPhone() throws Exception {
        RecordingPageSink a = new RecordingPageSink();
        RecordingPageSink b = new RecordingPageSink();
        try (AutoCloseable ra = hub.register("a", a); AutoCloseable rb = hub.register("b", b)) {
            BridgeSession s = hub.open(handshake(hub.issuePairingToken("b").value()), new FakeTransport());
            assertThat(s.phoneId()).isEqualTo("b");
            assertThat(a.calls()).isEmpty();
            assertThat(b.calls()).containsExactly("attached");
        }
    }

    @Test
    @DisplayName("a used token still pairs while its page is live (takeover) and within the grace after it dropped")
    void reuseRules() throws Exception {
        RecordingPageSink sink = new RecordingPageSink();
        try (AutoCloseable r = hub.register("p", sink)) {
            String token = hub.issuePairingToken("p").value();
            clock.advance(Duration.ofMinutes(4));
            FakeTransport first = new FakeTransport();
            BridgeSession s1 = hub.open(handshake(token), first);
            clock.advance(Duration.ofHours(3));
            FakeTransport second = new FakeTransport();
            hub.open(handshake(token), second);
            assertThat(first.closedWith).isEqualTo(PageClose.TAKEN_OVER);
            assertThat(s1.isLive()).isFalse();
            s1.receive("{\"type\":\"hello\",\"protocol\":1}");
            assertThat(sink.messages()).as("nothing relayed from a page that was taken over").isEmpty();

            sink.link().close("bye");
            assertThat(second.closedWith).isEqualTo(PageClose.NORMAL);
            clock.advance(BridgePolicy.DEFAULT_RECONNECT_GRACE.minusSeconds(1));
            hub.open(handshake(token), new FakeTransport()).transportClosed("dropped");
            clock.advance(BridgePolicy.DEFAULT_RECONNECT_GRACE);
            assertThatThrownBy(() -> hub.open(handshake(token), new FakeTransport()))
                    .isInstanceOf(BridgeRefusedException.class).hasMessageContaining("reconnect grace")
                    .extracting(e -> ((BridgeRefusedException) e).closeCode()).isEqualTo(PageClose.UNAUTHORIZED);
            assertThat(sink.calls()).filteredOn(c -> c.startsWith("attached")).hasSize(3);
            assertThat(sink.calls()).filteredOn(c -> c.startsWith("detached")).hasSize(3);
        }
    }

    @Test
    @DisplayName("closing the registration revokes the phone's tokens")
    void unregisterRevokes() throws Exception {
        AutoCloseable r = hub.register("p", new RecordingPageSink());
        String token = hub.issuePairingToken("p").value();
        r.close();
        assertThatThrownBy(() -> hub.open(handshake(token), new FakeTransport()))
                .isInstanceOf(BridgeRefusedException.class).hasMessageContaining("unknown pairing token");
        try (AutoCloseable again = hub.register("p", new RecordingPageSink())) {
            assertThatThrownBy(() -> hub.open(handshake(token), new FakeTransport()))
                    .as("a new phone with the same id does not inherit old tokens")
                    .isInstanceOf(BridgeRefusedException.class);
        }
    }

    @Test
    @DisplayName("a driver that throws does not break the relay of later messages")
    void throwingSink() throws Exception {
        List<String> got = new ArrayList<>();
        PageSink flaky = new PageSink() {
            @Override
            public void pageAttached(PageLink link) {
            }

            @Override
            public void pageMessage(String json) {
                got.add(json);
                if (got.size() == 2) {
                    throw new IllegalStateException("driver bug");
                }
            }

            @Override
            public void pageDetached(PageLink link, String reason) {
            }
        };
        try (AutoCloseable r = hub.register("p", flaky)) {
            BridgeSession s = hub.open(handshake(hub.issuePairingToken("p").value()), new FakeTransport());
            s.receive("{\"type\":\"hello\",\"protocol\":1}");
            s.receive("{\"type\":\"agent.update\",\"seq\":1,\"data\":{}}");
            s.receive("{\"type\":\"agent.update\",\"seq\":2,\"data\":{}}");
            assertThat(got).hasSize(3);
            assertThat(s.isLive()).isTrue();
        }
    }

    @Test
    @DisplayName("a registered phone id cannot be registered twice")
    void duplicateRegistration() throws Exception {
        try (AutoCloseable r = hub.register("p", new RecordingPageSink())) {
            assertThatThrownBy(() -> hub.register("p", new RecordingPageSink()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("unique id");
        }
    }
}
