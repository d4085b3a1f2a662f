package dev.softphone.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("--help on every command, exit codes for usage errors")
class HelpTest {

    @ParameterizedTest(name = "{0} --help")
    @ValueSource(strings = {"", "demo", "serve", "replay", "watch", "scenarios", "scenarios list",
            "scenarios export"})
    @DisplayName("--help prints the command's usage and exits 0")
    void help(String command) {
        String[] words = command.isEmpty() ? new String[0] : command.split(" ");
        String[] args = java.util.Arrays.copyOf(words, words.length + 1);
        args[words.length] = "--help";
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: softphone" + (command.isEmpty() ? "" : " " + command));
    }

    @Test
    @DisplayName("the top-level help names every command of DESIGN §7")
    void commands() {
        assertThat(CliRun.of("--help").out()).contains("demo", "serve", "replay", "watch", "scenarios");
    }

    @Test
    @DisplayName("no command, an unknown command or an unknown option is a usage error (exit 2)")
    void usageErrors() {
        assertThat(CliRun.of().exitCode()).isEqualTo(2);
        CliRun unknown = CliRun.of("dance");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument", "dance");
        assertThat(CliRun.of("demo", "--fast").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("serve", "--port", "70000").exitCode()).isEqualTo(2);
    }
}
