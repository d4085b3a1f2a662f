package dev.softphone.amazonconnect;

import dev.softphone.SoftphoneUnavailableException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test {@link PageSink} that behaves as the {@link PageSink} contract asks of a driver: it records what the hub
 * calls, sends commands and completes them from {@code result} messages, and fails the commands in flight with
 * {@link SoftphoneUnavailableException} when its page is detached.
 */
final class RecordingPageSink implements PageSink {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Object lock = new Object();
    private final List<String> calls = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final Map<String, CompletableFuture<JsonNode>> inFlight = new HashMap<>();
    private PageLink link;
    private int nextId;

    @Override
    public void pageAttached(PageLink link) {
        synchronized (lock) {
            this.link = link;
            calls.add("attached");
            lock.notifyAll();
        }
    }

    @Override
    public void pageMessage(String json) {
        CompletableFuture<JsonNode> answered = null;
        JsonNode node = JSON.readTree(json);
        synchronized (lock) {
            messages.add(json);
            calls.add("message:" + node.path("type").asString(""));
            if ("result".equals(node.path("type").asString(""))) {
                answered = inFlight.remove(node.path("id").asString(""));
            }
            lock.notifyAll();
        }
        if (answered != null) {
            answered.complete(node);
        }
    }

    @Override
    public void pageDetached(PageLink detached, String reason) {
        List<CompletableFuture<JsonNode>> failed;
        synchronized (lock) {
            calls.add("detached:" + reason);
            if (detached != link) {
                lock.notifyAll();
                return;
            }
            link = null;
            failed = new ArrayList<>(inFlight.values());
            inFlight.clear();
            lock.notifyAll();
        }
        failed.forEach(f -> f.completeExceptionally(new SoftphoneUnavailableException(
                "the bridge page went away before answering: " + reason)));
    }

    /**
     * Sends a command over the current link.
     *
     * @return the future {@code result} message
     */
    CompletableFuture<JsonNode> command(String op, String argsJson) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        PageLink current;
        String id;
        synchronized (lock) {
            current = link;
            if (current == null) {
                future.completeExceptionally(new SoftphoneUnavailableException("no bridge page is attached"));
                return future;
            }
            id = "c" + (++nextId);
            inFlight.put(id, future);
        }
        ObjectNode cmd = JSON.createObjectNode();
        cmd.put("type", "command");
        cmd.put("id", id);
        cmd.put("op", op);
        cmd.set("args", JSON.readTree(argsJson));
        try {
            current.send(cmd.toString());
        } catch (SoftphoneUnavailableException e) {
            synchronized (lock) {
                inFlight.remove(id);
            }
            future.completeExceptionally(e);
        }
        return future;
    }

    PageLink link() {
        synchronized (lock) {
            return link;
        }
    }

    List<String> calls() {
        synchronized (lock) {
            return List.copyOf(calls);
        }
    }

    List<String> messages() {
        synchronized (lock) {
            return List.copyOf(messages);
        }
    }

    List<JsonNode> parsedMessages() {
        return messages().stream().map(JSON::readTree).toList();
    }

    /** Waits until the recorded calls satisfy a condition. */
    void await(Predicate<List<String>> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (!condition.test(calls)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("condition not met within " + timeout + "; calls: " + calls);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    void awaitCount(String prefix, int count, Duration timeout) {
        await(c -> c.stream().filter(s -> s.startsWith(prefix)).count() >= count, timeout);
    }
}
