package dev.softphone.amazonconnect.internal.bridge;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("UTF-8 validation of bridge text messages")
class Utf8ValidationTest {

    @Test
    @DisplayName("text of every plane, ASCII runs and an empty message are valid, also at an offset")
    void validText() {
        String text = "{\"name\":\"Caf\u00e9 \u2615 \ud83d\ude00 \u0800 \uffff \ud800\udc00 \udbff\udfff\"}"
                + "x".repeat(37);
        byte[] b = ("..." + text).getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.invalidAt(b, 3, b.length - 3)).isEqualTo(-1);
        assertThat(Utf8.invalidAt(b, 0, 0)).isEqualTo(-1);
    }

    @Test
    @DisplayName("overlong forms, surrogates, code points above U+10FFFF, stray and cut sequences are found where they start")
    void invalidForms() {
        byte[][] bad = {
                {(byte) 0xC0, (byte) 0x80}, // overlong NUL
                {(byte) 0xE0, (byte) 0x9F, (byte) 0xBF}, // overlong
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // surrogate U+D800
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // U+110000
                {(byte) 0xF0, (byte) 0x8F, (byte) 0xBF, (byte) 0xBF}, // overlong
                {(byte) 0x80}, // stray continuation
                {(byte) 0xFF},
                {(byte) 0xE2, (byte) 0x98}, // cut at the end
                {(byte) 0xC3, 'a'},
        };
        for (byte[] sequence : bad) {
            byte[] b = new byte[12 + sequence.length];
            java.util.Arrays.fill(b, (byte) 'a');
            System.arraycopy(sequence, 0, b, 10, sequence.length);
            int length = sequence[0] == (byte) 0xE2 ? b.length - 2 : b.length; // the cut one ends the text
            assertThat(Utf8.invalidAt(b, 0, length)).as("%s", java.util.Arrays.toString(sequence)).isEqualTo(10);
        }
    }
}
