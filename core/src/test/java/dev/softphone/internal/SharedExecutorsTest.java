package dev.softphone.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Delayed;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The shared default executors")
class SharedExecutorsTest {

    @Test
    @DisplayName("a command timeout seconds away never becomes the timer's head, so arming it wakes no thread")
    void timeoutsQueueBehindTheAnchor() {
        ScheduledThreadPoolExecutor timer = (ScheduledThreadPoolExecutor) SharedExecutors.scheduler();
        ScheduledFuture<?> timeout = timer.schedule(() -> { }, 10, TimeUnit.SECONDS);
        try {
            Delayed head = (Delayed) timer.getQueue().peek();
            assertThat(head).isNotSameAs(timeout);
            assertThat(((RunnableScheduledFuture<?>) head).isPeriodic()).isTrue();
            assertThat(head.getDelay(TimeUnit.NANOSECONDS)).isLessThanOrEqualTo(SharedExecutors.ANCHOR_PERIOD.toNanos());
        } finally {
            timeout.cancel(false);
        }
        assertThat(timer.getQueue()).doesNotContain((Runnable) timeout); // cancelled timeouts do not pile up
    }

    @Test
    @DisplayName("the threads are daemons with the SDK's names")
    void daemonThreads() throws Exception {
        Thread[] seen = new Thread[2];
        SharedExecutors.scheduler().schedule(() -> seen[0] = Thread.currentThread(), 0, TimeUnit.MILLISECONDS).get();
        java.util.concurrent.CompletableFuture.runAsync(() -> seen[1] = Thread.currentThread(),
                SharedExecutors.executor()).get();
        assertThat(seen[0].isDaemon()).isTrue();
        assertThat(seen[0].getName()).startsWith("softphone-timer-");
        assertThat(seen[1].isDaemon()).isTrue();
        assertThat(seen[1].getName()).startsWith("softphone-worker-");
    }
}
