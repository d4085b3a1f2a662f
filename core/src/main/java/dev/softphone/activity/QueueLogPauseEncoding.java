package dev.softphone.activity;

/**
 * How the QueueMetrics sink writes a pause and its reason; the three encodings seen in the wild, plus all of them at
 * once. See the mapping table in {@code docs/reporting.md}.
 */
public enum QueueLogPauseEncoding {
    /** Asterisk's own: {@code PAUSEALL|code}, then {@code PAUSE|code} per member queue. */
    ASTERISK,
    /**
     * Loway's dialplan: {@code PAUSEALL|} and {@code PAUSE|} per queue without reason, then
     * {@code PAUSEREASON|code}.
     */
    QUEUEMETRICS,
    /**
     * VICIdial's: {@code PAUSEALL|} without reason, then {@code PAUSEREASON|code}; unpause is {@code UNPAUSEALL}
     * only.
     */
    VICIDIAL,
    /**
     * The default: {@code PAUSEALL|code}, {@code PAUSE|code} per queue and {@code PAUSEREASON|code}, all with the same
     * time. Whichever of the three lines a QueueMetrics version reads the code from, it finds it.
     */
    ALL
}
