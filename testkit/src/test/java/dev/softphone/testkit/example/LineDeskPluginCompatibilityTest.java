package dev.softphone.testkit.example;

import dev.softphone.spi.SoftphonePlugin;
import dev.softphone.testkit.SoftphonePluginCompatibilityKit;
import dev.softphone.testkit.VendorSimulator;
import org.junit.jupiter.api.DisplayName;

/** The example plugin of {@code docs/writing-a-plugin.md} passes the compatibility kit over a real TCP socket. */
@DisplayName("linedesk plugin: compatibility kit")
class LineDeskPluginCompatibilityTest extends SoftphonePluginCompatibilityKit {

    @Override
    protected SoftphonePlugin plugin() {
        return new LineDeskPlugin();
    }

    @Override
    protected VendorSimulator startVendor() throws Exception {
        return new LineDeskSimulator();
    }
}
