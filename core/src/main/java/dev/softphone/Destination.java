package dev.softphone;

import java.util.Objects;

/**
 * Where a call or a transfer goes: a phone number, a queue, an agent, or a named quick connect.
 *
 * <p>Plugins resolve names to vendor endpoints (for Amazon Connect, through the quick connects the agent may
 * use). {@link Phone#transferDestinations()} lists what the softphone offers.
 */
public sealed interface Destination {

    /** @return a short description for messages and logs */
    String describe();

    /**
     * An external phone number, preferably E.164.
     *
     * @param number the number to dial
     */
    record PhoneNumber(String number) implements Destination {
        /** Rejects blank numbers. */
        public PhoneNumber {
            requireText(number, "number");
        }

        @Override
        public String describe() {
            return "number " + number;
        }
    }

    /**
     * A queue by name.
     *
     * @param name the queue's name as the softphone shows it
     */
    record Queue(String name) implements Destination {
        /** Rejects blank names. */
        public Queue {
            requireText(name, "name");
        }

        @Override
        public String describe() {
            return "queue " + name;
        }
    }

    /**
     * Another agent by name or login.
     *
     * @param name the agent's name or login as the softphone shows it
     */
    record Agent(String name) implements Destination {
        /** Rejects blank names. */
        public Agent {
            requireText(name, "name");
        }

        @Override
        public String describe() {
            return "agent " + name;
        }
    }

    /**
     * A vendor-defined quick connect (Amazon Connect) by its name.
     *
     * @param name the quick connect's name
     */
    record QuickConnect(String name) implements Destination {
        /** Rejects blank names. */
        public QuickConnect {
            requireText(name, "name");
        }

        @Override
        public String describe() {
            return "quick connect " + name;
        }
    }

    /**
     * @param number a phone number
     * @return the destination
     */
    static Destination phoneNumber(String number) {
        return new PhoneNumber(number);
    }

    /**
     * @param name a queue name
     * @return the destination
     */
    static Destination queue(String name) {
        return new Queue(name);
    }

    /**
     * @param name an agent name
     * @return the destination
     */
    static Destination agent(String name) {
        return new Agent(name);
    }

    /**
     * @param name a quick connect name
     * @return the destination
     */
    static Destination quickConnect(String name) {
        return new QuickConnect(name);
    }

    private static void requireText(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
    }
}
