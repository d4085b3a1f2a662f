package dev.softphone.testkit;

import dev.softphone.Capability;
import dev.softphone.ManualInstruction;
import dev.softphone.VendorException;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.Observation;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.Signal;
import dev.softphone.spi.SoftphoneDriver;
import dev.softphone.spi.SoftphonePlugin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * The fake plugin with one deliberate contract violation, so the kit's own tests can check that the kit catches
 * it. Everything else is the fake's correct behaviour.
 */
final class MisbehavingPlugin extends ForwardingPlugin {

    /** The violations on offer, each named after the rule it breaks. */
    enum Defect {
        /** P12: execute() waits for the vendor's answer. */
        BLOCKS_IN_EXECUTE,
        /** P8: vendor errors lose the vendor's code and message. */
        HIDES_VENDOR_ERRORS,
        /** P4: each observation shows only the newest call. */
        REPORTS_ONLY_NEWEST_CALL,
        /** P3: HOLD is advertised but does nothing. */
        FAKES_HOLD,
        /** P3: a manual instruction with no words. */
        BLANK_MANUAL_TEXT,
        /** P10: link loss is never reported. */
        HIDES_LINK_LOSS,
        /** Fails on a thread of its own once started. */
        THROWS_ON_OWN_THREAD,
        /** A periodic task on the context's scheduler throws (and so stops repeating, silently). */
        THROWS_IN_SCHEDULED_TASK,
        /** P11: a thread that outlives close(). */
        LEAKS_A_THREAD
    }

    private final FakeSoftphonePlugin fake;
    private final Defect defect;

    MisbehavingPlugin(FakeSoftphonePlugin fake, Defect defect) {
        super(fake);
        this.fake = fake;
        this.defect = defect;
    }

    @Override
    public SoftphoneDriver create(PluginContext context) {
        SoftphoneDriver driver = fake.create(new Context(context));
        if (defect == Defect.BLANK_MANUAL_TEXT) {
            fake.softphone().removeCapability(Capability.HOLD);
        }
        return new Driver(driver, context);
    }

    private final class Driver extends ForwardingDriver {
        private Thread leaked;

        private final PluginContext context;

        Driver(SoftphoneDriver delegate, PluginContext context) {
            super(delegate);
            this.context = context;
        }

        @Override
        public void start() {
            delegate.start();
            if (defect == Defect.THROWS_ON_OWN_THREAD) {
                Thread t = new Thread(() -> {
                    throw new IllegalStateException("misbehaving plugin: boom on its own thread");
                }, "misbehaving-plugin-thrower");
                t.start();
                // Joined so the failure has happened, deterministically, before the test goes on.
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (defect == Defect.THROWS_IN_SCHEDULED_TASK) {
                // Runs at once and is waited for, so the failure has happened before the test goes on.
                try {
                    context.scheduler().schedule(() -> {
                        throw new IllegalStateException("misbehaving plugin: poll failed");
                    }, 0, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
                } catch (Exception expected) {
                    // the scheduler keeps the failure in the future, where nobody would look
                }
            } else if (defect == Defect.LEAKS_A_THREAD) {
                leaked = new Thread(() -> {
                    try {
                        new CompletableFuture<Void>().get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        // the leak ends by itself so the test JVM is not held up
                    }
                }, "misbehaving-plugin-leak");
                leaked.setDaemon(true);
                leaked.start();
            }
        }

        @Override
        public CompletionStage<Void> execute(DriverCommand command) {
            if (defect == Defect.FAKES_HOLD && command instanceof DriverCommand.Hold) {
                return CompletableFuture.completedFuture(null);
            }
            CompletionStage<Void> stage = delegate.execute(command);
            if (defect == Defect.BLOCKS_IN_EXECUTE) {
                try {
                    stage.toCompletableFuture().get(3, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // the answer is in the stage either way
                }
            }
            if (defect == Defect.HIDES_VENDOR_ERRORS) {
                return stage.exceptionallyCompose(e -> CompletableFuture.failedFuture(
                        new VendorException("PLUGIN_ERROR", "something went wrong")));
            }
            return stage;
        }

        @Override
        public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
            if (defect == Defect.BLANK_MANUAL_TEXT) {
                return ManualInstruction.of("fake.blank", " ");
            }
            return delegate.manualInstruction(capability, command);
        }

    }

    private final class Context extends ForwardingContext {

        Context(PluginContext delegate) {
            super(delegate);
        }

        @Override
        public void observe(Observation observation) {
            if (defect == Defect.REPORTS_ONLY_NEWEST_CALL && observation.calls().size() > 1) {
                List<dev.softphone.spi.ObservedCall> calls = observation.calls();
                delegate.observe(new Observation(observation.agent(), calls.subList(calls.size() - 1, calls.size())));
                return;
            }
            delegate.observe(observation);
        }

        @Override
        public void signal(Signal signal) {
            if (defect == Defect.HIDES_LINK_LOSS && signal instanceof Signal.LinkLost) {
                return;
            }
            delegate.signal(signal);
        }
    }
}
