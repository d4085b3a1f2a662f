package dev.softphone.agentstate;

import dev.softphone.AgentState;
import dev.softphone.CommandResult;
import dev.softphone.DesiredStatePolicy;
import dev.softphone.PauseReason;
import dev.softphone.Phone;
import dev.softphone.PhoneBuilder;
import dev.softphone.PhoneEvent;
import dev.softphone.testkit.DeterministicScheduler;
import dev.softphone.testkit.FakeSoftphone;
import dev.softphone.testkit.FakeSoftphonePlugin;
import dev.softphone.testkit.RecordingPhoneListener;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/** A phone over the fake softphone, run entirely on the test thread with a deterministic clock and scheduler. */
final class AgentStateHarness implements AutoCloseable {
    static final AgentState READY = AgentState.READY;
    static final AgentState BREAK = AgentState.notReady(PauseReason.BREAK);
    static final AgentState MEAL = AgentState.notReady(PauseReason.MEAL);
    static final AgentState LUNCH = AgentState.notReady(PauseReason.custom("Lunch"));
    static final AgentState ACW = AgentState.notReady(PauseReason.AFTER_CALL_WORK);
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    final DeterministicScheduler scheduler = DeterministicScheduler.create();
    final FakeSoftphonePlugin plugin = new FakeSoftphonePlugin();
    final RecordingPhoneListener events = new RecordingPhoneListener();
    final Phone phone;
    final FakeSoftphone softphone;

    AgentStateHarness() {
        this(b -> b);
    }

    AgentStateHarness(UnaryOperator<PhoneBuilder> options) {
        phone = options.apply(Phone.builder().plugin(plugin).executor(scheduler).scheduler(scheduler)
                .clock(scheduler.clock()).commandTimeout(TIMEOUT).listener(events)).build();
        softphone = plugin.softphone();
    }

    static AgentStateHarness enforcing(int maxPerMinute) {
        return new AgentStateHarness(b -> b.desiredStatePolicy(DesiredStatePolicy.ENFORCE_APPLICATION)
                .maxStateReappliesPerMinute(maxPerMinute));
    }

    /** The agent logs in in the vendor window and the recorder forgets the login. */
    AgentStateHarness loggedIn(AgentState state) {
        softphone.agentLogsIn(state);
        events.clear();
        return this;
    }

    static CompletableFuture<CommandResult> f(CompletionStage<CommandResult> stage) {
        return stage.toCompletableFuture();
    }

    List<PhoneEvent.AgentStateChanged> changes() {
        return events.ofType(PhoneEvent.AgentStateChanged.class);
    }

    @Override
    public void close() {
        phone.close();
    }
}
