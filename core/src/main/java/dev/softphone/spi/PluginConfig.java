package dev.softphone.spi;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plugin's namespace of a phone's configuration: the builder's keys {@code <plugin-id>.<key>} with the prefix
 * removed. Immutable.
 */
public final class PluginConfig {
    private final String namespace;
    private final Map<String, String> values;

    /**
     * @param namespace the plugin id
     * @param values    keys without the namespace prefix
     */
    public PluginConfig(String namespace, Map<String, String> values) {
        this.namespace = namespace;
        this.values = Map.copyOf(values);
    }

    /** @return an empty configuration */
    public static PluginConfig empty(String namespace) {
        return new PluginConfig(namespace, Map.of());
    }

    /** @return the namespace (plugin id) */
    public String namespace() {
        return namespace;
    }

    /**
     * @param key a key without the namespace
     * @return its value, if set
     */
    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * @param key          a key without the namespace
     * @param defaultValue used when the key is not set
     * @return the value or the default
     */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * @param key          a key without the namespace
     * @param defaultValue used when the key is not set
     * @return the value as an int
     * @throws IllegalArgumentException naming the key when the value is not an integer
     */
    public int getInt(String key, int defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(qualified(key) + " must be an integer, got '" + v + "'");
        }
    }

    /**
     * @param key          a key without the namespace
     * @param defaultValue used when the key is not set
     * @return the value as a boolean ({@code true}/{@code false})
     * @throws IllegalArgumentException naming the key when the value is neither
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true": return true;
            case "false": return false;
            default: throw new IllegalArgumentException(qualified(key) + " must be true or false, got '" + v + "'");
        }
    }

    /**
     * @param key          a key without the namespace
     * @param defaultValue used when the key is not set
     * @return the value as a duration: ISO-8601 ({@code PT5S}) or a number with a unit ({@code 500ms}, {@code 5s},
     *         {@code 2m})
     * @throws IllegalArgumentException naming the key when the value is not a duration
     */
    public Duration getDuration(String key, Duration defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        String s = v.trim().toLowerCase(java.util.Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(v.trim().toUpperCase(java.util.Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            }
            if (s.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1).trim()));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1).trim()));
            }
            return Duration.ofMillis(Long.parseLong(s));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(qualified(key) + " must be a duration like 500ms, 5s or PT5S, got '"
                    + v + "'");
        }
    }

    /** @return all values, sorted by key */
    public Map<String, String> asMap() {
        return new TreeMap<>(values);
    }

    private String qualified(String key) {
        return namespace + "." + key;
    }

    @Override
    public String toString() {
        return "PluginConfig" + asMap();
    }
}
