package dev.softphone.amazonconnect.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("MessageReader: one streaming pass over a bridge message's bytes")
class MessageReaderTest {

    private static final String SNAPSHOT = "{\"snapshot\":{\"snapshotTimestamp\":\"2025-03-04T10:15:30.120Z\","
            + "\"state\":{\"name\":\"Available\",\"type\":\"routable\"},\"contacts\":[{\"contactId\":\"c1\","
            + "\"type\":\"voice\",\"state\":{\"type\":\"connected\"},\"connections\":[{\"connectionId\":\"k1\","
            + "\"type\":\"agent\",\"state\":{\"type\":\"connected\"}}]}]},"
            + "\"configuration\":{\"agentStates\":[{\"name\":\"Available\",\"type\":\"routable\"}]}}";

    private static MessageReader.Message read(String json) throws BadMessageException {
        byte[] b = ("  " + json + "  ").getBytes(StandardCharsets.UTF_8);
        return MessageReader.read(b, 2, b.length - 4); // a message inside a larger buffer, as a transport has it
    }

    @Test
    @DisplayName("an agent.update: type, seq, and the snapshot read straight into records")
    void update() throws Exception {
        MessageReader.Message m = read("{\"type\":\"agent.update\",\"seq\":42,\"data\":" + SNAPSHOT + "}");
        assertThat(m.type()).isEqualTo("agent.update");
        assertThat(m.seq()).isEqualTo(42L);
        assertThat(m.updateProblem()).isNull();
        assertThat(m.update().snapshot().state().name()).isEqualTo("Available");
        assertThat(m.update().snapshot().contacts()).singleElement()
                .satisfies(c -> assertThat(c.agentConnection().connectionId()).isEqualTo("k1"));
        assertThat(m.update().configuration().agentStates()).hasSize(1);
        assertThat(m.fields().has("data")).as("the streamed data is not kept as a tree").isFalse();
    }

    @Test
    @DisplayName("data before type is read the same way, from its tree")
    void dataBeforeType() throws Exception {
        MessageReader.Message m = read("{\"data\":" + SNAPSHOT + ",\"seq\":7,\"type\":\"agent.update\"}");
        assertThat(m.update().snapshot().contacts()).hasSize(1);
        assertThat(m.seq()).isEqualTo(7L);
    }

    @Test
    @DisplayName("other messages keep their fields as a tree; a message without seq has none")
    void otherTypes() throws Exception {
        MessageReader.Message m = read("{\"type\":\"result\",\"id\":\"c-1\",\"ok\":true,\"data\":{\"x\":[1]}}");
        assertThat(m.type()).isEqualTo("result");
        assertThat(m.seq()).isNull();
        assertThat(m.update()).isNull();
        assertThat(m.fields().path("data").path("x").get(0).asInt()).isEqualTo(1);
    }

    @Test
    @DisplayName("a snapshot of the wrong shape is a problem of that update, and the rest of the message is still "
            + "read (seq after the data)")
    void wrongShapeKeepsTheEnvelope() throws Exception {
        MessageReader.Message m = read("{\"type\":\"agent.update\",\"data\":{\"snapshot\":{\"state\":"
                + "{\"name\":\"A\",\"type\":\"routable\"},\"contacts\":[{\"contactId\":{\"deep\":[1,[2,{}]]},"
                + "\"more\":[1,2,3]}]},\"configuration\":{}},\"seq\":9,\"extra\":true}");
        assertThat(m.update()).isNull();
        assertThat(m.updateProblem()).hasMessageContaining("data.snapshot.contacts[0].contactId")
                .hasMessageContaining("must be a string");
        assertThat(m.seq()).isEqualTo(9L);
        assertThat(m.fields().path("extra").asBoolean()).isTrue();
    }

