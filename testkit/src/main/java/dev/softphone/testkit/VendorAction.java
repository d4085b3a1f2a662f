package dev.softphone.testkit;

/**
 * What a {@link VendorSimulator} can make its vendor do <em>and</em> the plugin under test is expected to see. The
 * compatibility kit skips (JUnit assumption, reported as SKIPPED) every test that needs an action the simulator does
 * not list in {@link VendorSimulator#actions()}.
 *
 * <p>List an action only when both hold: the simulator can perform it, and the plugin can observe its effect. For
 * example a one-X Agent simulator can put a call on hold "in the one-X window", but the one-X API sends no event for
 * it, so it leaves out {@link #AGENT_HOLDS}; the plugin's documentation says so instead.
 */
public enum VendorAction {
    /** {@link VendorSimulator#agentLogsOut()}: the agent logs out in the vendor window. */
    AGENT_LOGS_OUT,
    /** {@link VendorSimulator#agentSetsState(dev.softphone.AgentState)}: the agent picks a state in the vendor window. */
    AGENT_SETS_STATE,
    /** {@link VendorSimulator#agentAnswers(String)}: the agent answers a ringing call in the vendor window. */
    AGENT_ANSWERS,
    /** {@link VendorSimulator#agentHangsUp(String)}: the agent hangs up in the vendor window. */
    AGENT_HANGS_UP,
    /** {@link VendorSimulator#agentHolds(String)} and {@link VendorSimulator#agentResumes(String)}. */
    AGENT_HOLDS,
    /** {@link VendorSimulator#agentStartsTransfer(String, String)}: the agent adds a third party in the vendor window. */
    AGENT_STARTS_TRANSFER,
    /** {@link VendorSimulator#farEndAnswers(String)}: the customer answers an outbound call. */
    FAR_END_ANSWERS,
    /** {@link VendorSimulator#farEndHangsUp(String)}: the customer hangs up. */
    FAR_END_HANGS_UP,
    /** {@link VendorSimulator#ringingStops(String)}: a ringing call stops ringing unanswered. */
    CALL_MISSED,
    /** {@link VendorSimulator#thirdPartyAnswers(String)}: the third party of a transfer answers. */
    THIRD_PARTY_ANSWERS,
    /** {@link VendorSimulator#thirdPartyHangsUp(String)}: the third party of a transfer hangs up. */
    THIRD_PARTY_HANGS_UP,
    /** {@link VendorSimulator#refuseNextCommand(String)}: the vendor refuses the next command with its own error. */
    REFUSE_COMMAND,
    /** {@link VendorSimulator#delayAnswers()} and {@link VendorSimulator#releaseAnswers()}: a slow vendor. */
    DELAY_ANSWERS,
    /** {@link VendorSimulator#goAway(String)} and {@link VendorSimulator#comeBack()}: the link is lost and returns. */
    GO_AWAY,
    /** After {@link VendorSimulator#comeBack()} the vendor shows the calls that were up before the outage. */
    RECONNECT_WITH_CALLS,
    /** {@link VendorSimulator#sendUnknownData()}: the vendor sends fields, events or values the plugin does not know. */
    UNKNOWN_DATA,
    /** {@link VendorSimulator#isPhoneConnected()}: the simulator can tell whether the phone is still connected. */
    SEES_CONNECTION
}
