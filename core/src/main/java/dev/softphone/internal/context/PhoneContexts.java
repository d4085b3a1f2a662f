package dev.softphone.internal.context;

import dev.softphone.CallContext;
import dev.softphone.CallContextConflictException;
import dev.softphone.CallContextStoreException;
import dev.softphone.ContextHandoff;
import dev.softphone.SoftphoneException;
import dev.softphone.spi.CallContextStore;
import dev.softphone.spi.StoredCallContext;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The call contexts of one phone: what the application attached to each call, the store versions this phone last
 * saw, and the hand-off when a transferred call arrives. State changes happen on the phone's lane; store calls run
 * on the context executor and report back to the lane, each bounded by the context timeout, so a slow or dead store
 * never holds the lane.
 *
 * <p>Hand-off rule: the receiving phone loads the context and immediately saves it again under its own name (a
 * take-over that bumps the version). From then on the first agent's phone holds a stale version, so its later edits
 * are refused by the store's optimistic versioning instead of leaking into the receiving agent's context.
 */
public final class PhoneContexts {
    /** Ended calls whose context stays readable; older ones are forgotten. */
    private static final int REMEMBERED_ENDED_CALLS = 256;
    /** How often a take-over retries when the first agent saves between the load and the take-over. */
    private static final int TAKE_OVER_ATTEMPTS = 3;

    private record Local(String correlationId, CallContext context, boolean sealed) {
    }

    private final String phoneId;
    private final CallContextStore store;
    private final Executor io;
    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Executor lane;

    /** Read from any thread, written on the lane. */
    private final Map<String, Local> byCall = new ConcurrentHashMap<>();
    /** Lane only: correlation id to the version this phone last loaded or saved. */
    private final Map<String, Long> versions = new HashMap<>();
    /** Lane only: the last save queued per correlation id, so saves of one key run one after the other. */
    private final Map<String, CompletableFuture<Void>> saving = new HashMap<>();
    /** Lane only: sealed calls, oldest first. */
    private final Deque<String> sealedOrder = new ArrayDeque<>();

    /**
     * @param phoneId   the phone's id, recorded as the saver
     * @param store     the shared store
     * @param io        where blocking store calls run
     * @param scheduler for timeouts
     * @param timeout   how long the phone waits for the store
     * @param lane      the phone's serial lane
     */
    public PhoneContexts(String phoneId, CallContextStore store, Executor io, ScheduledExecutorService scheduler,
                         Duration timeout, Executor lane) {
        this.phoneId = phoneId;
        this.store = store;
        this.io = io;
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.lane = lane;
    }

    /**
     * @param callId a call
     * @return its context on this phone; empty when none was attached or handed off
     */
    public CallContext current(String callId) {
        Local l = callId == null ? null : byCall.get(callId);
        return l == null ? CallContext.empty() : l.context();
    }

    /**
     * Refuses a context the store would not take. Any thread; no I/O.
     *
     * @param context the context
     * @param callId  the call it is for, or null for the active call
     * @throws dev.softphone.InvalidCallContextException when it is too large
     */
    public void checkAttachable(CallContext context, String callId) {
        CallContextJson.checkSize(context, store.maxPayloadBytes(), callId);
    }

    /**
     * @param callId a call
     * @return true once the call was transferred away or ended on this phone
     */
    public boolean isSealed(String callId) {
        Local l = byCall.get(callId);
        return l != null && l.sealed();
    }

    /**
     * Attaches a context to a call and saves it. On the lane.
     *
     * @param callId        the call
     * @param correlationId its correlation id, or empty when the softphone gives none
     * @param context       the context (size already checked)
     * @return completes when the store saved it; exceptionally with a {@link CallContextStoreException}
     */
    public CompletableFuture<Void> attach(String callId, Optional<String> correlationId, CallContext context) {
        byCall.put(callId, new Local(correlationId.orElse(null), context, false));
        if (correlationId.isEmpty()) {
            return CompletableFuture.failedFuture(new CallContextStoreException("the softphone gives no correlation "
                    + "id for call " + callId + " (Avaya: the notification carried no UCID), so its context cannot "
                    + "travel with a transfer; it stays on this phone"));
        }
        String key = correlationId.get();
        CompletableFuture<Void> result = new CompletableFuture<>();
        CompletableFuture<Void> step = new CompletableFuture<>();
        CompletableFuture<Void> previous = saving.getOrDefault(key, CompletableFuture.completedFuture(null));
        saving.put(key, step);
        previous.whenComplete((ignored, failure) -> lane.execute(() -> {
            long expected = versions.getOrDefault(key, 0L);
            CompletableFuture.supplyAsync(() -> store.save(key, context, expected, phoneId), io)
                    .whenComplete((version, err) -> lane.execute(() -> {
                        if (err == null) {
                            versions.put(key, version);
                            result.complete(null);
                        } else {
                            result.completeExceptionally(storeFailure("save the context of call " + callId, err));
                        }
                        step.complete(null);
                        saving.remove(key, step);
                    }));
        }));
        bound(result, () -> new CallContextStoreException("the call context store did not save the context of call "
                + callId + " within " + timeout + "; the save goes on in the background"));
        return result;
    }

