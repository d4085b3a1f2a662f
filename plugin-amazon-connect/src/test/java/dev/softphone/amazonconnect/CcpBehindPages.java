package dev.softphone.amazonconnect;

import dev.softphone.testkit.BridgePageClient;
import dev.softphone.testkit.amazon.SimulatedCcp;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A simulated CCP behind the test's bridge pages: every page made here hands the commands it receives to the CCP,
 * as {@code streams-bridge.js} hands them to Streams, unless the CCP is told to stop answering (a hung vendor, or a
 * command that must still be in flight when the page dies).
 */
final class CcpBehindPages {
    private final SimulatedCcp ccp;
    private final AtomicBoolean silent = new AtomicBoolean();

    /** @param ccp the CCP the pages relay to */
    CcpBehindPages(SimulatedCcp ccp) {
        this.ccp = ccp;
    }

    /** @param silent true: commands reach no CCP (and get no result) until set back to false */
    void silent(boolean silent) {
        this.silent.set(silent);
    }

    /**
     * @param bridgeUri the bridge socket
     * @param token     the pairing token
     * @param wait      the page's timeout
     * @return a page, not connected yet
     */
    BridgePageClient newPage(URI bridgeUri, String token, Duration wait) {
        return BridgePageClient.builder(bridgeUri).token(token)
                .commandHandler((command, page) -> {
                    if (!silent.get()) {
                        ccp.receive(command.raw());
                    }
                }).timeout(wait).build();
    }
}
