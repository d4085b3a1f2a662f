package dev.softphone.internal.context;

import dev.softphone.PhoneEvent;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Hands events to listeners in {@code seq} order when some of them are still being completed (a
 * {@code TransferReceived} waiting for its call context). Events queue behind an incomplete one; the lane itself is
 * never held, it keeps processing observations and commands. When nothing is pending, an event is delivered at once,
 * on the calling lane task. Used on the phone's lane only.
 */
public final class OrderedDelivery {
    private final Queue<CompletableFuture<PhoneEvent>> queue = new ArrayDeque<>();
    private final Executor lane;
    private final Consumer<PhoneEvent> deliver;

    /**
     * @param lane    the phone's serial lane
     * @param deliver hands one event to the listeners
     */
    public OrderedDelivery(Executor lane, Consumer<PhoneEvent> deliver) {
        this.lane = lane;
        this.deliver = deliver;
    }

    /**
     * @param event a finished event
     */
    public void add(PhoneEvent event) {
        add(CompletableFuture.completedFuture(event));
    }

    /**
     * @param event an event that completes later (it must complete normally)
     */
    public void add(CompletableFuture<PhoneEvent> event) {
        queue.add(event);
        if (event.isDone()) {
            drain();
        } else {
            event.whenComplete((e, err) -> lane.execute(this::drain));
        }
    }

    /** @return how many events wait for an earlier one */
    public int waiting() {
        return queue.size();
    }

    private void drain() {
        while (!queue.isEmpty() && queue.peek().isDone()) {
            CompletableFuture<PhoneEvent> head = queue.poll();
            if (!head.isCompletedExceptionally()) {
                deliver.accept(head.join());
            }
        }
    }
}
