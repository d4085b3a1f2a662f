package dev.softphone.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("cli/target/softphone-cli.jar")
class JarContentsProcessTest {
    private static final String SERVICES = "META-INF/services/dev.softphone.spi.SoftphonePlugin";

    @Test
    @DisplayName("registers every plugin module's plugin (and the testkit's fake) for discovery, runnable by java -jar")
    void everyPlugin() throws IOException {
        List<String> expected = new ArrayList<>();
        try (Stream<Path> modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
            for (Path module : modules.filter(m -> m.getFileName().toString().startsWith("plugin-")
                    || m.getFileName().toString().equals("testkit")).toList()) {
                Path services = module.resolve("src/main/resources").resolve(SERVICES);
                if (Files.isRegularFile(services)) {
                    Files.readAllLines(services).stream().map(String::trim)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(expected::add);
                }
            }
        }
        assertThat(expected).as("plugin registrations in the source tree").isNotEmpty();
        try (JarFile jar = new JarFile(JarRun.jar().toFile())) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .isEqualTo(SoftphoneCli.class.getName());
            String merged = new String(jar.getInputStream(jar.getEntry(SERVICES)).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(merged.lines().map(String::trim).toList()).containsAll(expected);
            assertThat(jar.getEntry("dev/softphone/cli/serve/index.html")).isNotNull();
            assertThat(jar.getEntry("META-INF/resources/softphone/streams-bridge.js")).isNotNull();
        }
    }
}
