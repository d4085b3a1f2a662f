package dev.softphone.benchmarks;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Checks that benchmark 2's program measures what it says, scaled down. It asserts nothing about speed (that is for
 * {@code benchmarks/run}), only that every figure the report needs is there and sane.
 */
@DisplayName("ManyPhonesMain: benchmark 2, scaled down")
class ManyPhonesMainTest {

    @Test
    @DisplayName("measures one phone and many in paired rounds, and writes every figure the report reads")
    void writesTheFigures(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("many-phones.metrics.json");

        ManyPhonesMain.main(new String[] {"--phones", "40", "--snapshots", "400", "--rounds", "2", "--out",
                out.toString()});

        JsonNode m = JsonMapper.builder().build().readTree(out.toFile());
        assertThat(m.get("manyPhones.rounds").asDouble()).isEqualTo(2.0);
        assertThat(m.get("manyPhones.phones").asDouble()).isEqualTo(40.0);
        assertThat(m.get("manyPhones.cpuNanosPerSnapshot.1").asDouble()).isPositive();
        assertThat(m.get("manyPhones.cpuNanosPerSnapshot.40").asDouble()).isPositive();
        assertThat(m.get("manyPhones.retainedBytesPerPhone").asDouble()).isPositive();
        assertThat(m.get("manyPhones.threadsAdded").asDouble()).isLessThanOrEqualTo(8.0);
    }

    @Test
    @DisplayName("refuses fewer than one round")
    void noRounds() {
        assertThatThrownBy(() -> ManyPhonesMain.main(new String[] {"--rounds", "0"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--rounds");
    }
}
