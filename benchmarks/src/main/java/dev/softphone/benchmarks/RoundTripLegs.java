package dev.softphone.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits the recorded round trips of an {@link OpenLoop} into four legs with the pages' {@link LoadPage.TurnLog}s:
 * <b>late</b> from the request's due time until the pacing thread called its start (how far the pacing thread had
 * fallen behind, for example because an earlier start took long), <b>out</b> from then until the page read it (the
 * server's send path, the socket, the page's reader waking up), <b>page</b> until the page started writing its
 * answer, and <b>back</b> from then until the server side completed the request (the socket, Jetty reading the frame,
 * for a command the driver and the phone's lane). Besides the legs, <b>call</b> is how long the start call itself took
 * on the pacing thread (for a command, the verb: planning and sending on the lent lane, arming its timeouts); it
 * overlaps <i>out</i> and delays the requests after it. Requests go round-robin over the pages ({@code k % pages})
 * and each page reads its own in order, so request {@code k} is entry {@code k / pages} of page {@code k % pages}.
 * Comparing the legs of commands and echoes shows where a difference in the tail lies.
 */
final class RoundTripLegs {
    private static final String[] LEGS = {"Late", "Out", "Page", "Back", "Call"};

    private RoundTripLegs() {
    }

    /**
     * Puts each leg's p50 and p99, and its mean over the slowest 1% of round trips, into {@code metrics} as
     * {@code bridge.<name><Leg>P50Micros}, {@code …P99Micros} and {@code …TailMeanMicros}, and prints them.
     *
     * @param name    {@code command} or {@code echo}
     * @param loop    the finished measurement
     * @param pages   the pages' logs, in the order requests went round
     * @param metrics where the figures go
     * @return false (with nothing recorded) when a page did not log exactly the requests sent to it
     */
    static boolean record(String name, OpenLoop loop, List<LoadPage.TurnLog> pages, Map<String, Double> metrics) {
        int n = pages.size();
        for (int p = 0; p < n; p++) {
            int expected = loop.sent() / n + (p < loop.sent() % n ? 1 : 0);
            if (pages.get(p).size() != expected) {
                System.out.printf("%s legs: page %d logged %d requests, %d were sent to it; legs not split%n", name,
                        p, pages.get(p).size(), expected);
                return false;
            }
        }
        int from = loop.firstMeasured();
        long[][] legs = new long[LEGS.length][];
        long[] total = new long[loop.sent() - from];
        int m = 0;
        for (int i = 0; i < LEGS.length; i++) {
            legs[i] = new long[total.length];
        }
        for (int k = from; k < loop.sent(); k++) {
            long latency = loop.latencyNanos(k);
            if (latency < 0) {
                continue;
            }
            LoadPage.TurnLog log = pages.get(k % n);
            long due = loop.intendedNanos(k);
            long received = log.received(k / n);
            long answered = log.answered(k / n);
            long started = loop.startedNanos(k);
            legs[0][m] = started - due;
            legs[1][m] = received - started;
            legs[2][m] = answered - received;
            legs[3][m] = due + latency - answered;
            legs[4][m] = loop.returnedNanos(k) - started;
            total[m] = latency;
            m++;
        }
        if (m == 0) {
            return false;
        }
        // the slowest 1% by round trip, at least one: a fixed count, so ties at the p99 do not widen it
        int tailCount = Math.max(1, (int) Math.ceil(0.01 * m));
        Integer[] bySpeed = new Integer[m];
        for (int j = 0; j < m; j++) {
            bySpeed[j] = j;
        }
        Arrays.sort(bySpeed, (a, b) -> Long.compare(total[b], total[a]));
        StringBuilder line = new StringBuilder(name).append(" legs (us):");
        for (int i = 0; i < LEGS.length; i++) {
            long[] sorted = Arrays.copyOf(legs[i], m);
            Arrays.sort(sorted);
            double p50 = OpenLoop.quantileMicros(sorted, 0.50);
            double p99 = OpenLoop.quantileMicros(sorted, 0.99);
            double tailSum = 0;
            for (int j = 0; j < tailCount; j++) {
                tailSum += legs[i][bySpeed[j]];
            }
            double tailMean = tailSum / tailCount / 1e3;
            String key = "bridge." + name + LEGS[i];
            metrics.put(key + "P50Micros", p50);
            metrics.put(key + "P99Micros", p99);
            metrics.put(key + "TailMeanMicros", tailMean);
            line.append(String.format(Locale.ROOT, " %s p50 %.0f p99 %.0f slowest-1%%-mean %.0f;",
                    LEGS[i].toLowerCase(Locale.ROOT), p50, p99, tailMean));
        }
        System.out.println(line);
        return true;
    }
}
