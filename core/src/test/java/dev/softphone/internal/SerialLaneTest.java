package dev.softphone.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Serial lanes: one task at a time, in order; an idle lane may run a command on its caller's thread "
        + "(docs/architecture.md, Threading contract)")
class SerialLaneTest {

    /** An executor whose tasks run only when the test says so, so every interleaving is chosen, not hoped for. */
    private static final class StepExecutor implements java.util.concurrent.Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            Runnable t;
            while ((t = tasks.poll()) != null) {
                t.run();
            }
        }
    }

    @Test
    @DisplayName("execute hands tasks to the executor and runs them in submission order; a failing task does not "
            + "stop the lane")
    void executeKeepsOrder() {
        StepExecutor executor = new StepExecutor();
        SerialLane lane = new SerialLane(executor, true);
        List<String> ran = new ArrayList<>();
        lane.execute(() -> ran.add("a"));
        lane.execute(() -> {
            throw new IllegalStateException("boom");
        });
        lane.execute(() -> ran.add("c"));
        assertThat(ran).as("nothing runs before the executor does").isEmpty();
        assertThat(executor.tasks).as("one drain for the whole queue").hasSize(1);
        executor.runAll();
        assertThat(ran).containsExactly("a", "c");
    }

    @Test
    @DisplayName("runIfIdle on an idle lane that lends callers' threads runs the task at once, on the calling thread")
    void idleLaneRunsOnCaller() {
        StepExecutor executor = new StepExecutor();
        SerialLane lane = new SerialLane(executor, true);
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        lane.runIfIdle(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(executor.tasks).as("no hand-off").isEmpty();
    }

    @Test
    @DisplayName("runIfIdle on a lane that does not lend callers' threads (an executor the application chose) queues "
            + "the task for the executor")
    void notLendingQueues() {
        StepExecutor executor = new StepExecutor();
        SerialLane lane = new SerialLane(executor, false);
        List<String> ran = new ArrayList<>();
        lane.runIfIdle(() -> ran.add("a"));
        assertThat(ran).isEmpty();
        executor.runAll();
        assertThat(ran).containsExactly("a");
    }

    @Test
    @DisplayName("runIfIdle behind queued work queues too, so it never overtakes what was submitted before it")
    void busyLaneQueues() {
        StepExecutor executor = new StepExecutor();
        SerialLane lane = new SerialLane(executor, true);
        List<String> ran = new ArrayList<>();
        lane.execute(() -> ran.add("first"));
        lane.runIfIdle(() -> ran.add("second"));
        assertThat(ran).as("the earlier task has not run, so the later one waits").isEmpty();
        executor.runAll();
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    @DisplayName("what execute submits while a caller's thread runs a task queues behind it and goes to the executor, "
            + "and so does everything after it, in order")
    void plainTaskEndsTheLoan() {
        StepExecutor executor = new StepExecutor();
        SerialLane lane = new SerialLane(executor, true);
        List<String> ran = new ArrayList<>();
        lane.runIfIdle(() -> {
            ran.add("borrowed");
            lane.execute(() -> ran.add("queued by the task"));
            lane.runIfIdle(() -> ran.add("asked to run here by the task"));
        });
        assertThat(ran).as("nothing ran nested inside the task, nor after it on the caller's thread")
                .containsExactly("borrowed");
        assertThat(executor.tasks).as("the rest was handed to the executor").hasSize(1);
        executor.runAll();
        assertThat(ran).containsExactly("borrowed", "queued by the task", "asked to run here by the task");
    }

    @Test
    @DisplayName("what runIfIdle queues behind a caller's task (a command's early answer) runs next on the caller's "
            + "thread, never nested, at most LENT_BURST of them; the rest goes to the executor")
    void earlyAnswersJoinTheLoan() {
        StepExecutor executor = new StepExecutor();
        SerialLane lane = new SerialLane(executor, true);
        List<String> ran = new ArrayList<>();
        String caller = Thread.currentThread().getName();
        List<String> threads = new ArrayList<>();
        int queued = SerialLane.LENT_BURST + 2;
        lane.runIfIdle(() -> {
            ran.add("borrowed");
            for (int k = 0; k < queued; k++) {
                int n = k;
                lane.runIfIdle(() -> {
                    ran.add("answer " + n);
                    threads.add(Thread.currentThread().getName());
                });
            }
            ran.add("borrowed done");
        });
        assertThat(ran).hasSize(2 + SerialLane.LENT_BURST).startsWith("borrowed", "borrowed done", "answer 0");
        assertThat(threads).containsOnly(caller);
        assertThat(executor.tasks).as("the rest was handed to the executor").hasSize(1);
        executor.runAll();
        assertThat(ran).hasSize(2 + queued).endsWith("answer " + (queued - 1));
    }

    @Test
    @DisplayName("a task running on one lane never runs another lane's task nested inside itself")
    void noNestingAcrossLanes() {
        StepExecutor executor = new StepExecutor();
        SerialLane a = new SerialLane(executor, true);
        SerialLane b = new SerialLane(executor, true);
        List<String> ran = new ArrayList<>();
        a.execute(() -> {
            b.runIfIdle(() -> ran.add("b"));
            ran.add("a done");
        });
        executor.runAll();
        assertThat(ran).containsExactly("a done", "b");
    }

    @Test
    @DisplayName("a task that throws on the caller's thread is logged; the lane is idle again and the exception does "
            + "not reach the caller")
    void failingBorrowedTask() {
        StepExecutor executor = new StepExecutor();
        SerialLane lane = new SerialLane(executor, true);
        lane.runIfIdle(() -> {
            throw new IllegalStateException("boom");
        });
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        lane.runIfIdle(() -> ranOn.set(Thread.currentThread()));
        assertThat(ranOn.get()).as("the lane was released").isSameAs(Thread.currentThread());
    }

    @Test
    @DisplayName("with a direct executor a task submitted from inside a running task runs after it, never nested")
    void directExecutorDoesNotNest() {
        SerialLane lane = new SerialLane(Runnable::run);
        List<String> ran = new ArrayList<>();
        lane.execute(() -> {
            lane.execute(() -> ran.add("inner"));
            ran.add("outer");
        });
        assertThat(ran).containsExactly("outer", "inner");
    }

    @Test
    @DisplayName("under many submitting threads mixing execute and runIfIdle, tasks never overlap and each thread's "
            + "tasks run in its order")
    void concurrentSubmitters() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        SerialLane lane = new SerialLane(pool, true);
        int threads = 4;
        int perThread = 5_000;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int[] last = new int[threads];
        List<String> outOfOrder = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads * perThread);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            last[id] = -1;
            Thread s = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    int n = i;
                    Runnable task = () -> {
                        if (running.incrementAndGet() != 1) {
                            overlaps.incrementAndGet();
                        }
                        // Only the lane writes last[id], one task at a time; the lane's lock orders the writes.
                        if (last[id] != n - 1) {
                            outOfOrder.add(id + ":" + last[id] + "->" + n);
                        }
                        last[id] = n;
                        running.decrementAndGet();
                        done.countDown();
                    };
                    if (n % 2 == 0) {
                        lane.runIfIdle(task);
                    } else {
                        lane.execute(task);
                    }
                }
            }, "submitter-" + t);
            submitters.add(s);
            s.start();
        }
        start.countDown();
        try {
            assertThat(done.await(60, TimeUnit.SECONDS)).as("every task ran").isTrue();
        } finally {
            for (Thread s : submitters) {
                s.join(10_000);
            }
            pool.shutdownNow();
        }
        assertThat(overlaps.get()).as("tasks running at the same time").isZero();
        assertThat(outOfOrder).as("tasks of one submitter that ran out of its order").isEmpty();
    }
}
