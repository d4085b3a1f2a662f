package dev.softphone.testkit;

import dev.softphone.spi.SoftphonePlugin;
import dev.softphone.testkit.MisbehavingPlugin.Defect;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kit's own specification: run against the fake plugin with one deliberate contract violation, the test named
 * after the broken rule fails and says which rule; and tests the plugin cannot take part in are reported skipped,
 * never passed.
 */
@DisplayName("The compatibility kit")
class SoftphonePluginCompatibilityKitTest {

    @Test
    @DisplayName("reports every verb the fake advertises as skipped in the manual-answer test, with the reason")
    void skipsWhatThePluginDoesNotClaim() {
        List<Outcome> outcomes = run(DiscoverySelectors.selectNestedClass(
                List.of(FakeSoftphonePluginCompatibilityTest.class),
                SoftphonePluginCompatibilityKit.HonestCapabilities.class));
        List<Outcome> manual = outcomes.stream().filter(o -> o.name().matches("[A-Z_]+")).toList();
        assertThat(manual).hasSize(16).allSatisfy(o -> {
            assertThat(o.status()).isEqualTo("SKIPPED");
            assertThat(o.message()).contains("the plugin advertises");
        });
        assertThat(outcomes).filteredOn(o -> !o.name().matches("[A-Z_]+")).extracting(Outcome::status)
                .containsOnly("SUCCESSFUL");
    }

    @Test
    @DisplayName("skips a test whose vendor action the simulator does not list")
    void skipsWhatTheSimulatorCannotDo() {
        Outcome o = single(FakeSoftphonePluginCompatibilityTest.class,
                SoftphonePluginCompatibilityKit.Resilience.class, "unknownDataIsTolerated");
        assertThat(o.status()).isEqualTo("SKIPPED");
        assertThat(o.message()).contains("VendorAction.UNKNOWN_DATA");
    }

    @Test
    @DisplayName("P12 fails for a plugin whose execute() waits for the vendor")
    void catchesBlockingExecute() {
        assertFailsWith(BlocksInExecute.class, SoftphonePluginCompatibilityKit.Lifecycle.class,
                "executeReturnsBeforeTheVendorAnswers", "P12");
    }

    @Test
    @DisplayName("P8 fails for a plugin that replaces the vendor's error with its own")
    void catchesHiddenVendorErrors() {
        assertFailsWith(HidesVendorErrors.class, SoftphonePluginCompatibilityKit.CommandAnswers.class,
                "refusalCarriesTheVendorsWords", "P8");
    }

    @Test
    @DisplayName("P4 fails for a plugin that reports only the call that changed")
    void catchesPartialPictures() {
        assertFailsWith(ReportsOnlyNewestCall.class, SoftphonePluginCompatibilityKit.FullPictures.class,
                "secondCallKeepsTheFirst", "P4");
    }

    @Test
    @DisplayName("P3 fails for a plugin that advertises hold but does not hold")
    void catchesFakedCapability() {
        assertFailsWith(FakesHold.class, SoftphonePluginCompatibilityKit.AdvertisedVerbs.class, "holdAndResume",
                "customer on hold");
    }

    @Test
    @DisplayName("P3 fails for a plugin whose manual instruction has no words")
    void catchesBlankManualText() {
        List<Outcome> outcomes = run(DiscoverySelectors.selectNestedMethod(List.of(BlankManualText.class),
                SoftphonePluginCompatibilityKit.HonestCapabilities.class, "notAdvertisedAnswersManual",
                "dev.softphone.Capability"));
        assertThat(outcomes).filteredOn(o -> o.status().equals("FAILED")).singleElement()
                .satisfies(o -> assertThat(o.name()).isEqualTo("HOLD"))
                .satisfies(o -> assertThat(o.message()).contains("P3: manual text for HOLD"));
    }

    @Test
    @DisplayName("P10 fails for a plugin that never reports link loss")
    void catchesHiddenLinkLoss() {
        assertFailsWith(HidesLinkLoss.class, SoftphonePluginCompatibilityKit.Resilience.class, "linkLossIsReported",
                "SoftphoneUnavailable");
    }

