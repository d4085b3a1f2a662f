package dev.softphone.internal.call;

import dev.softphone.TransferMode;

/**
 * Rule T11 of {@code docs/transfer-detection.md}: names how a completed transfer happened, from the strongest
 * evidence down. Pure.
 */
final class TransferModeRule {
    private TransferModeRule() {
    }

    /**
     * @param consult        what was seen of the third party that kept the customer
     * @param blindRequested true when this phone's own blind transfer made the agent leave
     * @return the mode
     */
    static TransferMode decide(Consult consult, boolean blindRequested) {
        if (consult.wasJoined()) {
            return TransferMode.CONFERENCE;
        }
        if (blindRequested || !consult.wasConnectedWhileAgentOn()) {
            return TransferMode.BLIND;
        }
        if (consult.provesConsultation()) {
            return TransferMode.CONSULTED;
        }
        return TransferMode.UNDETERMINED;
    }
}
