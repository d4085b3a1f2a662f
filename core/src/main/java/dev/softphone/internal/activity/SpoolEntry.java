package dev.softphone.internal.activity;

/**
 * One stored record as read back from the spool.
 *
 * @param position where the record starts
 * @param next     where the record after it starts
 * @param payload  the stored bytes
 * @param decoded  the object the bytes were encoded from, when this process appended them recently; else null
 */
public record SpoolEntry(SpoolPosition position, SpoolPosition next, byte[] payload, Object decoded) {
}
