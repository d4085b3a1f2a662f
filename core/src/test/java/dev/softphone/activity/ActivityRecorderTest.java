package dev.softphone.activity;

import dev.softphone.AgentState;
import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.LogoutCause;
import dev.softphone.Origin;
import dev.softphone.PauseReason;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEvent.Meta;
import dev.softphone.TransferMode;
import dev.softphone.internal.activity.ActivityRecorder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Activity recorder: phone events to activity records")
class ActivityRecorderTest {
    private final List<ActivityRecord> records = new ArrayList<>();
    private final ActivityRecorder recorder = new ActivityRecorder("101", false, records::add);
    private long seq;

    private Meta at(long second) {
        return new Meta(++seq, Instant.ofEpochSecond(ShiftScenario.START + second), Origin.SOFTPHONE);
    }

    private ActivityRecord only(ActivityKind kind) {
        List<ActivityRecord> found = records.stream().filter(r -> r.kind() == kind).toList();
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    @DisplayName("the worked shift gives each kind of record with its durations")
    void wholeShift() {
        ShiftScenario.shift("101", ShiftScenario.START).forEach(recorder::onEvent);

        assertThat(records).extracting(ActivityRecord::kind).containsExactly(
                ActivityKind.LOGGED_IN, ActivityKind.PAUSE_STARTED, ActivityKind.PAUSE_ENDED,
                ActivityKind.CALL_OFFERED, ActivityKind.CALL_ANSWERED, ActivityKind.HOLD_STARTED,
                ActivityKind.HOLD_ENDED, ActivityKind.TRANSFER_STARTED, ActivityKind.HOLD_STARTED,
                ActivityKind.HOLD_ENDED, ActivityKind.TRANSFER_COMPLETED, ActivityKind.CALL_ENDED,
                ActivityKind.CALL_OFFERED, ActivityKind.CALL_ANSWERED, ActivityKind.CALL_ENDED,
                ActivityKind.PAUSE_STARTED, ActivityKind.MANUAL_STEP_CONFIRMED, ActivityKind.PAUSE_ENDED,
                ActivityKind.CALL_OFFERED, ActivityKind.CALL_MISSED,
                ActivityKind.CALL_OFFERED, ActivityKind.CALL_ANSWERED, ActivityKind.TRANSFER_COMPLETED,
                ActivityKind.CALL_ENDED, ActivityKind.LOGGED_OUT);
        ActivityRecord meal = records.get(2);
        assertThat(meal.reason()).isEqualTo("MEAL");
        assertThat(meal.duration()).isEqualTo(Duration.ofSeconds(900));
        ActivityRecord transferred = records.get(10);
        assertThat(transferred.target().name()).isEqualTo("billing");
        assertThat(transferred.transferMode()).isEqualTo(TransferMode.CONSULTED);
        assertThat(transferred.ringTime()).isEqualTo(Duration.ofSeconds(4));
        assertThat(transferred.talkTime()).isEqualTo(Duration.ofSeconds(210));
        assertThat(transferred.holdTime()).isEqualTo(Duration.ofSeconds(45 + 42));
        ActivityRecord consultHold = records.get(9);
        assertThat(consultHold.attribute("purpose")).isEqualTo("CONSULT");
        assertThat(consultHold.duration()).isEqualTo(Duration.ofSeconds(42));
        ActivityRecord outbound = records.get(14);
        assertThat(outbound.direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(outbound.remote()).isEqualTo("5559876");
        assertThat(outbound.talkTime()).isEqualTo(Duration.ofSeconds(120));
        assertThat(outbound.endedBy()).isEqualTo(EndedBy.AGENT);
        assertThat(records.get(16).attributes()).containsEntry("capability", "READY")
                .containsEntry("stepId", "101-manual-1");
        assertThat(records.get(19).ringTime()).isEqualTo(Duration.ofSeconds(15));
        assertThat(records.get(24).duration()).isEqualTo(Duration.ofHours(1));
        assertThat(records.get(24).attribute("cause")).isEqualTo("APPLICATION");
        assertThat(records).allSatisfy(r -> assertThat(r.sessionStart())
                .isEqualTo(Instant.ofEpochSecond(ShiftScenario.START)));
        assertThat(records).extracting(ActivityRecord::id).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("ids are stable: the same events give the same ids, another start time gives others")
    void stableIds() {
        List<ActivityRecord> again = new ArrayList<>();
        ActivityRecorder other = new ActivityRecorder("101", false, again::add);
        ShiftScenario.shift("101", ShiftScenario.START).forEach(recorder::onEvent);
        ShiftScenario.shift("101", ShiftScenario.START).forEach(other::onEvent);
        assertThat(again).extracting(ActivityRecord::id)
                .containsExactlyElementsOf(records.stream().map(ActivityRecord::id).toList());

        List<ActivityRecord> nextDay = new ArrayList<>();
        ActivityRecorder restarted = new ActivityRecorder("101", false, nextDay::add);
        ShiftScenario.shift("101", ShiftScenario.START + 86_400).forEach(restarted::onEvent);
        assertThat(nextDay).extracting(ActivityRecord::id)
                .doesNotContainAnyElementsOf(records.stream().map(ActivityRecord::id).toList());
    }

    @Test
    @DisplayName("logging in paused starts a pause; logging out while paused ends it first")
    void loginAndLogoutWhilePaused() {
        recorder.onEvent(new PhoneEvent.AgentLoggedIn(at(0), AgentState.notReady(PauseReason.TRAINING)));
        recorder.onEvent(new PhoneEvent.AgentLoggedOut(at(600), LogoutCause.SESSION_TERMINATED));

        assertThat(records).extracting(ActivityRecord::kind).containsExactly(ActivityKind.LOGGED_IN,
                ActivityKind.PAUSE_STARTED, ActivityKind.PAUSE_ENDED, ActivityKind.LOGGED_OUT);
        assertThat(records.get(0).reason()).isEqualTo("TRAINING");
        assertThat(records.get(2).duration()).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("a pending state change is not a pause until it applies; a change from one pause to another ends "
            + "the first")
    void pendingAndPauseToPause() {
        recorder.onEvent(new PhoneEvent.AgentLoggedIn(at(0), AgentState.READY));
        recorder.onEvent(new PhoneEvent.AgentStateChanged(at(10), AgentState.READY,
                AgentState.notReady(PauseReason.BREAK), true));
        recorder.onEvent(new PhoneEvent.AgentStateChanged(at(20), AgentState.READY,
                AgentState.notReady(PauseReason.BREAK), false));
        recorder.onEvent(new PhoneEvent.AgentStateChanged(at(50), AgentState.notReady(PauseReason.BREAK),
                AgentState.notReady(PauseReason.MEETING), false));

        assertThat(records).extracting(ActivityRecord::kind).containsExactly(ActivityKind.LOGGED_IN,
                ActivityKind.PAUSE_STARTED, ActivityKind.PAUSE_ENDED, ActivityKind.PAUSE_STARTED);
        assertThat(records.get(2).duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(records.get(3).reason()).isEqualTo("MEETING");
    }

    @Test
    @DisplayName("a call that ends while held closes the hold; an unanswered call ends without talk time")
    void holdsAndUnanswered() {
        recorder.onEvent(new PhoneEvent.CallOffered(at(0), "c1", Direction.INBOUND, "555", "q"));
        recorder.onEvent(new PhoneEvent.CallConnected(at(2), "c1"));
        recorder.onEvent(new PhoneEvent.CallHeld(at(10), "c1", dev.softphone.Party.CUSTOMER));
        recorder.onEvent(new PhoneEvent.CallEnded(at(25), "c1", EndedBy.REMOTE));
        recorder.onEvent(new PhoneEvent.CallOffered(at(30), "c2", Direction.INBOUND, "556", "q"));
        recorder.onEvent(new PhoneEvent.CallEnded(at(37), "c2", EndedBy.REMOTE));

        ActivityRecord holdEnd = only(ActivityKind.HOLD_ENDED);
        assertThat(holdEnd.duration()).isEqualTo(Duration.ofSeconds(15));
        List<ActivityRecord> ends = records.stream().filter(r -> r.kind() == ActivityKind.CALL_ENDED).toList();
        assertThat(ends.get(0).holdTime()).isEqualTo(Duration.ofSeconds(15));
        assertThat(ends.get(1).talkTime()).isNull();
        assertThat(ends.get(1).ringTime()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    @DisplayName("with raw events on, every phone event is also kept in its normative JSON")
    void rawEvents() {
        List<ActivityRecord> all = new ArrayList<>();
        ActivityRecorder raw = new ActivityRecorder("101", true, all::add);
        PhoneEvent muted = new PhoneEvent.MuteChanged(at(0), true);
        raw.onEvent(muted);
        assertThat(all).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(ActivityKind.PHONE_EVENT);
            assertThat(r.event()).isEqualTo(dev.softphone.PhoneEventJson.toJson(muted));
        });
    }
}
