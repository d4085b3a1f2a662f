package dev.softphone;

import java.util.Objects;

/**
 * The answer of {@link Phone#can(Capability)}: whether the softphone can do it from code and, when not, why.
 *
 * @param capability the capability asked about
 * @param supported  true when the plugin performs it from code
 * @param reason     why not (empty when supported)
 */
public record CapabilityCheck(Capability capability, boolean supported, String reason) {

    /** Validates the components. */
    public CapabilityCheck {
        Objects.requireNonNull(capability, "capability");
        reason = reason == null ? "" : reason;
    }

    /**
     * @param capability the capability
     * @return a positive answer
     */
    public static CapabilityCheck yes(Capability capability) {
        return new CapabilityCheck(capability, true, "");
    }

    /**
     * @param capability the capability
     * @param reason     why it cannot be done from code
     * @return a negative answer
     */
    public static CapabilityCheck no(Capability capability, String reason) {
        return new CapabilityCheck(capability, false, reason);
    }
}
