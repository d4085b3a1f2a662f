package dev.softphone.amazonconnect.internal;

import dev.softphone.testkit.amazon.SimulatedCcp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("RepollMatcher: re-polls recognized from the bytes, everything else left to the full path")
class RepollMatcherTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> callThenRepolls() {
        SimulatedCcp ccp = SimulatedCcp.create();
        ccp.pageLoads();
        ccp.agentLogsIn("Available");
        ccp.customerCalls("+15550123", "Support");
        ccp.agentAccepts();
        ccp.repoll(3);
        return ccp.recording();
    }

    @Test
    @DisplayName("a re-poll (new seq, timestamps, skew) is recognized and its seq returned")
    void repollIsRecognized() throws BadMessageException {
        List<String> r = callThenRepolls();
        String base = r.get(r.size() - 4);
        String repoll = r.get(r.size() - 1);
        assertThat(repoll).isNotEqualTo(base);
        long seq = MessageReader.read(utf8(repoll), 0, utf8(repoll).length).seq();
        assertThat(RepollMatcher.repollSeq(utf8(base), utf8(repoll))).isEqualTo(seq);
    }

    @Test
    @DisplayName("a changed picture is not a re-poll")
    void changeIsNotARepoll() {
        List<String> r = callThenRepolls();
        String ringing = r.get(r.size() - 5);
        String accepted = r.get(r.size() - 4);
        assertThat(RepollMatcher.repollSeq(utf8(ringing), utf8(accepted))).isEqualTo(-1);
    }

    @Test
    @DisplayName("a difference in any other field, or a nested seq, is not a re-poll")
    void otherDifferencesAreNot() {
        String a = "{\"type\":\"agent.update\",\"seq\":5,\"data\":{\"snapshot\":{\"skew\":3,\"name\":\"Ann\"}}}";
        String renamed = "{\"type\":\"agent.update\",\"seq\":6,\"data\":{\"snapshot\":{\"skew\":4,\"name\":\"Bob\"}}}";
        String nestedSeq = "{\"type\":\"agent.update\",\"seq\":5,\"data\":{\"seq\":9,\"snapshot\":{}}}";
        String nestedSeqBase = "{\"type\":\"agent.update\",\"seq\":5,\"data\":{\"seq\":8,\"snapshot\":{}}}";
        assertThat(RepollMatcher.repollSeq(utf8(a), utf8(renamed))).isEqualTo(-1);
        assertThat(RepollMatcher.repollSeq(utf8(nestedSeqBase), utf8(nestedSeq))).isEqualTo(-1);
        assertThat(RepollMatcher.repollSeq(utf8(a), utf8(a.replace("\"skew\":3", "\"skew\":{}")))).isEqualTo(-1);
        assertThat(RepollMatcher.repollSeq(utf8(a), utf8(a.substring(0, a.length() - 1)))).isEqualTo(-1);
    }

    @Test
    @DisplayName("non-ASCII text is compared exactly: a changed name in another script is a change")
    void nonAsciiIsExact() {
        String a = "{\"type\":\"agent.update\",\"seq\":5,\"data\":{\"snapshot\":{\"skew\":3,\"name\":\"王芳\"}}}";
        String b = "{\"type\":\"agent.update\",\"seq\":6,\"data\":{\"snapshot\":{\"skew\":3,\"name\":\"王明\"}}}";
        String repoll = "{\"type\":\"agent.update\",\"seq\":6,\"data\":{\"snapshot\":{\"skew\":9,\"name\":\"王芳\"}}}";
        assertThat(RepollMatcher.repollSeq(utf8(a), utf8(b))).isEqualTo(-1);
        assertThat(RepollMatcher.repollSeq(utf8(a), utf8(repoll))).isEqualTo(6);
    }

    @Test
    @DisplayName("a truncated or extended message is never a re-poll, and the walk always ends (no hang on hostile input)")
    void truncationsEnd() {
        List<String> r = callThenRepolls();
        byte[] base = utf8(r.get(r.size() - 4));
        byte[] repoll = utf8(r.get(r.size() - 1));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), () -> {
            for (int cut = 0; cut < repoll.length; cut++) {
                byte[] truncated = java.util.Arrays.copyOf(repoll, cut);
                assertThat(RepollMatcher.repollSeq(base, truncated)).as("cut at %s", cut).isEqualTo(-1);
                assertThat(RepollMatcher.repollSeq(truncated, repoll)).as("previous cut at %s", cut).isEqualTo(-1);
            }
        });
    }
}
