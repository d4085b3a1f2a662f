package dev.softphone.amazonconnect.internal;

import dev.softphone.CallStatus;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.spi.ObservedCall;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps the voice and queue-callback contacts of a Streams snapshot to {@link ObservedCall}s; chat, task and email
 * contacts are not calls and are left out. Remembers, per contact, whether the agent was ever connected (a contact
 * that ends in {@code missed}/{@code error} after being connected ended; before, it was missed) and the order in
 * which contacts appeared (calls keep a stable, oldest-first order). Used by one phone, on the driver's lock.
 */
public final class CallMapper {
    private static final Set<String> NOT_CALLS = Set.of("chat", "task", "email");
    private static final Set<String> TRANSFER_METHODS = Set.of("transfer", "queue_transfer");

    private final UnknownValues unknown;
    private final Set<String> everConnected = new HashSet<>();
    private final Map<String, CallStatus> lastStatus = new HashMap<>();
    private final LinkedHashSet<String> order = new LinkedHashSet<>();

    /**
     * @param unknown where unknown values are reported
     */
    public CallMapper(UnknownValues unknown) {
        this.unknown = unknown;
    }

    /**
     * @param snapshot the snapshot
     * @return its calls, oldest first
     */
    public List<ObservedCall> map(StreamsSnapshot snapshot) {
        Map<String, ObservedCall> byId = new HashMap<>();
        List<StreamsContact> fresh = new ArrayList<>();
        for (StreamsContact contact : snapshot.contacts()) {
            if (!contact.isVoice()) {
                if (!NOT_CALLS.contains(contact.type())) {
                    unknown.report("contact type", contact.type(), "not a call (left out)");
                }
                continue;
            }
            if (isOwnMonitoringContact(contact)) {
                // A supervisor's own monitoring session: no customer call of this agent.
                continue;
            }
            byId.put(contact.contactId(), call(contact));
            if (!order.contains(contact.contactId())) {
                fresh.add(contact);
            }
        }
        // Contacts that appear in the same snapshot are ordered by when they entered their state.
        fresh.sort(Comparator.comparing(StreamsContact::stateTimestamp,
                Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
        fresh.forEach(c -> order.add(c.contactId()));
        order.retainAll(byId.keySet());
        everConnected.retainAll(byId.keySet());
        lastStatus.keySet().retainAll(byId.keySet());
        List<ObservedCall> calls = new ArrayList<>(byId.size());
        for (String id : order) {
            calls.add(byId.get(id));
        }
        return calls;
    }

    private static boolean isOwnMonitoringContact(StreamsContact contact) {
        return contact.agentConnection() == null && !contact.connections().isEmpty()
                && contact.connections().stream().allMatch(c -> "monitoring".equals(c.type()));
    }

    private ObservedCall call(StreamsContact contact) {
        CallStatus status = status(contact);
        if (lastStatus.get(contact.contactId()) != status) {
            lastStatus.put(contact.contactId(), status); // only on a change: a store into long-lived state costs
        }
        StreamsConnection initial = contact.initialConnection();
        String remote = null;
        if (initial != null && initial.endpoint() != null && !initial.endpoint().isInternalTransfer()) {
            remote = initial.endpoint().strippedNumber();
        }
        List<Leg> legs = new ArrayList<>(contact.connections().size());
        for (StreamsConnection c : contact.connections()) {
            legs.add(leg(c));
        }
        return new ObservedCall(contact.contactId(), contact.initialContactId(), direction(contact, initial), status,
                remote, contact.queueName(), transferredFrom(contact), legs);
    }

    private CallStatus status(StreamsContact contact) {
        String id = contact.contactId();
        switch (contact.state()) {
            case "init", "incoming", "pending", "connecting":
                return CallStatus.RINGING;
            case "connected", "paused":
                // checked first: add() writes into the set's entry even when the id is there, and every store into
                // this long-lived state costs the collector (docs/performance.md, many phones)
                if (!everConnected.contains(id)) {
                    everConnected.add(id);
                }
                return CallStatus.CONNECTED;
            case "ended":
                // After-call work: the agent's part is over.
                return CallStatus.ENDED;
            case "missed", "rejected", "error":
                return everConnected.contains(id) ? CallStatus.ENDED : CallStatus.MISSED;
            default:
                CallStatus keep = lastStatus.getOrDefault(id, CallStatus.RINGING);
                unknown.report("contact state", contact.state(), "the call's last known status");
                return keep;
        }
    }

    private Direction direction(StreamsContact contact, StreamsConnection initial) {
        if (initial != null) {
            if ("inbound".equals(initial.type())) {
                return Direction.INBOUND;
            }
            if ("outbound".equals(initial.type())) {
                return Direction.OUTBOUND;
            }
            unknown.report("connection type", initial.type(), "a customer leg (direction from the initiation method)");
        }
        String method = contact.initiationMethod();
        return "outbound".equals(method) || "callback".equals(method) || "api".equals(method)
                || "external_outbound".equals(method) ? Direction.OUTBOUND : Direction.INBOUND;
    }

    private static String transferredFrom(StreamsContact contact) {
        String initialId = contact.initialContactId();
        if (initialId == null || initialId.equals(contact.contactId())) {
            return null;
        }
        String method = contact.initiationMethod();
        if (method != null) {
            return TRANSFER_METHODS.contains(method) ? initialId : null;
        }
        // Older data has no initiation method: a voice contact that belongs to another chain came by transfer.
        return "voice".equals(contact.type()) ? initialId : null;
    }

    private Leg leg(StreamsConnection c) {
        LegRole role;
        Target endpoint;
        if (c.isAgent()) {
            role = LegRole.AGENT;
            endpoint = null;
        } else if (c.isMonitoring()) {
            role = LegRole.MONITOR;
            endpoint = null;
        } else if (c.initial()) {
            role = LegRole.CUSTOMER;
            endpoint = customerTarget(c.endpoint());
        } else {
            role = LegRole.THIRD_PARTY;
            endpoint = thirdPartyTarget(c);
        }
        return new Leg(c.connectionId(), role, legState(c.state()), endpoint, c.mute());
    }

    private LegState legState(String state) {
        switch (state) {
            case "init", "connecting":
                return LegState.CONNECTING;
            case "connected", "silent_monitor", "barge":
                return LegState.CONNECTED;
            case "hold":
                return LegState.HELD;
            case "disconnected":
                return LegState.DISCONNECTED;
            default:
                // Present, but core draws no conclusion from it.
                unknown.report("connection state", state, "UNKNOWN (the leg is there)");
                return LegState.UNKNOWN;
        }
    }

    private static Target customerTarget(StreamsEndpoint ep) {
        if (ep == null) {
            return null;
        }
        if (ep.isInternalTransfer()) {
            return Target.internal();
        }
        return Target.phoneNumber(ep.strippedNumber());
    }

    /**
     * The third party: a queue, an agent or a number, named by the quick connect when this agent used one;
     * {@code INTERNAL} when the softphone hides who it is.
     */
    private Target thirdPartyTarget(StreamsConnection c) {
        StreamsEndpoint ep = c.endpoint();
        String qc = blankToNull(c.quickConnectName());
        if (ep == null) {
            return new Target(TargetKind.INTERNAL, qc, null, qc != null);
        }
        if (ep.isInternalTransfer()) {
            return Target.internal();
        }
        String name = qc != null ? qc : blankToNull(ep.name());
        String number = ep.strippedNumber();
        boolean quickConnect = qc != null || (ep.arn() != null && ep.arn().contains("/transfer-destination/"));
        TargetKind kind;
        String type = ep.type() == null ? "" : ep.type();
        switch (type) {
            case "queue" -> kind = TargetKind.QUEUE;
            case "agent" -> kind = name == null ? TargetKind.INTERNAL : TargetKind.AGENT;
            case "phone_number" -> kind = number == null && name == null ? TargetKind.INTERNAL
                    : TargetKind.PHONE_NUMBER;
            default -> {
                unknown.report("endpoint type", type, number != null ? "a phone number" : "an internal party");
                kind = number != null ? TargetKind.PHONE_NUMBER : TargetKind.INTERNAL;
            }
        }
        return new Target(kind, name, number, quickConnect);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
