package dev.softphone.spi;

import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.ManualInstruction;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One phone's link to a softphone. Core calls it on the phone's serial lane, one call at a time (which may be the
 * application's thread that called the verb, so {@link #execute} must never block); the driver reports back through
 * its {@link PluginContext} from any thread, and may complete command stages on any thread.
 *
 * <p>The driver reports the <em>whole current picture</em> as an {@link Observation} after every change it sees,
 * and non-state happenings as {@link Signal}s. It never decides what an observation means: core diffs them.
 */
public interface SoftphoneDriver extends AutoCloseable {

    /**
     * Connects to the softphone (or starts listening for it). Must not block the caller: do slow work on the
     * context's executor. Called once, before any command.
     */
    void start();

    /** @return what this driver can do from code now; may change (for example when the link is lost) */
    Set<Capability> capabilities();

    /**
     * Why a capability is missing, for {@code Phone.can(...)}. The default says the plugin does not support it.
     *
     * @param capability a capability that {@link #capabilities()} does not contain
     * @return one sentence
     */
    default String whyNot(Capability capability) {
        return "this softphone cannot do " + capability + " from code";
    }

    /**
     * Executes a command. The stage completes when the softphone acknowledged it, or exceptionally with a
     * {@link dev.softphone.VendorException} (vendor refused) or {@link dev.softphone.SoftphoneUnavailableException}
     * (link down). Core applies the timeout. Called only for commands whose capability is advertised.
     *
     * @param command the command
     * @return its acknowledgement
     */
    CompletionStage<Void> execute(DriverCommand command);

    /**
     * The words the agent needs to do a command by hand in the vendor's window, for a capability the driver does
     * not advertise.
     *
     * @param capability the missing capability
     * @param command    what the application asked for
     * @return the instruction
     */
    ManualInstruction manualInstruction(Capability capability, DriverCommand command);

    /**
     * The application confirmed that the agent did this command by hand in the vendor's window. A driver that can
     * observe the change itself ignores it (the default); one that cannot (Avaya one-X for transfers and aux states)
     * updates its picture and reports a new observation.
     *
     * @param command the command the agent performed by hand
     * @return completes when the picture is updated
     */
    default CompletionStage<Void> confirmManual(DriverCommand command) {
        return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /**
     * Lists transfer destinations (only called when {@link Capability#TRANSFER_DESTINATIONS} is advertised).
     *
     * @return the destinations
     */
    default CompletionStage<List<Destination>> transferDestinations() {
        return java.util.concurrent.CompletableFuture.completedFuture(List.of());
    }

    /**
     * The correlation id of a call: the key under which its call context is stored, the same for every agent's
     * softphone that sees this customer call (see {@code docs/call-context.md}). The default is the call's
     * {@link ObservedCall#transferredFrom()} when set (the receiving side of a transfer), else its
     * {@link ObservedCall#initialCallId()} (Amazon Connect: the transfer chain's {@code initialContactId} on both
     * sides). A softphone without such an id for a call (Avaya one-X without a UCID) returns empty: the context then
     * stays on the phone, and a receiving phone reports the hand-off as unavailable.
     *
     * @param call a call of the current observation
     * @return its correlation id, or empty when the softphone gives none
     */
    default java.util.Optional<String> correlationId(ObservedCall call) {
        return java.util.Optional.ofNullable(call.transferredFrom() != null ? call.transferredFrom()
                : call.initialCallId());
    }

    /** Releases threads, sockets and registrations. Idempotent; must not block for long. */
    @Override
    void close();
}
