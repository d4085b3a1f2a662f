package dev.softphone;

import java.time.Duration;

/** The softphone did not answer a command within the command timeout. The command may or may not have run. */
public class CommandTimeoutException extends SoftphoneException {
    private static final long serialVersionUID = 1L;

    /**
     * @param command what was asked
     * @param timeout how long the SDK waited
     */
    public CommandTimeoutException(String command, Duration timeout) {
        super("the softphone did not answer " + command + " within " + timeout.toMillis() + " ms");
    }
}
