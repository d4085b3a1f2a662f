package dev.softphone.amazonconnect;

import java.net.URI;

/** A started server carrying the bridge in a transport test: where its socket and script are, and how to stop it. */
interface BridgeTransportUnderTest extends AutoCloseable {
    /** @return the bridge socket's address */
    URI bridgeUri();

    /** @return {@code http://host:port} */
    URI baseUri();

    /** @return where the bridge script is served */
    default URI scriptUri() {
        return baseUri().resolve(StreamsBridgeServer.SCRIPT_PATH);
    }

    /** Stops the server; open pages are closed with 1001. */
    @Override
    void close();

    /**
     * @param server the embedded server, started
     * @return it as a transport under test
     */
    static BridgeTransportUnderTest of(StreamsBridgeServer server) {
        return new BridgeTransportUnderTest() {
            @Override
            public URI bridgeUri() {
                return server.bridgeUri();
            }

            @Override
            public URI baseUri() {
                return server.baseUri();
            }

            @Override
            public void close() {
                server.close();
            }
        };
    }
}
