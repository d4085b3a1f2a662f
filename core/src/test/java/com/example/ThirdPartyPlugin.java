package com.example;

import dev.softphone.spi.ManualOnlyPlugin;

/** A plugin from outside softphone-sdk's packages, for the reserved-id rule. */
public final class ThirdPartyPlugin extends ManualOnlyPlugin {
    public ThirdPartyPlugin(String id) {
        super(id);
    }
}
