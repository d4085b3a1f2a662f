package dev.softphone;

/**
 * A request that cannot be done in the current state, for example holding when no call is up. Nothing was sent to
 * the softphone. The message names the state that prevented it.
 */
public class InvalidPhoneStateException extends SoftphoneException {
    private static final long serialVersionUID = 1L;
    private final transient AgentState agentState;

    /**
     * @param message    what was asked and why it cannot be done now
     * @param agentState the agent's state at the time
     */
    public InvalidPhoneStateException(String message, AgentState agentState) {
        super(message + " (agent state " + agentState + ")");
        this.agentState = agentState;
    }

    /** @return the agent's state when the request was refused */
    public AgentState agentState() {
        return agentState;
    }
}
