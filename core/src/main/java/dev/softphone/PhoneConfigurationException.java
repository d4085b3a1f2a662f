package dev.softphone;

import java.util.List;

/** {@link PhoneBuilder#build()} found problems. Every problem is listed, not just the first. */
public class PhoneConfigurationException extends SoftphoneException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    /**
     * @param problems each problem, in words that say how to fix it
     */
    public PhoneConfigurationException(List<String> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** @return every problem found */
    public List<String> problems() {
        return problems;
    }

    private static String format(List<String> problems) {
        StringBuilder sb = new StringBuilder("the phone configuration has " + problems.size()
                + (problems.size() == 1 ? " problem:" : " problems:"));
        for (String p : problems) {
            sb.append("\n - ").append(p);
        }
        return sb.toString();
    }
}
