package dev.softphone.activity;

import dev.softphone.SoftphoneException;

import java.util.List;

/**
 * An activity sink or {@link ActivityReporting} was configured wrongly. Every problem is listed, not just the first.
 */
public class ActivityConfigurationException extends SoftphoneException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /**
     * @param what     what was being built, for example {@code "QueueMetrics sink"}
     * @param problems each problem, in words that say how to fix it
     */
    public ActivityConfigurationException(String what, List<String> problems) {
        super(format(what, problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found */
    public List<String> problems() {
        return problems;
    }

    /**
     * Throws when there are problems.
     *
     * @param what     what was being built
     * @param problems the problems found
     * @throws ActivityConfigurationException when {@code problems} is not empty
     */
    public static void throwIfAny(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ActivityConfigurationException(what, problems);
        }
    }

    private static String format(String what, List<String> problems) {
        StringBuilder sb = new StringBuilder("the " + what + " configuration has " + problems.size()
                + (problems.size() == 1 ? " problem:" : " problems:"));
        for (String p : problems) {
            sb.append("\n - ").append(p);
        }
        return sb.toString();
    }
}
