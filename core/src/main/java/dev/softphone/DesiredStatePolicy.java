package dev.softphone;

/**
 * Who wins when the softphone's agent state drifts away from the state the application last asked for
 * ({@link PhoneBuilder#desiredStatePolicy(DesiredStatePolicy)}). The rules are in {@code docs/agent-state.md}.
 */
public enum DesiredStatePolicy {
    /**
     * The application mirrors the softphone: whatever the agent (or the vendor) does in the vendor window is
     * reported and becomes the state. The SDK never changes the state by itself. The default.
     */
    FOLLOW_SOFTPHONE,
    /**
     * The application's last requested state is enforced: when the softphone drifts away from it by itself (a failed
     * outbound call snapping the agent back to Available, after-call work ending into Available while the application
     * asked for a break), the SDK asks the softphone for the application's state again. A bounded number of
     * re-applies per minute protects against loops; past it the SDK gives up and reports
     * {@link PhoneEvent.AgentStateEnforcementStopped}.
     */
    ENFORCE_APPLICATION
}
