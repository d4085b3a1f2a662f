package dev.softphone.activity;

import dev.softphone.AgentState;
import dev.softphone.Capability;
import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.LogoutCause;
import dev.softphone.Origin;
import dev.softphone.Party;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEvent.Meta;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.TransferMode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The worked example shift of {@code docs/reporting.md}, as the phone events an SDK phone would publish for agent
 * {@code 101}: login, a meal break, an inbound call with a hold and a consulted transfer, an outbound call with
 * after-call work, a missed call, a blind transfer, logout. Times are seconds after {@link #START}.
 */
final class ShiftScenario {
    static final long START = 1_718_000_000L;

    private final String phoneId;
    private final long start;
    private final List<PhoneEvent> events = new ArrayList<>();
    private long seq;

    ShiftScenario(String phoneId, long start) {
        this.phoneId = phoneId;
        this.start = start;
    }

    String phoneId() {
        return phoneId;
    }

    private Meta at(long offset) {
        return new Meta(++seq, Instant.ofEpochSecond(start + offset), Origin.SOFTPHONE);
    }

    /** The whole shift. */
    static List<PhoneEvent> shift(String phoneId, long start) {
        ShiftScenario s = new ShiftScenario(phoneId, start);
        s.build();
        return List.copyOf(s.events);
    }

    private void build() {
        AgentState meal = AgentState.notReady(PauseReason.MEAL);
        AgentState acw = AgentState.notReady(PauseReason.AFTER_CALL_WORK);
        String in = "1718001000.42";
        String out = "1718001500.50";
        String missed = "1718002000.77";
        String blind = "1718002400.90";
        Target billing = new Target(TargetKind.QUEUE, "billing", null, false);

        events.add(new PhoneEvent.AgentLoggedIn(at(0), AgentState.READY));
        events.add(new PhoneEvent.AgentStateChanged(at(60), AgentState.READY, meal, false));
        events.add(new PhoneEvent.AgentStateChanged(at(960), meal, AgentState.READY, false));

        events.add(new PhoneEvent.CallOffered(at(1008), in, Direction.INBOUND, "5551234", "support"));
        events.add(new PhoneEvent.CallConnected(at(1012), in));
        events.add(new PhoneEvent.CallHeld(at(1100), in, Party.CUSTOMER));
        events.add(new PhoneEvent.MuteChanged(at(1101), true));
        events.add(new PhoneEvent.MuteChanged(at(1102), false));
        events.add(new PhoneEvent.CallResumed(at(1145), in, Party.CUSTOMER));
        events.add(new PhoneEvent.ConsultStarted(at(1180), in, billing));
        events.add(new PhoneEvent.CallHeld(at(1180), in, Party.CUSTOMER));
        events.add(new PhoneEvent.ConsultConnected(at(1190), in));
        events.add(new PhoneEvent.TransferCompleted(at(1222), in, TransferMode.CONSULTED, billing));
        events.add(new PhoneEvent.CallEnded(at(1222), in, EndedBy.TRANSFER));

        events.add(new PhoneEvent.CallOffered(at(1500), out, Direction.OUTBOUND, "5559876", null));
        events.add(new PhoneEvent.CallConnected(at(1508), out));
        events.add(new PhoneEvent.CallEnded(at(1628), out, EndedBy.AGENT));
        events.add(new PhoneEvent.AgentStateChanged(at(1628), AgentState.READY, acw, false));
        events.add(new PhoneEvent.ManualStepConfirmed(at(1640), "101-manual-1", Capability.READY, null));
        events.add(new PhoneEvent.AgentStateChanged(at(1688), acw, AgentState.READY, false));

        events.add(new PhoneEvent.CallOffered(at(2000), missed, Direction.INBOUND, "5550001", "support"));
        events.add(new PhoneEvent.CallMissed(at(2015), missed));

        events.add(new PhoneEvent.CallOffered(at(2400), blind, Direction.INBOUND, "5550002", "support"));
        events.add(new PhoneEvent.CallConnected(at(2403), blind));
        events.add(new PhoneEvent.TransferCompleted(at(2460), blind, TransferMode.BLIND,
                Target.phoneNumber("5554321")));
        events.add(new PhoneEvent.CallEnded(at(2460), blind, EndedBy.TRANSFER));

        events.add(new PhoneEvent.AgentLoggedOut(at(3600), LogoutCause.APPLICATION));
    }
}
