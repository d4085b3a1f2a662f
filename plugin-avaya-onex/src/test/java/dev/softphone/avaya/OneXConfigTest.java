package dev.softphone.avaya;

import dev.softphone.Phone;
import dev.softphone.PhoneConfigurationException;
import dev.softphone.spi.PluginConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("one-X Agent plugin: configuration is checked before any phone is built")
class OneXConfigTest {
    private final AvayaOneXPlugin plugin = new AvayaOneXPlugin();

    private java.util.List<String> problems(Map<String, String> values) {
        return plugin.validate(new PluginConfig("avaya-onex", values));
    }

    @Test
    @DisplayName("the defaults are valid: base URL http://127.0.0.1:60000, 1 s polling")
    void defaults() {
        assertThat(problems(Map.of())).isEmpty();
        assertThat(plugin.id()).isEqualTo("avaya-onex");
    }

    @Test
    @DisplayName("every problem is reported at once, each naming its key")
    void allProblems() {
        assertThat(problems(Map.of(
                "base-url", "ftp://pc-17",
                "poll-interval", "0s",
                "retry-interval", "soon",
                "request-timeout", "-5s",
                "reason.lunch", "MEAL",
                "initial-state", "busy",
                "work-mode", "auto",
                "dial-prefix", "nine",
                "pol-interval", "1s")))
                .hasSize(9)
                .anySatisfy(p -> assertThat(p).startsWith("avaya-onex.base-url must be an http URL"))
                .anySatisfy(p -> assertThat(p).contains("avaya-onex.poll-interval must be a positive duration"))
                .anySatisfy(p -> assertThat(p).contains("avaya-onex.retry-interval must be a duration"))
                .anySatisfy(p -> assertThat(p).contains("avaya-onex.request-timeout must be a positive"))
                .anySatisfy(p -> assertThat(p).contains("avaya-onex.reason.lunch: an aux reason code is a number"))
                .anySatisfy(p -> assertThat(p).contains("avaya-onex.initial-state must be"))
                .anySatisfy(p -> assertThat(p).contains("avaya-onex.work-mode must be"))
                .anySatisfy(p -> assertThat(p).contains("avaya-onex.dial-prefix must be"))
                .anySatisfy(p -> assertThat(p).contains("avaya-onex.pol-interval is not a setting"));
    }

    @Test
    @DisplayName("a base URL that already contains /onexagent/api is refused, since the plugin appends it")
    void apiPathInBaseUrl() {
        assertThat(problems(Map.of("base-url", "http://127.0.0.1:60000/onexagent/api")))
                .singleElement().asString().contains("must not contain the API path");
    }

    @Test
    @DisplayName("a max retry interval shorter than the first retry interval is refused")
    void retryOrder() {
        assertThat(problems(Map.of("retry-interval", "10s", "max-retry-interval", "5s")))
                .singleElement().asString().contains("must not be shorter than");
    }

    @Test
    @DisplayName("the phone builder refuses a bad configuration with every problem")
    void builderRefuses() {
        assertThatThrownBy(() -> Phone.builder().plugin(plugin).config("avaya-onex.base-url", "not a url")
                .config("avaya-onex.poll-interval", "0ms").build())
                .isInstanceOf(PhoneConfigurationException.class)
                .hasMessageContaining("avaya-onex.base-url").hasMessageContaining("avaya-onex.poll-interval");
    }
}
