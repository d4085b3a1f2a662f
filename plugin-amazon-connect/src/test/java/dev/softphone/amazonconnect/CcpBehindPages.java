package dev.softphone.amazonconnect;

import dev.softphone.testkit.BridgeCommand;
import dev.softphone.testkit.BridgePageClient;
import dev.softphone.testkit.amazon.SimulatedCcp;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A simulated CCP behind the test's bridge pages: every page made here hands the commands it receives to the CCP,
 * as {@code streams-bridge.js} hands them to Streams, unless the CCP is told to stop answering (a hung vendor, or a
 * command that must still be in flight when the page dies).
 */
final class CcpBehindPages {
    private final SimulatedCcp ccp;
    private final AtomicBoolean silent = new AtomicBoolean();
    /** Commands the relay decided not to hand to the CCP; guarded by itself. */
    private final List<BridgeCommand> withheld = new ArrayList<>();

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
                    } else {
                        synchronized (withheld) {
                            withheld.add(command);
                            withheld.notifyAll();
                        }
                    }
                }).timeout(wait).build();
    }

    /**
     * Waits until the relay withheld a matching command from the CCP. A page records a command before its handler
     * runs (on another thread), so seeing the command at the page does not yet mean the relay decided; a test that
     * lets the CCP answer again must first wait for this, or a late handler would hand the command to the CCP.
     *
     * @param which the command
     * @param wait  how long to wait
     * @return the withheld command
     */
    BridgeCommand awaitWithheld(Predicate<BridgeCommand> which, Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (withheld) {
            while (true) {
                for (BridgeCommand c : withheld) {
                    if (which.test(c)) {
                        return c;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching command was withheld within " + wait + "; withheld: "
                            + withheld);
                }
                TimeUnit.NANOSECONDS.timedWait(withheld, left);
            }
        }
    }
}
