package dev.softphone.amazonconnect;

import org.junit.jupiter.api.DisplayName;

/** The bridge contract on the embedded server, whose socket runs on Jetty's WebSocket core API. */
@DisplayName("Bridge over a loopback WebSocket: embedded server (Jetty WebSocket core)")
class BridgeLoopbackTest extends BridgeLoopbackContract {
    @Override
    BridgeTransportUnderTest startServer(StreamsBridgeHub hub) {
        return BridgeTransportUnderTest.of(StreamsBridgeServer.builder().hub(hub).build().start());
    }
}
