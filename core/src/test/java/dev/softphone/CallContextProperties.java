package dev.softphone;

import dev.softphone.internal.context.CallContextJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Label("Call context properties")
class CallContextProperties {

    @Property(tries = 300)
    @Label("any JSON-compatible context survives a trip through the stores' JSON form unchanged")
    void jsonRoundTrip(@ForAll("contexts") CallContext context) {
        assertThat(CallContextJson.read(CallContextJson.write(context))).isEqualTo(context);
    }

    @Property(tries = 200)
    @Label("the size checked at attach time is the UTF-8 length of the stored JSON")
    void sizeIsJsonBytes(@ForAll("contexts") CallContext context) {
        assertThat(CallContextJson.size(context))
                .isEqualTo(CallContextJson.write(context).getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Provide
    Arbitrary<CallContext> contexts() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8);
        Arbitrary<Map<String, Object>> values = Arbitraries.maps(keys, value(3)).ofMaxSize(6);
        Arbitrary<String> position = Arbitraries.strings().ofMaxLength(20).injectNull(0.3);
        return net.jqwik.api.Combinators.combine(values, position).as(CallContext::new);
    }

    private Arbitrary<Object> value(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().between(-1e12, 1e12).map(d -> (Object) d),
                Arbitraries.bigDecimals().ofScale(3).between(new BigDecimal("-1e6"), new BigDecimal("1e6"))
                        .map(b -> (Object) b),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(5);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, leaf),
                net.jqwik.api.Tuple.of(1, value(depth - 1).list().ofMaxSize(4).map(l -> (Object) (List<Object>) l)),
                net.jqwik.api.Tuple.of(1, Arbitraries.maps(keys, value(depth - 1)).ofMaxSize(4)
                        .map(m -> (Object) m)));
    }
}
