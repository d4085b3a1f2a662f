package dev.softphone.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of {@code java -jar target/softphone-cli.jar …} in a separate process, as a user types it.
 *
 * @param exitCode the exit code
 * @param out      standard output
 * @param err      standard error
 */
record JarRun(int exitCode, String out, String err) {

    /** @return the shaded jar (system property {@code cli.jar}, set by the build, else {@code target/…}) */
    static Path jar() {
        Path jar = Path.of(System.getProperty("cli.jar", "target/softphone-cli.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " does not exist: process tests run after `package` (mvn verify)");
        }
        return jar;
    }

    /**
     * Runs the jar and waits for it.
     *
     * @param stdin what to feed standard input, or null
     * @param args  the arguments
     * @return the run
     * @throws IOException          when the process cannot start
     * @throws InterruptedException when interrupted
     */
    static JarRun of(String stdin, String... args) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-jar", jar().toString()));
        command.addAll(List.of(args));
        Path dir = Files.createTempDirectory("softphone-cli-run");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("softphone-cli " + String.join(" ", args) + " did not finish within 120 s");
        }
        JarRun run = new JarRun(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        Files.delete(dir);
        return run;
    }
}
