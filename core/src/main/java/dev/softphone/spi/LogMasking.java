package dev.softphone.spi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data and secrets before they reach a log line: phone numbers, pairing tokens and customer data
 * (remote numbers, contact attributes) are replaced by a short shape that still helps debugging (length, last two
 * digits) but does not identify anybody. Core and plugins pass every value of that kind through these methods.
 *
 * <p>Masking is on by default. It is configured once per JVM with the system property {@value #PROPERTY}: {@code
 * false} logs the values in clear (for a developer's machine, never for production), anything else keeps masking.
 * Thread-safe; the methods never throw and accept {@code null}.
 */
public final class LogMasking {
    /** The system property that turns masking off when set to {@code false}. */
    public static final String PROPERTY = "softphone.log.mask";

    /**
     * An ISO-8601 date-time (kept: a time is not customer data, and a masked one makes a log useless), or else a run
     * of digits, possibly with the separators people write numbers with, long enough to be a number (masked).
     */
    private static final Pattern NUMBER = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)"
                    + "|\\+?\\d[\\d ()./-]{3,}\\d");
    /** JSON members whose values are secrets or customer data, whatever their content. */
    private static final Pattern SENSITIVE_MEMBER = Pattern.compile(
            "(\"(?:token|pairingToken|authToken|password|secret|remote|phoneNumber|number|endpoint|address"
                    + "|attributes|customer|displayName|customerName)\"\\s*:\\s*)(\"(?:[^\"\\\\]|\\\\.)*\"|\\{[^{}]*}|-?\\d+)",
            Pattern.CASE_INSENSITIVE);

    private LogMasking() {
    }

    /** @return true when masking is on (the default) */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY));
    }

    /**
     * Masks a phone number, keeping its last two digits: {@code +15550100} becomes {@code ******00}.
     *
     * @param number the number, or null
     * @return the masked form (the number itself when masking is off)
     */
    public static String phoneNumber(String number) {
        if (number == null || !enabled()) {
            return number;
        }
        String digits = number.replaceAll("\\D", "");
        if (digits.length() <= 2) {
            return "*".repeat(number.length());
        }
        return "*".repeat(digits.length() - 2) + digits.substring(digits.length() - 2);
    }

    /**
     * Masks a secret such as a pairing token: only its length shows.
     *
     * @param token the token, or null
     * @return {@code <token: n chars>} (the token itself when masking is off)
     */
    public static String token(String token) {
        if (token == null || !enabled()) {
            return token;
        }
        return "<token: " + token.length() + " chars>";
    }

    /**
     * Masks free text that may carry customer data (an error message, a vendor payload, a record in JSON): the values
     * of sensitive JSON members are replaced whole, and every other run that looks like a phone number keeps only
     * its last two digits. Long text is cut, so one hostile payload cannot flood the log, and control characters are
     * escaped (as a backslash, {@code u} and four hex digits) even with masking off, so a payload cannot end the log
     * line and forge the next one.
     *
     * @param text the text, or null
     * @param maxChars the most characters kept
     * @return the masked text
     */
    public static String text(String text, int maxChars) {
        if (text == null) {
            return null;
        }
        String cut = escapeControls(text.length() > maxChars ? text.substring(0, maxChars) + "…(" + text.length()
                + " chars)" : text);
        if (!enabled()) {
            return cut;
        }
        Matcher m = SENSITIVE_MEMBER.matcher(cut);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + "\"<masked>\""));
        }
        m.appendTail(sb);
        Matcher n = NUMBER.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (n.find()) {
            String found = n.group();
            n.appendReplacement(out, Matcher.quoteReplacement(n.group(1) != null ? found : phoneNumber(found)));
        }
        n.appendTail(out);
        return out.toString();
    }

    private static String escapeControls(String s) {
        int i = 0;
        while (i < s.length() && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isControl(c)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029;
    }
}
