package dev.softphone.amazonconnect.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("MessageScanner: type, seq and the content key of a raw bridge message, without a tree")
class MessageScannerTest {

    private static String update(long seq, String snapshotTs, long localTs, int skew, String state, String dur) {
        return "{\"type\":\"agent.update\",\"seq\":" + seq + ",\"data\":{\"snapshot\":{\"snapshotTimestamp\":\""
                + snapshotTs + "\",\"localTimestamp\":" + localTs + ",\"skew\":" + skew + ",\"contentLength\":3912,"
                + "\"state\":{\"name\":\"" + state + "\",\"type\":\"routable\"},\"contacts\":[{\"contactId\":\"c1\","
                + "\"contactDuration\":\"" + dur + "\",\"skew\":1}]},\"configuration\":{\"name\":\"Jane\"}}}";
    }

    @Test
    @DisplayName("reads the top-level type and seq")
    void typeAndSeq() throws Exception {
        MessageScanner.Scan scan = MessageScanner.scan(update(42, "2025-03-04T10:15:30.120Z", 1, 20, "Available",
                "5"));
        assertThat(scan.type()).isEqualTo("agent.update");
        assertThat(scan.seq()).isEqualTo(42L);
        assertThat(MessageScanner.scan("{\"type\":\"hello\",\"protocol\":1}").seq()).isNull();
    }

    @Test
    @DisplayName("messages that differ only in seq, snapshotTimestamp, localTimestamp, skew, contentLength and "
            + "contactDuration have the same key")
    void volatileFieldsIgnored() throws Exception {
        String a = MessageScanner.scan(update(1, "2025-03-04T10:15:30.120Z", 1741083330100L, 20, "Available", "5"))
                .key();
        String b = MessageScanner.scan(update(2, "2025-03-04T10:15:30.220Z", 1741083330200L, 27, "Available", "6"))
                .key();
        assertThat(a).isEqualTo(b);
    }

    @Test
    @DisplayName("a real change (the agent's state) changes the key")
    void changeChangesKey() throws Exception {
        String a = MessageScanner.scan(update(1, "t1", 1, 20, "Available", "5")).key();
        String b = MessageScanner.scan(update(2, "t2", 2, 21, "Lunch", "5")).key();
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    @DisplayName("volatile names are recognized only where Streams puts them: a contact's 'skew' or a string "
            + "mentioning snapshotTimestamp still count")
    void onlyAtTheirPlace() throws Exception {
        String a = MessageScanner.scan("{\"type\":\"agent.update\",\"data\":{\"snapshot\":{\"contacts\":[{\"skew\":1,"
                + "\"name\":\"\\\"snapshotTimestamp\\\":1\"}]}}}").key();
        String b = MessageScanner.scan("{\"type\":\"agent.update\",\"data\":{\"snapshot\":{\"contacts\":[{\"skew\":2,"
                + "\"name\":\"\\\"snapshotTimestamp\\\":1\"}]}}}").key();
        assertThat(a).isNotEqualTo(b);
        assertThat(a).contains("snapshotTimestamp");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hello there|not JSON",
        "''|not JSON",
        "{\"type\":\"x\",\"a\":\"unterminated|never ends",
        "{\"type\":\"x\"}}|text after the message",
        "}{|must be a JSON object",
        "{\"type\":\"x\"} trailing|text after",
        "{\"type\":\"x\",\"a\":[1,2|brackets close",
        "{\"type\":\"agent.update\",\"seq\":\"seven\"}|must be a whole number",
        "{\"type\":\"agent.update\",\"seq\":{}}|expected a plain value"})
    @DisplayName("bad input is rejected with what was wrong")
    void badInput(String json, String problem) {
        assertThatThrownBy(() -> MessageScanner.scan(json)).isInstanceOf(BadMessageException.class)
                .hasMessageContaining(problem);
    }

    @Test
    @DisplayName("null is rejected")
    void nullMessage() {
        assertThatThrownBy(() -> MessageScanner.scan(null)).isInstanceOf(BadMessageException.class);
    }
}
