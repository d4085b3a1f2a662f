package dev.softphone.amazonconnect.internal;

import dev.softphone.SoftphoneUnavailableException;
import dev.softphone.VendorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The commands sent to the page that still wait for their {@code result}, by command id. A result completes its
 * command (with the result's {@code data}, or a {@link VendorException} carrying the vendor's error type and
 * message); a lost page fails them all at once; a command the page never answers is failed after the expiry, so
 * nothing piles up. Futures are completed by the caller of {@link #complete} / {@link #failAll}, outside any lock of
 * the driver. Thread-safe.
 */
public final class PendingCommands {

    private record Pending(String op, CompletableFuture<JsonNode> future, ScheduledFuture<?> expiry) {
    }

    private final String phoneId;
    private final ScheduledExecutorService scheduler;
    private final Duration expiry;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private long counter;

    /**
     * @param phoneId   the phone, for ids and messages
     * @param scheduler where expiry timers run
     * @param expiry    how long a command may wait for its result
     */
    public PendingCommands(String phoneId, ScheduledExecutorService scheduler, Duration expiry) {
        this.phoneId = phoneId;
        this.scheduler = scheduler;
        this.expiry = expiry;
    }

    /**
     * Registers a new command.
     *
     * @param op the command's op
     * @return its id and future
     */
    public synchronized Map.Entry<String, CompletableFuture<JsonNode>> open(String op) {
        String id = phoneId + "-" + (++counter);
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        ScheduledFuture<?> timer = scheduler.schedule(() -> expire(id), expiry.toNanos(), TimeUnit.NANOSECONDS);
        pending.put(id, new Pending(op, future, timer));
        return Map.entry(id, future);
    }

    private void expire(String id) {
        Pending p;
        synchronized (this) {
            p = pending.remove(id);
        }
        if (p != null) {
            p.future.completeExceptionally(new SoftphoneUnavailableException("the bridge page did not answer the "
                    + p.op + " command within " + expiry.toSeconds() + " s"));
        }
    }

    /**
     * Completes a command with its result.
     *
     * @param id      the command id
     * @param ok      the result's {@code ok}
     * @param data    the result's {@code data} (may be null)
     * @param errType the vendor's error type when not ok
     * @param errText the vendor's error message when not ok
     * @return false when no command with that id waits (already answered, expired, or unknown)
     */
    public boolean complete(String id, boolean ok, JsonNode data, String errType, String errText) {
        Pending p;
        synchronized (this) {
            p = pending.remove(id);
        }
        if (p == null) {
            return false;
        }
        p.expiry.cancel(false);
        if (ok) {
            p.future.complete(data == null ? NullNode.getInstance() : data);
        } else {
            p.future.completeExceptionally(new VendorException(errType == null ? "UnknownError" : errType,
                    errText == null ? "" : errText));
        }
        return true;
    }

    /**
     * Fails every waiting command.
     *
     * @param why what happened, completing "the bridge page … before answering the X command"
     */
    public void failAll(String why) {
        failAll(p -> new SoftphoneUnavailableException(why + " before answering the " + p.op + " command"));
    }

    /**
     * Fails every waiting command because the phone closed: with {@link dev.softphone.PhoneClosedException}, as the
     * plugin contract (P11) wants for a command in flight at close, whichever of core and the driver fails it first.
     *
     * @param phoneId the closed phone
     */
    public void failAllClosed(String phoneId) {
        failAll(p -> new dev.softphone.PhoneClosedException(phoneId));
    }

    private void failAll(java.util.function.Function<Pending, RuntimeException> failure) {
        List<Pending> all;
        synchronized (this) {
            all = new ArrayList<>(pending.values());
            pending.clear();
        }
        for (Pending p : all) {
            p.expiry.cancel(false);
            p.future.completeExceptionally(failure.apply(p));
        }
    }

    /**
     * Fails one command that could not be sent.
     *
     * @param id    its id
     * @param cause why
     */
    public void fail(String id, Throwable cause) {
        Pending p;
        synchronized (this) {
            p = pending.remove(id);
        }
        if (p != null) {
            p.expiry.cancel(false);
            p.future.completeExceptionally(cause);
        }
    }

    /** @return how many commands wait */
    public synchronized int size() {
        return pending.size();
    }
}
