package dev.softphone.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("demo: a whole agent shift against the simulated CCP")
class DemoCommandTest {

    private static final CliRun RUN = CliRun.of("demo");

    private static List<String> events() {
        // Timeline lines start with the sequence number; narration lines with blanks.
        return RUN.outLines().stream().filter(l -> l.matches("\\s*\\d+  \\d\\d:\\d\\d:\\d\\d  .*")).toList();
    }

    @Test
    @DisplayName("exits 0 and prints nothing on stderr")
    void succeeds() {
        assertThat(RUN.exitCode()).as(RUN.err()).isZero();
        assertThat(RUN.err()).isEmpty();
    }

    @Test
    @DisplayName("the timeline covers the shift in order, each event with its origin")
    void timeline() {
        assertThat(events()).extracting(l -> l.substring(15).replaceAll("\\s+", " ").trim()).containsExactly(
                "softphone AgentLoggedIn agent logged in, NOT_READY(Offline)",
                "app AgentStateChanged NOT_READY(Offline) -> READY",
                "softphone CallOffered call contact-1 inbound from +447700900123 (queue Support)",
                "app CallConnected call contact-1 connected",
                "app CallHeld call contact-1: customer on hold",
                "app CallResumed call contact-1: customer back from hold",
                "app ConsultStarted call contact-1: consulting quick connect \"Helpdesk\" (PHONE_NUMBER +15550100)",
                "app CallHeld call contact-1: customer on hold",
                "softphone ConsultConnected call contact-1: third party connected",
                "app TransferCompleted call contact-1 transferred to quick connect \"Helpdesk\" (PHONE_NUMBER "
                        + "+15550100), mode CONSULTED",
                "app CallEnded call contact-1 ended by TRANSFER",
                "softphone AgentStateChanged READY -> NOT_READY(AFTER_CALL_WORK)",
                "app AgentStateChanged NOT_READY(AFTER_CALL_WORK) -> READY",
                "app CallOffered call contact-2 outbound to +15550123 (queue Support)",
                "softphone CallConnected call contact-2 connected",
                "app CallEnded call contact-2 ended by AGENT",
                "softphone AgentStateChanged READY -> NOT_READY(AFTER_CALL_WORK)",
                "softphone AgentStateChanged NOT_READY(AFTER_CALL_WORK) -> READY",
                "app AgentStateChanged READY -> NOT_READY(BREAK)",
                "softphone AgentStateChanged NOT_READY(BREAK) -> NOT_READY(Lunch)",
                "app AgentStateChanged NOT_READY(Lunch) -> READY",
                "softphone CallOffered call contact-3 inbound from +447700900123 (queue Support)",
                "app CallConnected call contact-3 connected",
                "softphone CallEnded call contact-3 ended by REMOTE",
                "softphone AgentStateChanged READY -> NOT_READY(AFTER_CALL_WORK)",
                "softphone AgentStateChanged NOT_READY(AFTER_CALL_WORK) -> READY",
                "app AgentStateChanged READY -> NOT_READY(Offline)",
                "app AgentLoggedOut agent logged out (APPLICATION)");
    }

    @Test
    @DisplayName("the simulated clock moves the shift through the morning in seconds")
    void simulatedClock() {
        assertThat(events().get(0)).contains("09:00:00");
        assertThat(events().get(events().size() - 1)).contains("09:57:00");
        assertThat(RUN.out()).contains("manual step for the agent: Sign in to Amazon "
                + "Connect");
    }

    @Test
    @DisplayName("prints the activity as queue_log lines: login, calls, the transfer, pauses with their reasons, logoff")
    void queueLog() {
        List<String> lines = RUN.outLines().stream().filter(l -> l.matches("  \\d{10}\\|.*")).map(String::trim)
                .toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0)).isEqualTo("1741078800|NONE|NONE|Agent/jane.doe|AGENTLOGIN|Local/jane.doe@softphone");
        assertThat(lines).anyMatch(l -> l.contains("|contact-1|Support|Agent/jane.doe|CONNECT|6|"))
                .anyMatch(l -> l.contains("|contact-2|q-outbound|Agent/jane.doe|CALLOUTBOUND||+15550123"))
                .anyMatch(l -> l.endsWith("|PAUSEREASON|BREAK"))
                .anyMatch(l -> l.endsWith("|PAUSEREASON|Lunch"))
                .anyMatch(l -> l.contains("|AGENTLOGOFF|Local/jane.doe@softphone|3420"));
    }

    @Test
    @DisplayName("previews the GA4 requests: events of the shift, first one in full")
    void ga4Preview() {
        assertThat(RUN.out()).contains("GA4 Measurement Protocol preview", "agent_login", "call_answer",
                "agent_logout", "\"name\" : \"agent_login\"", "\"timestamp_micros\" : 1741078800000000");
    }

    @Test
    @DisplayName("prints the same every time (simulated clock, fixed ids)")
    void deterministic() {
        CliRun again = CliRun.of("demo");
        assertThat(again.out()).isEqualTo(RUN.out());
    }
}
