package dev.softphone;

import dev.softphone.spi.ManualOnlyPlugin;
import dev.softphone.spi.PluginLoader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Plugin discovery (docs/architecture.md, Discovery)")
class PluginDiscoveryTest {

    @Test
    @DisplayName("an explicitly named id wins among several plugins")
    void namedWins() {
        try (Phone phone = Phone.builder()
                .pluginLoader(PluginLoader.of(new ManualOnlyPlugin("alpha"), new ManualOnlyPlugin("beta")))
                .plugin("beta").executor(Runnable::run).build()) {
            assertThat(phone.pluginId()).isEqualTo("beta");
        }
    }

    @Test
    @DisplayName("exactly one plugin found and none named: that one is used")
    void onlyOne() {
        try (Phone phone = Phone.builder().pluginLoader(PluginLoader.of(new ManualOnlyPlugin("alpha")))
                .executor(Runnable::run).build()) {
            assertThat(phone.pluginId()).isEqualTo("alpha");
        }
    }

    @Test
    @DisplayName("several plugins and none named: an error listing the ids")
    void severalNoneNamed() {
        assertThatThrownBy(() -> Phone.builder()
                .pluginLoader(PluginLoader.of(new ManualOnlyPlugin("alpha"), new ManualOnlyPlugin("beta"))).build())
                .isInstanceOf(PluginDiscoveryException.class)
                .hasMessageContaining("several softphone plugins found (alpha, beta)")
                .hasMessageContaining("PhoneBuilder.plugin(\"<id>\")");
    }

    @Test
    @DisplayName("no plugin: an error naming what was searched and how to fix it")
    void none() {
        assertThatThrownBy(() -> Phone.builder().pluginLoader(PluginLoader.of()).build())
                .isInstanceOf(PluginDiscoveryException.class)
                .hasMessageContaining("no softphone plugin found in the plugins given to PluginLoader.of")
                .hasMessageContaining("add a plugin jar");
    }

    @Test
    @DisplayName("the named id missing: an error listing what was found")
    void namedMissing() {
        assertThatThrownBy(() -> Phone.builder().pluginLoader(PluginLoader.of(new ManualOnlyPlugin("alpha")))
                .plugin("amazon-connect").build())
                .isInstanceOf(PluginDiscoveryException.class)
                .hasMessageContaining("no softphone plugin has the id 'amazon-connect'; found alpha")
                .hasMessageContaining("softphone-plugin-amazon-connect");
    }

    @Test
    @DisplayName("two plugins with one id: an error naming both classes")
    void duplicateIds() {
        assertThatThrownBy(() -> Phone.builder()
                .pluginLoader(PluginLoader.of(new ManualOnlyPlugin("alpha"), new ManualOnlyPlugin.Twin("alpha")))
                .build())
                .isInstanceOf(PluginDiscoveryException.class)
                .hasMessageContaining("two plugins have the id 'alpha'")
                .hasMessageContaining(ManualOnlyPlugin.class.getName())
                .hasMessageContaining(ManualOnlyPlugin.Twin.class.getName());
    }

    @Test
    @DisplayName("ServiceLoader: a broken provider is reported and the others still load")
    void brokenProvider(@TempDir Path dir) throws IOException {
        Path services = dir.resolve("META-INF/services");
        Files.createDirectories(services);
        Files.writeString(services.resolve("dev.softphone.spi.SoftphonePlugin"),
                "com.example.DoesNotExist\n" + ManualOnlyPlugin.Default.class.getName() + "\n");
        try (URLClassLoader cl = new URLClassLoader(new URL[]{dir.toUri().toURL()},
                getClass().getClassLoader())) {
            PluginLoader.Result result = PluginLoader.serviceLoader(cl).load();
            assertThat(result.plugins()).extracting(p -> p.id()).contains("manual-default");
            assertThat(result.broken()).anySatisfy(b -> assertThat(b).contains("com.example.DoesNotExist"));
            try (Phone phone = Phone.builder().pluginLoader(PluginLoader.serviceLoader(cl))
                    .plugin("manual-default").executor(Runnable::run).build()) {
                assertThat(phone.pluginId()).isEqualTo("manual-default");
            }
        }
    }

    @Test
    @DisplayName("build() reports every configuration problem at once")
    void allProblemsAtOnce() {
        assertThatThrownBy(() -> Phone.builder().plugin(new ManualOnlyPlugin("alpha"))
                .commandTimeout(java.time.Duration.ZERO)
                .matchingWindow(java.time.Duration.ofSeconds(-1))
                .config("beta.url", "x")
                .config("nodot", "y")
                .build())
                .isInstanceOf(PhoneConfigurationException.class)
                .isNotInstanceOf(PluginDiscoveryException.class)
                .satisfies(e -> assertThat(((PhoneConfigurationException) e).problems()).hasSize(4))
                .hasMessageContaining("commandTimeout must be a positive duration")
                .hasMessageContaining("matchingWindow must be a positive duration")
                .hasMessageContaining("'beta.url' belongs to 'beta'")
                .hasMessageContaining("'nodot' must look like <plugin-id>.<key>");
    }

    @Test
    @DisplayName("a plugin's own validation problems are reported by build()")
    void pluginValidation() {
        assertThatThrownBy(() -> Phone.builder().plugin(new ManualOnlyPlugin("alpha"))
                .config("alpha.required", "").build())
                .isInstanceOf(PhoneConfigurationException.class)
                .hasMessageContaining("alpha.required must not be empty");
    }

    @Test
    @DisplayName("ids are checked: blank, malformed and reserved first-party ids are refused")
    void idRules() {
        assertThatThrownBy(() -> Phone.builder().plugin(new ManualOnlyPlugin(" ")).build())
                .isInstanceOf(PhoneConfigurationException.class).hasMessageContaining("has a blank id");
        assertThatThrownBy(() -> Phone.builder().plugin(new ManualOnlyPlugin("Amazon_Connect")).build())
                .hasMessageContaining("lower-case words joined by dashes");
        assertThatThrownBy(() -> Phone.builder().plugin(new com.example.ThirdPartyPlugin("amazon-connect")).build())
                .hasMessageContaining("claims the reserved id 'amazon-connect'");
    }
}
