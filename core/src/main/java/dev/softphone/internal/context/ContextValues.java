package dev.softphone.internal.context;

import dev.softphone.InvalidCallContextException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks that a call context holds only what JSON can carry and copies it into an immutable, normalized tree.
 * Normalizing numbers (whole numbers to {@code Long}/{@code BigInteger}, others to {@code BigDecimal}) makes a context
 * equal to itself after a trip through any store.
 */
public final class ContextValues {
    /** Deepest nesting accepted; deeper trees are refused (and a cyclic map would otherwise recurse forever). */
    public static final int MAX_DEPTH = 32;

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private ContextValues() {
    }

    /**
     * @param values the top-level map, or null for none
     * @return an unmodifiable normalized copy
     * @throws InvalidCallContextException naming the path of the first offending key or value
     */
    public static Map<String, Object> normalizeRoot(Map<String, ?> values) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        return map(values, "", 1);
    }

    private static Map<String, Object> map(Map<?, ?> in, String path, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : in.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new InvalidCallContextException("call context key " + (path.isEmpty() ? "" : "under '" + path
                        + "' ") + "is " + describe(e.getKey()) + ": keys must be strings");
            }
            if (key.isBlank()) {
                throw new InvalidCallContextException("call context key " + (path.isEmpty() ? "" : "under '" + path
                        + "' ") + "is blank: keys must be non-blank strings");
            }
            String child = path.isEmpty() ? key : path + "." + key;
            out.put(key, value(e.getValue(), child, depth));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Object value(Object v, String path, int depth) {
        if (v == null || v instanceof String || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Number n) {
            return number(n, path);
        }
        if (depth >= MAX_DEPTH && (v instanceof Map || v instanceof List)) {
            throw new InvalidCallContextException("call context value at '" + path + "' is nested deeper than "
                    + MAX_DEPTH + " levels (is there a cycle?)");
        }
        if (v instanceof Map<?, ?> m) {
            return map(m, path, depth + 1);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            int i = 0;
            for (Object item : list) {
                out.add(value(item, path + "[" + i++ + "]", depth + 1));
            }
            return Collections.unmodifiableList(out);
        }
        throw new InvalidCallContextException("call context value at '" + path + "' is " + describe(v)
                + ": allowed are String, Number, Boolean, null, List and Map with string keys");
    }

    private static Object number(Number n, String path) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigInteger b) {
            return integral(b);
        }
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidCallContextException("call context value at '" + path + "' is " + d
                        + ": JSON has no NaN or infinity");
            }
            return decimal(n instanceof Float ? new BigDecimal(n.toString()) : BigDecimal.valueOf(d));
        }
        if (n instanceof BigDecimal b) {
            return decimal(b);
        }
        throw new InvalidCallContextException("call context value at '" + path + "' is " + describe(n)
                + ": use Integer, Long, Double, BigInteger or BigDecimal for numbers");
    }

    private static Object integral(BigInteger b) {
        return b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 ? (Object) b.longValue() : b;
    }

    /**
     * A decimal without digits after the point (scale 0 or less: {@code 12}, {@code 1.0E+12}) may be written as a
     * JSON integer and read back as one, so it is a whole number from the start.
     */
    private static Object decimal(BigDecimal b) {
        return b.scale() <= 0 ? integral(b.toBigIntegerExact()) : b;
    }

    private static String describe(Object o) {
        return o == null ? "null" : "a " + o.getClass().getName();
    }
}
