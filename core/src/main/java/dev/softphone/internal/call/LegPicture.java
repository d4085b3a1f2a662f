package dev.softphone.internal.call;

import dev.softphone.Leg;
import dev.softphone.LegState;
import dev.softphone.Target;
import dev.softphone.spi.ObservedCall;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legs of one observed call, sorted by role, with odd data set aside (rules T14 and T15 of
 * {@code docs/transfer-detection.md}): a repeated leg id keeps its first occurrence, of several customer or agent legs
 * the first active one counts, monitoring legs are never third parties. What was odd is listed in
 * {@link #oddities()} so the tracker can log it once.
 */
final class LegPicture {
    static final LegPicture NONE = new LegPicture(null, null, List.of(), Map.of(), List.of());

    private final Leg customer;
    private final Leg agent;
    private final List<Leg> thirdParties;
    private final Map<String, Leg> byId;
    private final List<String> oddities;

    private LegPicture(Leg customer, Leg agent, List<Leg> thirdParties, Map<String, Leg> byId,
                       List<String> oddities) {
        this.customer = customer;
        this.agent = agent;
        this.thirdParties = thirdParties;
        this.byId = byId;
        this.oddities = oddities;
    }

    /**
     * @param call an observed call
     * @return its legs by role
     */
    static LegPicture of(ObservedCall call) {
        List<String> odd = new ArrayList<>();
        Map<String, Leg> byId = new LinkedHashMap<>();
        for (Leg leg : call.legs()) {
            if (byId.putIfAbsent(leg.legId(), leg) != null) {
                odd.add("leg " + leg.legId() + " appears more than once; its first occurrence is used");
            }
            if (leg.state() == LegState.UNKNOWN) {
                odd.add("leg " + leg.legId() + " (" + leg.role() + ") is in a state the plugin could not map; "
                        + "it counts as present but proves nothing");
            }
        }
        List<Leg> customers = new ArrayList<>();
        List<Leg> agents = new ArrayList<>();
        List<Leg> third = new ArrayList<>();
        for (Leg leg : byId.values()) {
            switch (leg.role()) {
                case CUSTOMER -> customers.add(leg);
                case AGENT -> agents.add(leg);
                case THIRD_PARTY -> third.add(leg);
                case MONITOR -> { }
            }
        }
        return new LegPicture(pick(customers, "customer", odd), pick(agents, "agent", odd), List.copyOf(third),
                byId, List.copyOf(odd));
    }

    /** Of several legs with one role, the first active one counts; the rest is odd data. */
    private static Leg pick(List<Leg> legs, String what, List<String> odd) {
        if (legs.isEmpty()) {
            return null;
        }
        Leg chosen = legs.stream().filter(Leg::isActive).findFirst().orElse(legs.get(0));
        if (legs.stream().filter(Leg::isActive).count() > 1) {
            odd.add("several active " + what + " legs " + legs.stream().map(Leg::legId).toList() + "; leg "
                    + chosen.legId() + " is taken as the " + what);
        }
        return chosen;
    }

    /** @return what was odd in the data, for the log */
    List<String> oddities() {
        return oddities;
    }

    /** @return true when some customer, agent or third-party leg is active */
    boolean anyActive() {
        return customerActive() || agentLegActive() || thirdParties.stream().anyMatch(Leg::isActive);
    }

    /** @return true when the vendor shows a customer leg at all */
    boolean hasCustomerLeg() {
        return customer != null;
    }

    /** @return true when the customer's leg is present and not disconnected */
    boolean customerActive() {
        return customer != null && customer.isActive();
    }

    /** @return the customer's leg state, or null without a customer leg */
    LegState customerState() {
        return customer == null ? null : customer.state();
    }

    /** @return true when the vendor shows the agent's own leg at all */
    boolean hasAgentLeg() {
        return agent != null;
    }

    /** @return true when the agent's leg is present and not disconnected */
    boolean agentLegActive() {
        return agent != null && agent.isActive();
    }

    /**
     * The agent is taken to be on the call when its leg is active, or when the plugin shows no agent leg at all (some
     * vendors never do; then the call's status alone says whether the agent is on it).
     *
     * @return true when the agent is on the call as far as the legs tell
     */
    boolean agentOn() {
        return agent == null || agent.isActive();
    }

    /** @return true when the agent's own leg is talking (or the plugin shows no agent leg) */
    boolean agentTalking() {
        return agent == null || agent.state() == LegState.CONNECTED;
    }

    /** @return the customer leg, or null */
    Leg customer() {
        return customer;
    }

    /** @return the agent leg, or null */
    Leg agent() {
        return agent;
    }

    /** @return every third-party leg, active or not, in the vendor's order */
    List<Leg> thirdParties() {
        return thirdParties;
    }

    /** @return every leg once (the first occurrence of a repeated id), monitoring legs included */
    java.util.Collection<Leg> all() {
        return byId.values();
    }

    /**
     * @param legId a leg id
     * @return the leg, or null when the picture does not show it
     */
    Leg leg(String legId) {
        return byId.get(legId);
    }

    /**
     * @param legId a leg id
     * @return true when the picture shows that leg and it is not disconnected
     */
    boolean active(String legId) {
        Leg leg = byId.get(legId);
        return leg != null && leg.isActive();
    }

    /**
     * Rule T8: customer and a third party talk with each other while the agent is on the call.
     *
     * @return true when all parties are joined
     */
    boolean joined() {
        return agentOn() && customer != null && customer.state() == LegState.CONNECTED
                && thirdParties.stream().anyMatch(l -> l.state() == LegState.CONNECTED);
    }

    /** @return true when a customer, agent or third-party leg is in a state the plugin could not map */
    boolean anyUnknown() {
        return (customer != null && customer.state() == LegState.UNKNOWN)
                || (agent != null && agent.state() == LegState.UNKNOWN)
                || thirdParties.stream().anyMatch(l -> l.state() == LegState.UNKNOWN);
    }

    /**
     * @param leg a third-party leg
     * @return who it is; a leg whose identity the softphone hides is {@code INTERNAL}
     */
    static Target targetOf(Leg leg) {
        return leg.endpoint() != null ? leg.endpoint() : Target.internal();
    }
}
