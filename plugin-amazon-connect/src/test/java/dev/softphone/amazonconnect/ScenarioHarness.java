package dev.softphone.amazonconnect;

import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.testkit.DeterministicScheduler;

import java.util.function.Supplier;

/** Phones for the plugin's tests: the Amazon Connect plugin on a private hub, direct executor, test clock. */
final class ScenarioHarness {
    final StreamsBridgeHub hub = new StreamsBridgeHub();
    final DeterministicScheduler scheduler = DeterministicScheduler.create();
    final RecordingBadMessages bad = new RecordingBadMessages();

    /** @return builders of phones on this harness's hub */
    Supplier<PhoneBuilder> phones() {
        return () -> Phone.builder().plugin(new AmazonConnectPlugin(hub, bad)).executor(Runnable::run)
                .scheduler(scheduler).clock(scheduler.clock());
    }

    /** Bad messages reported by the plugin, for assertions. */
    static final class RecordingBadMessages implements BadMessageListener {
        final java.util.List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void badMessage(String phoneId, String problem, String message) {
            problems.add(problem);
        }
    }
}
