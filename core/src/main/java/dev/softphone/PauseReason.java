package dev.softphone;

import java.util.Locale;
import java.util.Objects;

/**
 * Why an agent is not ready: a stable {@code code} that reports and rules key on, and a label for people.
 *
 * <p>The well-known codes are constants of this class. Any other vendor state keeps its own name as a custom
 * code ({@link #custom(String)}), so an unknown vendor status never becomes an exception. Two reasons are equal
 * when their codes are equal; the label is presentation only.
 *
 * @param code  stable identifier, never blank (for example {@code BREAK} or {@code Lunch})
 * @param label human-readable text, defaults to the code
 */
public record PauseReason(String code, String label) {

    /** After-call work (wrap-up): the agent finishes the last call's paperwork. */
    public static final PauseReason AFTER_CALL_WORK = new PauseReason("AFTER_CALL_WORK", "After-call work");
    /** A short break. */
    public static final PauseReason BREAK = new PauseReason("BREAK", "Break");
    /** A meal break. */
    public static final PauseReason MEAL = new PauseReason("MEAL", "Meal");
    /** Training. */
    public static final PauseReason TRAINING = new PauseReason("TRAINING", "Training");
    /** A meeting. */
    public static final PauseReason MEETING = new PauseReason("MEETING", "Meeting");
    /** Supervision or coaching. */
    public static final PauseReason SUPERVISION = new PauseReason("SUPERVISION", "Supervision");

    /** Validates and normalizes the components. */
    public PauseReason {
        Objects.requireNonNull(code, "code");
        if (code.isBlank()) {
            throw new IllegalArgumentException("a pause reason code must not be blank");
        }
        label = (label == null || label.isBlank()) ? code : label;
    }

    /**
     * A reason that is not one of the well-known codes, for example a vendor status named {@code Lunch}.
     *
     * @param code the vendor's own name, kept as is
     * @return the reason; a well-known reason when {@code code} names one (case-insensitively)
     */
    public static PauseReason custom(String code) {
        PauseReason known = wellKnown(code);
        return known != null ? known : new PauseReason(code, code);
    }

    /**
     * The well-known reason with this code, ignoring case, or {@code null}.
     *
     * @param code a code
     * @return the constant, or null when the code is not well known
     */
    public static PauseReason wellKnown(String code) {
        if (code == null) {
            return null;
        }
        switch (code.toUpperCase(Locale.ROOT)) {
            case "AFTER_CALL_WORK": return AFTER_CALL_WORK;
            case "BREAK": return BREAK;
            case "MEAL": return MEAL;
            case "TRAINING": return TRAINING;
            case "MEETING": return MEETING;
            case "SUPERVISION": return SUPERVISION;
            default: return null;
        }
    }

    /** @return true for a code that is not one of the well-known constants */
    public boolean isCustom() {
        return wellKnown(code) == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PauseReason other && other.code.equals(code);
    }

    @Override
    public int hashCode() {
        return code.hashCode();
    }

    @Override
    public String toString() {
        return code;
    }
}
