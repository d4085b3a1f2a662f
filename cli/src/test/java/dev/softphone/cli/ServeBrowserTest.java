package dev.softphone.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code serve} page in a real browser: headless Chromium (playwright-core from {@code .ci/node_modules}) clicks
 * through an application consult transfer, a pause that the agent changes in the softphone window and a transfer the
 * agent makes by hand, against a live session (embedded bridge server, simulated CCP on a real WebSocket). Skipped only
 * when {@code node} or {@code /usr/bin/chromium} is missing. Leaves a screenshot in {@code target/serve.png}.
 */
@DisplayName("serve: the browser demo in headless Chromium")
class ServeBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ServeSession session;
    private ServeHttp http;
    private Process browser;

    @AfterEach
    void stop() {
        if (browser != null && browser.isAlive()) {
            browser.destroyForcibly();
        }
        if (http != null) {
            http.close();
        }
        if (session != null) {
            session.close();
        }
    }

    @Test
    @DisplayName("a consult transfer, a pause changed to Lunch by hand and a hand-made transfer show in the timeline "
            + "with their origins")
    void clickThrough(@TempDir Path logs) throws Exception {
        Optional<Path> node = onPath("node");
        assumeTrue(node.isPresent(), "skipped: `node` is not installed (run bash .ci/setup)");
        assumeTrue(Files.isExecutable(CHROMIUM), "skipped: " + CHROMIUM + " is missing (run bash .ci/setup)");
        Path playwright = repositoryRoot().resolve(".ci/node_modules/playwright-core");
        assertThat(playwright).as("playwright-core is pinned in .ci/package.json; run bash .ci/setup").isDirectory();

        session = ServeSession.start();
        http = ServeHttp.start(session, "127.0.0.1", 0);
        Path screenshot = Path.of("target/serve.png").toAbsolutePath();
        Path stdout = logs.resolve("stdout.json");
        Path stderr = logs.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(node.get().toString(),
                Path.of("src/test/js/serve-page.cjs").toAbsolutePath().toString(), http.uri().toString(),
                screenshot.toString()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        pb.environment().put("PLAYWRIGHT_CORE", playwright.toString());
        pb.environment().put("CHROMIUM", CHROMIUM.toString());
        browser = pb.start();

        assertThat(browser.waitFor(180, TimeUnit.SECONDS)).as("browser script finished").isTrue();
        assertThat(browser.exitValue()).as(Files.readString(stderr)).isZero();
        JsonNode result = JSON.readTree(Files.readString(stdout));
        assertThat(result.path("problems")).as("no JavaScript errors").isEmpty();

        List<String> timeline = new ArrayList<>();
        long seq = 0;
        for (JsonNode e : result.path("timeline")) {
            assertThat(e.path("seq").asLong()).as("events in order, none twice").isGreaterThan(seq);
            seq = e.path("seq").asLong();
            timeline.add(e.path("by").asString() + " " + e.path("type").asString() + " " + e.path("text").asString());
        }
        assertThat(timeline).containsSubsequence(
                "softphone AgentLoggedIn agent logged in, NOT_READY(Offline)",
                "app AgentStateChanged NOT_READY(Offline) -> READY",
                "softphone CallOffered call contact-1 inbound from +447700900123 (queue Support)",
                "app CallConnected call contact-1 connected",
                "app ConsultStarted call contact-1: consulting quick connect \"Helpdesk\" (PHONE_NUMBER +15550100)",
                "softphone ConsultConnected call contact-1: third party connected",
                "app TransferCompleted call contact-1 transferred to quick connect \"Helpdesk\" (PHONE_NUMBER "
                        + "+15550100), mode CONSULTED",
                "app CallEnded call contact-1 ended by TRANSFER",
                "app AgentStateChanged READY -> NOT_READY(BREAK)",
                "softphone AgentStateChanged NOT_READY(BREAK) -> NOT_READY(Lunch)",
                "app AgentStateChanged NOT_READY(Lunch) -> READY",
                "softphone CallConnected call contact-2 connected",
                "softphone ConsultStarted call contact-2: consulting quick connect \"Helpdesk\" (PHONE_NUMBER "
                        + "+15550100)",
                "softphone TransferCompleted call contact-2 transferred to quick connect \"Helpdesk\" (PHONE_NUMBER "
                        + "+15550100), mode CONSULTED",
                "softphone CallEnded call contact-2 ended by TRANSFER");
        assertThat(result.path("ccpState").asString()).isEqualTo("AfterCallWork");
        assertThat(session.state(0).path("events").size()).as("the page shows every event the phone reported")
                .isEqualTo(timeline.size());
        assertThat(screenshot).isNotEmptyFile();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(java.io.File.pathSeparator)).map(p -> Path.of(p, command))
                .filter(Files::isExecutable).findFirst();
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".ci"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no .ci folder above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
