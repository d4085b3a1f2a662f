package dev.softphone.amazonconnect.internal;

import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import static org.assertj.core.api.Assertions.assertThat;

@Label("MessageScanner properties")
class MessageScannerProperties {

    private static String update(long seq, long ts, int skew, int length, String stateName, int contacts) {
        StringBuilder sb = new StringBuilder("{\"type\":\"agent.update\",\"seq\":").append(seq)
                .append(",\"data\":{\"snapshot\":{\"snapshotTimestamp\":").append(ts / 1000d)
                .append(",\"localTimestamp\":").append(ts).append(",\"skew\":").append(skew)
                .append(",\"contentLength\":").append(length).append(",\"state\":{\"name\":\"").append(stateName)
                .append("\",\"type\":\"not_routable\"},\"contacts\":[");
        for (int i = 0; i < contacts; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"contactId\":\"c").append(i).append("\",\"contactDuration\":\"")
                    .append(ts % 1000).append("\"}");
        }
        return sb.append("]}}}").toString();
    }

    @Property
    @Label("re-polls (only volatile values differ) always have equal keys")
    void repollsHaveEqualKeys(@ForAll @LongRange(min = 1, max = 1_000_000) long seq1,
                              @ForAll @LongRange(min = 1, max = 1_000_000) long seq2,
                              @ForAll @LongRange(min = 1_600_000_000_000L, max = 1_900_000_000_000L) long ts1,
                              @ForAll @LongRange(min = 1_600_000_000_000L, max = 1_900_000_000_000L) long ts2,
                              @ForAll @IntRange(min = -5000, max = 5000) int skew1,
                              @ForAll @IntRange(min = -5000, max = 5000) int skew2,
                              @ForAll @IntRange(min = 0, max = 4) int contacts) throws Exception {
        assertThat(MessageScanner.scan(update(seq1, ts1, skew1, 100, "Lunch", contacts)).key())
                .isEqualTo(MessageScanner.scan(update(seq2, ts2, skew2, 900, "Lunch", contacts)).key());
    }

    @Property
    @Label("a different state name or contact count always changes the key")
    void changesChangeKeys(@ForAll("names") String a, @ForAll("names") String b,
                           @ForAll @IntRange(min = 0, max = 3) int c1, @ForAll @IntRange(min = 0, max = 3) int c2)
            throws Exception {
        boolean same = a.equals(b) && c1 == c2;
        assertThat(MessageScanner.scan(update(1, 1_700_000_000_000L, 1, 1, a, c1)).key()
                .equals(MessageScanner.scan(update(2, 1_700_000_000_100L, 2, 2, b, c2)).key())).isEqualTo(same);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> names() {
        return net.jqwik.api.Arbitraries.of("Lunch", "Break", "Training", "Busy", "AfterCallWork");
    }
}
