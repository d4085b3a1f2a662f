package dev.softphone.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve}: the browser demo. An agent-application page drives a {@code Phone} whose Amazon Connect plugin talks
 * bridge protocol v1 over a real WebSocket to the simulated CCP; a "softphone window" panel clicks in the CCP itself.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the browser demo: Phone and the vendor's window side by side.",
                "An agent-application page with a button for every Phone verb, the "
                + "agent state, the calls and a live event timeline, beside a softphone window that acts as the agent "
                + "clicking in the vendor's own CCP. The phone talks to the simulated CCP over bridge protocol v1 on a "
                + "real WebSocket (embedded bridge server on a free loopback port).",
                "Runs until interrupted (Ctrl-C). Exit codes: 0 stopped, 1 failure (e.g. the port is taken), "
                        + "2 usage error.",
                "Example: serve --port 8080, then open http://127.0.0.1:8080/"})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "the page's port (default: ${DEFAULT-VALUE}; "
            + "0 for any free port)")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "the address to listen on (default: "
            + "${DEFAULT-VALUE})")
    String host;

    @Option(names = "--for", paramLabel = "SECONDS", description = "stop after this many seconds (default: until "
            + "interrupted)")
    Long seconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, got " + port);
        }
        if (seconds != null && seconds <= 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--for must be a positive number of seconds");
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (ServeSession session = ServeSession.start(); ServeHttp http = ServeHttp.start(session, host, port)) {
            out.println("softphone-sdk browser demo: open " + http.uri());
            out.println("(phone '" + ServeSession.PHONE_ID + "' on amazon-connect; the simulated CCP is paired over "
                    + session.bridgeAddress() + "; Ctrl-C to stop)");
            out.flush();
            if (seconds != null) {
                stop.await(seconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            return SoftphoneCli.OK;
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot serve on " + host + ":" + port + ": " + e.getMessage());
            return SoftphoneCli.FAILURE;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting
            }
        }
    }
}
