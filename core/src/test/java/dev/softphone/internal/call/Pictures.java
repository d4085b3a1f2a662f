package dev.softphone.internal.call;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.Direction;
import dev.softphone.Leg;
import dev.softphone.LegRole;
import dev.softphone.LegState;
import dev.softphone.PhoneEvent;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.internal.EchoMatcher;
import dev.softphone.internal.EventStamper;
import dev.softphone.internal.PhoneSession;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedAgent;
import dev.softphone.spi.ObservedCall;

import java.lang.reflect.RecordComponent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-built observations for the call-rule tests: calls and legs in a few words, a session to feed them to, and a
 * compact text form of call events ({@code "CallHeld c1 CUSTOMER"}) for exact comparisons.
 */
final class Pictures {
    static final String CUSTOMER_NUMBER = "+15550001";
    static final Target NUMBER = Target.phoneNumber("+15550199");
    static final Target QUEUE = new Target(TargetKind.QUEUE, "Billing", null, true);
    static final Target AGENT_BOB = new Target(TargetKind.AGENT, "Bob", null, true);

    private Pictures() {
    }

    static Leg customer(LegState state) {
        return new Leg("cust", LegRole.CUSTOMER, state, Target.phoneNumber(CUSTOMER_NUMBER), false);
    }

    static Leg agent(LegState state) {
        return new Leg("me", LegRole.AGENT, state, null, false);
    }

    static Leg third(LegState state, Target target) {
        return third("tp", state, target);
    }

    static Leg third(String id, LegState state, Target target) {
        return new Leg(id, LegRole.THIRD_PARTY, state, target, false);
    }

    static Leg monitor(LegState state) {
        return new Leg("sup", LegRole.MONITOR, state, null, false);
    }

    static ObservedCall inbound(String id, CallStatus status, Leg... legs) {
        return new ObservedCall(id, id, Direction.INBOUND, status, CUSTOMER_NUMBER, "Support", null, List.of(legs));
    }

    static ObservedCall outbound(String id, CallStatus status, Leg... legs) {
        return new ObservedCall(id, id, Direction.OUTBOUND, status, CUSTOMER_NUMBER, null, null, List.of(legs));
    }

    static ObservedCall transferred(String id, String from, CallStatus status, Leg... legs) {
        return new ObservedCall(id, from, Direction.INBOUND, status, CUSTOMER_NUMBER, "Support", from,
                List.of(legs));
    }

    /** A ringing inbound call. */
    static ObservedCall ringing(String id) {
        return inbound(id, CallStatus.RINGING, customer(LegState.CONNECTED), agent(LegState.CONNECTING));
    }

    /** An inbound call with the agent talking to the customer. */
    static ObservedCall talking(String id) {
        return inbound(id, CallStatus.CONNECTED, customer(LegState.CONNECTED), agent(LegState.CONNECTED));
    }

    /** An inbound call with the customer on hold and a third party in the given state. */
    static ObservedCall consulting(String id, LegState third, Target target) {
        return inbound(id, CallStatus.CONNECTED, customer(LegState.HELD), agent(LegState.CONNECTED),
                third(third, target));
    }

    /** Customer, agent and third party all talking. */
    static ObservedCall conferenced(String id, Target target) {
        return inbound(id, CallStatus.CONNECTED, customer(LegState.CONNECTED), agent(LegState.CONNECTED),
                third(LegState.CONNECTED, target));
    }

    static Observation obs(ObservedCall... calls) {
        return new Observation(ObservedAgent.of(AgentState.READY), List.of(calls));
    }

    /** A session fed with hand-built observations, with a clock the test moves and an echo matcher. */
    static final class Session {
        final MovableClock clock = new MovableClock();
        final EchoMatcher echoes = new EchoMatcher(Duration.ofSeconds(5));
        final PhoneSession session = new PhoneSession(new EventStamper(clock, echoes));

        /** Feeds observations; returns the call events they caused, in order. */
        List<PhoneEvent> feed(Observation... observations) {
            List<PhoneEvent> out = new ArrayList<>();
            for (Observation o : observations) {
                for (PhoneEvent e : session.observe(o)) {
                    if (e instanceof PhoneEvent.CallEvent) {
                        out.add(e);
                    }
                }
            }
            return out;
        }

        /** Feeds observations; returns the call events in text form. */
        List<String> texts(Observation... observations) {
            return feed(observations).stream().map(Pictures::text).toList();
        }
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-05T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /**
     * @param event an event
     * @return its type and fields except the meta, e.g. {@code "TransferCompleted c1 CONSULTED PHONE_NUMBER:+15550199"}
     */
    static String text(PhoneEvent event) {
        StringBuilder b = new StringBuilder(event.type());
        for (RecordComponent c : event.getClass().getRecordComponents()) {
            if (c.getName().equals("meta")) {
                continue;
            }
            try {
                Object v = c.getAccessor().invoke(event);
                if (v instanceof dev.softphone.ContextHandoff) {
                    continue; // filled in by the phone after the tracker (docs/call-context.md), not a tracker output
                }
                b.append(' ').append(v instanceof Target t ? text(t) : String.valueOf(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.toString();
    }

    static String text(Target t) {
        return t.kind() + ":" + (t.name() != null ? t.name() : t.number()) + (t.quickConnect() ? "(qc)" : "");
    }
}
