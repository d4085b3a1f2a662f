package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.CommandResult;
import dev.softphone.Destination;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneListener;
import dev.softphone.internal.SharedExecutors;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.PluginContext;
import dev.softphone.spi.SoftphoneDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Where phone work runs (docs/architecture.md, Threading contract)")
class PhoneThreadingTest {
    private final FakeSoftphonePlugin fake = new FakeSoftphonePlugin();
    private final AnswerLater plugin = new AnswerLater(fake);
    private final List<String> listenerThreads = new CopyOnWriteArrayList<>();
    private final List<PhoneEvent> events = new CopyOnWriteArrayList<>();
    private ExecutorService applicationPool;
    private Phone phone;

    @AfterEach
    void close() {
        if (phone != null) {
            phone.close();
        }
        if (applicationPool != null) {
            applicationPool.shutdownNow();
        }
    }

    /**
     * Wraps the fake softphone: records the thread each command is sent on, and holds back the vendor's answer until
     * the test gives it on a thread of its choosing.
     */
    private static final class AnswerLater extends ForwardingPlugin {
        final AtomicReference<String> sentOn = new AtomicReference<>();
        /** Completed with the command's answer-to-be once the command reached the driver. */
        final CompletableFuture<CompletableFuture<Void>> answer = new CompletableFuture<>();
        /** When set, commands are acknowledged inside {@code execute}, before it returns, and not carried out. */
        volatile boolean answerAtOnce;

        AnswerLater(FakeSoftphonePlugin fake) {
            super(fake);
        }

        @Override
        public SoftphoneDriver create(PluginContext context) {
            return new ForwardingDriver(delegate.create(context)) {
                @Override
                public CompletionStage<Void> execute(DriverCommand command) {
                    sentOn.set(Thread.currentThread().getName());
                    if (answerAtOnce) {
                        // acknowledged before execute returns, and not carried out: no observation queues between
                        return CompletableFuture.completedFuture(null);
                    }
                    delegate.execute(command); // the fake carries it out (and reports it) at once
                    CompletableFuture<Void> later = new CompletableFuture<>();
                    answer.complete(later);
                    return later;
                }
            };
        }
    }

    private Phone build(PhoneBuilder builder) {
        phone = builder.id("agent-1").plugin(plugin).listener(new PhoneListener() {
            @Override
            public void onEvent(PhoneEvent event) {
                listenerThreads.add(Thread.currentThread().getName());
                events.add(event);
            }
        }).build();
        return phone;
    }

    /** Builds the phone, logs the agent in on the fake softphone, and waits until the phone is idle again. */
    private void loggedInAndIdle(PhoneBuilder builder) {
        build(builder);
        fake.softphone().agentLogsIn(AgentState.READY);
        sdkPoolQuiet();
    }

