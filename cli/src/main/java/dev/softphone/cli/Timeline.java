package dev.softphone.cli;

import dev.softphone.AgentState;
import dev.softphone.Origin;
import dev.softphone.PhoneEvent;
import dev.softphone.Target;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats {@link PhoneEvent}s as a readable timeline: one line per event with its sequence number, time (UTC), who
 * caused it ({@code app} for the application's own commands, {@code softphone} for the agent in the vendor's window,
 * the far end or the contact center) and what happened in words.
 *
 * <pre>
 *   5  09:01:10  app        CallConnected         call contact-1 connected
 * </pre>
 */
final class Timeline {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private Timeline() {
    }

    /** @return the header line matching {@link #line(PhoneEvent)} */
    static String header() {
        return String.format(Locale.ROOT, "%3s  %-8s  %-9s  %-21s %s", "#", "time", "by", "event", "what happened");
    }

    /**
     * @param event an event
     * @return its timeline line
     */
    static String line(PhoneEvent event) {
        return String.format(Locale.ROOT, "%3d  %-8s  %-9s  %-21s %s", event.seq(), TIME.format(event.at()),
                by(event.origin()), event.type(), describe(event));
    }

    /**
     * @param origin an origin
     * @return its short label
     */
    static String by(Origin origin) {
        return origin == Origin.APPLICATION ? "app" : "softphone";
    }

    /**
     * @param event an event
     * @return what happened, in words
     */
    static String describe(PhoneEvent event) {
        if (event instanceof PhoneEvent.AgentLoggedIn e) {
            return "agent logged in, " + state(e.state());
        } else if (event instanceof PhoneEvent.AgentStateChanged e) {
            return (e.pending() ? "pending after the calls: " : "") + state(e.from()) + " -> " + state(e.to());
        } else if (event instanceof PhoneEvent.AgentLoggedOut e) {
            return "agent logged out (" + e.cause() + ")";
        } else if (event instanceof PhoneEvent.AgentError e) {
            return "softphone error state " + e.name();
        } else if (event instanceof PhoneEvent.AgentStateEnforcementStopped e) {
            return "stopped enforcing " + state(e.desired()) + ", softphone shows " + state(e.actual()) + ": "
                    + e.reason();
        } else if (event instanceof PhoneEvent.CallOffered e) {
            return "call " + e.callId() + " " + e.direction().name().toLowerCase(Locale.ROOT)
                    + (e.remote() != null ? (e.direction().name().equals("INBOUND") ? " from " : " to ") + e.remote()
                    : "") + (e.queue() != null ? " (queue " + e.queue() + ")" : "");
        } else if (event instanceof PhoneEvent.CallConnected e) {
            return "call " + e.callId() + " connected";
        } else if (event instanceof PhoneEvent.CallMissed e) {
            return "call " + e.callId() + " missed";
        } else if (event instanceof PhoneEvent.CallHeld e) {
            return "call " + e.callId() + ": " + party(e.party().name()) + " on hold";
        } else if (event instanceof PhoneEvent.CallResumed e) {
            return "call " + e.callId() + ": " + party(e.party().name()) + " back from hold";
        } else if (event instanceof PhoneEvent.MuteChanged e) {
            return e.muted() ? "microphone muted" : "microphone unmuted";
        } else if (event instanceof PhoneEvent.ConsultStarted e) {
            return "call " + e.callId() + ": consulting " + target(e.target());
        } else if (event instanceof PhoneEvent.ConsultConnected e) {
            return "call " + e.callId() + ": third party connected";
        } else if (event instanceof PhoneEvent.Conferenced e) {
            return "call " + e.callId() + ": everyone joined";
        } else if (event instanceof PhoneEvent.TransferCancelled e) {
            return "call " + e.callId() + ": third party dropped, customer kept";
        } else if (event instanceof PhoneEvent.TransferCompleted e) {
            return "call " + e.callId() + " transferred to " + target(e.target()) + ", mode " + e.mode();
        } else if (event instanceof PhoneEvent.TransferReceived e) {
            return "call " + e.callId() + " transferred here" + (e.fromCallId() != null ? " from " + e.fromCallId()
                    : "");
        } else if (event instanceof PhoneEvent.CallEnded e) {
            return "call " + e.callId() + " ended by " + e.endedBy();
        } else if (event instanceof PhoneEvent.SoftphoneUnavailable e) {
            return "softphone unavailable" + (e.reason() != null ? ": " + e.reason() : "");
        } else if (event instanceof PhoneEvent.SoftphoneAvailable e) {
            return "softphone available" + (e.reason() != null ? ": " + e.reason() : "");
        } else if (event instanceof PhoneEvent.ManualStepConfirmed e) {
            return "manual step " + e.stepId() + " (" + e.capability() + ") confirmed";
        }
        return PhoneEvent.class.getSimpleName();
    }

    /**
     * @param state an agent state
     * @return {@code READY}, {@code NOT_READY(BREAK)} or {@code LOGGED_OUT}
     */
    static String state(AgentState state) {
        return state.reason() == null ? state.kind().name() : state.kind() + "(" + state.reason().code() + ")";
    }

    /**
     * @param target a transfer target
     * @return for example {@code quick connect "Helpdesk" (PHONE_NUMBER +15550100)}
     */
    static String target(Target target) {
        StringBuilder sb = new StringBuilder();
        if (target.quickConnect()) {
            sb.append("quick connect ");
        }
        if (target.name() != null) {
            sb.append('"').append(target.name()).append("\" ");
        }
        sb.append('(').append(target.kind());
        if (target.number() != null) {
            sb.append(' ').append(target.number());
        }
        return sb.append(')').toString();
    }

    private static String party(String party) {
        return switch (party) {
            case "CUSTOMER" -> "customer";
            case "THIRD_PARTY" -> "third party";
            default -> "agent";
        };
    }
}
