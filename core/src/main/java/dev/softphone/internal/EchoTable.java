package dev.softphone.internal;

import dev.softphone.PhoneEvent;
import dev.softphone.spi.DriverCommand;

import java.util.List;

/** Which events each driver command is expected to cause, for {@link EchoMatcher}; and which call it is about. */
public final class EchoTable {
    private EchoTable() {
    }

    /**
     * @param command a command this phone sends
     * @return the event types it is expected to cause, each matched at most once
     */
    public static List<Class<? extends PhoneEvent>> expectedEvents(DriverCommand command) {
        if (command instanceof DriverCommand.Login) {
            return List.of(PhoneEvent.AgentLoggedIn.class);
        } else if (command instanceof DriverCommand.Logout) {
            return List.of(PhoneEvent.AgentLoggedOut.class, PhoneEvent.AgentStateChanged.class);
        } else if (command instanceof DriverCommand.ClearCall) {
            // SetState is matched by target in internal.agent.StateRequests (docs/agent-state.md, A12).
            return List.of(PhoneEvent.AgentStateChanged.class);
        } else if (command instanceof DriverCommand.Dial) {
            return List.of(PhoneEvent.CallOffered.class);
        } else if (command instanceof DriverCommand.Answer) {
            return List.of(PhoneEvent.CallConnected.class);
        } else if (command instanceof DriverCommand.Reject) {
            return List.of(PhoneEvent.CallMissed.class);
        } else if (command instanceof DriverCommand.Hangup) {
            // Hanging up while a third party is on the call hands the customer over (rule T10).
            return List.of(PhoneEvent.CallEnded.class, PhoneEvent.TransferCompleted.class);
        } else if (command instanceof DriverCommand.Hold) {
            return List.of(PhoneEvent.CallHeld.class);
        } else if (command instanceof DriverCommand.Resume) {
            return List.of(PhoneEvent.CallResumed.class);
        } else if (command instanceof DriverCommand.SetMute) {
            return List.of(PhoneEvent.MuteChanged.class);
        } else if (command instanceof DriverCommand.AddParty) {
            return List.of(PhoneEvent.ConsultStarted.class, PhoneEvent.CallHeld.class);
        } else if (command instanceof DriverCommand.Conference) {
            return List.of(PhoneEvent.Conferenced.class, PhoneEvent.CallResumed.class);
        } else if (command instanceof DriverCommand.Swap) {
            return List.of(PhoneEvent.CallHeld.class, PhoneEvent.CallResumed.class);
        } else if (command instanceof DriverCommand.DropParty) {
            return List.of(PhoneEvent.TransferCancelled.class, PhoneEvent.CallResumed.class);
        } else if (command instanceof DriverCommand.LeaveCall) {
            return List.of(PhoneEvent.TransferCompleted.class, PhoneEvent.CallEnded.class);
        }
        return List.of();
    }

    /**
     * @param command a command
     * @return the call it acts on, or null
     */
    public static String callIdOf(DriverCommand command) {
        if (command instanceof DriverCommand.Answer c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Reject c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Hangup c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Hold c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Resume c) {
            return c.callId();
        } else if (command instanceof DriverCommand.SendDigits c) {
            return c.callId();
        } else if (command instanceof DriverCommand.AddParty c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Conference c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Swap c) {
            return c.callId();
        } else if (command instanceof DriverCommand.DropParty c) {
            return c.callId();
        } else if (command instanceof DriverCommand.LeaveCall c) {
            return c.callId();
        } else if (command instanceof DriverCommand.ClearCall c) {
            return c.callId();
        }
        return null;
    }
}
