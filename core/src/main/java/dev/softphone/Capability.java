package dev.softphone;

/**
 * What a softphone can do when the application asks from code.
 *
 * <p>A plugin advertises the capabilities it really has. For any other verb the {@link Phone} answers with
 * {@link CommandResult#manual(ManualInstruction)}: the words the agent needs to do it by hand in the vendor's
 * window, after which the SDK detects the change in the softphone and reports it.
 */
public enum Capability {
    /** Log the agent in from code. */
    LOGIN,
    /** Log the agent out from code. */
    LOGOUT,
    /** Make the agent ready. */
    READY,
    /** Pause with a reason. */
    PAUSE,
    /** Queue a state change to apply when the current calls end. */
    PENDING_STATE,
    /** Leave after-call work. */
    CLEAR_AFTER_CALL_WORK,
    /** Place an outbound call. */
    DIAL,
    /** Answer a ringing call. */
    ANSWER,
    /** Reject a ringing call. */
    REJECT,
    /** Hang up. */
    HANGUP,
    /** Hold and resume a party. */
    HOLD,
    /** Mute and unmute the agent's microphone. */
    MUTE,
    /** Send DTMF digits. */
    SEND_DIGITS,
    /** Add a third party for a consultation (the customer is held). */
    CONSULT_TRANSFER,
    /** Join all parties. */
    CONFERENCE,
    /** Swap between the customer and the third party. */
    SWAP,
    /** Drop the third party and return to the customer. */
    CANCEL_TRANSFER,
    /** Leave the call so the customer stays with the third party. */
    COMPLETE_TRANSFER,
    /** Transfer without consulting. */
    BLIND_TRANSFER,
    /** List the transfer destinations the softphone offers. */
    TRANSFER_DESTINATIONS
}
