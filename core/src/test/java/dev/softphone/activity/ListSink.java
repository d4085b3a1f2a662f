package dev.softphone.activity;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** An in-memory sink standing in for a remote endpoint that can be down, up, or reject some records for good. */
final class ListSink implements ActivitySink {
    private final String name;
    private final List<ActivityRecord> received = new ArrayList<>();
    private volatile boolean down;
    private volatile Predicate<ActivityRecord> rejects = r -> false;
    private int calls;

    ListSink(String name) {
        this.name = name;
    }

    void down(boolean value) {
        down = value;
    }

    void rejectWhen(Predicate<ActivityRecord> predicate) {
        rejects = predicate;
    }

    synchronized List<ActivityRecord> received() {
        return List.copyOf(received);
    }

    synchronized int calls() {
        return calls;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized void deliver(List<ActivityRecord> records) throws ActivitySinkException {
        calls++;
        if (down) {
            throw ActivitySinkException.retryable(name + " is down", null);
        }
        for (ActivityRecord r : records) {
            if (rejects.test(r)) {
                throw ActivitySinkException.rejected(name + " refuses " + r.kind());
            }
        }
        received.addAll(records);
    }
}
