package dev.softphone.internal.activity;

import dev.softphone.activity.ActivityConfigurationException;
import dev.softphone.activity.ActivitySink;

import java.net.URI;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a sink's text configuration for the built-in factories: typed getters that record a problem instead of
 * throwing, and a check that every key was understood (so a typo is reported, not ignored).
 */
final class SinkConfig {
    private final Map<String, String> values;
    private final Set<String> used = new LinkedHashSet<>();
    private final Set<String> prefixes = new LinkedHashSet<>();
    final List<String> problems = new ArrayList<>();

    SinkConfig(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    String string(String key) {
        used.add(key);
        String v = values.get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    Path path(String key) {
        String v = string(key);
        try {
            return v == null ? null : Path.of(v);
        } catch (InvalidPathException e) {
            problems.add("'" + key + "' is not a usable path: " + e.getMessage());
            return null;
        }
    }

    URI uri(String key) {
        String v = string(key);
        try {
            return v == null ? null : URI.create(v);
        } catch (IllegalArgumentException e) {
            problems.add("'" + key + "' is not a URL: " + v);
            return null;
        }
    }

    Boolean bool(String key) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(v);
        }
        problems.add("'" + key + "' must be true or false, got '" + v + "'");
        return null;
    }

    Duration duration(String key) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        try {
            return v.chars().allMatch(Character::isDigit) ? Duration.ofSeconds(Long.parseLong(v)) : Duration.parse(v);
        } catch (DateTimeParseException | NumberFormatException e) {
            problems.add("'" + key + "' must be seconds or an ISO-8601 duration such as PT10S, got '" + v + "'");
            return null;
        }
    }

    <E extends Enum<E>> E enumValue(String key, Class<E> type) {
        String v = string(key);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            problems.add("'" + key + "' must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + v
                    + "'");
            return null;
        }
    }

    List<String> list(String key) {
        String v = string(key);
        if (v == null) {
            return List.of();
        }
        return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** @return the entries whose key starts with {@code prefix}, prefix removed */
    Map<String, String> withPrefix(String prefix) {
        prefixes.add(prefix);
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /**
     * Builds the sink with the builder's own checks, adding unknown keys and parse problems.
     *
     * @param build builds the sink from this configuration
     * @return the problems (the sink is discarded)
     */
    static List<String> validate(Map<String, String> config, Function<SinkConfig, ActivitySink> build) {
        SinkConfig c = new SinkConfig(config);
        List<String> problems = new ArrayList<>();
        try {
            ActivitySink sink = build.apply(c);
            sink.close();
        } catch (ActivityConfigurationException e) {
            problems.addAll(e.problems());
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
        }
        problems.addAll(0, c.problems);
        problems.addAll(c.unknownKeys());
        return problems;
    }

    private List<String> unknownKeys() {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) {
            if (!used.contains(k) && prefixes.stream().noneMatch(k::startsWith)) {
                out.add("unknown key '" + k + "'; known keys: " + used
                        + (prefixes.isEmpty() ? "" : " and keys starting with " + prefixes));
            }
        }
        return out;
    }
}
