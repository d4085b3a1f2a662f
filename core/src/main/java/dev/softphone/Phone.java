package dev.softphone;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * One agent's softphone, whatever the vendor: the facade a contact-center application drives.
 *
 * <p>Build one with {@link #builder()}. Every verb returns a {@link CompletionStage} that
 * <ul>
 *   <li>completes with {@link CommandResult#done()} when the softphone acknowledged the command;</li>
 *   <li>completes with {@link CommandResult#manual(ManualInstruction)} when the softphone cannot do it from code:
 *       show the instruction to the agent; the SDK detects when the agent did it and reports the event;</li>
 *   <li>completes exceptionally with {@link InvalidPhoneStateException} when the request is impossible now (nothing
 *       is sent), {@link VendorException} when the softphone refused it, {@link CommandTimeoutException} when it
 *       never answered, {@link SoftphoneUnavailableException} when the link to it is down, and
 *       {@link PhoneClosedException} after {@link #close()}.</li>
 * </ul>
 *
 * <p>Verbs that act on a call use the <em>active call</em> when no call id is given: the only call that is up, or,
 * with two calls up, the one whose customer is not on hold. When that is ambiguous the verb fails with
 * {@link InvalidPhoneStateException} naming the calls; pass a call id then.
 *
 * <p>Thread safety: every method may be called from any thread. Commands, observations and listener calls of one
 * phone are processed one at a time, in order, on a serial lane; no method blocks the caller. With the SDK's own
 * executor (the default) an idle phone plans a plain command on the calling thread and completes its stage on the
 * thread the softphone's answer arrived on (the calling thread itself when the answer came before the verb returned),
 * which saves two thread hand-offs per command; listeners always run on the executor's threads. See
 * {@link PhoneBuilder#executor(java.util.concurrent.Executor)}.
 */
public interface Phone extends AutoCloseable {

    /** @return a builder for a new phone */
    static PhoneBuilder builder() {
        return new PhoneBuilder();
    }

    /** @return this phone's id (the builder's {@code id}, or a generated one) */
    String id();

    /** @return the id of the plugin driving this phone */
    String pluginId();

    // ----- agent -----

    /** @return a stage for logging the agent in */
    CompletionStage<CommandResult> login();

    /** @return a stage for logging the agent out */
    CompletionStage<CommandResult> logout();

    /**
     * Makes the agent ready. While a call is up this becomes the pending state, applied when the calls end; from
     * after-call work it leaves after-call work.
     *
     * @return a stage that completes once the softphone acknowledged the change and shows it (as the current or the
     *         pending state), after the {@link PhoneEvent.AgentStateChanged} was delivered; it fails on a vendor error
     *         or when the softphone does not show the change within the command timeout, and then nothing changed
     *         (rules in {@code docs/agent-state.md})
     */
    CompletionStage<CommandResult> ready();

    /**
     * Pauses the agent with a reason. While a call is up this becomes the pending state. A change from one reason to
     * another is a change like any other.
     *
     * @param reason why
     * @return a stage that completes like {@link #ready()}'s
     */
    CompletionStage<CommandResult> pause(PauseReason reason);

    /** @return the agent's current state */
    AgentState agentState();

    /** @return the state that will apply when the current calls end, if one is pending */
    Optional<AgentState> pendingState();

    // ----- calls -----

    /**
     * Places an outbound call.
     *
     * @param destination whom to call
     * @return a stage for the dial
     */
    CompletionStage<CommandResult> dial(Destination destination);

    /** @return a stage for answering the ringing call */
    CompletionStage<CommandResult> answer();

    /**
     * @param callId the ringing call
     * @return a stage for answering it
     */
    CompletionStage<CommandResult> answer(String callId);

    /** @return a stage for hanging up the active call */
    CompletionStage<CommandResult> hangup();

    /**
     * @param callId the call
     * @return a stage for hanging it up
     */
    CompletionStage<CommandResult> hangup(String callId);

    /** @return a stage for holding the customer of the active call */
    CompletionStage<CommandResult> hold();

    /**
     * @param callId the call
     * @return a stage for holding its customer
     */
    CompletionStage<CommandResult> hold(String callId);

    /** @return a stage for resuming the customer of the active (held) call */
    CompletionStage<CommandResult> resume();

    /**
     * @param callId the call
     * @return a stage for resuming its customer
     */
    CompletionStage<CommandResult> resume(String callId);

    /** @return a stage for muting the agent's microphone */
    CompletionStage<CommandResult> mute();

    /** @return a stage for unmuting the agent's microphone */
    CompletionStage<CommandResult> unmute();

    /**
     * @param digits DTMF digits ({@code 0-9 * # ,})
     * @return a stage for sending them on the active call
     */
    CompletionStage<CommandResult> sendDigits(String digits);

    /**
     * @param callId the call
     * @param digits DTMF digits ({@code 0-9 * # ,})
     * @return a stage for sending them
     */
    CompletionStage<CommandResult> sendDigits(String callId, String digits);

    // ----- transfers -----

    /**
     * Starts a consult transfer: adds the destination to the active call; the customer is held.
     *
     * @param destination the third party
     * @return a stage for the start
     */
    CompletionStage<CommandResult> startTransfer(Destination destination);

    /**
     * @param callId      the call
     * @param destination the third party
     * @return a stage for the start
     */
    CompletionStage<CommandResult> startTransfer(String callId, Destination destination);

    /** @return a stage for joining the customer and the third party of the active call */
    CompletionStage<CommandResult> conference();

    /**
     * @param callId the call
     * @return a stage for joining its parties
     */
    CompletionStage<CommandResult> conference(String callId);

    /** @return a stage for swapping between the customer and the third party of the active call */
    CompletionStage<CommandResult> swap();

    /**
     * @param callId the call
     * @return a stage for the swap
     */
    CompletionStage<CommandResult> swap(String callId);

    /** @return a stage for dropping the third party of the active call and returning to the customer */
    CompletionStage<CommandResult> cancelTransfer();

    /**
     * @param callId the call
     * @return a stage for the cancel
     */
    CompletionStage<CommandResult> cancelTransfer(String callId);

    /** @return a stage for leaving the active call so the customer stays with the third party */
    CompletionStage<CommandResult> completeTransfer();

    /**
     * @param callId the call
     * @return a stage for the completion
     */
    CompletionStage<CommandResult> completeTransfer(String callId);

    /**
     * Transfers the active call without consulting: adds the destination, then leaves once the add is
     * acknowledged.
     *
     * @param destination the new party
     * @return a stage for the whole transfer
     */
    CompletionStage<CommandResult> blindTransfer(Destination destination);

    /**
     * @param callId      the call
     * @param destination the new party
     * @return a stage for the whole transfer
     */
    CompletionStage<CommandResult> blindTransfer(String callId, Destination destination);

    /**
     * Saves the call context, then starts a consult transfer of the active call (see
     * {@link #attachContext(String, CallContext)} and {@code docs/call-context.md}). The transfer starts once the
     * store saved the context, or after {@link PhoneBuilder#contextTimeout} at the latest: a store that fails or is
     * slow never blocks or fails the transfer (the failure is logged; use {@code attachContext} first to see it).
     *
     * @param destination the third party
     * @param context     what the receiving agent needs
     * @return a stage for the start, as {@link #startTransfer(Destination)}
     * @throws InvalidCallContextException at once when the context is larger than the store takes
     */
    CompletionStage<CommandResult> startTransfer(Destination destination, CallContext context);

    /**
     * @param callId      the call
     * @param destination the third party
     * @param context     what the receiving agent needs
     * @return a stage for the start, as {@link #startTransfer(Destination, CallContext)}
     * @throws InvalidCallContextException at once when the context is larger than the store takes
     */
    CompletionStage<CommandResult> startTransfer(String callId, Destination destination, CallContext context);

    /**
     * Saves the call context, then transfers the active call without consulting; the save is bounded as in
     * {@link #startTransfer(Destination, CallContext)}.
     *
     * @param destination the new party
     * @param context     what the receiving agent needs
     * @return a stage for the whole transfer
     * @throws InvalidCallContextException at once when the context is larger than the store takes
     */
    CompletionStage<CommandResult> blindTransfer(Destination destination, CallContext context);

    /**
     * @param callId      the call
     * @param destination the new party
     * @param context     what the receiving agent needs
     * @return a stage for the whole transfer
     * @throws InvalidCallContextException at once when the context is larger than the store takes
     */
    CompletionStage<CommandResult> blindTransfer(String callId, Destination destination, CallContext context);

    // ----- call context -----

    /**
     * The call context on this phone: what the application attached, or, for a call another agent transferred here,
     * what was handed off with it (a snapshot; see {@link PhoneEvent.TransferReceived#context()}). Never blocks.
     *
     * @param callId a call id
     * @return its context; empty for a call without one or an unknown call
     */
    CallContext context(String callId);

    /**
     * Attaches a context to a call, replacing the previous one, and saves it in the context store under the call's
     * correlation id so that it travels with a transfer. {@link #context(String)} and {@link #calls()} show it at
     * once; the save happens in the background.
     *
     * @param callId  the call
     * @param context the whole context (build it from {@link #context(String)} with {@link CallContext#with})
     * @return completes when the store saved it; exceptionally with {@link InvalidPhoneStateException} for an
     *         unknown call or one that was already transferred away or ended, {@link CallContextConflictException}
     *         when the stored context changed since this phone last read it (another agent received the call),
     *         {@link CallContextStoreException} when the store failed, did not answer within
     *         {@link PhoneBuilder#contextTimeout}, or the softphone gives no correlation id for the call
     * @throws InvalidCallContextException at once when the context is larger than the store takes
     */
    CompletionStage<Void> attachContext(String callId, CallContext context);

    /** @return the transfer destinations the softphone offers (Amazon Connect: the quick connects) */
    CompletionStage<List<Destination>> transferDestinations();

    /** @return every call the softphone shows, oldest first */
    List<CallView> calls();

    /**
     * @param callId a call id
     * @return that call, if the softphone shows it
     */
    Optional<CallView> call(String callId);

    /**
     * Confirms that the agent did a manual step by hand, for softphones that cannot report it themselves (the
     * capability table of each plugin says which). The plugin updates its picture, so state, calls and activity
     * records stay complete, and a {@link PhoneEvent.ManualStepConfirmed} event records the confirmation.
     *
     * @param manualStepId {@link CommandResult#manualStepId()} of the manual result
     * @return a stage that completes when the confirmation was applied; exceptionally with
     *         {@link InvalidPhoneStateException} for an unknown or already confirmed step
     */
    CompletionStage<CommandResult> confirmManualStep(String manualStepId);

    // ----- capabilities, listeners, lifecycle -----

    /** @return what the softphone can do from code now */
    Set<Capability> capabilities();

    /**
     * @param capability a capability
     * @return whether the softphone can do it from code and, when not, why
     */
    CapabilityCheck can(Capability capability);

    /** @return false while the link to the softphone is lost */
    boolean isSoftphoneAvailable();

    /**
     * Adds a listener; it receives the events that happen from now on.
     *
     * @param listener the listener
     */
    void addListener(PhoneListener listener);

    /**
     * @param listener a listener added before
     */
    void removeListener(PhoneListener listener);

    /**
     * Releases the plugin's threads and sockets. Commands still in flight fail with {@link PhoneClosedException}.
     * Idempotent.
     */
    @Override
    void close();
}
