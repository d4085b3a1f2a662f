package dev.softphone.benchmarks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the results of one {@code benchmarks/run} (JMH's {@code -rf json} file plus the JSON files the measurement
 * mains write) and prints the table and one line per target:
 * {@code TARGET <name> measured=<ratio or value> goal=<goal> PASS|MISS}. A target whose inputs are missing (its
 * benchmark was not run or failed) is printed as {@code MISS} with {@code measured=missing}.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.softphone.benchmarks.TargetReport <results-dir>}. The directory holds
 * {@code jmh.json} and any {@code *.metrics.json} (flat objects of named numbers).
 */
public final class TargetReport {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** How a measured value is compared with its goal. */
    enum Goal {
        AT_LEAST(">="), AT_MOST("<=");

        final String symbol;

        Goal(String symbol) {
            this.symbol = symbol;
        }
    }

    /**
     * One target: a named value compared with a goal.
     *
     * @param name  the target's name
     * @param value the measured value, or null when missing
     * @param goal  how it compares
     * @param limit the goal's number
     * @param unit  "x" for a ratio, else a unit word
     */
    record Target(String name, Double value, Goal goal, double limit, String unit) {
        boolean pass() {
            return value != null && !value.isNaN()
                    && (goal == Goal.AT_LEAST ? value >= limit : value <= limit);
        }

        String line() {
            String measured = value == null || value.isNaN() ? "missing" : format(value) + unit;
            return "TARGET " + name + " measured=" + measured + " goal=" + goal.symbol + format(limit) + unit + " "
                    + (pass() ? "PASS" : "MISS");
        }
    }

    private final Map<String, JsonNode> jmh = new LinkedHashMap<>();
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    private TargetReport() {
    }

    /**
     * @param args the results directory
     * @throws IOException when a result file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TargetReport <results-dir>");
            System.exit(2);
        }
        TargetReport report = new TargetReport();
        report.load(Path.of(args[0]));
        report.print(System.out);
    }

    private void load(Path dir) throws IOException {
        Path results = dir.resolve("jmh.json");
        if (Files.exists(results)) {
            for (JsonNode run : JSON.readTree(results.toFile())) {
                jmh.put(key(run), run);
            }
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".metrics.json")).sorted().toList()) {
                JSON.readTree(p.toFile()).properties().forEach(e -> metrics.put(e.getKey(), e.getValue().asDouble()));
            }
        }
    }

    /** @return "Class.method" plus ":param=value" for each parameter, in the file's order */
    private static String key(JsonNode run) {
        String bench = run.path("benchmark").asString();
        String shortName = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
        StringBuilder k = new StringBuilder(shortName);
        run.path("params").properties().forEach(e -> k.append(':').append(e.getKey()).append('=')
                .append(e.getValue().asString()));
        return k.toString();
    }

