package dev.softphone.amazonconnect;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("BridgePolicy origin rules")
class BridgePolicyTest {

    @Test
    @DisplayName("listed origins match after normalization: case, default ports, trailing slash")
    void listed() {
        BridgePolicy p = BridgePolicy.builder().allowSameOrigin(false).allowOrigin("HTTPS://Agent.Example.com:443/")
                .build();
        assertThat(p.allowedOrigins()).containsExactly("https://agent.example.com");
        assertThat(p.checkOrigin("https://agent.example.com", null)).isEmpty();
        assertThat(p.checkOrigin("https://AGENT.example.com:443", null)).isEmpty();
        assertThat(p.checkOrigin("http://agent.example.com", null)).isPresent();
        assertThat(p.checkOrigin("https://agent.example.com:8443", null)).isPresent();
        assertThat(p.checkOrigin("https://agent.example.com.evil.example", null)).isPresent();
    }

    @Test
    @DisplayName("same origin means the Host header's host and port, default port by scheme")
    void sameOrigin() {
        BridgePolicy p = BridgePolicy.defaults();
        assertThat(p.checkOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isEmpty();
        assertThat(p.checkOrigin("https://desk.example.com", "desk.example.com")).isEmpty();
        assertThat(p.checkOrigin("https://desk.example.com", "desk.example.com:443")).isEmpty();
        assertThat(p.checkOrigin("http://[::1]:9000", "[::1]:9000")).isEmpty();
        assertThat(p.checkOrigin("http://127.0.0.1:8081", "127.0.0.1:8080")).hasValueSatisfying(
                v -> assertThat(v).contains("not allowed"));
        assertThat(p.checkOrigin("https://evil.example", "desk.example.com")).isPresent();
        assertThat(BridgePolicy.builder().allowSameOrigin(false).build()
                .checkOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isPresent();
    }

    @Test
    @DisplayName("missing, opaque and malformed origins are refused with a reason")
    void refused() {
        BridgePolicy p = BridgePolicy.defaults();
        assertThat(p.checkOrigin(null, "h")).hasValueSatisfying(v -> assertThat(v).contains("no Origin header"));
        assertThat(p.checkOrigin("null", "h")).hasValueSatisfying(v -> assertThat(v).contains("not a valid origin"));
        assertThat(p.checkOrigin("file://", "h")).isPresent();
        assertThat(p.checkOrigin("https://a.example/path", "a.example")).isPresent();
        assertThat(BridgePolicy.builder().allowMissingOrigin(true).build().checkOrigin(null, "h")).isEmpty();
    }

    @Test
    @DisplayName("bad settings are refused with the name of the setting")
    void badSettings() {
        assertThatThrownBy(() -> BridgePolicy.builder().allowOrigin("agent.example.com"))
                .hasMessageContaining("scheme://host");
        assertThatThrownBy(() -> BridgePolicy.builder().maxMessageBytes(10)).hasMessageContaining("maxMessageBytes");
        assertThatThrownBy(() -> BridgePolicy.builder().pairingTokenTtl(Duration.ZERO))
                .hasMessageContaining("pairingTokenTtl");
        assertThat(BridgePolicy.builder().maxMessageBytes(4096).build().hardMessageLimitBytes()).isEqualTo(8192);
    }
}
