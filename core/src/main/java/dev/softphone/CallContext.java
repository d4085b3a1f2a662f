package dev.softphone;

import dev.softphone.internal.context.ContextValues;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What an agent's application knows about a call and where the agent is in the call script: the data that must
 * travel with the call when it is transferred to another agent (see {@code docs/call-context.md}).
 *
 * <p>An immutable value. Keys are non-blank strings; values are what JSON can carry: {@link String},
 * {@link Number} (finite), {@link Boolean}, {@code null}, {@link java.util.List} and {@link Map} with string keys,
 * nested up to {@value ContextValues#MAX_DEPTH} levels. Anything else (a {@code Date}, an enum, a record, a cycle)
 * is refused with an {@link InvalidCallContextException} that names the key path, when the context is created.
 * Numbers are normalized so that a context compares equal after a trip through JSON: whole numbers (integer types,
 * and decimals without digits after the point, such as {@code 1.0E12}) become {@link Long} (or
 * {@link java.math.BigInteger} beyond the long range), other numbers {@link java.math.BigDecimal} ({@code 19.9}
 * stays {@code 19.9}, {@code 19.0} stays {@code 19.0}).
 * Maps keep their insertion order.
 *
 * <pre>{@code
 * CallContext ctx = CallContext.empty()
 *         .with("customerId", "C-1029")
 *         .with("verified", true)
 *         .with("orders", List.of(Map.of("id", "A-7", "total", 19.90)))
 *         .withScriptPosition("billing/refund/step-3");
 * phone.blindTransfer(Destination.quickConnect("Billing"), ctx);
 * }</pre>
 *
 * @param values         the data, in insertion order (unmodifiable, deeply)
 * @param scriptPosition where the agent is in the call script (an id the application understands), or null
 */
public record CallContext(Map<String, Object> values, String scriptPosition) {

    private static final CallContext EMPTY = new CallContext(Map.of(), null);

    /**
     * Validates, normalizes and deeply copies the values.
     *
     * @throws InvalidCallContextException when a key or value cannot travel as JSON
     */
    public CallContext {
        values = ContextValues.normalizeRoot(values);
    }

    /** @return the context without data and without a script position */
    public static CallContext empty() {
        return EMPTY;
    }

    /**
     * @param values the data
     * @return a context with these values and no script position
     * @throws InvalidCallContextException when a key or value cannot travel as JSON
     */
    public static CallContext of(Map<String, ?> values) {
        return new CallContext(new LinkedHashMap<>(values), null);
    }

    /**
     * @param key   a non-blank key
     * @param value a JSON-compatible value (see the class comment)
     * @return a copy with this key set (added last, or replaced in place)
     * @throws InvalidCallContextException when the key or value cannot travel as JSON
     */
    public CallContext with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new CallContext(copy, scriptPosition);
    }

    /**
     * @param more keys to values
     * @return a copy with all of them set
     * @throws InvalidCallContextException when a key or value cannot travel as JSON
     */
    public CallContext withAll(Map<String, ?> more) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(more);
        return new CallContext(copy, scriptPosition);
    }

    /**
     * @param key a key
     * @return a copy without it
     */
    public CallContext without(String key) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return new CallContext(copy, scriptPosition);
    }

    /**
     * @param position where the agent is in the call script, or null
     * @return a copy with this script position
     */
    public CallContext withScriptPosition(String position) {
        return new CallContext(values, position);
    }

    /**
     * @param key a key
     * @return its value (absent also when the value is JSON {@code null})
     */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key a key
     * @return its value when it is a string
     */
    public Optional<String> getString(String key) {
        return values.get(key) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    /** @return true without values and without a script position */
    public boolean isEmpty() {
        return values.isEmpty() && scriptPosition == null;
    }
}
