package dev.softphone.amazonconnect.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs each unknown vendor value (an enum value Streams added after this plugin was written) once per phone, so a new
 * value is visible in the logs without flooding them on every snapshot (the page relays about ten per second).
 * Thread-safe.
 */
public final class UnknownValues {
    private static final Logger LOG = LoggerFactory.getLogger(UnknownValues.class);
    private static final int MAX_REMEMBERED = 1024;
    /**
     * The most characters of a value remembered and logged. A hostile page can put megabytes into an enum field; without
     * a cut, 1,024 remembered values could hold a gigabyte and each log line carry a whole payload.
     */
    static final int MAX_VALUE_CHARS = 80;

    private final String phoneId;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    /**
     * @param phoneId the phone, for log lines
     */
    public UnknownValues(String phoneId) {
        this.phoneId = phoneId;
    }

    /**
     * Reports an unknown value the first time it is seen.
     *
     * @param what     which field (for example {@code connection state})
     * @param value    the unknown value
     * @param mappedTo what the plugin does with it instead
     * @return true when this was the first time
     */
    public boolean report(String what, String value, String mappedTo) {
        // Cut, masked and with control characters escaped, as every log line that may carry page data.
        String shown = dev.softphone.spi.LogMasking.text(String.valueOf(value), MAX_VALUE_CHARS);
        String key = what + '\u0000' + shown;
        if (seen.size() >= MAX_REMEMBERED || !seen.add(key)) {
            return false;
        }
        LOG.warn("phone {}: unknown Amazon Connect {} '{}'; treated as {} (logged once)", phoneId, what, shown,
                mappedTo);
        return true;
    }

    /** @return how many distinct unknown values were reported */
    public int count() {
        return seen.size();
    }
}
