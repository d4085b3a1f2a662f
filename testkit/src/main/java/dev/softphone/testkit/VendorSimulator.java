package dev.softphone.testkit;

import dev.softphone.AgentState;
import dev.softphone.Phone;

import java.util.Map;
import java.util.Set;

/**
 * The vendor side of a softphone, as the {@link SoftphonePluginCompatibilityKit} drives it: calls arrive, the far
 * end answers or hangs up, a third party answers, the agent clicks in the vendor's own window, the vendor refuses,
 * slows down, goes away and comes back. Each plugin's test adapts its own simulator (an in-memory model, a fake HTTP
 * server, a simulated contact-control panel behind a real WebSocket) to this interface in a few lines.
 *
 * <p>Only {@link #agentLogsIn()}, {@link #callArrives(String, String)}, {@link #actions()} and {@link #close()} are
 * required. Every other action is optional: list the ones you implement in {@link #actions()}; the defaults throw
 * {@link UnsupportedOperationException}, and the kit skips the tests that need an action you do not list.
 *
 * <p>Call ids: the simulator names calls with the vendor's own id, the one the plugin reports as
 * {@code ObservedCall.callId()} (contract rule P5). The kit passes the phone's call ids back to the simulator.
 *
 * <p>Methods that change the vendor return once the vendor has changed and sent (or queued) the news to the plugin;
 * the kit then waits for the phone's events, so they need not wait for the plugin.
 */
public interface VendorSimulator extends AutoCloseable {

    /** @return the optional actions this simulator performs and the plugin can observe */
    Set<VendorAction> actions();

    /**
     * Configuration the phone needs to reach this vendor, with full keys ({@code <plugin-id>.<key>}), for example
     * {@code avaya-onex.base-url} pointing at the simulator's port. The default is empty.
     *
     * @return keys to values
     */
    default Map<String, String> phoneConfig() {
        return Map.of();
    }

    /**
     * Connects the vendor side to a phone the kit just built (for Amazon Connect: the simulated browser opens the
     * bridge socket with the phone's pairing). The default does nothing. Called once per phone; the kit may build a
     * second phone on a second simulator in the same test.
     *
     * @param phone the phone
     * @throws Exception when the vendor side cannot connect
     */
    default void attach(Phone phone) throws Exception {
    }

    // ----- the agent in the vendor window -----

    /**
     * Brings the agent to a logged-in state the way the vendor does it (the agent logs in in the vendor window; a
     * vendor whose agent is logged in whenever the softphone runs may do nothing). The kit then waits for the
     * phone's {@code AgentLoggedIn}.
     */
    void agentLogsIn();

    /** {@link VendorAction#AGENT_LOGS_OUT}: the agent logs out in the vendor window. */
    default void agentLogsOut() {
        throw unsupported(VendorAction.AGENT_LOGS_OUT);
    }

    /**
     * {@link VendorAction#AGENT_SETS_STATE}: the agent picks a state in the vendor window.
     *
     * @param state {@code READY} or {@code NOT_READY(reason)} with a well-known reason
     */
    default void agentSetsState(AgentState state) {
        throw unsupported(VendorAction.AGENT_SETS_STATE);
    }

    /**
     * {@link VendorAction#AGENT_ANSWERS}: the agent answers a ringing call in the vendor window.
     *
     * @param callId the call
     */
    default void agentAnswers(String callId) {
        throw unsupported(VendorAction.AGENT_ANSWERS);
    }

    /**
     * {@link VendorAction#AGENT_HANGS_UP}: the agent hangs up in the vendor window.
     *
     * @param callId the call
     */
    default void agentHangsUp(String callId) {
        throw unsupported(VendorAction.AGENT_HANGS_UP);
    }

    /**
     * {@link VendorAction#AGENT_HOLDS}: the agent puts the customer on hold in the vendor window.
     *
     * @param callId the call
     */
    default void agentHolds(String callId) {
        throw unsupported(VendorAction.AGENT_HOLDS);
    }

    /**
     * {@link VendorAction#AGENT_HOLDS}: the agent takes the customer off hold in the vendor window.
     *
     * @param callId the call
     */
    default void agentResumes(String callId) {
        throw unsupported(VendorAction.AGENT_HOLDS);
    }

    /**
     * {@link VendorAction#AGENT_STARTS_TRANSFER}: the agent adds a third party in the vendor window; the customer is
     * held and the third party rings.
     *
     * @param callId the call
     * @param number the third party's phone number
     */
    default void agentStartsTransfer(String callId, String number) {
        throw unsupported(VendorAction.AGENT_STARTS_TRANSFER);
    }

