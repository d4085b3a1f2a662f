package dev.softphone.internal.call;

import dev.softphone.Leg;
import dev.softphone.LegState;
import dev.softphone.Target;
import dev.softphone.spi.ObservedCall;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The legs of one observed call, sorted by role, with odd data set aside (rules T14 and T15 of
 * {@code docs/transfer-detection.md}): a repeated leg id keeps its first occurrence, of several customer or agent legs
 * the first active one counts, monitoring legs are never third parties. What was odd is listed in
 * {@link #oddities()} so the tracker can log it once.
 */
final class LegPicture {
    static final LegPicture NONE = new LegPicture(null, null, List.of(), List.of(), List.of());

    /**
     * Calls with up to this many legs are searched in their list; a picture is kept long, and a map per picture cost
     * more than the few comparisons (docs/performance.md, many phones). Larger ones, which only odd or hostile data
     * makes, get a map so that no rule turns quadratic.
     */
    private static final int LINEAR_LEGS = 16;

    private final Leg customer;
    private final Leg agent;
    private final List<Leg> thirdParties;
    /** Every leg once, in the vendor's order. */
    private final List<Leg> unique;
    /** The same by id, only for calls with more than {@link #LINEAR_LEGS} legs; else null. */
    private final Map<String, Leg> byId;
    private final List<String> oddities;

    private LegPicture(Leg customer, Leg agent, List<Leg> thirdParties, List<Leg> unique,
                       List<String> oddities) {
        this.customer = customer;
        this.agent = agent;
        this.thirdParties = thirdParties;
        this.unique = unique;
        this.oddities = oddities;
        if (unique.size() > LINEAR_LEGS) {
            byId = new HashMap<>();
            unique.forEach(leg -> byId.put(leg.legId(), leg));
        } else {
            byId = null;
        }
    }

    /**
     * @param call an observed call
     * @return its legs by role
     */
    static LegPicture of(ObservedCall call) {
        List<String> odd = new ArrayList<>(0);
        List<Leg> legs = call.legs();
        List<Leg> unique = legs; // shared with the call unless an id repeats
        Set<String> seen = legs.size() > LINEAR_LEGS ? new HashSet<>() : null;
        for (int i = 0; i < legs.size(); i++) {
            Leg leg = legs.get(i);
            boolean repeated = seen != null ? !seen.add(leg.legId()) : indexOf(legs, leg.legId()) < i;
            if (repeated) {
                odd.add("leg " + leg.legId() + " appears more than once; its first occurrence is used");
                unique = null;
            }
            if (leg.state() == LegState.UNKNOWN) {
                odd.add("leg " + leg.legId() + " (" + leg.role() + ") is in a state the plugin could not map; "
                        + "it counts as present but proves nothing");
            }
        }
        if (unique == null) {
            unique = firstOccurrences(legs);
        }
        List<Leg> customers = new ArrayList<>(2);
        List<Leg> agents = new ArrayList<>(2);
        List<Leg> third = new ArrayList<>(2);
        for (Leg leg : unique) {
            switch (leg.role()) {
                case CUSTOMER -> customers.add(leg);
                case AGENT -> agents.add(leg);
                case THIRD_PARTY -> third.add(leg);
                case MONITOR -> { }
            }
        }
        Leg customer = pick(customers, "customer", odd);
        Leg agent = pick(agents, "agent", odd);
        return new LegPicture(customer, agent, List.copyOf(third), unique, List.copyOf(odd));
    }

    /** @return the index of the first leg with that id, or -1 */
    private static int indexOf(List<Leg> legs, String legId) {
        for (int i = 0; i < legs.size(); i++) {
            if (legs.get(i).legId().equals(legId)) {
                return i;
            }
        }
        return -1;
    }

    private static List<Leg> firstOccurrences(List<Leg> legs) {
        Set<String> seen = new HashSet<>();
        List<Leg> unique = new ArrayList<>(legs.size());
        for (Leg leg : legs) {
            if (seen.add(leg.legId())) {
                unique.add(leg);
            }
        }
        return List.copyOf(unique);
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
    List<Leg> all() {
        return unique;
    }

    /**
     * @param legId a leg id
     * @return the leg, or null when the picture does not show it
     */
    Leg leg(String legId) {
        if (byId != null) {
            return byId.get(legId);
        }
        int i = indexOf(unique, legId);
        return i < 0 ? null : unique.get(i);
    }

    /**
     * @param legId a leg id
     * @return true when the picture shows that leg and it is not disconnected
     */
    boolean active(String legId) {
        Leg leg = leg(legId);
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
