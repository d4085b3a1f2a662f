package dev.softphone.amazonconnect.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Gives a freshly read snapshot the previous snapshot's instances wherever they are equal: the same contacts,
 * connections, endpoints and strings. Equal values, so nothing observable changes.
 *
 * <p>Why: a phone keeps its last snapshot until the next change, often for seconds, so with many phones each change's
 * new objects outlive a young collection and are copied and promoted by the garbage collector. A hold toggles one
 * connection of three; reusing the rest leaves a few hundred bytes per change instead of a few kilobytes
 * (docs/performance.md, many phones). Stateless.
 */
final class SnapshotReuse {

    private SnapshotReuse() {
    }

    /**
     * @param old   the snapshot the phone has, or null
     * @param fresh the one just read
     * @return {@code fresh}, built from {@code old}'s instances where they are equal ({@code old} itself when all are)
     */
    static StreamsSnapshot against(StreamsSnapshot old, StreamsSnapshot fresh) {
        if (old == null) {
            return fresh;
        }
        if (old.equals(fresh)) {
            return old;
        }
        List<StreamsContact> contacts = new ArrayList<>(fresh.contacts().size());
        for (StreamsContact c : fresh.contacts()) {
            contacts.add(contact(old.contact(c.contactId()), c));
        }
        return new StreamsSnapshot(same(old.state(), fresh.state()), same(old.nextState(), fresh.nextState()),
                same(old.availabilityName(), fresh.availabilityName()), contacts);
    }

    private static StreamsContact contact(StreamsContact old, StreamsContact fresh) {
        if (old == null || old.equals(fresh)) {
            return old == null ? fresh : old;
        }
        List<StreamsConnection> connections = new ArrayList<>(fresh.connections().size());
        for (StreamsConnection c : fresh.connections()) {
            StreamsConnection before = old.connection(c.connectionId());
            connections.add(before == null ? c : connection(before, c));
        }
        return new StreamsContact(same(old.contactId(), fresh.contactId()),
                same(old.initialContactId(), fresh.initialContactId()), same(old.type(), fresh.type()),
                same(old.state(), fresh.state()), same(old.stateTimestamp(), fresh.stateTimestamp()),
                same(old.queueName(), fresh.queueName()), same(old.initiationMethod(), fresh.initiationMethod()),
                connections);
    }

    private static StreamsConnection connection(StreamsConnection old, StreamsConnection fresh) {
        if (old.equals(fresh)) {
            return old;
        }
        return new StreamsConnection(same(old.connectionId(), fresh.connectionId()), same(old.type(), fresh.type()),
                fresh.initial(), same(old.state(), fresh.state()), same(old.endpoint(), fresh.endpoint()),
                same(old.quickConnectName(), fresh.quickConnectName()), fresh.mute(),
                same(old.monitorStatus(), fresh.monitorStatus()));
    }

    private static <T> T same(T old, T fresh) {
        return Objects.equals(old, fresh) ? old : fresh;
    }
}