    @Test
    @DisplayName("fails a test when the plugin throws on a thread of its own")
    void catchesFailuresOnPluginThreads() {
        assertFailsWith(ThrowsOnOwnThread.class, SoftphonePluginCompatibilityKit.HonestCapabilities.class,
                "canAgreesWithCapabilities", "boom on its own thread");
    }

    @Test
    @DisplayName("fails a test when a task the plugin runs on the context's scheduler throws")
    void catchesFailuresInScheduledTasks() {
        assertFailsWith(ThrowsInScheduledTask.class, SoftphonePluginCompatibilityKit.HonestCapabilities.class,
                "canAgreesWithCapabilities", "poll failed");
    }

    @Test
    @DisplayName("P11 fails for a plugin that leaves a thread running after close")
    void catchesLeakedThreads() {
        assertFailsWith(LeaksAThread.class, SoftphonePluginCompatibilityKit.Lifecycle.class, "closeStopsThreads",
                "misbehaving-plugin-leak");
    }

    // ----- machinery -----

    private static void assertFailsWith(Class<?> kit, Class<?> nested, String method, String messagePart) {
        Outcome o = single(kit, nested, method);
        assertThat(o.status()).as("outcome of %s against %s", method, kit.getSimpleName()).isEqualTo("FAILED");
        assertThat(o.message()).as("failure message of %s", method).contains(messagePart);
    }

    private static Outcome single(Class<?> kit, Class<?> nested, String method) {
        List<Outcome> outcomes = run(DiscoverySelectors.selectNestedMethod(List.of(kit), nested, method));
        assertThat(outcomes).as("tests run for %s", method).hasSize(1);
        return outcomes.get(0);
    }

    private static List<Outcome> run(DiscoverySelector selector) {
        List<Outcome> outcomes = new ArrayList<>();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selector).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionSkipped(TestIdentifier test, String reason) {
                        if (test.isTest()) {
                            outcomes.add(new Outcome(test.getDisplayName(), "SKIPPED", reason));
                        }
                    }

                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (test.isTest()) {
                            String status = result.getStatus() == TestExecutionResult.Status.ABORTED ? "SKIPPED"
                                    : result.getStatus().name();
                            outcomes.add(new Outcome(test.getDisplayName(), status,
                                    result.getThrowable().map(Throwable::toString).orElse("")));
                        }
                    }
                });
        return outcomes;
    }

    /** How one test of the kit ended. */
    private record Outcome(String name, String status, String message) {
    }

    /** The kit against the fake plugin with one defect, waiting at most a second for anything. */
    abstract static class BrokenFake extends SoftphonePluginCompatibilityKit {
        private final FakeSoftphonePlugin fake = new FakeSoftphonePlugin();

        abstract Defect defect();

        @Override
        protected SoftphonePlugin plugin() {
            return new MisbehavingPlugin(fake, defect());
        }

        @Override
        protected VendorSimulator startVendor() {
            return new FakeSoftphonePluginCompatibilityTest.FakeVendor(fake);
        }

        @Override
        protected Duration timeout() {
            return Duration.ofSeconds(1);
        }
    }

    static class BlocksInExecute extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.BLOCKS_IN_EXECUTE;
        }
    }

    static class HidesVendorErrors extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.HIDES_VENDOR_ERRORS;
        }
    }

    static class ReportsOnlyNewestCall extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.REPORTS_ONLY_NEWEST_CALL;
        }
    }

    static class FakesHold extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.FAKES_HOLD;
        }
    }

    static class BlankManualText extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.BLANK_MANUAL_TEXT;
        }
    }

    static class HidesLinkLoss extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.HIDES_LINK_LOSS;
        }
    }

    static class ThrowsOnOwnThread extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.THROWS_ON_OWN_THREAD;
        }
    }

    static class ThrowsInScheduledTask extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.THROWS_IN_SCHEDULED_TASK;
        }
    }

    static class LeaksAThread extends BrokenFake {
        @Override
        Defect defect() {
            return Defect.LEAKS_A_THREAD;
        }
    }
}
