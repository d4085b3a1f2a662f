package dev.softphone;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A call context holds JSON-compatible data and a script position, immutably")
class CallContextTest {

    @Test
    @DisplayName("with/without/withScriptPosition return new contexts and leave the original unchanged")
    void immutableUpdates() {
        CallContext base = CallContext.empty().with("customerId", "C-1");
        CallContext next = base.with("verified", true).withScriptPosition("identify/2");
        assertThat(base.values()).containsOnlyKeys("customerId");
        assertThat(base.scriptPosition()).isNull();
        assertThat(next.values()).containsOnlyKeys("customerId", "verified");
        assertThat(next.scriptPosition()).isEqualTo("identify/2");
        assertThat(next.without("customerId").values()).containsOnlyKeys("verified");
        assertThat(next.getString("customerId")).contains("C-1");
        assertThat(next.get("missing")).isEmpty();
        assertThat(CallContext.empty().isEmpty()).isTrue();
        assertThat(CallContext.empty().withScriptPosition("x").isEmpty()).isFalse();
    }

    @Test
    @DisplayName("the caller's maps and lists are copied deeply: changing them later changes nothing")
    void deepCopy() {
        List<Object> items = new ArrayList<>(List.of("a"));
        Map<String, Object> inner = new HashMap<>(Map.of("items", items));
        CallContext ctx = CallContext.of(Map.of("order", inner));
        items.add("b");
        inner.put("extra", 1);
        assertThat(ctx.values().get("order")).isEqualTo(Map.of("items", List.of("a")));
        @SuppressWarnings("unchecked")
        Map<String, Object> order = (Map<String, Object>) ctx.values().get("order");
        assertThatThrownBy(() -> order.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> ctx.values().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    @DisplayName("numbers are normalized: whole numbers to Long (BigInteger beyond), others to BigDecimal")
    void numbers() {
        CallContext ctx = CallContext.empty().with("i", 3).with("s", (short) 4).with("l", 5L)
                .with("big", new BigInteger("123456789012345678901234567890")).with("small", BigInteger.TEN)
                .with("d", 19.9).with("f", 0.1f).with("bd", new BigDecimal("1.10"));
        assertThat(ctx.values()).containsEntry("i", 3L).containsEntry("s", 4L).containsEntry("l", 5L)
                .containsEntry("big", new BigInteger("123456789012345678901234567890"))
                .containsEntry("small", 10L).containsEntry("d", new BigDecimal("19.9"))
                .containsEntry("f", new BigDecimal("0.1")).containsEntry("bd", new BigDecimal("1.10"));
        assertThat(CallContext.empty().with("n", 1)).isEqualTo(CallContext.empty().with("n", 1L));
        assertThat(CallContext.empty().with("x", -9.83684645649E11).values())
                .as("a double without fraction digits is a whole number").containsEntry("x", -983684645649L);
        assertThat(CallContext.empty().with("x", new BigDecimal("1E+3")).values()).containsEntry("x", 1000L);
    }

    @Test
    @DisplayName("a value JSON cannot carry is refused at once, naming its path and type")
    void nonJsonValues() {
        assertThatThrownBy(() -> CallContext.empty().with("when", new Date()))
                .isInstanceOf(InvalidCallContextException.class)
                .hasMessageContaining("'when'").hasMessageContaining("java.util.Date")
                .hasMessageContaining("allowed are String, Number, Boolean, null, List and Map");
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("items", List.of("a", Instant.EPOCH));
        assertThatThrownBy(() -> CallContext.of(Map.of("orders", List.of(order))))
                .isInstanceOf(InvalidCallContextException.class)
                .hasMessageContaining("'orders[0].items[1]'").hasMessageContaining("java.time.Instant");
        assertThatThrownBy(() -> CallContext.empty().with("ratio", Double.NaN))
                .isInstanceOf(InvalidCallContextException.class).hasMessageContaining("NaN");
        assertThatThrownBy(() -> CallContext.empty().with("mode", TransferMode.BLIND))
                .isInstanceOf(InvalidCallContextException.class).hasMessageContaining("TransferMode");
    }

    @Test
    @DisplayName("keys must be non-blank strings, at every level")
    void keys() {
        assertThatThrownBy(() -> CallContext.empty().with(" ", 1))
                .isInstanceOf(InvalidCallContextException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> CallContext.of(Map.of("m", Map.of(7, "x"))))
                .isInstanceOf(InvalidCallContextException.class).hasMessageContaining("under 'm'")
                .hasMessageContaining("java.lang.Integer");
    }

    @Test
    @DisplayName("a cyclic or too deeply nested value is refused instead of overflowing the stack")
    void cycles() {
        Map<String, Object> loop = new HashMap<>();
        loop.put("self", loop);
        assertThatThrownBy(() -> CallContext.of(Map.of("loop", loop)))
                .isInstanceOf(InvalidCallContextException.class).hasMessageContaining("nested deeper than 32");
    }

    @Test
    @DisplayName("the hand-off appears in the TransferReceived JSON with status, key, version, saver and data")
    void handoffJson() {
        PhoneEvent.Meta meta = new PhoneEvent.Meta(3, Instant.parse("2026-03-02T09:00:00Z"), Origin.SOFTPHONE);
        CallContext ctx = CallContext.empty().with("customerId", "C-1").with("total", 19.9)
                .with("tags", List.of("vip", true)).withScriptPosition("refund/3");
        String json = PhoneEventJson.toJson(new PhoneEvent.TransferReceived(meta, "c2", "c1",
                ContextHandoff.available("c1", ctx, 2, "agent-a")));
        assertThat(json).endsWith("\"fromCallId\":\"c1\",\"context\":{\"status\":\"AVAILABLE\",\"correlationId\":"
                + "\"c1\",\"version\":2,\"savedBy\":\"agent-a\",\"scriptPosition\":\"refund/3\",\"values\":{"
                + "\"customerId\":\"C-1\",\"total\":19.9,\"tags\":[\"vip\",true]},\"reason\":null}}");
        assertThat(PhoneEventJson.toJson(new PhoneEvent.TransferReceived(meta, "c2", "c1",
                ContextHandoff.unavailable("c1", "store down"))))
                .contains("\"status\":\"UNAVAILABLE\"").contains("\"reason\":\"store down\"");
    }
}
