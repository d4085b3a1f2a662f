package dev.softphone.cli;

import dev.softphone.Phone;
import dev.softphone.PhoneEvent;
import dev.softphone.PhoneEventJson;
import dev.softphone.PhoneListener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code watch}: connects to a real softphone and prints its events as JSON lines until stopped or for the given
 * time. The first thing to run when wiring the SDK to a live system.
 */
@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Connect to a softphone and print its events as JSON lines (DESIGN §5).",
                "Example: watch --plugin avaya-onex --set base-url=http://127.0.0.1:60000 --for 60"})
final class WatchCommand implements Callable<Integer> {

    @Option(names = "--plugin", required = true, description = "the plugin id, e.g. avaya-onex or amazon-connect")
    String plugin;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "a plugin setting, without the plugin prefix (repeatable), e.g. base-url=http://…")
    Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--for", paramLabel = "SECONDS", description = "stop after this many seconds (default: until "
            + "interrupted)")
    Long seconds;

    @Option(names = "--id", description = "the phone id (default: watch)")
    String id = "watch";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (seconds != null && seconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--for must be a positive number of seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<String, String> config = new LinkedHashMap<>();
        settings.forEach((k, v) -> config.put(plugin + "." + k, v));
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "watch-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (Phone phone = Phone.builder().id(id).plugin(plugin).config(config).listener(new PhoneListener() {
            @Override
            public void onEvent(PhoneEvent event) {
                synchronized (out) {
                    out.println(PhoneEventJson.toJson(event));
                    out.flush();
                }
            }
        }).build()) {
            spec.commandLine().getErr().println("watching " + plugin + " as phone '" + phone.id() + "'; capabilities "
                    + phone.capabilities());
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: nothing to remove
            }
        }
        return SoftphoneCli.OK;
    }
}
