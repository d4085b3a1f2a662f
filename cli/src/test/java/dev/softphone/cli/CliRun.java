package dev.softphone.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/**
 * One run of the command line in this JVM, with what it printed.
 *
 * @param exitCode the exit code
 * @param out      standard output
 * @param err      standard error
 */
record CliRun(int exitCode, String out, String err) {

    /**
     * @param args the arguments
     * @return the run
     */
    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SoftphoneCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return standard output's lines */
    List<String> outLines() {
        return out.lines().toList();
    }

    /** @return standard error's lines */
    List<String> errLines() {
        return err.lines().toList();
    }
}
