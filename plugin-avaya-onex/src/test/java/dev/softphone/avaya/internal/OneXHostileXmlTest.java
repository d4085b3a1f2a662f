package dev.softphone.avaya.internal;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hostile one-X answers from the hand-made corpus in {@code src/test/resources/hostile/onex}. Each yields a parsed
 * answer or a {@link OneXXml.MalformedAnswerException} saying what is wrong: no other exception, no entity expansion,
 * no file or network access, no answer above the size limit read. Random bodies are in {@link OneXHostileXmlProperties}.
 */
@DisplayName("Hostile one-X XML yields a clear error or a safe answer")
class OneXHostileXmlTest {

    /** Files that must be refused, and a word the error must contain. */
    private static final List<List<String>> REFUSED = List.of(
            List.of("billion-laughs.xml", "DOCTYPE"),
            List.of("external-entity-file.xml", "DOCTYPE"),
            List.of("external-parameter-entity.xml", "DOCTYPE"),
            List.of("external-dtd.xml", "DOCTYPE"),
            List.of("truncated.xml", "not acceptable XML"),
            List.of("non-numeric-code.xml", "ResponseCode"),
            List.of("missing-code.xml", "ResponseCode"),
            List.of("overflowing-code.xml", "ResponseCode"),
            List.of("empty.xml", "not acceptable XML"),
            List.of("binary-garbage.xml", "not acceptable XML"),
            List.of("duplicate-attribute.xml", "not acceptable XML"),
            List.of("oversized.xml", "bytes"));

    /** Files with oddities a parser must tolerate. */
    private static final List<String> TOLERATED = List.of("unknown-elements.xml",
            "unknown-enum-and-control-chars.xml", "deeply-nested.xml", "huge-attribute.xml", "namespaced.xml");

    @TestFactory
    @DisplayName("R2: every refused file of the corpus fails with MalformedAnswerException naming the problem")
    Stream<DynamicTest> refused() {
        return REFUSED.stream().map(c -> DynamicTest.dynamicTest(c.get(0), () -> {
            byte[] body = corpus(c.get(0));
            assertThatThrownBy(() -> OneXXml.parse(body))
                    .isInstanceOf(OneXXml.MalformedAnswerException.class)
                    .hasMessageContaining(c.get(1));
        }));
    }

    @TestFactory
    @DisplayName("R2: tolerable oddities (unknown elements and values, deep nesting, huge attributes) parse safely")
    Stream<DynamicTest> tolerated() {
        return TOLERATED.stream().map(name -> DynamicTest.dynamicTest(name, () ->
                assertThat(OneXXml.parse(corpus(name)).responseCode()).isZero()));
    }

    @TestFactory
    @DisplayName("R2: every file in the corpus is listed as refused or tolerated")
    Stream<DynamicTest> corpusIsCovered() throws IOException, URISyntaxException {
        Path dir = Path.of(OneXHostileXmlTest.class.getResource("/hostile/onex").toURI());
        List<String> listed = Stream.concat(REFUSED.stream().map(c -> c.get(0)), TOLERATED.stream()).toList();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList().stream()
                    .map(name -> DynamicTest.dynamicTest(name, () -> assertThat(listed).contains(name)));
        }
    }

    static byte[] corpus(String name) {
        try (InputStream in = OneXHostileXmlTest.class.getResourceAsStream("/hostile/onex/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
