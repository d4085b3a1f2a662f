package dev.softphone.internal.activity;

/**
 * A place in the spool: a segment number and a byte offset inside it. Ordered by segment, then offset.
 *
 * @param segment the segment number, from 1
 * @param offset  the byte offset in the segment
 */
public record SpoolPosition(long segment, long offset) implements Comparable<SpoolPosition> {

    /** Validates the components. */
    public SpoolPosition {
        if (segment < 1 || offset < 0) {
            throw new IllegalArgumentException("bad spool position " + segment + ":" + offset);
        }
    }

    @Override
    public int compareTo(SpoolPosition o) {
        int c = Long.compare(segment, o.segment);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    @Override
    public String toString() {
        return segment + ":" + offset;
    }
}
