package dev.softphone.spi;

import dev.softphone.Capability;
import dev.softphone.ManualInstruction;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A minimal plugin for discovery tests: it can do nothing from code, so every verb answers manual. */
public class ManualOnlyPlugin implements SoftphonePlugin {
    private final String id;

    public ManualOnlyPlugin(String id) {
        this.id = id;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String version() {
        return "test";
    }

    @Override
    public List<String> validate(PluginConfig config) {
        return config.find("required").filter(String::isEmpty)
                .map(v -> List.of(id + ".required must not be empty")).orElse(List.of());
    }

    @Override
    public SoftphoneDriver create(PluginContext context) {
        return new SoftphoneDriver() {
            @Override
            public void start() {
                context.observe(new Observation(ObservedAgent.of(dev.softphone.AgentState.READY), List.of()));
            }

            @Override
            public Set<Capability> capabilities() {
                return Set.of();
            }

            @Override
            public CompletionStage<Void> execute(DriverCommand command) {
                return CompletableFuture.failedFuture(new AssertionError("never called: no capabilities"));
            }

            @Override
            public ManualInstruction manualInstruction(Capability capability, DriverCommand command) {
                return ManualInstruction.of("manual." + capability, "Do it by hand: " + command.describe());
            }

            @Override
            public void close() {
            }
        };
    }

    /** Same id, another class: for the duplicate-id rule. */
    public static final class Twin extends ManualOnlyPlugin {
        public Twin(String id) {
            super(id);
        }
    }

    /** A no-argument variant for ServiceLoader. */
    public static final class Default extends ManualOnlyPlugin {
        public Default() {
            super("manual-default");
        }
    }
}
