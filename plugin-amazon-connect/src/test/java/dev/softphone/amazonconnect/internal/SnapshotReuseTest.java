package dev.softphone.amazonconnect.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("SnapshotReuse: a fresh snapshot keeps the previous one's equal parts, and stays equal to itself")
class SnapshotReuseTest {

    private static StreamsConnection connection(String id, String type, boolean initial, String state) {
        return new StreamsConnection(new String(id), new String(type), initial, new String(state),
                new StreamsEndpoint(new String("arn:" + id), "phone_number", null, new String("+4420" + id), null,
                        null, null), null, false, null);
    }

    private static StreamsSnapshot snapshot(String customerState) {
        StreamsContact contact = new StreamsContact(new String("c-1"), null, new String("voice"),
                new String("connected"), Instant.parse("2025-03-04T10:15:30Z"), new String("Support"),
                new String("inbound"), List.of(connection("k-agent", "agent", false, "connected"),
                connection("k-cust", "inbound", true, customerState),
                connection("k-third", "outbound", false, "connected")));
        return new StreamsSnapshot(new AgentStateRef(null, new String("routable"), new String("Available")), null,
                null, List.of(contact));
    }

    @Test
    @DisplayName("an equal snapshot is replaced by the previous instance")
    void equalIsOld() {
        StreamsSnapshot old = snapshot("connected");
        assertThat(SnapshotReuse.against(old, snapshot("connected"))).isSameAs(old);
        StreamsSnapshot fresh = snapshot("connected");
        assertThat(SnapshotReuse.against(null, fresh)).isSameAs(fresh);
    }

    @Test
    @DisplayName("a changed connection is new; the unchanged connections, endpoints and strings are the old instances")
    void changedKeepsTheRest() {
        StreamsSnapshot old = snapshot("connected");
        StreamsSnapshot fresh = snapshot("hold");
        StreamsSnapshot result = SnapshotReuse.against(old, fresh);

        assertThat(result).isEqualTo(fresh);
        StreamsContact was = old.contacts().get(0);
        StreamsContact now = result.contacts().get(0);
        assertThat(now.connections().get(0)).isSameAs(was.connections().get(0));
        assertThat(now.connections().get(2)).isSameAs(was.connections().get(2));
        assertThat(now.connections().get(1)).isNotSameAs(was.connections().get(1));
        assertThat(now.connections().get(1).endpoint()).isSameAs(was.connections().get(1).endpoint());
        assertThat(now.connections().get(1).connectionId()).isSameAs(was.connections().get(1).connectionId());
        assertThat(now.contactId()).isSameAs(was.contactId());
        assertThat(result.state()).isSameAs(old.state());
    }

    @Test
    @DisplayName("a new contact and a contact's new connection are taken as read")
    void newPartsAsRead() {
        StreamsSnapshot old = new StreamsSnapshot(new AgentStateRef(null, "routable", "Available"), null, null,
                List.of());
        StreamsSnapshot fresh = snapshot("connected");
        StreamsSnapshot result = SnapshotReuse.against(old, fresh);
        assertThat(result).isEqualTo(fresh);
        assertThat(result.contacts().get(0)).isSameAs(fresh.contacts().get(0));
    }
}
