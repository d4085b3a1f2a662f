package dev.softphone.cli;

import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/**
 * {@code java -jar softphone-cli.jar <command>}: the SDK's command line (DESIGN §7). Exit codes: 0 success,
 * 1 failure, 2 usage errors or skipped input.
 */
@Command(name = "softphone", mixinStandardHelpOptions = true, versionProvider = SoftphoneCli.Version.class,
        description = "softphone-sdk: drive and observe softphones through one Phone facade.",
        subcommands = {DemoCommand.class, ServeCommand.class, ReplayCommand.class, WatchCommand.class,
                ScenariosCommand.class, CommandLine.HelpCommand.class})
public final class SoftphoneCli implements Runnable {

    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code for a failure. */
    public static final int FAILURE = 1;
    /** Exit code for usage errors or skipped input. */
    public static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command line without exiting (for tests and embedding).
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        return run(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true), args);
    }

    /**
     * Runs the command line with the given output streams, without exiting (for tests and embedding).
     *
     * @param out  standard output
     * @param err  standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SoftphoneCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            line.getErr().println("error: " + e.getMessage());
            return FAILURE;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return USAGE;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SoftphoneCli.class.getPackage().getImplementationVersion();
            return new String[]{"softphone-sdk " + (v != null ? v : "(development build)")};
        }
    }
}
