package dev.softphone;

import java.util.Objects;

/**
 * Who a leg or a transfer goes to (the normative {@code target} object of DESIGN §5).
 *
 * @param kind         what kind of party
 * @param name         the quick connect, queue or agent name when known, else null
 * @param number       the phone number when known, else null
 * @param quickConnect true when the party was reached through a quick connect
 */
public record Target(TargetKind kind, String name, String number, boolean quickConnect) {

    /** Validates the components. */
    public Target {
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * @param number a phone number, may be null when hidden
     * @return a phone-number target
     */
    public static Target phoneNumber(String number) {
        return new Target(TargetKind.PHONE_NUMBER, null, number, false);
    }

    /**
     * The target a destination names: a phone number, a queue, an agent, or a queue reached through a quick
     * connect. For plugins that must picture a party they were told about rather than saw (a confirmed manual
     * transfer).
     *
     * @param destination where a call or transfer goes
     * @return the target
     */
    public static Target of(Destination destination) {
        if (destination instanceof Destination.PhoneNumber p) {
            return phoneNumber(p.number());
        } else if (destination instanceof Destination.Queue q) {
            return new Target(TargetKind.QUEUE, q.name(), null, false);
        } else if (destination instanceof Destination.Agent a) {
            return new Target(TargetKind.AGENT, a.name(), null, false);
        }
        return new Target(TargetKind.QUEUE, ((Destination.QuickConnect) destination).name(), null, true);
    }

    /** @return a target whose identity the softphone hides */
    public static Target internal() {
        return new Target(TargetKind.INTERNAL, null, null, false);
    }

    /** @return a readable form for messages */
    public String describe() {
        String who = name != null ? name : number != null ? number : "unknown";
        return kind + " " + who + (quickConnect ? " (quick connect)" : "");
    }
}
