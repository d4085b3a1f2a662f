package dev.softphone.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Command-line options and metric files of the measurement mains. */
final class Args {
    private Args() {
    }

    /**
     * @param args     {@code --name value} pairs
     * @param defaults name, default value, name, default value…
     * @return the options, defaults filled in
     * @throws IllegalArgumentException naming an unknown or incomplete option
     */
    static Map<String, String> parse(String[] args, String... defaults) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < defaults.length; i += 2) {
            opts.put(defaults[i], defaults[i + 1]);
        }
        for (int i = 0; i < args.length; i++) {
            if (!opts.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i] + "; known: " + opts.keySet());
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            opts.put(args[i], args[++i]);
        }
        return opts;
    }

    /** Writes a flat JSON object of named numbers, what {@link TargetReport} reads. */
    static void writeMetrics(Path file, Map<String, Double> metrics) throws IOException {
        String body = metrics.entrySet().stream()
                .map(e -> "  \"" + e.getKey() + "\": " + String.format(Locale.ROOT, "%.6g", e.getValue()))
                .collect(Collectors.joining(",\n", "{\n", "\n}\n"));
        Files.writeString(file, body);
    }
}