    /**
     * Waits until the SDK's pool has no work left, so the phone's lane is idle: a condition, not a guess. (Not
     * {@code awaitQuiescence}, which runs the pool's tasks on the waiting thread.)
     */
    private static void sdkPoolQuiet() {
        ForkJoinPool pool = (ForkJoinPool) SharedExecutors.executor();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!pool.isQuiescent() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(100));
        }
        assertThat(pool.isQuiescent()).as("the SDK's pool went quiet").isTrue();
    }

    /** Runs the action on a new thread with that name and waits for it. */
    private static void onThread(String name, Runnable action) throws InterruptedException {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, name);
        t.start();
        t.join(30_000);
        assertThat(t.isAlive()).as(name + " finished").isFalse();
        assertThat(failed.get()).as("failure on " + name).isNull();
    }

    @Test
    @DisplayName("T1: with the SDK's pool, an idle phone plans a plain command on the caller's thread and completes it "
            + "on the thread the vendor's answer came on; listeners still run on the pool")
    void plainCommandBorrowsCallerAndAnswerThreads() throws Exception {
        loggedInAndIdle(Phone.builder());

        Issued issued = issue("application-thread", () -> phone.dial(Destination.phoneNumber("+15550100")));
        assertThat(plugin.sentOn.get()).as("the thread the command was planned and sent on")
                .isEqualTo("application-thread");

        sdkPoolQuiet(); // the call the fake reported reaches the listeners; the phone is idle again
        onThread("vendor-answer-thread", () -> answer().complete(null));
        assertThat(issued.stage.get().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(CommandResult.done());
        assertThat(issued.completedOn.get()).as("the thread the stage completed on").isEqualTo("vendor-answer-thread");

        sdkPoolQuiet();
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("AgentLoggedIn", "CallOffered");
        assertThat(listenerThreads).as("threads listeners ran on").allMatch(n -> n.startsWith("softphone-worker-"));
    }

    @Test
    @DisplayName("T2: with the SDK's pool, a state change (whose answer may publish events) is planned and completed "
            + "on the pool")
    void stateChangeStaysOnThePool() throws Exception {
        loggedInAndIdle(Phone.builder());

        Issued issued = issue("application-thread", () -> phone.pause(PauseReason.MEAL));
        sdkPoolQuiet();
        assertThat(plugin.sentOn.get()).startsWith("softphone-worker-");

        onThread("vendor-answer-thread", () -> answer().complete(null));
        assertThat(issued.stage.get().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(CommandResult.done());
        assertThat(issued.completedOn.get()).startsWith("softphone-worker-");
        sdkPoolQuiet();
        assertThat(listenerThreads).allMatch(n -> n.startsWith("softphone-worker-"));
    }

    @Test
    @DisplayName("T3: with an executor the application chose, commands are planned and completed on it, never on the "
            + "caller's or the answer's thread")
    void applicationExecutorGetsEverything() throws Exception {
        AtomicInteger n = new AtomicInteger();
        applicationPool = Executors.newFixedThreadPool(2, r -> new Thread(r, "app-pool-" + n.incrementAndGet()));
        build(Phone.builder().executor(applicationPool));
        fake.softphone().agentLogsIn(AgentState.READY);

        Issued issued = issue("application-thread", () -> phone.dial(Destination.phoneNumber("+15550100")));
        CompletableFuture<Void> answer = answer();
        assertThat(plugin.sentOn.get()).startsWith("app-pool-");

        onThread("vendor-answer-thread", () -> answer.complete(null));
        assertThat(issued.stage.get().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(CommandResult.done());
        assertThat(issued.completedOn.get()).startsWith("app-pool-");
        assertThat(listenerThreads).allMatch(t -> t.startsWith("app-pool-"));
    }

    @Test
    @DisplayName("T4: with the SDK's pool, an answer that arrives before the caller's lent task ends is completed by "
            + "the caller before the verb returns; while a listener holds the lane, the answer waits for it")
    void answerJoinsTheLentThreadButNeverPassesTheLane() throws Exception {
        CountDownLatch listenerIn = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loggedInAndIdle(Phone.builder().listener(new PhoneListener() {
            @Override
            public void onEvent(PhoneEvent event) {
                if (event instanceof PhoneEvent.CallOffered) {
                    listenerIn.countDown();
                    awaitQuietly(release); // holds the phone's lane busy
                }
            }
        }));

        Issued dial = issue("application-thread", () -> phone.dial(Destination.phoneNumber("+15550100")));
        CompletableFuture<Void> answer = answer();
        assertThat(listenerIn.await(30, TimeUnit.SECONDS)).as("a listener holds the lane").isTrue();
        try {
            onThread("vendor-answer-thread", () -> answer.complete(null));
            assertThat(dial.stage.get().toCompletableFuture()).as("not completed beside a running listener")
                    .isNotDone();
        } finally {
            release.countDown();
        }
        assertThat(dial.stage.get().toCompletableFuture().get(30, TimeUnit.SECONDS)).isEqualTo(CommandResult.done());
        assertThat(dial.completedOn.get()).startsWith("softphone-worker-");

        sdkPoolQuiet();
        plugin.answerAtOnce = true; // the vendor's answer arrives inside the driver's execute, on the caller's thread
        Issued hangup = issue("application-thread-2", phone::hangup);
        assertThat(hangup.stage.get().toCompletableFuture()).as("complete when hangup() returned")
                .isCompletedWithValue(CommandResult.done());
        assertThat(hangup.completedOn.get()).isEqualTo("application-thread-2");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A verb called on a thread of its own: its stage, and the thread that stage completed on. */
    private static final class Issued {
        final AtomicReference<CompletionStage<CommandResult>> stage = new AtomicReference<>();
        final AtomicReference<String> completedOn = new AtomicReference<>();
    }

    /** Calls the verb on a new thread with that name, and waits for the call (not for the stage) to return. */
    private static Issued issue(String threadName, Supplier<CompletionStage<CommandResult>> verb)
            throws InterruptedException {
        Issued issued = new Issued();
        onThread(threadName, () -> issued.stage.set(verb.get()
                .whenComplete((r, e) -> issued.completedOn.set(Thread.currentThread().getName()))));
        return issued;
    }

    /** @return the answer the driver holds back, once the command reached it */
    private CompletableFuture<Void> answer() {
        return plugin.answer.orTimeout(30, TimeUnit.SECONDS).join();
    }
}
