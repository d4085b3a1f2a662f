package dev.softphone.avaya.internal;

import dev.softphone.AgentState;
import dev.softphone.Capability;
import dev.softphone.Destination;
import dev.softphone.ManualInstruction;
import dev.softphone.PauseReason;
import dev.softphone.spi.DriverCommand;
import dev.softphone.spi.ReasonTable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The words an agent needs to do by hand in the one-X Agent window what the one-X Agent API cannot do. Keys are
 * stable ({@code avaya-onex.<topic>}) so applications can show their own, localized text; the table of keys and their
 * arguments is in {@code docs/avaya-onex.md}.
 */
public final class OneXInstructions {
    private static final String AFTER_CALL = " The change takes effect when your current call ends.";

    private final ReasonTable reasons;

    /**
     * @param reasons aux reason codes to pause reasons
     */
    public OneXInstructions(ReasonTable reasons) {
        this.reasons = reasons;
    }

    /**
     * @param capability the capability the plugin does not have
     * @param command    what the application asked for
     * @return the instruction
     */
    public ManualInstruction instruction(Capability capability, DriverCommand command) {
        Map<String, String> args = new LinkedHashMap<>();
        String callId = callIdOf(command);
        if (callId != null) {
            args.put("callId", callId);
        }
        if (command instanceof DriverCommand.SetState s) {
            return state(s.target(), s.whenCallsEnd(), args);
        } else if (command instanceof DriverCommand.AddParty a) {
            args.put("destination", spoken(a.destination()));
            if (capability == Capability.BLIND_TRANSFER) {
                return make("avaya-onex.transfer.blind", "In one-X Agent, click Transfer, dial "
                        + spoken(a.destination()) + " and complete the transfer right away, without waiting for an "
                        + "answer. Then confirm the step here.", args);
            }
            return make("avaya-onex.transfer.consult", "In one-X Agent, click Transfer, dial "
                    + spoken(a.destination()) + " and talk to them while your caller is on hold. Then confirm the "
                    + "step here; complete, conference or cancel the transfer afterwards.", args);
        } else if (command instanceof DriverCommand.LeaveCall) {
            return make("avaya-onex.transfer.complete", "In one-X Agent, click Complete to hand your caller over to "
                    + "the person you consulted. Then confirm the step here.", args);
        } else if (command instanceof DriverCommand.DropParty) {
            return make("avaya-onex.transfer.cancel", "In one-X Agent, drop the consulted party and take your "
                    + "caller off hold. Then confirm the step here.", args);
        } else if (command instanceof DriverCommand.Conference) {
            return make("avaya-onex.conference", "In one-X Agent, click Conference to join your caller and the "
                    + "person you consulted. Then confirm the step here.", args);
        } else if (command instanceof DriverCommand.Swap) {
            return make("avaya-onex.transfer.swap", "In one-X Agent, switch between your caller and the person you "
                    + "consulted (take one off hold, the other goes on hold). Then confirm the step here.", args);
        } else if (command instanceof DriverCommand.SendDigits d) {
            args.put("digits", d.digits());
            return make("avaya-onex.dtmf", "In one-X Agent, open the dial pad of the call and press "
                    + d.digits() + ".", args);
        } else if (command instanceof DriverCommand.Login) {
            return make("avaya-onex.login", "Log in to one-X Agent with your agent ID and password. Then confirm "
                    + "the step here.", args);
        } else if (command instanceof DriverCommand.Logout) {
            return make("avaya-onex.logout", "In one-X Agent, log out (choose a logout reason code if asked). "
                    + "Then confirm the step here.", args);
        } else if (command instanceof DriverCommand.ClearCall) {
            return make("avaya-onex.after-call-work.end", "In one-X Agent, click Auto-In (or Manual-In) to leave "
                    + "after-call work. Then confirm the step here.", args);
        } else if (command instanceof DriverCommand.Reject) {
            return make("avaya-onex.reject", "one-X Agent cannot reject from here: let the call ring out or "
                    + "answer and release it in one-X Agent.", args);
        }
        args.put("command", command.describe());
        return make("avaya-onex.manual", "In one-X Agent: " + command.describe() + ". Then confirm the step here.",
                args);
    }

    private ManualInstruction state(AgentState target, boolean whenCallsEnd, Map<String, String> args) {
        String suffix = whenCallsEnd ? ".when-call-ends" : "";
        String tail = whenCallsEnd ? AFTER_CALL : "";
        args.put("whenCallsEnd", Boolean.toString(whenCallsEnd));
        if (target.isRoutable()) {
            return make("avaya-onex.state.ready" + suffix, "In one-X Agent, click Auto-In (or Manual-In, if your "
                    + "contact center uses it) to become available." + tail + " Then confirm the step here.", args);
        }
        PauseReason reason = target.reason();
        args.put("reason", reason.code());
        args.put("reasonLabel", reason.label());
        if (reason.equals(PauseReason.AFTER_CALL_WORK)) {
            return make("avaya-onex.state.after-call-work" + suffix, "In one-X Agent, click After Call Work (ACW)."
                    + tail + " Then confirm the step here.", args);
        }
        Optional<String> aux = reasons.toVendor(reason).filter(code -> code.matches("[0-9]{1,2}"));
        if (aux.isPresent()) {
            args.put("auxCode", aux.get());
            return make("avaya-onex.state.aux" + suffix, "In one-X Agent, click AUX and choose reason code "
                    + aux.get() + " (" + reason.label() + ")." + tail + " Then confirm the step here.", args);
        }
        return make("avaya-onex.state.aux-unmapped" + suffix, "In one-X Agent, click AUX and choose the reason code "
                + "your contact center uses for " + reason.label() + "." + tail + " Then confirm the step here. "
                + "(No aux code is configured for " + reason.code() + ": set avaya-onex.reason.<code>="
                + reason.code() + ".)", args);
    }

    private static ManualInstruction make(String key, String text, Map<String, String> args) {
        return new ManualInstruction(key, text, args);
    }

    /** @return how the agent names the destination when dialling it */
    private static String spoken(Destination d) {
        if (d instanceof Destination.PhoneNumber p) {
            return p.number();
        } else if (d instanceof Destination.Queue q) {
            return "the number of queue " + q.name();
        } else if (d instanceof Destination.Agent a) {
            return "the extension of agent " + a.name();
        }
        return "the number of " + ((Destination.QuickConnect) d).name();
    }

    private static String callIdOf(DriverCommand command) {
        if (command instanceof DriverCommand.AddParty c) {
            return c.callId();
        } else if (command instanceof DriverCommand.LeaveCall c) {
            return c.callId();
        } else if (command instanceof DriverCommand.DropParty c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Conference c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Swap c) {
            return c.callId();
        } else if (command instanceof DriverCommand.SendDigits c) {
            return c.callId();
        } else if (command instanceof DriverCommand.ClearCall c) {
            return c.callId();
        } else if (command instanceof DriverCommand.Reject c) {
            return c.callId();
        }
        return null;
    }
}
