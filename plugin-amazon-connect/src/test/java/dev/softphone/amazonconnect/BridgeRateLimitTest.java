package dev.softphone.amazonconnect;

import dev.softphone.testkit.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Bridge message rate limit: a flooding page is closed, the others keep relaying")
class BridgeRateLimitTest {
    private static final String ORIGIN = "https://agent.example.com";
    private final MutableClock clock = MutableClock.atMondayMorning();
    private final StreamsBridgeHub hub = new StreamsBridgeHub(BridgePolicy.builder().allowOrigin(ORIGIN)
            .messageRate(10, 20).build(), clock);

    /** A sink that counts what the driver got. */
    static final class CountingSink implements PageSink {
        final List<String> got = new ArrayList<>();

        @Override
        public void pageAttached(PageLink link) {
        }

        @Override
        public void pageMessage(String json) {
            got.add(json);
        }

        @Override
        public void pageDetached(PageLink link, String reason) {
        }
    }

    private BridgeSession open(String phone, StreamsBridgeHubTest.FakeTransport transport)
            throws BridgeRefusedException {
        return hub.open(new PageHandshake(hub.issuePairingToken(phone).value(), ORIGIN, "bridge.example.com", "t"),
                transport);
    }

    @Test
    @DisplayName("S5: a page above its burst is closed with 4429; a well-behaved page of another phone is untouched")
    void floodingPageIsClosed() throws Exception {
        CountingSink floodSink = new CountingSink();
        CountingSink calmSink = new CountingSink();
        try (AutoCloseable a = hub.register("flood", floodSink); AutoCloseable b = hub.register("calm", calmSink)) {
            StreamsBridgeHubTest.FakeTransport floodLink = new StreamsBridgeHubTest.FakeTransport();
            StreamsBridgeHubTest.FakeTransport calmLink = new StreamsBridgeHubTest.FakeTransport();
            BridgeSession flood = open("flood", floodLink);
            BridgeSession calm = open("calm", calmLink);
            flood.receive("{\"type\":\"hello\",\"protocol\":1}");
            calm.receive("{\"type\":\"hello\",\"protocol\":1}");
            for (int i = 1; i <= 1_000; i++) {
                flood.receive("{\"type\":\"agent.update\",\"seq\":" + i + ",\"data\":{}}");
            }
            for (int second = 0; second < 30; second++) {
                for (int i = 0; i < 10; i++) {
                    calm.receive("{\"type\":\"agent.update\",\"seq\":" + (second * 10 + i + 1) + ",\"data\":{}}");
                }
                clock.advance(Duration.ofSeconds(1));
            }
            assertThat(floodLink.closedWith).isEqualTo(PageClose.TOO_MANY_MESSAGES);
            assertThat(floodLink.closeReason).contains("10 messages per second");
            assertThat(flood.isLive()).isFalse();
            assertThat(floodSink.got).hasSize(20); // hello + 19 updates: the burst, then nothing
            assertThat(calm.isLive()).isTrue();
            assertThat(calmLink.closedWith).isNull();
            assertThat(calmSink.got).hasSize(301);
        }
    }

    @Test
    @DisplayName("S5: the rate is validated when the policy is built")
    void validated() {
        assertThatThrownBy(() -> BridgePolicy.builder().messageRate(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("perSecond > 0");
    }
}