    // ----- the far end and third parties -----

    /**
     * A customer calls: an inbound call rings for the agent.
     *
     * @param number the customer's number
     * @param queue  the queue it came through
     * @return the vendor's id of the new call
     */
    String callArrives(String number, String queue);

    /**
     * {@link VendorAction#FAR_END_ANSWERS}: the customer answers an outbound call.
     *
     * @param callId the call
     */
    default void farEndAnswers(String callId) {
        throw unsupported(VendorAction.FAR_END_ANSWERS);
    }

    /**
     * {@link VendorAction#FAR_END_HANGS_UP}: the customer hangs up.
     *
     * @param callId the call
     */
    default void farEndHangsUp(String callId) {
        throw unsupported(VendorAction.FAR_END_HANGS_UP);
    }

    /**
     * {@link VendorAction#CALL_MISSED}: a ringing call stops ringing without being answered.
     *
     * @param callId the call
     */
    default void ringingStops(String callId) {
        throw unsupported(VendorAction.CALL_MISSED);
    }

    /**
     * {@link VendorAction#THIRD_PARTY_ANSWERS}: the third party of a transfer answers.
     *
     * @param callId the call
     */
    default void thirdPartyAnswers(String callId) {
        throw unsupported(VendorAction.THIRD_PARTY_ANSWERS);
    }

    /**
     * {@link VendorAction#THIRD_PARTY_HANGS_UP}: the third party of a transfer hangs up.
     *
     * @param callId the call
     */
    default void thirdPartyHangsUp(String callId) {
        throw unsupported(VendorAction.THIRD_PARTY_HANGS_UP);
    }

    // ----- the vendor itself -----

    /**
     * {@link VendorAction#REFUSE_COMMAND}: the vendor refuses the next command it receives with its own kind of
     * error (an Amazon Connect error type, a one-X {@code ResponseCode}) and this message.
     *
     * @param message the vendor's message, which the plugin must pass on unchanged
     * @return the vendor's error type or code, as the plugin should report it in
     *         {@link dev.softphone.VendorException#vendorCode()}
     */
    default String refuseNextCommand(String message) {
        throw unsupported(VendorAction.REFUSE_COMMAND);
    }

    /**
     * {@link VendorAction#DELAY_ANSWERS}: from now on the vendor receives commands but answers none of them until
     * {@link #releaseAnswers()} (a slow or hung vendor).
     *
     * <p>A simulator that can only slow its answers down may instead hold every answer for a fixed delay of about
     * two seconds (longer than the kit's short timeout of 300 ms, well within its default command timeout of 5 s),
     * and make {@link #releaseAnswers()} end the slow-down; the kit's tests work with both.
     */
    default void delayAnswers() {
        throw unsupported(VendorAction.DELAY_ANSWERS);
    }

    /** {@link VendorAction#DELAY_ANSWERS}: the vendor carries out and answers the held commands, in order. */
    default void releaseAnswers() {
        throw unsupported(VendorAction.DELAY_ANSWERS);
    }

    /**
     * {@link VendorAction#GO_AWAY}: the link to the vendor is lost (the bridge page closes, one-X Agent stops
     * answering). The vendor keeps its state.
     *
     * @param reason why, for messages
     */
    default void goAway(String reason) {
        throw unsupported(VendorAction.GO_AWAY);
    }

    /** {@link VendorAction#GO_AWAY}: the link returns (the page reconnects, one-X runs again). */
    default void comeBack() {
        throw unsupported(VendorAction.GO_AWAY);
    }

    /**
     * {@link VendorAction#UNKNOWN_DATA}: the vendor sends what a newer vendor version might: unknown fields, an
     * unknown event or notification type, news about a call the plugin never saw, and where the wire format allows
     * it one malformed message. It changes nothing the plugin knows about (the agent's state stays as it is).
     */
    default void sendUnknownData() {
        throw unsupported(VendorAction.UNKNOWN_DATA);
    }

    /**
     * {@link VendorAction#SEES_CONNECTION}: whether the phone still holds a connection or registration at the vendor
     * (a paired WebSocket, a registered one-X client).
     *
     * @return true while connected
     */
    default boolean isPhoneConnected() {
        throw unsupported(VendorAction.SEES_CONNECTION);
    }

    /** Stops the simulator and releases its threads and sockets. */
    @Override
    void close();

    /**
     * @param action the action a default method stands for
     * @return the exception the defaults throw
     */
    private UnsupportedOperationException unsupported(VendorAction action) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " does not simulate " + action
                + "; implement it or leave VendorAction." + action + " out of actions()");
    }
}
