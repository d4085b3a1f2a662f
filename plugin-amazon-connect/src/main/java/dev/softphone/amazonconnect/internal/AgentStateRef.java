package dev.softphone.amazonconnect.internal;

/**
 * An Amazon Connect agent state as Streams shows it ({@code snapshot.state}, {@code nextState}, an entry of
 * {@code configuration.agentStates}).
 *
 * @param arn  the {@code agentStateARN}, null for system states
 * @param type the state type ({@code routable}, {@code not_routable}, {@code offline}, {@code system},
 *             {@code error}, {@code init})
 * @param name the state name ({@code Available}, {@code Lunch}, {@code PendingBusy}, {@code MissedCallAgent}…)
 */
public record AgentStateRef(String arn, String type, String name) {
}