    /** @return operations per second of a benchmark (JMH thrpt in ops/s, or 1/avgt), or null */
    private Double opsPerSecond(String key) {
        JsonNode run = jmh.get(key);
        if (run == null) {
            return null;
        }
        JsonNode primary = run.path("primaryMetric");
        double score = primary.path("score").asDouble();
        String unit = primary.path("scoreUnit").asString();
        String mode = run.path("mode").asString();
        double perSecond = switch (unit.substring(unit.indexOf('/') + 1)) {
            case "s" -> 1;
            case "ms" -> 1e3;
            case "us" -> 1e6;
            case "ns" -> 1e9;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
        if ("thrpt".equals(mode)) {
            return score * perSecond;
        }
        // avgt / sample: time per op in the unit before the slash
        double secondsPerUnit = switch (unit.substring(0, unit.indexOf('/'))) {
            case "s" -> 1;
            case "ms" -> 1e-3;
            case "us" -> 1e-6;
            case "ns" -> 1e-9;
            default -> throw new IllegalStateException("unexpected unit " + unit);
        };
        return 1 / (score * secondsPerUnit);
    }

    private Double ratio(String numerator, String denominator) {
        Double a = opsPerSecond(numerator);
        Double b = opsPerSecond(denominator);
        return a == null || b == null ? null : a / b;
    }

    private Double metricRatio(String numerator, String denominator) {
        Double a = metrics.get(numerator);
        Double b = metrics.get(denominator);
        return a == null || b == null ? null : a / b;
    }

    List<Target> targets() {
        List<Target> t = new ArrayList<>();
        t.add(new Target("snapshot-changed-vs-jackson",
                ratio("SnapshotBenchmark.changed", "SnapshotBenchmark.jacksonTokens"), Goal.AT_LEAST, 0.35, "x"));
        t.add(new Target("snapshot-unchanged-vs-jackson",
                ratio("SnapshotBenchmark.unchanged", "SnapshotBenchmark.jacksonTokens"), Goal.AT_LEAST, 10, "x"));
        t.add(new Target("many-phones-cpu-10000-vs-1",
                metricRatio("manyPhones.cpuNanosPerSnapshot.10000", "manyPhones.cpuNanosPerSnapshot.1"),
                Goal.AT_MOST, 1.5, "x"));
        t.add(new Target("many-phones-retained-per-idle-phone",
                kib(metrics.get("manyPhones.retainedBytesPerPhone")), Goal.AT_MOST, 32, "KiB"));
        t.add(new Target("many-phones-threads-added-by-10000-phones",
                metrics.get("manyPhones.threadsAdded"), Goal.AT_MOST, 8, ""));
        t.add(new Target("bridge-throughput-vs-in-process",
                metricRatio("bridge.snapshotsPerSecond", "bridge.inProcessSnapshotsPerSecond"), Goal.AT_LEAST, 0.5,
                "x"));
        t.add(new Target("bridge-command-p99-vs-echo-p99",
                metricRatio("bridge.commandP99Micros", "bridge.echoP99Micros"), Goal.AT_MOST, 2, "x"));
        t.add(new Target("spool-vs-plain-append-fsync",
                ratio("SpoolBenchmark.spool", "SpoolBenchmark.plainAppendFsync"), Goal.AT_LEAST, 0.5, "x"));
        return t;
    }

    /** @return Streams' nanoseconds per snapshot divided by the SDK's (from the JMH run), or null */
    private Double peerRatio(String kind) {
        Double js = metrics.get("streamsJs.nanosPerSnapshot." + kind);
        Double sdk = opsPerSecond("SnapshotBenchmark." + kind);
        return js == null || sdk == null ? null : js / (1e9 / sdk);
    }

    private static Double kib(Double bytes) {
        return bytes == null ? null : bytes / 1024;
    }

    private void print(PrintStream out) {
        out.println();
        out.println("| benchmark | mode | score | error (99.9%) | unit | gc.alloc.rate.norm (B/op) |");
        out.println("|---|---|---:|---:|---|---:|");
        for (Map.Entry<String, JsonNode> e : jmh.entrySet()) {
            JsonNode run = e.getValue();
            JsonNode primary = run.path("primaryMetric");
            JsonNode alloc = run.path("secondaryMetrics").path("gc.alloc.rate.norm");
            out.println("| " + e.getKey() + " | " + run.path("mode").asString() + " | "
                    + format(primary.path("score").asDouble()) + " | "
                    + format(primary.path("scoreError").asDouble()) + " | " + primary.path("scoreUnit").asString()
                    + " | " + (alloc.isMissingNode() ? "-" : format(alloc.path("score").asDouble())) + " |");
        }
        if (!metrics.isEmpty()) {
            out.println();
            out.println("| measurement | value |");
            out.println("|---|---:|");
            metrics.forEach((k, v) -> out.println("| " + k + " | " + format(v) + " |"));
        }
        Double streams = peerRatio("changed");
        Double streamsUnchanged = peerRatio("unchanged");
        out.println();
        if (streams != null || streamsUnchanged != null) {
            out.println("COMPARE amazon-connect-streams 2.28.2 under Node, time per snapshot / the SDK's (higher = SDK "
                    + "faster): changed=" + (streams == null ? "missing" : format(streams) + "x") + " unchanged="
                    + (streamsUnchanged == null ? "missing" : format(streamsUnchanged) + "x"));
        }
        for (Target t : targets()) {
            out.println(t.line());
        }
    }

    static String format(double v) {
        if (v == 0 || Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.3g", v);
    }
}