    @Test
    @DisplayName("the configuration memo: the same bytes give the same configuration without a new read; other "
            + "bytes are read, also after a change back")
    void configurationMemo() throws Exception {
        SnapshotParser.ConfigurationMemo memo = new SnapshotParser.ConfigurationMemo();
        String withBreak = SNAPSHOT.replace("[{\"name\":\"Available\",\"type\":\"routable\"}]",
                "[{\"name\":\"Available\",\"type\":\"routable\"},{\"name\":\"Break\",\"type\":\"not_routable\"}]");
        assertThat(withBreak).isNotEqualTo(SNAPSHOT);
        StreamsConfiguration first = readWith(memo, 1, SNAPSHOT);
        assertThat(readWith(memo, 2, SNAPSHOT)).isSameAs(first);
        StreamsConfiguration changed = readWith(memo, 3, withBreak);
        assertThat(changed.agentStates()).extracting(AgentStateRef::name).containsExactly("Available", "Break");
        StreamsConfiguration back = readWith(memo, 4, SNAPSHOT);
        assertThat(back.agentStates()).extracting(AgentStateRef::name).containsExactly("Available");
        assertThat(back).isEqualTo(first);
    }

    private static StreamsConfiguration readWith(SnapshotParser.ConfigurationMemo memo, long seq, String data)
            throws BadMessageException {
        byte[] b = ("{\"type\":\"agent.update\",\"seq\":" + seq + ",\"data\":" + data + "}")
                .getBytes(StandardCharsets.UTF_8);
        return MessageReader.read(b, 0, b.length, memo, null).update().configuration();
    }

    @Test
    @DisplayName("a missing type is not an error of the reader (the driver reports it); a non-string type reads as "
            + "none")
    void typeMissingOrWrong() throws Exception {
        assertThat(read("{\"seq\":1}").type()).isNull();
        assertThat(read("{\"type\":5}").type()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "hello there|not JSON",
        "{\"type\":\"x\",\"a\":\"unterminated|not JSON",
        "{\"type\":\"x\"}}|not JSON",
        "{\"type\":\"x\"} {}|text after the message",
        "}{|not JSON",
        "[1,2]|must be a JSON object, it starts with '[1,2]'",
        "\"text\"|must be a JSON object",
        "{\"type\":\"x\"} trailing|not JSON",
        "{\"type\":\"x\",\"a\":[1,2|ends before its brackets close",
        "{\"type\":\"agent.update\",\"seq\":\"seven\"}|must be a whole number",
        "{\"type\":\"agent.update\",\"seq\":1.5}|must be a whole number",
        "{\"type\":\"agent.update\",\"seq\":{}}|must be a whole number",
        "{\"type\":\"agent.update\",\"data\":{\"snapshot\":{\"contacts\":[|not JSON"})
    @DisplayName("broken JSON and a bad seq are rejected with what was wrong")
    void badInput(String json, String problem) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(BadMessageException.class)
                .hasMessageContaining(problem);
    }

    @Test
    @DisplayName("an empty message and invalid UTF-8 are rejected")
    void emptyAndInvalidUtf8() {
        assertThatThrownBy(() -> MessageReader.read(new byte[0], 0, 0)).isInstanceOf(BadMessageException.class)
                .hasMessageContaining("empty");
        byte[] bad = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> MessageReader.read(bad, 0, bad.length)).isInstanceOf(BadMessageException.class)
                .hasMessageContaining("not JSON");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"type\":\"agent.update\",\"data\":|}",
        "{\"type\":\"result\",\"id\":\"c-1\",\"ok\":true,\"data\":|}",
        "{\"data\":|,\"type\":\"agent.update\"}"})
    @DisplayName("nesting far beyond any real message is refused, not a stack overflow: in a snapshot, and in the "
            + "small trees the reader builds itself (a result's data, a snapshot sent before its type)")
    void deepNesting(String head, String tail) {
        String deep = head + "[".repeat(100_000) + "]".repeat(100_000) + tail;
        assertThatThrownBy(() -> read(deep)).isInstanceOf(BadMessageException.class)
                .hasMessageContaining("not JSON");
        String deepObjects = head + "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000) + tail;
        assertThatThrownBy(() -> read(deepObjects)).isInstanceOf(BadMessageException.class)
                .hasMessageContaining("not JSON");
    }

    @Test
    @DisplayName("duplicate names in a small message: the last one counts, as in Jackson's readTree")
    void duplicateNames() throws Exception {
        MessageReader.Message m = read("{\"type\":\"result\",\"id\":\"c-1\",\"id\":\"c-2\",\"ok\":true,"
                + "\"data\":{\"a\":1,\"a\":[2]}}");
        assertThat(m.fields().path("id").stringValue()).isEqualTo("c-2");
        assertThat(m.fields().path("data").path("a").get(0).asInt()).isEqualTo(2);
    }
}
