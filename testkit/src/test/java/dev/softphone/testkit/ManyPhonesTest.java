package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Serial lanes over a shared executor (docs/architecture.md, Threading)")
class ManyPhonesTest {

    @Test
    @DisplayName("10,000 phones in one JVM deliver their events without a thread per phone")
    void tenThousandPhones() throws InterruptedException {
        int phones = 10_000;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        CountDownLatch delivered = new CountDownLatch(phones * 2);
        PhoneListener counter = new PhoneListener() {
            @Override
            public void onEvent(PhoneEvent event) {
                delivered.countDown();
            }
        };
        FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
        List<Phone> built = new ArrayList<>();
        try {
            for (int i = 0; i < phones; i++) {
                built.add(Phone.builder().id("agent-" + i).plugin(plugin).executor(pool).listener(counter).build());
            }
            for (FakeSoftphone softphone : plugin.softphones()) {
                softphone.agentLogsIn(AgentState.READY);
                softphone.incomingCall("+15550100", "Support");
            }
            assertThat(delivered.await(60, TimeUnit.SECONDS)).as("every phone got its two events").isTrue();
            int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
            assertThat(threadsAfter - threadsBefore).as("threads added for 10,000 phones").isLessThan(20);
        } finally {
            built.forEach(Phone::close);
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("one phone's events arrive one at a time and in seq order, whatever thread reports them")
    void serialAndOrdered() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        ExecutorService reporters = Executors.newFixedThreadPool(4);
        AtomicBoolean inside = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        List<Long> seqs = new ArrayList<>();
        FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
        int calls = 400;
        CountDownLatch offered = new CountDownLatch(calls);
        try (Phone phone = Phone.builder().plugin(plugin).executor(pool).listener(new PhoneListener() {
            @Override
            public void onEvent(PhoneEvent event) {
                if (!inside.compareAndSet(false, true)) {
                    overlaps.incrementAndGet();
                }
                seqs.add(event.seq());
                inside.set(false);
                if (event instanceof PhoneEvent.CallOffered) {
                    offered.countDown();
                }
            }
        }).build()) {
            FakeSoftphone softphone = plugin.softphone();
            softphone.agentLogsIn(AgentState.READY);
            for (int i = 0; i < calls; i++) {
                reporters.execute(() -> softphone.incomingCall("+15550100", "Support"));
            }
            assertThat(offered.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(overlaps).hasValue(0);
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(i + 1L);
            }
        } finally {
            pool.shutdownNow();
            reporters.shutdownNow();
        }
    }
}
