package dev.softphone.internal.activity;

import java.io.IOException;

/** The spool refused a record because it reached its size limit (policy {@code REJECT_NEW}) or its hand-off buffer. */
public final class SpoolFullException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what limit was reached
     */
    public SpoolFullException(String message) {
        super(message);
    }
}
