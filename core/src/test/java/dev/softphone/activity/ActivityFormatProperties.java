package dev.softphone.activity;

import dev.softphone.Direction;
import dev.softphone.EndedBy;
import dev.softphone.Origin;
import dev.softphone.Target;
import dev.softphone.TargetKind;
import dev.softphone.internal.activity.QueueLogLine;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

class ActivityFormatProperties {

    @Property
    void anyRecordSurvivesTheSpoolFormat(@ForAll String callId, @ForAll String remote, @ForAll String queue,
                                         @ForAll String attr, @ForAll long ms, @ForAll boolean outbound) {
        ActivityRecord r = ActivityRecord.builder(ActivityKind.CALL_ENDED, "p-" + callId.length(),
                        Instant.ofEpochSecond(1_700_000_000L, 123_000_000L)).seq(7).origin(Origin.APPLICATION)
                .callId(callId).remote(remote).queue(queue).direction(outbound ? Direction.OUTBOUND : Direction.INBOUND)
                .talkTime(Duration.ofMillis(Math.abs(ms % 10_000_000))).endedBy(EndedBy.REMOTE)
                .target(new Target(TargetKind.QUEUE, queue, remote, true)).attribute("note", attr).build();
        assertEquals(r, ActivityRecord.fromJson(r.toJson()));
    }

    @Property
    void queueLogValuesNeverShiftOrSplitFields(@ForAll String callId, @ForAll String queue, @ForAll String data) {
        String line = new QueueLogLine(1, callId, queue, "Agent/1", "INFO", List.of(data, "x")).render();
        assertEquals(7, line.split("\\|", -1).length);
        assertEquals(-1, line.indexOf('\n'));
        assertEquals(-1, line.indexOf('\r'));
        assertEquals("x", line.substring(line.lastIndexOf('|') + 1));
    }

    private static void assertEquals(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " but got " + actual);
        }
    }
}
