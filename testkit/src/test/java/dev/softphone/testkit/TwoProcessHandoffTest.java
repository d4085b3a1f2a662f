package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.CallContext;
import dev.softphone.CallContextStores;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.Phone;
import dev.softphone.spi.CallContextStore;
import dev.softphone.spi.StoredCallContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Agent A's phone in this JVM and agent B's phone in a second JVM ({@link ContextReceiverMain}) share a JDBC store on
 * an H2 database file (automatic server mode, the zero-setup option for several JVMs on one machine).
 */
@DisplayName("Call context travels between two JVMs through the shared JDBC store")
class TwoProcessHandoffTest {
    private final DeterministicScheduler scheduler = DeterministicScheduler.create();
    private Path dir;
    private Phone phoneA;
    private String url;

    @AfterEach
    void cleanUp() throws IOException {
        if (phoneA != null) {
            phoneA.close();
        }
        if (url != null) {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "sa", "")) {
                c.createStatement().execute("SHUTDOWN");
            } catch (java.sql.SQLException e) {
                System.err.println("could not shut the H2 database down: " + e.getMessage());
            }
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    @DisplayName("A saves the context and transfers; B's phone in another JVM gets TransferReceived with it and saves on")
    void handoffAcrossProcesses() throws Exception {
        dir = Files.createTempDirectory("softphone-2jvm-");
        // AUTO_SERVER: the first process opens the file and serves the others over loopback TCP; DB_CLOSE_DELAY=-1
        // keeps it open between the store's short connections instead of reopening the file each time.
        url = "jdbc:h2:file:" + dir.resolve("contexts") + ";AUTO_SERVER=TRUE;DB_CLOSE_DELAY=-1";
        CallContextStore store = CallContextStores.jdbc(url, "sa", "").build();
        FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
        phoneA = Phone.builder().id("agent-a").plugin(plugin).clock(scheduler.clock()).executor(scheduler)
                .scheduler(scheduler).contextStore(store).contextExecutor(Runnable::run).build();
        FakeSoftphone softphoneA = plugin.softphone();
        softphoneA.agentLogsIn(AgentState.READY);
        String call = softphoneA.incomingCall("+441234567", "Support");
        phoneA.answer(call).toCompletableFuture().join();
        CallContext collected = CallContext.empty().with("customerId", "C-1029").with("amount", 42.5)
                .with("tags", List.of("vip")).withScriptPosition("billing/refund/step-3");

        CommandResult result = phoneA.blindTransfer(Destination.quickConnect("Billing QC"), collected)
                .toCompletableFuture().join();
        assertThat(result).isEqualTo(CommandResult.done());

        List<String> output = runSecondJvm(url, call);

        assertThat(output).hasSize(2);
        assertThat(output.get(0)).contains("\"type\":\"TransferReceived\"", "\"fromCallId\":\"" + call + "\"",
                "\"status\":\"AVAILABLE\"", "\"savedBy\":\"agent-a\"", "\"customerId\":\"C-1029\"",
                "\"amount\":42.5", "\"tags\":[\"vip\"]", "\"scriptPosition\":\"billing/refund/step-3\"");
        assertThat(output.get(1)).isEqualTo("saved");
        StoredCallContext stored = store.load(call).orElseThrow();
        assertThat(stored.savedBy()).isEqualTo("agent-b");
        assertThat(stored.context()).isEqualTo(collected.with("handledInSecondJvm", true));
    }

    private static List<String> runSecondJvm(String url, String fromCallId) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classpath,
                "-Dorg.slf4j.simpleLogger.logFile=System.err", ContextReceiverMain.class.getName(), url, fromCallId));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the second JVM did not finish within 90 s");
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("exit code of the second JVM; its output: " + out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
