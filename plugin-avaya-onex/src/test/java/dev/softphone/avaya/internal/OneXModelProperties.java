package dev.softphone.avaya.internal;

import dev.softphone.AgentState;
import dev.softphone.CallStatus;
import dev.softphone.PauseReason;
import dev.softphone.spi.Observation;
import dev.softphone.spi.ObservedCall;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Label("one-X model: any order of notifications, acknowledgements and confirmations keeps the picture sound")
class OneXModelProperties {

    /** One thing that can happen to the model, on one of a few interaction ids. */
    record Step(int kind, int call) {
        void apply(OneXModel model) {
            String id = "VI" + call;
            try {
                switch (kind) {
                    case 0 -> model.created(new Notification.VoiceCreated(id, false, "+32" + call, null, "Sales"));
                    case 1 -> model.created(new Notification.VoiceCreated(id, true, "+32" + call, null, null));
                    case 2 -> model.terminated(id);
                    case 3 -> model.missed(id);
                    case 4 -> model.answered(id);
                    case 5 -> model.customerHeld(id, call % 2 == 0);
                    case 6 -> model.setState(AgentState.notReady(PauseReason.BREAK), true);
                    case 7 -> model.setState(AgentState.READY, false);
                    case 8 -> model.consultStarted(id, dev.softphone.Target.phoneNumber("3001"));
                    case 9 -> model.transferCompleted(id);
                    default -> model.thirdPartyDropped(id);
                }
            } catch (IllegalArgumentException unknownCall) {
                // A step on a call the model does not show is refused, as the driver expects; nothing changes.
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.integers().between(1, 3))
                .as(Step::new).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    @Label("a call that ended or was missed shows in exactly one picture, and never comes back alive")
    void terminalCallsShowOnce(@ForAll("steps") List<Step> steps) {
        OneXModel model = new OneXModel(AgentState.READY, true);
        model.registered();
        Set<String> finished = new HashSet<>();
        for (Step step : steps) {
            step.apply(model);
            Observation picture = model.snapshot();
            Set<String> ids = new HashSet<>();
            for (ObservedCall call : picture.calls()) {
                assertThat(ids.add(call.callId())).as("unique call ids in %s", picture).isTrue();
                assertThat(finished).as("a finished call reappeared: %s", call).doesNotContain(call.callId());
                if (call.status() == CallStatus.ENDED || call.status() == CallStatus.MISSED) {
                    finished.add(call.callId());
                }
            }
        }
    }

    @Property(tries = 300)
    @Label("a pending state exists only while a call is live, and applies when the last call ends")
    void pendingOnlyDuringCalls(@ForAll("steps") List<Step> steps) {
        OneXModel model = new OneXModel(AgentState.READY, false);
        model.registered();
        for (Step step : steps) {
            step.apply(model);
            model.snapshot();
            if (model.pending() != null) {
                assertThat(model.hasLiveCall()).as("pending %s without a live call", model.pending()).isTrue();
            }
            assertThat(model.state().isLoggedIn()).isTrue();
        }
    }
}
