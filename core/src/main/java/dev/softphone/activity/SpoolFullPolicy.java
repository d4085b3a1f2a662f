package dev.softphone.activity;

/** What the durable spool does when it reached its size limit (see {@code docs/reporting.md}). */
public enum SpoolFullPolicy {
    /**
     * Keep everything already stored and refuse new records until sinks catch up. Each refused record is logged at
     * ERROR, with its full JSON, on the logger {@code dev.softphone.activity.lost}, and counted in
     * {@link ActivityStats#refused()}. The default: what was accepted stays complete and in order.
     */
    REJECT_NEW,
    /**
     * Make room by deleting the oldest segment, even if some sink has not read it; the sinks that lose records log how
     * many at ERROR. For deployments where the latest activity matters more than the oldest.
     */
    DROP_OLDEST
}