    /**
     * Looks up and takes over the context of a call that another agent transferred here. On the lane. The returned
     * stage always completes normally, within the timeout: a store that fails or is too slow gives
     * {@link ContextHandoff.Status#UNAVAILABLE}.
     *
     * @param callId        the arriving call
     * @param correlationId its correlation id, or empty when the softphone gives none
     * @return the hand-off
     */
    public CompletableFuture<ContextHandoff> receive(String callId, Optional<String> correlationId) {
        if (correlationId.isEmpty()) {
            byCall.put(callId, new Local(null, CallContext.empty(), false));
            return CompletableFuture.completedFuture(ContextHandoff.unavailable(null, "the softphone gives no "
                    + "correlation id for this call (Avaya: the notification carried no UCID)"));
        }
        String key = correlationId.get();
        CompletableFuture<ContextHandoff> result = new CompletableFuture<>();
        CompletableFuture.supplyAsync(() -> takeOver(key), io).whenComplete((handoff, err) -> lane.execute(() -> {
            if (result.isDone()) {
                return;
            }
            ContextHandoff h = err == null ? handoff
                    : ContextHandoff.unavailable(key, storeFailure("load the context", err).getMessage());
            byCall.put(callId, new Local(key, h.context(), false));
            if (h.status() == ContextHandoff.Status.AVAILABLE) {
                versions.put(key, h.version());
            } else if (h.status() == ContextHandoff.Status.NONE) {
                versions.put(key, 0L);
            }
            result.complete(h);
        }));
        ScheduledFuture<?> timer = scheduler.schedule(() -> lane.execute(() -> {
            if (!result.isDone()) {
                byCall.put(callId, new Local(key, CallContext.empty(), false));
                result.complete(ContextHandoff.unavailable(key, "the call context store did not answer within "
                        + timeout));
            }
        }), timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((h, e) -> timer.cancel(false));
        return result;
    }

    /**
     * The call was transferred away or ended here: its context can no longer change from this phone. On the lane.
     *
     * @param callId the call
     */
    public void seal(String callId) {
        Local l = byCall.get(callId);
        if (l == null || l.sealed()) {
            return;
        }
        byCall.put(callId, new Local(l.correlationId(), l.context(), true));
        sealedOrder.addLast(callId);
        while (sealedOrder.size() > REMEMBERED_ENDED_CALLS) {
            Local forgotten = byCall.remove(sealedOrder.removeFirst());
            if (forgotten != null && forgotten.correlationId() != null
                    && byCall.values().stream().noneMatch(o -> forgotten.correlationId().equals(o.correlationId()))) {
                versions.remove(forgotten.correlationId());
            }
        }
    }

    /** Runs on the context executor: load, then save under this phone's name, retrying when the sender saved. */
    private ContextHandoff takeOver(String key) {
        for (int attempt = 0; attempt < TAKE_OVER_ATTEMPTS; attempt++) {
            Optional<StoredCallContext> stored = store.load(key);
            if (stored.isEmpty()) {
                return ContextHandoff.none(key);
            }
            StoredCallContext s = stored.get();
            try {
                long version = store.save(key, s.context(), s.version(), phoneId);
                return ContextHandoff.available(key, s.context(), version, s.savedBy());
            } catch (CallContextConflictException changed) {
                // the first agent saved again between load and take-over: take the newer one
            }
        }
        throw new CallContextStoreException("the context under correlation id '" + key + "' kept changing while "
                + "this phone took it over (" + TAKE_OVER_ATTEMPTS + " attempts)");
    }

    private void bound(CompletableFuture<?> result, java.util.function.Supplier<SoftphoneException> onTimeout) {
        ScheduledFuture<?> timer = scheduler.schedule(() -> lane.execute(() -> result.completeExceptionally(
                onTimeout.get())), timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((v, e) -> timer.cancel(false));
    }

    private static SoftphoneException storeFailure(String action, Throwable err) {
        Throwable cause = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        if (cause instanceof SoftphoneException known) {
            return known;
        }
        return new CallContextStoreException("the call context store failed to " + action + ": " + cause, cause);
    }
}
