package dev.softphone.avaya;

import dev.softphone.avaya.internal.OneXDriver;
import dev.softphone.avaya.internal.OneXSettings;

import dev.softphone.CallStatus;
import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedCall;
import dev.softphone.spi.PluginConfig;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.Signal;
import dev.softphone.testkit.onex.FakeOneXAgent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("one-X driver: the exact pictures it reports, seen without core")
class OneXDriverPicturesTest {
    private final FakeOneXAgent fake = FakeOneXAgent.start();
    private final AwaitableScheduler scheduler = new AwaitableScheduler();
    private long polls;
    private final Recording context = new Recording(fake.baseUrl());
    private final OneXDriver driver = new OneXDriver(context, OneXSettings.read(context.config()));

    @AfterEach
    void close() {
        driver.close();
        fake.close();
    }

    /** Records what the driver reports, in order, and lets the test wait for it. */
    private final class Recording implements PluginContext {
        final List<Object> reports = new ArrayList<>();
        private final PluginConfig config;

        Recording(String baseUrl) {
            config = new PluginConfig("avaya-onex", Map.of("base-url", baseUrl));
        }

        synchronized <T> List<T> of(Class<T> type) {
            return reports.stream().filter(type::isInstance).map(type::cast).toList();
        }

        synchronized void awaitCount(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reports.size() < count) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("reports so far: %s", reports).isPositive();
                wait(Math.max(1, left / 1_000_000));
            }
        }

        private synchronized void add(Object report) {
            reports.add(report);
            notifyAll();
        }

        @Override
        public String phoneId() {
            return "agent-7";
        }

        @Override
        public PluginConfig config() {
            return config;
        }

        @Override
        public Clock clock() {
            return scheduler.deterministic().clock();
        }

        @Override
        public ScheduledExecutorService scheduler() {
            return scheduler;
        }

        @Override
        public Executor executor() {
            return Runnable::run;
        }

        @Override
        public void observe(Observation observation) {
            add(observation);
        }

        @Override
        public void signal(Signal signal) {
            add(signal);
        }
    }

    private String connectedCall() throws Exception {
        driver.start();
        context.awaitCount(1);
        String id = fake.incomingCall("+321", null, null);
        poll();
        context.awaitCount(2);
        driver.execute(new DriverCommand.Answer(id)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return id;
    }

    /** Waits until the driver scheduled its next poll, then runs it. */
    private void poll() {
        scheduler.awaitScheduled(Duration.ofSeconds(1), ++polls, Duration.ofSeconds(10));
        polls = scheduler.count(Duration.ofSeconds(1));
        scheduler.deterministic().advance(Duration.ofSeconds(1));
    }

    private static LegState leg(ObservedCall call, LegRole role) {
        return call.legs().stream().filter(l -> l.role() == role).findFirst().orElseThrow().state();
    }

    @Test
    @DisplayName("a confirmed blind transfer is two pictures: the target dialled with the agent on, then the agent gone")
    void blindTransferPictures() throws Exception {
        String id = connectedCall();
        DriverCommand add = new DriverCommand.AddParty(id, Destination.phoneNumber("3001"));
        driver.manualInstruction(Capability.BLIND_TRANSFER, add);
        int before = context.of(Observation.class).size();
        driver.confirmManual(add).toCompletableFuture().get();

        List<Observation> after = context.of(Observation.class).subList(before, context.of(Observation.class).size());
        assertThat(after).hasSize(3);
        ObservedCall dialling = after.get(0).calls().get(0);
        assertThat(leg(dialling, LegRole.AGENT)).isEqualTo(LegState.CONNECTED);
        assertThat(leg(dialling, LegRole.CUSTOMER)).isEqualTo(LegState.HELD);
        assertThat(leg(dialling, LegRole.THIRD_PARTY)).isEqualTo(LegState.CONNECTING);
        ObservedCall left = after.get(1).calls().get(0);
        assertThat(left.status()).isEqualTo(CallStatus.ENDED);
        assertThat(leg(left, LegRole.AGENT)).isEqualTo(LegState.DISCONNECTED);
        assertThat(leg(left, LegRole.CUSTOMER)).isEqualTo(LegState.CONNECTED);
        assertThat(leg(left, LegRole.THIRD_PARTY)).isEqualTo(LegState.CONNECTING);
        assertThat(after.get(2).calls()).isEmpty();
    }

    @Test
    @DisplayName("a confirmed consult is one picture; the same command confirmed as consult is never taken for blind")
    void consultPicture() throws Exception {
        String id = connectedCall();
        DriverCommand add = new DriverCommand.AddParty(id, Destination.phoneNumber("3001"));
        driver.manualInstruction(Capability.BLIND_TRANSFER, new DriverCommand.AddParty(id,
                Destination.phoneNumber("3001"))); // equal, but another request
        driver.manualInstruction(Capability.CONSULT_TRANSFER, add);
        driver.confirmManual(add).toCompletableFuture().get();
        ObservedCall call = context.of(Observation.class).get(context.of(Observation.class).size() - 1).calls().get(0);
        assertThat(call.status()).isEqualTo(CallStatus.CONNECTED);
        assertThat(leg(call, LegRole.THIRD_PARTY)).isEqualTo(LegState.CONNECTED);
        assertThat(leg(call, LegRole.CUSTOMER)).isEqualTo(LegState.HELD);
    }

    @Test
    @DisplayName("after a restart: LinkLost, LinkRestored, then one picture with the lost call ended")
    void restartOrder() throws Exception {
        connectedCall();
        int before = context.reports.size();
        fake.restart();
        poll();
        context.awaitCount(before + 4);
        List<Object> after = context.reports.subList(before, before + 4);
        assertThat(after.get(0)).isInstanceOf(Signal.LinkLost.class);
        assertThat(after.get(1)).isInstanceOf(Signal.LinkRestored.class);
        assertThat(((Observation) after.get(2)).calls()).singleElement()
                .extracting(ObservedCall::status).isEqualTo(CallStatus.ENDED);
        assertThat(((Observation) after.get(3)).calls()).isEmpty();
    }
}
