package dev.softphone;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Phone} verb ended when it did not fail.
 *
 * <p>{@link Outcome#DONE}: the softphone acknowledged the command. {@link Outcome#MANUAL}: the softphone cannot do
 * it from code; show {@link #instruction()} to the agent. The SDK then watches the softphone and reports the change
 * (with origin {@code SOFTPHONE}) once the agent has done it. Failures are not results: they complete the stage
 * exceptionally with a {@link SoftphoneException}.
 *
 * <p>A manual result from a {@link Phone} carries a {@link #manualStepId()}: when the softphone cannot report the
 * step itself (Avaya one-X), pass it to {@link Phone#confirmManualStep(String)} once the agent confirms it was done.
 *
 * @param outcome      done or manual
 * @param instruction  the instruction for a manual outcome, null otherwise
 * @param manualStepId the id to confirm the step with, for a manual outcome of a phone; null otherwise
 */
public record CommandResult(Outcome outcome, ManualInstruction instruction, String manualStepId) {

    /** How a command ended. */
    public enum Outcome {
        /** The softphone acknowledged the command. */
        DONE,
        /** The agent must do it by hand. */
        MANUAL
    }

    private static final CommandResult DONE = new CommandResult(Outcome.DONE, null, null);

    /** Enforces that only manual outcomes carry an instruction. */
    public CommandResult {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.MANUAL) != (instruction != null)) {
            throw new IllegalArgumentException("a MANUAL result needs an instruction, a DONE result has none");
        }
        if (outcome == Outcome.DONE && manualStepId != null) {
            throw new IllegalArgumentException("a DONE result has no manual step id");
        }
    }

    /** @return the acknowledged result */
    public static CommandResult done() {
        return DONE;
    }

    /**
     * @param instruction what the agent must do by hand
     * @return a manual result
     */
    public static CommandResult manual(ManualInstruction instruction) {
        return new CommandResult(Outcome.MANUAL, Objects.requireNonNull(instruction, "instruction"), null);
    }

    /**
     * @param instruction what the agent must do by hand
     * @param stepId      the id for {@link Phone#confirmManualStep(String)}
     * @return a manual result that can be confirmed
     */
    public static CommandResult manual(ManualInstruction instruction, String stepId) {
        return new CommandResult(Outcome.MANUAL, Objects.requireNonNull(instruction, "instruction"),
                Objects.requireNonNull(stepId, "stepId"));
    }

    /** @return true for a manual outcome */
    public boolean isManual() {
        return outcome == Outcome.MANUAL;
    }

    /** @return the instruction when manual */
    public Optional<ManualInstruction> manualInstruction() {
        return Optional.ofNullable(instruction);
    }
}
